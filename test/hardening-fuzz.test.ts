// Property-based fuzzing of the hub, in process through its server core: 30,000 requests
// over every hub operation, most of them valid messages built from the spec with IDs the
// hub knows (so that handlers get past validation into the store, sessions and the
// simulated charge point), then mutated: fields removed or replaced (nulls, wrong types,
// other IDs, deep values, dangerous keys, long strings), unknown members added, bodies cut
// or not JSON, other media types, odd pages. Not one answer may be a 500, and nothing may
// be reported as an internal error. (The simulated charge point's own reports may be
// refused: the fuzz, free to act as any operator in open mode, sometimes sends the CDR or
// stop of a simulated session first. Those refusals are the hub's rules working.)
import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { hubRoutes, type Messages } from '../generated/oicp-2.3/index.js'
import { isOicpRejection, type CoreRequest } from '../runtime/index.js'
import { startHub, type RunningHub } from '../hub/index.js'
import { setAt, type Json } from './support/samples.js'
import { sample } from './support/server-fixtures.js'

const REQUESTS = 30_000

const OPERATORS = ['DE*ABC', 'DE*XYZ', '+49*810']
const OPERATOR_SPELLINGS = [...OPERATORS, 'deabc', 'DEXYZ', '49*810', '+4*981', '*', '%2A', 'DE-ABC', '']
const PROVIDERS = ['DE-8EO', 'DE*8EO', 'de8eo', 'DE-XYZ']
const PROVIDER_SPELLINGS = [...PROVIDERS, 'DEABC', '*', '%2A', 'X', '']
const UID = '1234ABCD'
const EVCO = 'DE-8EO-CAet5e4XY-3'

/** EVSE `n` of an operator, in the operator's form. */
function evseOf(operator: string, n: number): string {
  return operator.startsWith('+') ? `${operator}*000*${n}` : `${operator}*E${n}`
}

/** What the hub learned while being fuzzed: sessions it made, to be used again. */
const sessions: string[] = []

const routes = hubRoutes.routes.map((r) => ({
  route: r,
  names: 'message' in r.request ? [r.request.message] : Object.values(r.request.messages),
  role: r.operation.pathParams.includes('OperatorID')
    ? ('cpo' as const)
    : r.operation.pathParams.includes('ProviderID')
      ? ('emp' as const)
      : undefined,
}))

interface Choice {
  /** Indexes into routes and the pools; taken modulo their length when used. */
  route: number
  name: number
  pathId: number
  pick: number[]
}

/** Every value under `key` in a sample, replaced by `value(old, i)`. */
function replaceAll(value: Json, key: string, next: (old: Json, i: number) => Json): void {
  let i = 0
  const walk = (v: Json) => {
    if (Array.isArray(v)) v.forEach(walk)
    else if (v !== null && typeof v === 'object')
      for (const k of Object.keys(v)) {
        if (k === key) v[k] = Array.isArray(v[k]) ? v[k].map((old) => next(old, i++)) : next(v[k]!, i++)
        else walk(v[k]!)
      }
  }
  walk(value)
}

/** A valid message of the route, its IDs those the hub knows, and the path it goes to. */
function validRequest(c: Choice): { path: string; body: Json; name: string } {
  const { route, names, role } = routes[c.route % routes.length]!
  const name = names[c.name % names.length]!
  const pick = (i: number, n: number) => (c.pick[i % c.pick.length] ?? 0) % n
  const operator = OPERATORS[pick(0, OPERATORS.length)]!
  const provider = PROVIDERS[pick(1, PROVIDERS.length)]!
  const body = sample(name as keyof Messages) as unknown as Json
  replaceAll(body, 'OperatorID', (old) => (typeof old === 'string' ? operator : old))
  replaceAll(body, 'OperatorIds', () => OPERATORS[pick(2, OPERATORS.length)]!)
  replaceAll(body, 'OperatorIDs', () => OPERATORS[pick(2, OPERATORS.length)]!)
  replaceAll(body, 'ProviderID', (old) => (old === '*' ? old : provider))
  replaceAll(body, 'EvseID', (_, i) => evseOf(operator, pick(3 + i, 5)))
  replaceAll(body, 'SessionID', () =>
    sessions.length > 0 && pick(4, 4) > 0 ? sessions[pick(5, sessions.length)]! : randomUUID(),
  )
  replaceAll(body, 'UID', () => UID)
  replaceAll(body, 'EvcoID', () => EVCO)
  replaceAll(body, 'LastCall', (old) => (pick(6, 3) === 0 ? '2024-05-01T14:30:00+02:00' : old))
  if (route.operation.name === 'eRoamingPullEvseData' && pick(7, 2) === 0)
    delete (body as Record<string, Json>).SearchCenter
  const pathId =
    role === 'cpo'
      ? c.pathId % 3 === 0
        ? OPERATOR_SPELLINGS[c.pathId % OPERATOR_SPELLINGS.length]!
        : operator
      : c.pathId % 3 === 0
        ? PROVIDER_SPELLINGS[c.pathId % PROVIDER_SPELLINGS.length]!
        : provider
  const path = `/api/oicp${route.operation.path.replace(/\{(OperatorID|ProviderID)\}/, pathId.startsWith('%') ? pathId : encodeURIComponent(pathId))}`
  return { path, body, name }
}

