// Property-based fuzzing through every adapter on a real port: random JSON, random bytes,
// truncated and mutated valid messages, odd paths and methods. Every answer must be a
// well-formed message with a fitting status, and nothing may throw or go unhandled.
import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  cpoRoutes,
  empRoutes,
  messages,
  type CpoHandlers,
  type EmpHandlers,
  type Messages,
} from '../generated/oicp-2.3/index.js'
import { createServerCore, mount } from '../runtime/index.js'
import { isFailureAck, sample } from './support/server-fixtures.js'
import { ADAPTERS, closeClients, send, start, type Running } from './support/server-harness.js'

const RUNS = 1500
const TIME_LIMIT_MS = 15_000

const ack = (): Messages['eRoamingAcknowledgement'] => ({ Result: true, StatusCode: { Code: '000' } })
const cpo: CpoHandlers = {
  authorizeRemoteStart: ack,
  authorizeRemoteStop: ack,
  authorizeRemoteReservationStart: ack,
  authorizeRemoteReservationStop: ack,
}
const notAuthorized = () => ({ AuthorizationStatus: 'NotAuthorized' as const, StatusCode: { Code: '000' as const } })
const emp: EmpHandlers = {
  authorizeStart: notAuthorized,
  authorizeStop: notAuthorized,
  chargeDetailRecord: ack,
  chargingNotifications: ack,
}

/** Every served operation with its concrete path and valid requests to mutate. */
const targets = [...cpoRoutes.routes, ...empRoutes.routes].map((r) => {
  const path = `/api/oicp${r.operation.path.replace('{ProviderID}', 'DE*8EO').replace('{OperatorID}', encodeURIComponent('DE*ABC'))}`
  const names = 'message' in r.request ? [r.request.message] : Object.values(r.request.messages)
  return { path, response: r.response, valid: names.map((n) => sample(n as keyof Messages) as unknown) }
})

/** Every JSON pointer into a value, objects and lists alike. */
function pointers(value: unknown, at = ''): string[] {
  if (typeof value !== 'object' || value === null) return []
  return Object.keys(value).flatMap((k) => [
    `${at}/${k}`,
    ...pointers((value as Record<string, unknown>)[k], `${at}/${k}`),
  ])
}

/** A copy of `value` with the thing at `pointer` replaced (or removed, for undefined). */
function mutate(value: unknown, pointer: string, replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>
  const keys = pointer.split('/').slice(1)
  let parent: Record<string, unknown> = copy
  for (const k of keys.slice(0, -1)) parent = parent[k] as Record<string, unknown>
  const last = keys[keys.length - 1]!
  if (replacement === undefined) delete parent[last]
  else parent[last] = replacement
  return copy
}

const target = fc.constantFrom(...targets)
const validBody = target.chain((t) => fc.constantFrom(...t.valid))
const body: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.uint8Array({ maxLength: 200 }),
  fc.string({ maxLength: 100 }),
  validBody.map((v) => JSON.stringify(v)),
  fc.tuple(validBody, fc.nat()).map(([v, n]) => {
    const text = JSON.stringify(v)
    return text.slice(0, n % text.length)
  }),
  validBody.chain((v) =>
    fc
      .tuple(fc.constantFrom(...pointers(v)), fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 })))
      .map(([p, r]) => JSON.stringify(mutate(v, p, r))),
  ),
  validBody.map(
    (v) => `{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},${JSON.stringify(v).slice(1)}`,
  ),
)
const path = fc.oneof(
  { weight: 6, arbitrary: target.map((t) => t.path) },
  {
    weight: 1,
    // Not "..": the client resolves /api/oicp/.. to /api/ before sending, a path outside the
    // prefix that adapters rightly pass on to the host app (whose 404 is its own, not JSON).
    arbitrary: fc
      .string({ maxLength: 40 })
      .filter((s) => s !== '..')
      .map((s) => `/api/oicp/${encodeURIComponent(s)}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '/api/oicp/charging/v21/providers/%E0%A4%A/authorize-remote/start',
      '/api/oicp/charging/v21/providers/%/authorize-remote/start',
      '/api/oicp//charging',
    ),
  },
)
const method = fc.constantFrom('POST', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH')

const responseOf = new Map(targets.map((t) => [t.path, t.response]))

for (const adapter of ADAPTERS) {
  const test = suite(`fuzz through ${adapter}`)
  const internal: unknown[] = []
  const unhandled: unknown[] = []
  const onUnhandled = (e: unknown) => unhandled.push(e)
  let server: Running
  test.before(async () => {
    process.on('unhandledRejection', onUnhandled)
    process.on('uncaughtException', onUnhandled)
    server = await start(
      adapter,
      createServerCore([mount(cpoRoutes, cpo), mount(empRoutes, emp)], {
        bodyLimit: 4096,
        onError: (e) => internal.push(e),
      }),
    )
  })
  test.after(async () => {
    await server.close()
    process.off('unhandledRejection', onUnhandled)
    process.off('uncaughtException', onUnhandled)
  })

  test(`${RUNS} random and mutated requests: only well-formed answers, no crash`, async () => {
    let runs = 0
    await fc.assert(
      fc.asyncProperty(method, path, body, async (m, p, b) => {
        runs++
        const r = await send(server.origin + p, { method: m, body: b })
        assert.match(
          String(r.headers['content-type']),
          /^application\/json/,
          `${m} ${p}: ${r.status} ${r.text.slice(0, 200)}`,
        )
        if (r.status === 200) {
          const expected = responseOf.get(p)
          assert.ok(expected, `200 for ${p}`)
          assert.ok(messages.validate(expected as keyof Messages, r.json).ok, `${p}: ${r.text}`)
        } else {
          assert.ok([400, 404, 405, 413].includes(r.status), `${m} ${p}: status ${r.status} ${r.text.slice(0, 200)}`)
          assert.is(isFailureAck(r.json, '022'), undefined, `${m} ${p}: ${r.text}`)
        }
        assert.is(({} as { polluted?: unknown }).polluted, undefined)
      }),
      {
        numRuns: RUNS,
        interruptAfterTimeLimit: TIME_LIMIT_MS,
        seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31),
      },
    )
    assert.ok(runs >= 100, `only ${runs} runs in ${TIME_LIMIT_MS} ms`)
    assert.equal(internal, [], 'no internal errors')
    assert.equal(unhandled, [], 'no unhandled errors')
  })

  test.run()
}

const done = suite('fuzz clients')
done('close keep-alive sockets', () => closeClients())
done.run()
