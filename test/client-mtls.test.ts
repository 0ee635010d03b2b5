// Mutual TLS, both directions, over real TLS on 127.0.0.1: the hub refuses a client
// without a certificate or with one from another CA (the handler never runs), the client
// refuses a hub whose certificate it cannot verify, and an encrypted key works with its
// passphrase and fails clearly without it.
import { request } from 'node:https'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { OicpNetworkError, OicpTlsError } from '../runtime/index.js'
import { clientCerts, PASSPHRASE } from './support/client-certs.js'
import { cpoFor, sample, statusPush } from './support/client-fixtures.js'
import { caught } from './support/caught.js'
import { TestHub } from './support/client-hub.js'

const hub = TestHub.forSuite(test)

test('the client cannot be made without a certificate and key', () => {
  assert.throws(() => cpoFor(hub, { tls: { ca: clientCerts().ca } as never }), /tls.cert and tls.key are required/)
})

test('a TLS client without a certificate is refused by the hub in the handshake', async () => {
  const outcome = await new Promise<string>((resolve) => {
    const req = request(
      `${hub.origin}/api/oicp/evsepush/v21/operators/DE*ABC/status-records`,
      { method: 'POST', ca: clientCerts().ca },
      (res) => resolve(`answered ${res.statusCode}`),
    )
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message))
    req.end(JSON.stringify(statusPush(1)))
  })
  assert.not.match(outcome, /^answered/)
  assert.is(hub.requests.length, 0)
})

// Node's TLS server checks client certificates after the handshake and closes the
// connection without an alert, so the client sees a closed connection (a server that sends
// an unknown_ca alert gives OicpTlsError, a subclass).
test('a client certificate from another CA is refused: a connection error, the hub handler never runs', async () => {
  const c = clientCerts()
  const cpo = cpoFor(hub, { tls: { cert: c.foreign.cert, key: c.foreign.key, ca: c.ca } })
  try {
    const e = await caught(cpo.authorizeStart(sample('eRoamingAuthorizeStart') as never))
    assert.instance(e, OicpNetworkError)
    assert.is(hub.requests.length, 0)
    assert.ok(hub.tlsErrors.length >= 1, 'the hub saw a failed handshake')
  } finally {
    await cpo.close()
  }
})

test('the client verifies the hub: a hub certificate from a CA it does not trust is refused', async () => {
  const c = clientCerts()
  const cpo = cpoFor(hub, { tls: { cert: c.cpo.cert, key: c.cpo.key, ca: c.foreignCa } })
  try {
    const e = (await caught(cpo.pushEvseStatus(statusPush(1)))) as OicpTlsError
    assert.instance(e, OicpTlsError)
    assert.match(e.message, /certificate/i)
    assert.is(hub.requests.length, 0)
  } finally {
    await cpo.close()
  }
})

test('the client checks the host name: the hub certificate does not cover another name', async () => {
  const c = clientCerts()
  const cpo = cpoFor(hub, { tls: { cert: c.cpo.cert, key: c.cpo.key, ca: c.ca, servername: 'service.hubject.com' } })
  try {
    assert.instance(await caught(cpo.pushEvseStatus(statusPush(1))), OicpTlsError)
    assert.is(hub.requests.length, 0)
  } finally {
    await cpo.close()
  }
})

test('an encrypted key works with its passphrase and fails clearly without it', async () => {
  const c = clientCerts()
  const good = cpoFor(hub, { tls: { cert: c.cpo.cert, key: c.cpoEncryptedKey, passphrase: PASSPHRASE, ca: c.ca } })
  const bad = cpoFor(hub, { tls: { cert: c.cpo.cert, key: c.cpoEncryptedKey, passphrase: 'wrong', ca: c.ca } })
  try {
    const ack = await good.pushEvseStatus(statusPush(1))
    assert.is(ack.Result, true)
    const e = (await caught(bad.pushEvseStatus(statusPush(2)))) as OicpTlsError
    assert.instance(e, OicpTlsError)
    assert.match(e.message, /decrypt|passphrase|bad/i)
    assert.is(hub.requests.length, 1)
  } finally {
    await good.close()
    await bad.close()
  }
})

test.run()
