// `oicp validate`: exit codes, message-name matching, output formats.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { oicp, oicpProcess } from './support/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'oicp-cli-'))
function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

const ack = { Result: true, StatusCode: { Code: '000' } }
const status = (evseId: string, evseStatus = 'Available') => ({
  ActionType: 'update',
  OperatorEvseStatus: { OperatorID: 'DE*ABC', EvseStatusRecord: [{ EvseID: evseId, EvseStatus: evseStatus }] },
})

test('a valid message exits 0', async () => {
  const r = await oicp('validate', 'eRoamingPushEvseStatus', file('ok.json', JSON.stringify(status('DE*ABC*E1'))))
  assert.is(r.code, 0, r.stdout + r.stderr)
  assert.match(r.stdout, /eRoamingPushEvseStatus: valid/)
})

test('an invalid message exits 1 and names the JSON pointer', async () => {
  const r = await oicp('validate', 'eRoamingPushEvseStatus', file('bad.json', JSON.stringify(status('nope'))))
  assert.is(r.code, 1)
  assert.match(r.stdout, /\/OperatorEvseStatus\/EvseStatusRecord\/0\/EvseID: must be a valid EvseID/)
})

test('input that is not JSON exits 2 with line and column', async () => {
  const r = await oicp(
    'validate',
    'eRoamingAcknowledgement',
    file('broken.json', '{\n  "Result": true,\n  "StatusCode": }\n'),
  )
  assert.is(r.code, 2)
  assert.match(r.stderr, /broken\.json:3:17: not JSON/)
})

test('an unreadable file, an unknown message and bad flags exit 2', async () => {
  assert.is((await oicp('validate', 'eRoamingAcknowledgement', join(dir, 'missing.json'))).code, 2)
  const unknown = await oicp('validate', 'eRoamingPushEverything', file('x.json', '{}'))
  assert.is(unknown.code, 2)
  assert.match(unknown.stderr, /no message "eRoamingPushEverything"/)
  assert.is((await oicp('validate', 'eRoamingAcknowledgement', file('y.json', '{}'), '--strict', '--lenient')).code, 2)
  assert.is((await oicp('validate')).code, 2)
  assert.is((await oicp('frobnicate')).code, 2)
})

test('message names match case-insensitively and in both acknowledgement spellings', async () => {
  const path = file('ack.json', JSON.stringify(ack))
  for (const name of ['eRoamingAcknowledgement', 'eRoamingAcknowledgment', 'EROAMINGACKNOWLEDGEMENT'])
    assert.is((await oicp('validate', name, path)).code, 0, name)
  const pull = file('pull.json', JSON.stringify({ ProviderID: 'DE*8EO', GeoCoordinatesResponseFormat: 'Google' }))
  for (const name of ['eRoamingPullEVSEData', 'eRoamingPullEvseData'])
    assert.is((await oicp('validate', name, pull)).code, 0, name)
})

test('every request and response message of both chapters resolves by its spec name', async () => {
  const names = [
    'eRoamingPushEvseData',
    'eRoamingPushEvseStatus',
    'eRoamingAuthorizeStart',
    'eRoamingAuthorizationStart',
    'eRoamingAuthorizeStop',
    'eRoamingAuthorizationStop',
    'eRoamingAuthorizeRemoteStart',
    'eRoamingAuthorizeRemoteStop',
    'eRoamingChargeDetailRecord',
    'eRoamingAuthorizeRemoteReservationStart',
    'eRoamingAuthorizeRemoteReservationStop',
    'eRoamingPushPricingProductData',
    'eRoamingPushEVSEPricing',
    'eRoamingPullEvseData',
    'eRoamingEvseData',
    'eRoamingPullEvseStatus',
    'eRoamingEvseStatus',
    'eRoamingPullEvseStatusById',
    'eRoamingEvseStatusById',
    'eRoamingPullEvseStatusByOperatorId',
    'eRoamingEvseStatusByOperatorId',
    'eRoamingGetChargeDetailRecords',
    'eRoamingChargeDetailRecords',
    'eRoamingPushAuthenticationData',
    'eRoamingPullPricingProductData',
    'eRoamingPricingProductData',
    'eRoamingPullEVSEPricing',
    'eRoamingEVSEPricing',
    'eRoamingChargingNotificationStart',
    'eRoamingChargingNotificationProgress',
    'eRoamingChargingNotificationEnd',
    'eRoamingChargingNotificationError',
    'eRoamingAcknowledgement',
  ]
  const empty = file('empty.json', '{}')
  for (const name of names) {
    const r = await oicp('validate', name, empty)
    assert.ok(r.code === 0 || r.code === 1, `${name}: exit ${r.code} ${r.stderr}`)
  }
})

