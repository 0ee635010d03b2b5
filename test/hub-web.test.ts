// The web view in a real browser (Debian's Chromium, driven by playwright-core) against a
// hub with partners over mutual TLS: a push makes EVSEs appear on the map, in their status
// colours where they are, and in the list; a refused push appears in the live traffic with
// the member its error points at marked; a remote start at a simulated charge point shows as
// a timeline down to the CDR. Each page is kept as a screenshot (the folder is printed).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { STATUSES } from '../hub/web/api.js'
import { worldX, worldY } from '../hub/web/map-columns.js'
import {
  EVCO,
  evse,
  OPERATOR,
  OTHER_OPERATOR,
  PROVIDER,
  pushStations,
  startWorld,
  type World,
} from './support/hub-setup.js'
import { hex, launchBrowser, near, readPng, screenshotDir } from './support/hub-web.js'

// As the page colours them (hub/web/client/format.ts).
const COLOURS = { Available: '#1a9850', Occupied: '#e08214', OutOfService: '#d73027' } as const
const LAND = '#f7f5ef'
const SEA = '#dfe9f2'

let world: World
let browser: Browser
const pageErrors: string[] = []

test.before(async () => {
  ;[world, browser] = await Promise.all([startWorld({ web: {} }), launchBrowser()])
})

test.after(async () => {
  await browser?.close()
  await world?.close()
})

async function open(hash: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  page.on('pageerror', (e) => pageErrors.push(String(e)))
  await page.goto(`${world.hub.webUrl}${hash}`)
  return page
}

async function shot(page: Page, name: string): Promise<string> {
  const file = join(screenshotDir(), name)
  writeFileSync(file, await page.screenshot())
  return file
}

/** Where a position is on the canvas, from the view the page says it drew. */
async function onCanvas(page: Page, lat: number, lon: number): Promise<[number, number]> {
  const canvas = page.locator('canvas.map')
  const [cx, cy, zoom] = (await canvas.getAttribute('data-view'))!.split(',').map(Number) as [number, number, number]
  const box = (await canvas.boundingBox())!
  const w = 256 * 2 ** zoom
  return [(worldX(lon) - cx) * w + box.width / 2, (worldY(lat) - cy) * w + box.height / 2]
}

/** Waits until the canvas has been drawn with what the last answer brought (the status line and a frame after it). */
async function drawn(page: Page, text: string): Promise<void> {
  await page.locator('#map-status', { hasText: text }).waitFor()
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))')
}

const SPOTS: Array<[number, number, keyof typeof COLOURS]> = [
  [52.52, 13.4, 'Available'],
  [48.14, 11.58, 'Occupied'],
  [50.94, 6.96, 'Available'],
  [53.55, 9.99, 'OutOfService'],
  [51.34, 12.37, 'Occupied'],
  [49.45, 8.5, 'Available'],
]