/** Every JSON pointer into a value. */
function pointers(value: Json, at = ''): string[] {
  if (typeof value !== 'object' || value === null) return []
  return Object.keys(value).flatMap((k) => {
    const here = `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`
    return [here, ...pointers((value as Record<string, Json>)[k]!, here)]
  })
}

const nested = (depth: number): Json => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) as Json
const replacement: fc.Arbitrary<Json | undefined> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> },
  {
    weight: 2,
    arbitrary: fc.constantFrom<Json>(
      ...OPERATOR_SPELLINGS,
      ...PROVIDER_SPELLINGS,
      evseOf('DE*ABC', 1),
      evseOf('+49*810', 2),
      '+49*810*000*438',
      UID,
      EVCO,
      'Type 2 Outlet',
      'Available',
      'fullLoad',
      'delete',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Json>(
      'x'.repeat(5000),
      -1,
      0,
      1e308,
      -0.5,
      true,
      [],
      {},
      [null],
      nested(20),
      nested(70),
      { __proto__: { polluted: 1 } } as unknown as Json,
    ),
  },
)
const unknownKey = fc.constantFrom(
  'Unknown',
  '__proto__',
  'constructor',
  'prototype',
  'evseId',
  'EVSEID',
  'Type',
  'ActionType',
)

type Mutation =
  | { kind: 'set'; at: number; value: Json | undefined }
  | { kind: 'add'; at: number; key: string; value: Json | undefined }
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: replacement }),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key: unknownKey, value: replacement }),
)

function mutate(body: Json, m: Mutation): void {
  const all = pointers(body)
  // A copy: generated values are shared between runs, and a later mutation may land inside this one.
  const value = m.value === undefined ? undefined : (JSON.parse(JSON.stringify(m.value)) as Json)
  if (m.kind === 'set') {
    if (all.length > 0) setAt(body, all[m.at % all.length]!, value)
    return
  }
  const objects = ['', ...all].filter((p) => {
    const v =
      p === ''
        ? body
        : p
            .split('/')
            .slice(1)
            .reduce<Json>(
              (o, k) => (o as Record<string, Json>)?.[k.replace(/~1/g, '/').replace(/~0/g, '~')] ?? null,
              body,
            )
    return v !== null && typeof v === 'object' && !Array.isArray(v)
  })
  if (objects.length === 0) return
  const at = objects[m.at % objects.length]!
  const target =
    at === ''
      ? body
      : at
          .split('/')
          .slice(1)
          .reduce<Json>((o, k) => (o as Record<string, Json>)[k.replace(/~1/g, '/').replace(/~0/g, '~')]!, body)
  Object.defineProperty(target, m.key, { value: value ?? null, enumerable: true, writable: true, configurable: true })
}