test('--strict rejects unknown fields, --lenient warns about unknown enumeration values', async () => {
  const extra = file('extra.json', JSON.stringify({ ...ack, Surprise: 1 }))
  assert.is((await oicp('validate', 'eRoamingAcknowledgement', extra)).code, 0)
  const strict = await oicp('validate', 'eRoamingAcknowledgement', extra, '--strict')
  assert.is(strict.code, 1)
  assert.match(strict.stdout, /\/Surprise: is not a field/)
  const newStatus = file('new.json', JSON.stringify(status('DE*ABC*E1', 'Charging')))
  assert.is((await oicp('validate', 'eRoamingPushEvseStatus', newStatus)).code, 1)
  const lenient = await oicp('validate', 'eRoamingPushEvseStatus', newStatus, '--lenient')
  assert.is(lenient.code, 0)
  assert.match(lenient.stdout, /warnings:\n {2}\/OperatorEvseStatus\/EvseStatusRecord\/0\/EvseStatus/)
})

test('--ndjson writes one result line per document with its line number, a count on stderr, and exits 1 when any is invalid', async () => {
  const lines = [
    JSON.stringify(status('DE*ABC*E1')),
    JSON.stringify(status('bad')),
    '{"oops":',
    '',
    JSON.stringify(status('DE*ABC*E2')),
  ]
  const r = await oicp('validate', 'eRoamingPushEvseStatus', file('many.ndjson', lines.join('\n')), '--ndjson')
  assert.is(r.code, 1)
  const out = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
  assert.is(out.length, 4)
  assert.equal(out[0], { line: 1, ok: true })
  assert.is(out[1].line, 2)
  assert.is(out[1].ok, false)
  assert.equal(
    out[1].errors.map((e: { path: string }) => e.path),
    ['/OperatorEvseStatus/EvseStatusRecord/0/EvseID'],
  )
  assert.equal(out[2], {
    line: 3,
    ok: false,
    errors: [{ path: '', message: 'not JSON: value expected at column 9', keyword: 'json' }],
  })
  assert.equal(out[3], { line: 5, ok: true }, 'the blank line 4 is skipped but counted')
  assert.is(r.stderr, '4 documents: 2 valid, 2 invalid\n')
  const good = await oicp(
    'validate',
    'eRoamingPushEvseStatus',
    file('good.ndjson', `${lines[0]}\r\n\r\n${lines[4]}\r\n`),
    '--ndjson',
  )
  assert.is(good.code, 0, good.stderr)
  assert.equal(
    good.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l)),
    [
      { line: 1, ok: true },
      { line: 3, ok: true },
    ],
  )
  assert.is(good.stderr, '2 documents: 2 valid, 0 invalid\n')
})

test('reads standard input with - (a real process)', () => {
  const ok = oicpProcess(JSON.stringify(ack), 'validate', 'eRoamingAcknowledgment', '-')
  assert.is(ok.code, 0, ok.stderr)
  const bad = oicpProcess('{"Result": "yes"}', 'validate', 'eRoamingAcknowledgement')
  assert.is(bad.code, 1)
  assert.match(bad.stdout, /\/Result: must be true or false/)
  assert.match(bad.stdout, /\/StatusCode: is required/)
})

test.run()