test('a push makes EVSEs appear on the map in their status colours, and in the list', async () => {
  const page = await open('#/map')
  await page.getByText('None here with these filters.').waitFor()
  const records = SPOTS.map(([lat, lon], n) => evse(n, { lat, lon }))
  await pushStations(world.cpo, records, { operatorName: 'ABC Charging', status: (n) => SPOTS[n]![2] })
  for (const r of records) await page.locator('.evse-id', { hasText: r.EvseID }).waitFor()
  await drawn(page, '6 EVSEs in view')
  // Let the land picture settle after the view was fitted to the EVSEs.
  await page.waitForTimeout(300)
  await drawn(page, '6 EVSEs in view')
  console.log(`map: ${await shot(page, 'map.png')}`)

  const image = readPng(await page.locator('canvas.map').screenshot())
  for (const [lat, lon, status] of SPOTS) {
    const [x, y] = await onCanvas(page, lat, lon)
    assert.ok(x > 0 && y > 0 && x < image.width && y < image.height, `${lat},${lon} is in view`)
    const pixel = image.pixel(x, y)
    assert.ok(
      near(pixel, hex(COLOURS[status])),
      `${status} at ${lat},${lon} is ${COLOURS[status]} on the map, not rgb(${pixel.slice(0, 3).join(',')})`,
    )
  }
  let land = 0
  let sea = 0
  for (let y = 5; y < image.height; y += 10)
    for (let x = 5; x < image.width; x += 10) {
      const p = image.pixel(x, y)
      if (near(p, hex(LAND), 4)) land++
      if (near(p, hex(SEA), 4)) sea++
    }
  assert.ok(land > 500 && sea > 100, `the country outlines are drawn (land ${land}, sea ${sea} samples)`)

  // Choosing from the list and clicking a point both open the record.
  await page.getByRole('button', { name: new RegExp(records[3]!.EvseID.replace(/\*/g, '\\*')) }).click()
  await page.locator('#evse-title', { hasText: records[3]!.EvseID }).waitFor()
  await page.getByText('Out of service', { exact: false }).first().waitFor()
  await page.getByRole('button', { name: 'Close the EVSE record' }).click()
  const [x, y] = await onCanvas(page, SPOTS[1]![0], SPOTS[1]![1])
  await page.locator('canvas.map').click({ position: { x, y } })
  await page.locator('#evse-title', { hasText: records[1]!.EvseID }).waitFor()
  assert.match((await page.locator('.detail .json').textContent())!, records[1]!.EvseID)

  // The filters: Available off leaves the three others.
  await page.getByLabel('Available').uncheck()
  await drawn(page, '3 EVSEs in view')
  assert.is(await page.locator('.evse-list li').count(), 3)
  await page.getByLabel('Available').check()
  await page.getByLabel('Operator').selectOption({ label: 'ABC Charging (DE*ABC) · 6' })
  await drawn(page, '6 EVSEs in view')

  // The keyboard: the map takes focus, + zooms in, arrows pan.
  const canvas = page.locator('canvas.map')
  await canvas.focus()
  const before = (await canvas.getAttribute('data-view'))!.split(',').map(Number)
  await page.keyboard.press('+')
  await page.keyboard.press('ArrowLeft')
  await page.waitForFunction(
    `(([cx, , zoom]) => zoom > ${before[2]} && cx < ${before[0]})(document.querySelector('canvas.map').getAttribute('data-view').split(',').map(Number))`,
  )
  const after = (await canvas.getAttribute('data-view'))!.split(',').map(Number)
  assert.ok(Math.abs(after[2]! - before[2]! - 1) < 1e-9, 'one zoom level in')
  assert.ok(after[0]! < before[0]!, 'panned west')
  await page.close()
})

test('a refused push appears in the live traffic with its error pointer marked in the request', async () => {
  const page = await open('#/traffic')
  await page.locator('table.exchanges').waitFor()
  const bad = await world.raw(
    `/evsepush/v21/operators/${encodeURIComponent(OPERATOR)}/status-records`,
    {
      ActionType: 'update',
      OperatorEvseStatus: { OperatorID: OPERATOR, EvseStatusRecord: [{ EvseID: 7, EvseStatus: 'Available' }] },
    },
    'cpo',
  )
  assert.is(bad.status, 400)
  const row = page.locator('tr.problem', { hasText: 'eRoamingPushEvseStatus' }).first()
  await row.waitFor()
  const cells = await row.locator('td').allTextContents()
  assert.match(cells[1]!, `cpo (${OPERATOR}) → hub`)
  assert.is(cells[3], '2.1')
  assert.is(cells[5], '400')
  assert.match(cells[7]!, '1 error')
  await row.getByRole('button').click()
  const pointer = '/OperatorEvseStatus/EvseStatusRecord/0/EvseID'
  const issue = page.locator('.issue.error', { hasText: pointer })
  await issue.waitFor()
  const marked = page.locator(`.json[aria-label="Request body"] [data-pointer="${pointer}"]`)
  assert.match((await marked.getAttribute('class'))!, 'mark-error')
  assert.match((await marked.textContent())!, '"EvseID": 7')
  await issue.click()
  assert.ok(await marked.isVisible())
  assert.match((await page.locator('.json[aria-label="Answer body"]').textContent())!, '"Code": "022"')
  console.log(`traffic: ${await shot(page, 'traffic.png')}`)
  // What the hub forwards is traffic too: its pushes went nowhere, but the list holds the good ones.
  assert.ok((await page.locator('tr', { hasText: 'eRoamingPushEvseData' }).count()) >= 1)
  await page.close()
})