/** How the body goes on the wire. */
const wire = fc.oneof(
  { weight: 20, arbitrary: fc.constant({ kind: 'json' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('text' as const),
      text: fc.oneof(fc.string({ maxLength: 50 }), fc.json({ maxDepth: 3 })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bytes' as const), bytes: fc.uint8Array({ maxLength: 60 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('headers' as const),
      headers: fc.constantFrom<Record<string, string>>(
        { 'content-type': 'text/plain' },
        { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        {},
        { 'content-type': 'application/json; charset=latin1' },
      ),
    }),
  },
)
const page = fc.constantFrom(
  '',
  '',
  '',
  '?page=0&size=1',
  '?page=1&size=2',
  '?page=-1',
  '?size=0',
  '?size=2001',
  '?page=abc',
  '?page=99999999999999999999',
  '?size=2000&page=3',
)
const method = fc.constantFrom('POST', 'POST', 'POST', 'POST', 'POST', 'POST', 'POST', 'POST', 'GET', 'PUT')

const request = fc.record({
  choice: fc.record({
    route: fc.nat(),
    name: fc.nat(),
    pathId: fc.nat(),
    pick: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
  }),
  mutations: fc.oneof(
    { weight: 1, arbitrary: fc.constant([] as Mutation[]) },
    { weight: 2, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) },
  ),
  wire,
  page,
  method,
})

const test = suite('hub fuzz')
let hub: RunningHub
const internal: string[] = []

test.before(async () => {
  hub = await startHub({
    simulator: { startDelayMs: 1 },
    onError: (e, where) => {
      if (where.startsWith('simulated ') && isOicpRejection(e)) return
      internal.push(`${where}: ${(e as Error)?.stack ?? String(e)}`)
    },
  })
})
test.after(() => hub.close())

async function call(req: CoreRequest) {
  const answer = await hub.core.handle(req)
  let json: any
  try {
    json = JSON.parse(answer.body)
  } catch {
    assert.unreachable(`not JSON: ${answer.body.slice(0, 200)}`)
  }
  if (typeof json?.SessionID === 'string' && sessions.length < 500) sessions.push(json.SessionID)
  return { status: answer.status, json }
}

test('seed: EVSEs, statuses, authentication data and sessions the fuzz can refer to', async () => {
  for (const operator of OPERATORS) {
    const records = [0, 1, 2, 3, 4].map((n) => ({
      ...(sample('eRoamingPushEvseData').OperatorEvseData.EvseDataRecord[0] as object),
      EvseID: evseOf(operator, n),
      IsHubjectCompatible: true,
      GeoCoordinates: { Google: { Coordinates: '52.520000 13.405000' } },
    }))
    const data = await call({
      method: 'POST',
      url: `/api/oicp/evsepush/v23/operators/${encodeURIComponent(operator)}/data-records`,
      headers: {},
      body: JSON.stringify({
        ActionType: 'fullLoad',
        OperatorEvseData: { OperatorID: operator, OperatorName: operator, EvseDataRecord: records },
      }),
    })
    assert.is(data.json.Result, true, JSON.stringify(data.json))
    const status = await call({
      method: 'POST',
      url: `/api/oicp/evsepush/v21/operators/${encodeURIComponent(operator)}/status-records`,
      headers: {},
      body: JSON.stringify({
        ActionType: 'fullLoad',
        OperatorEvseStatus: {
          OperatorID: operator,
          EvseStatusRecord: records.map((r, i) => ({
            EvseID: r.EvseID,
            EvseStatus: i === 4 ? 'Occupied' : 'Available',
          })),
        },
      }),
    })
    assert.is(status.json.Result, true, JSON.stringify(status.json))
  }
  const auth = await call({
    method: 'POST',
    url: '/api/oicp/authdata/v21/providers/DE-8EO/push-request',
    headers: {},
    body: JSON.stringify({
      ActionType: 'fullLoad',
      ProviderAuthenticationData: {
        ProviderID: 'DE-8EO',
        AuthenticationDataRecord: [
          { Identification: { RFIDMifareFamilyIdentification: { UID } } },
          { Identification: { RemoteIdentification: { EvcoID: EVCO } } },
        ],
      },
    }),
  })
  assert.is(auth.json.Result, true, JSON.stringify(auth.json))
  const start = await call({
    method: 'POST',
    url: '/api/oicp/charging/v21/providers/DE-8EO/authorize-remote/start',
    headers: {},
    body: JSON.stringify({
      ProviderID: 'DE-8EO',
      EvseID: evseOf('DE*ABC', 0),
      Identification: { RemoteIdentification: { EvcoID: EVCO } },
    }),
  })
  assert.is(start.json.Result, true, JSON.stringify(start.json))
  assert.ok(sessions.length > 0)
})

test(`${REQUESTS} mutated requests over every hub operation: no 500, no internal error`, async () => {
  const statuses = new Map<string, Map<number, number>>()
  let runs = 0
  await fc.assert(
    fc.asyncProperty(request, async ({ choice, mutations, wire: w, page: q, method: m }) => {
      runs++
      const { path, body, name } = validRequest(choice)
      for (const mu of mutations) mutate(body, mu)
      const text = JSON.stringify(body)
      const headers: Record<string, string> = w.kind === 'headers' ? w.headers : { 'content-type': 'application/json' }
      const payload: CoreRequest['body'] =
        w.kind === 'cut'
          ? text.slice(0, w.at % text.length)
          : w.kind === 'text'
            ? w.text
            : w.kind === 'bytes'
              ? w.bytes
              : text
      const { status, json } = await call({ method: m, url: path + q, headers, body: payload })
      const op = routes.find((r) => r.names.includes(name))!.route.operation.name
      const byStatus = statuses.get(op) ?? new Map<number, number>()
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1)
      statuses.set(op, byStatus)
      if (status === 500)
        assert.unreachable(`500 for ${m} ${path}${q}: ${JSON.stringify(json)}\n${String(payload).slice(0, 600)}`)
      assert.is(({} as { polluted?: unknown }).polluted, undefined)
    }),
    { numRuns: REQUESTS, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
  )
  assert.is(runs, REQUESTS)
  await hub.idle()
  assert.equal(internal, [], 'no internal errors')
  // Every operation was reached, and every one got past the core to its handler at least once.
  for (const { route } of routes) {
    const byStatus = statuses.get(route.operation.name)
    assert.ok(
      byStatus?.get(200),
      `${route.operation.name} never answered 200: ${JSON.stringify([...(byStatus ?? [])])}`,
    )
  }
})

test.run()
