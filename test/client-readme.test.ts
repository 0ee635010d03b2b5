// The client examples of docs/clients.md (a CPO and an EMP session) run against the mTLS stand-in hub: only
// the base URL, the certificate files and the watermark file differ from real use.
import * as fs from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  createCpoClient,
  createEmpClient,
  eachRecord,
  fileWatermarkStore,
  LastCallWatermark,
  localTimestamp,
  OicpError,
} from '../generated/oicp-2.3/index.js'
import { clientCerts, PASSPHRASE } from './support/client-certs.js'
import { PREFIX, sample } from './support/client-fixtures.js'
import { ACK, TestHub } from './support/client-hub.js'
import { unquoted } from './support/quoted.js'

let hub: TestHub
const dir = fs.mkdtempSync(join(tmpdir(), 'oicp-readme-'))
test.before(async () => {
  hub = await TestHub.start()
  const c = clientCerts()
  for (const [file, text] of Object.entries({
    'cpo.pem': c.cpo.cert,
    'cpo-key.pem': c.cpoEncryptedKey,
    'emp.pem': c.emp.cert,
    'emp-key.pem': c.emp.key,
    'ca.pem': c.ca,
  }))
    fs.writeFileSync(join(dir, file), text)
})
test.after(async () => {
  await hub.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

/** The examples read certificate files from the working directory; here they are in `dir`. */
const readFileSync = (file: string) => fs.readFileSync(join(dir, file))

test('CPO example of docs/clients.md, as written', async () => {
  assert.equal(unquoted('test/client-readme.test.ts'), [])
  const SESSION = 'b2688855-7f00-0002-6d8e-48d883f6abb6'
  hub.handler = (seen) =>
    seen.path.endsWith('/authorize/start')
      ? { body: { SessionID: SESSION, AuthorizationStatus: 'Authorized', StatusCode: { Code: '000' } } }
      : seen.path.endsWith('/charge-detail-record')
        ? { body: { Result: false, StatusCode: { Code: '018', Description: 'EvseID is inconsistent' } } }
        : { body: ACK }
  const errors: unknown[][] = []
  const consoleError = console.error
  console.error = (...args: unknown[]) => void errors.push(args)
  try {
    process.env.KEY_PASSPHRASE = PASSPHRASE
    // --- as in docs/clients.md, from here
    const cpo = createCpoClient({
      baseUrl: hub.origin + PREFIX,
      tls: {
        cert: readFileSync('cpo.pem'),
        key: readFileSync('cpo-key.pem'),
        passphrase: process.env.KEY_PASSPHRASE,
        ca: readFileSync('ca.pem'),
      },
      operatorId: 'DE*ABC',
    })

    await cpo.pushEvseStatus({
      ActionType: 'update',
      OperatorEvseStatus: {
        OperatorID: 'DE*ABC',
        EvseStatusRecord: [{ EvseID: 'DE*ABC*E1234', EvseStatus: 'Occupied' }],
      },
    })

    const auth = await cpo.authorizeStart({
      OperatorID: 'DE*ABC',
      EvseID: 'DE*ABC*E1234',
      Identification: { RFIDMifareFamilyIdentification: { UID: '1234ABCD' } },
    })
    if (auth.AuthorizationStatus === 'Authorized') {
      const at = (t: Date) => localTimestamp(t, 'Europe/Berlin')
      const start = new Date('2024-05-01T12:30:00Z')
      const end = new Date('2024-05-01T13:45:00Z')
      try {
        await cpo.chargeDetailRecord({
          SessionID: auth.SessionID!,
          EvseID: 'DE*ABC*E1234',
          Identification: { RFIDMifareFamilyIdentification: { UID: '1234ABCD' } },
          SessionStart: at(start),
          ChargingStart: at(start),
          ChargingEnd: at(end),
          SessionEnd: at(end),
          ConsumedEnergy: 11.5,
        })
      } catch (e) {
        if (e instanceof OicpError) console.error(e.code, e.description, e.additionalInfo)
        else throw e
      }
    }
    await cpo.close()
    // --- to here
  } finally {
    console.error = consoleError
    delete process.env.KEY_PASSPHRASE
  }
  assert.equal(errors, [['018', 'EvseID is inconsistent', undefined]])
  assert.equal(
    hub.requests.map((r) => r.path.split('/').slice(3).join('/')),
    [
      'evsepush/v21/operators/DE*ABC/status-records',
      'charging/v21/operators/DE*ABC/authorize/start',
      'cdrmgmt/v22/operators/DE*ABC/charge-detail-record',
    ],
  )
  assert.is((hub.requests[2]!.body as { SessionStart: string }).SessionStart, '2024-05-01T14:30:00+02:00')
})

test('EMP example of docs/clients.md, as written', async () => {
  hub.reset()
  const base = sample('eRoamingEvseData')
  const record = (base.content as unknown[])[0] as Record<string, unknown>
  hub.handler = (seen) =>
    seen.path.endsWith('/data-records')
      ? {
          body: {
            ...base,
            content: [record, { ...record, EvseID: 'bad' }],
            number: 0,
            size: 1000,
            totalElements: 2,
            totalPages: 1,
            first: true,
            last: true,
            numberOfElements: 2,
          },
        }
      : { body: ACK }
  const warned: unknown[][] = []
  const consoleWarn = console.warn
  console.warn = (...args: unknown[]) => void warned.push(args)
  let seenRecords = 0
  const cwd = process.cwd()
  process.chdir(dir)
  try {
    // --- as in docs/clients.md, from here
    const emp = createEmpClient({
      baseUrl: hub.origin + PREFIX,
      tls: { cert: readFileSync('emp.pem'), key: readFileSync('emp-key.pem'), ca: readFileSync('ca.pem') },
      providerId: 'DE*8EO',
    })

    const watermark = new LastCallWatermark(fileWatermarkStore('evse-data.lastcall'))
    const pull = await watermark.begin()
    const pages = emp.pullEvseDataPages(
      { ProviderID: 'DE*8EO', GeoCoordinatesResponseFormat: 'Google', ...pull.filter },
      { size: 1000 },
    )
    for await (const evse of eachRecord(pages, (bad) => console.warn(`page ${bad.page}${bad.pointer}`, bad.errors))) {
      seenRecords += evse.EvseID ? 1 : 0
    }
    await pull.commit()

    await emp.authorizeRemoteStart({
      ProviderID: 'DE*8EO',
      EvseID: 'DE*ABC*E1234',
      Identification: { RemoteIdentification: { EvcoID: 'DE-8EO-CAet5e4XY-3' } },
    })
    await emp.close()
    // --- to here
    assert.ok(
      await new LastCallWatermark(fileWatermarkStore('evse-data.lastcall')).current(),
      'the watermark was saved',
    )
  } finally {
    process.chdir(cwd)
    console.warn = consoleWarn
  }
  assert.is(seenRecords, 1)
  assert.is(warned.length, 1)
  assert.is(warned[0]![0], 'page 0/content/1')
  assert.is(hub.requests.length, 2)
})

test.run()