test('a remote start at a simulated charge point shows as a session timeline through to the CDR', async () => {
  const target = evse(90, { operator: OTHER_OPERATOR, lat: 50.11, lon: 8.68 })
  await world.cpo2.pushEvseData({
    ActionType: 'fullLoad',
    OperatorEvseData: { OperatorID: OTHER_OPERATOR, OperatorName: 'XYZ', EvseDataRecord: [target] },
  })
  await world.cpo2.pushEvseStatus({
    ActionType: 'fullLoad',
    OperatorEvseStatus: {
      OperatorID: OTHER_OPERATOR,
      EvseStatusRecord: [{ EvseID: target.EvseID, EvseStatus: 'Available' }],
    },
  })
  const page = await open('#/sessions')
  await page.getByText('No sessions yet', { exact: false }).waitFor()
  const started = await world.emp.authorizeRemoteStart({
    ProviderID: PROVIDER,
    EvseID: target.EvseID,
    Identification: { RemoteIdentification: { EvcoID: EVCO } },
  })
  assert.is(started.StatusCode.Code, '000')
  const sessionId = started.SessionID!
  await world.hub.idle()
  await world.emp.authorizeRemoteStop({ ProviderID: PROVIDER, EvseID: target.EvseID, SessionID: sessionId })
  await world.hub.idle()

  await page.getByRole('button', { name: `Session ${sessionId}: show its timeline` }).click()
  await page.locator('.cdr').waitFor()
  await page.locator('.steps .state, .facts .state', { hasText: 'ended' }).first().waitFor()
  const steps = await page
    .locator('.steps > li')
    .evaluateAll((items) =>
      items.map((li) => `${li.querySelector('.phase')!.textContent} | ${li.querySelector('div + div')!.textContent}`),
    )
  const phases = steps.map((s) => s.split(' | ')[0])
  for (const phase of ['remote start', 'notification', 'stop', 'CDR'])
    assert.ok(phases.includes(phase), `${phase} in ${JSON.stringify(steps)}`)
  assert.ok(
    phases.indexOf('remote start') < phases.indexOf('stop') && phases.indexOf('stop') < phases.lastIndexOf('CDR'),
    JSON.stringify(phases),
  )
  const said = steps.join('\n')
  assert.match(said, `eRoamingAuthorizeRemoteStart emp (${PROVIDER}) → hub`)
  assert.match(said, `eRoamingAuthorizeRemoteStart hub → simulated charge point of ${OTHER_OPERATOR}`)
  assert.match(said, `eRoamingChargingNotificationStart simulated charge point of ${OTHER_OPERATOR} → hub`)
  assert.match(said, `eRoamingChargingNotificationEnd hub → emp (${PROVIDER})`)
  assert.match(said, `eRoamingChargeDetailRecord hub → emp (${PROVIDER})`)
  // What a partner was sent, one step away.
  const first = page.locator('.steps > li').first()
  await first.locator('summary').click()
  assert.match((await first.locator('.json[aria-label="Request body"]').textContent())!, target.EvseID)
  assert.match((await page.locator('.cdr .json').textContent())!, sessionId)
  console.log(`sessions: ${await shot(page, 'sessions.png')}`)
  await page.close()
})

test('the page ran without script errors', () => {
  assert.equal(pageErrors, [])
  assert.ok(STATUSES.length > 0)
})

test.run()
