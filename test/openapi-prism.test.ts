// The generated OpenAPI documents of both client roles served by Prism's mock (static mode:
// answers are the documents' examples) behind a mutual-TLS proxy: every method of the
// generated CPO and EMP clients reaches its operation, Prism accepts the request (it checks
// body, path and query parameters against the document), answers 2xx, and the client, which
// validates answers leniently, accepts the answer.
import { request } from 'node:https'
import { readFileSync } from 'node:fs'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { clientMethods } from '../generator/emit/client.js'
import { documentOperations } from '../generator/emit/openapi.js'
import { createCpoClient, createEmpClient, operations } from '../generated/oicp-2.3/index.js'
import { clientCerts, OPERATOR, PROVIDER } from './support/client-certs.js'
import { release, sample } from './support/client-fixtures.js'
import { startMtlsProxy, type MtlsProxy } from './support/mtls-proxy.js'
import { startPrism, type PrismMock } from './support/prism.js'

const ROLES = ['cpo', 'emp'] as const
type ClientRole = (typeof ROLES)[number]
const file = (role: ClientRole) => `generated/oicp-2.3/openapi-${role}.json`
const mocks = new Map<ClientRole, PrismMock>()
const proxies = new Map<ClientRole, MtlsProxy>()

test.before(async () => {
  const c = clientCerts()
  await Promise.all(
    ROLES.map(async (role) => {
      const mock = await startPrism(file(role))
      mocks.set(role, mock)
      proxies.set(role, await startMtlsProxy(mock.url, { ...c.server, ca: c.ca }))
    }),
  )
})

test.after(async () => {
  await Promise.all([...proxies.values()].map((p) => p.close()))
  await Promise.all([...mocks.values()].map((m) => m.stop()))
})

function clientFor(role: ClientRole) {
  const c = clientCerts()
  const common = { baseUrl: proxies.get(role)!.origin, retry: { limit: 0 }, timeoutMs: 10_000 }
  return role === 'cpo'
    ? createCpoClient({ ...common, tls: { cert: c.cpo.cert, key: c.cpo.key, ca: c.ca }, operatorId: OPERATOR })
    : createEmpClient({ ...common, tls: { cert: c.emp.cert, key: c.emp.key, ca: c.ca }, providerId: PROVIDER })
}

/** The 200 example of an operation in a role's document. */
function answerExample(role: ClientRole, path: string): unknown {
  const doc = JSON.parse(readFileSync(file(role), 'utf8')) as {
    paths: Record<string, { post: { responses: { '200': { content: { 'application/json': { example: unknown } } } } } }>
  }
  return doc.paths[path]!.post.responses['200'].content['application/json'].example
}

test("each client role's document holds exactly the operations its client sends, 23 methods in all", () => {
  for (const role of ROLES)
    assert.equal(
      documentOperations(release, role)
        .map((op) => op.name)
        .sort(),
      [...new Set(clientMethods(release, role).map((m) => m.operation))].sort(),
      role,
    )
  assert.is(ROLES.flatMap((role) => clientMethods(release, role)).length, 23)
})

for (const role of ROLES)
  for (const m of clientMethods(release, role))
    test(`${role}.${m.method}: Prism accepts ${m.operation} over mutual TLS and the client accepts its answer`, async () => {
      const op = operations.find((o) => o.name === m.operation)!
      const proxy = proxies.get(role)!
      const client = clientFor(role)
      try {
        const call = (client as unknown as Record<string, (r: unknown, o?: unknown) => Promise<unknown>>)[
          m.method
        ]!.bind(client)
        const before = proxy.exchanges.length
        const answer = await call(sample(m.request), m.paged ? { page: 1, size: 10 } : {})
        const seen = proxy.exchanges.slice(before)
        assert.is(seen.length, 1)
        const path = op.path
          .replace('{OperatorID}', encodeURIComponent(OPERATOR))
          .replace('{ProviderID}', encodeURIComponent(PROVIDER))
        assert.is(seen[0]!.path, m.paged ? `${path}?page=1&size=10` : path)
        assert.is(seen[0]!.client, role === 'cpo' ? OPERATOR : PROVIDER, 'the client certificate was presented')
        assert.ok(seen[0]!.status >= 200 && seen[0]!.status < 300, `status ${seen[0]!.status}: ${seen[0]!.body}`)
        assert.equal(answer, answerExample(role, op.path), "the answer is the document's example")
      } finally {
        await client.close()
      }
    })

test('Prism checks requests against the document: an EvseID that breaks its pattern is refused with 422', async () => {
  const c = clientCerts()
  const proxy = proxies.get('emp')!
  const body = JSON.stringify({ ProviderID: PROVIDER, EvseID: ['not an EvseID'] })
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(
      `${proxy.origin}/evsepull/v21/providers/${encodeURIComponent(PROVIDER)}/status-records-by-id`,
      { method: 'POST', cert: c.emp.cert, key: c.emp.key, ca: c.ca, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
  assert.is(status, 422)
})

test.run()
