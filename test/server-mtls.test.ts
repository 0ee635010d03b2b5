// Mutual TLS on the server, through every adapter over real TLS: no client certificate is
// refused in the handshake; with the ID check on, a certificate that does not cover the
// OperatorID/ProviderID of the request gets 017 Unauthorized Access.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { hubRoutes } from '../generated/oicp-2.3/index.js'
import { createDevCa, type Pem } from '../cli/certs.js'
import { createServerCore, mount, type ServerOptions } from '../runtime/index.js'
import { hubHandlers, isFailureAck, PROVIDER, Record, remoteStart, REMOTE_START } from './support/server-fixtures.js'
import { ADAPTERS, send, start, type Running } from './support/server-harness.js'

const ca = createDevCa()
const serverPem = ca.server()
const tls = { key: serverPem.key, cert: serverPem.cert, ca: ca.cert }
const emp = ca.client(`emp:${PROVIDER}`)
const otherEmp = ca.client('emp:DE*XYZ')
/** The same letters as the provider, held as an operator: not an EMP identity. */
const operatorOfSameName = ca.client(`cpo:${PROVIDER}`)
/** A hub partner: its own ID as CN, a sub-provider as OU. */
const hubPartner = ca.client('emp:DE*HUB', { organizationalUnits: ['emp:DE8EO'] })
const stranger = createDevCa('another CA').client(PROVIDER)

const as = (client?: Pem) => ({ ca: ca.cert, ...(client ? { cert: client.cert, key: client.key } : {}) })

function hubCore(record: Record, options: ServerOptions = {}) {
  return createServerCore(mount(hubRoutes, hubHandlers(record)), { checkClientIds: true, ...options })
}

for (const adapter of ADAPTERS) {
  const test = suite(`mutual TLS through ${adapter}`)
  const record = new Record()
  let server: Running
  test.before(async () => {
    server = await start(adapter, hubCore(record), tls)
  })
  test.after(() => server.close())
  test.before.each(() => record.clear())

  test('a client without a certificate is refused', async () => {
    const r = await send(server.origin + REMOTE_START, { body: JSON.stringify(remoteStart()), tls: as() }).then(
      (reply) => `answered ${reply.status}`,
      (e: NodeJS.ErrnoException) => e.code ?? e.message,
    )
    assert.match(r, /CERTIFICATE_REQUIRED|ECONNRESET|EPIPE/)
    assert.is(record.calls.length, 0)
  })

  test('a certificate of another CA is refused', async () => {
    const r = await send(server.origin + REMOTE_START, { body: JSON.stringify(remoteStart()), tls: as(stranger) }).then(
      (reply) => `answered ${reply.status}`,
      (e: NodeJS.ErrnoException) => e.code ?? e.message,
    )
    assert.match(r, /SSL|ECONNRESET|EPIPE/)
  })

  test('the certificate of the ProviderID in path and body is served; the handler sees the certificate', async () => {
    const r = await send(server.origin + REMOTE_START, { body: JSON.stringify(remoteStart()), tls: as(emp) })
    assert.is(r.status, 200, r.text)
    assert.is(record.calls[0]!.context.client?.subject.CN, `emp:${PROVIDER}`)
  })

  test('a certificate of another partner: 403, 017', async () => {
    const r = await send(server.origin + REMOTE_START, { body: JSON.stringify(remoteStart()), tls: as(otherEmp) })
    assert.is(r.status, 403)
    assert.is(isFailureAck(r.json, '017'), undefined)
    assert.match(r.json.StatusCode.AdditionalInfo, /DE\*8EO/)
    assert.is(record.calls.length, 0)
  })

  test('an operator certificate of the same letters on a provider path: 403, 017', async () => {
    const r = await send(server.origin + REMOTE_START, {
      body: JSON.stringify(remoteStart()),
      tls: as(operatorOfSameName),
    })
    assert.is(r.status, 403)
    assert.is(isFailureAck(r.json, '017'), undefined)
    assert.is(record.calls.length, 0)
  })

  test('a body naming another ProviderID than the path and certificate: 403, 017', async () => {
    const r = await send(server.origin + REMOTE_START, {
      body: JSON.stringify({ ...remoteStart(), ProviderID: 'DE*XYZ' }),
      tls: as(emp),
    })
    assert.is(r.status, 403)
    assert.is(isFailureAck(r.json, '017'), undefined)
  })

  test('a sub-provider listed as OU is covered, with or without the *', async () => {
    const r = await send(server.origin + REMOTE_START, { body: JSON.stringify(remoteStart()), tls: as(hubPartner) })
    assert.is(r.status, 200, r.text)
  })

  test.run()
}

const more = suite('client ID check')
more('a configured mapping from certificate to IDs decides', async () => {
  const record = new Record()
  const partner = ca.client('Partner One GmbH')
  const ids = (cert: { subject: { CN?: string | string[] } }) =>
    cert.subject.CN === 'Partner One GmbH' ? [{ role: 'emp' as const, id: PROVIDER }] : []
  const server = await start('node', hubCore(record, { checkClientIds: ids }), tls)
  try {
    assert.is(
      (await send(server.origin + REMOTE_START, { body: JSON.stringify(remoteStart()), tls: as(partner) })).status,
      200,
    )
    assert.is(
      (await send(server.origin + REMOTE_START, { body: JSON.stringify(remoteStart()), tls: as(emp) })).status,
      403,
    )
  } finally {
    await server.close()
  }
})

more('the ID check over plain http, without any certificate: 403, 017', async () => {
  const server = await start('node', hubCore(new Record()))
  try {
    const r = await send(server.origin + REMOTE_START, { body: JSON.stringify(remoteStart()) })
    assert.is(r.status, 403)
    assert.is(isFailureAck(r.json, '017'), undefined)
  } finally {
    await server.close()
  }
})

more('the CPO side of a push names OperatorID one object down (OperatorEvseData.OperatorID)', async () => {
  const record = new Record()
  const cpo = ca.client('cpo:DE*ABC')
  const server = await start('node', hubCore(record), tls)
  const url = `${server.origin}/api/oicp/evsepush/v23/operators/${encodeURIComponent('DE*ABC')}/data-records`
  const { evseDataPush } = await import('../bench/payloads.js')
  try {
    assert.is((await send(url, { body: JSON.stringify(evseDataPush(2)), tls: as(cpo) })).status, 200)
    const foreign = evseDataPush(2)
    foreign.OperatorEvseData.OperatorID = 'DE*XYZ'
    const r = await send(url, { body: JSON.stringify(foreign), tls: as(cpo) })
    assert.is(r.status, 403)
    assert.match(r.json.StatusCode.AdditionalInfo, /DE\*XYZ/)
  } finally {
    await server.close()
  }
})

more.run()
