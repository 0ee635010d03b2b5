// What the generated OpenAPI documents say, checked against the spec model: which operations
// each role's document holds and how (paths, parameters, answers), that messages carry their
// spec descriptions, minimums and rules, that the rules it cannot express are the ones the
// docs/openapi.md lists, and that `oicp openapi` writes the generated document.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { clientMethods } from '../generator/emit/client.js'
import { openApiText, SERVERS } from '../generator/emit/openapi.js'
import { RULES } from '../generator/emit/openapi-rules.js'
import { servedBy } from '../generator/emit/routes.js'
import { loadRelease } from '../generator/spec/load.js'
import { isMessage, type Role } from '../generator/spec/model.js'
import { HUBJECT_PRODUCTION, HUBJECT_QA } from '../runtime/index.js'
import { oicp } from './support/cli.js'

// The documents are read as plain JSON; the model is what they are checked against.
type Json = { [key: string]: any }
const release = loadRelease('spec/oicp-2.3')
const ROLES: Role[] = ['cpo', 'emp', 'hub']
const docs = Object.fromEntries(
  ROLES.map((role) => [role, JSON.parse(readFileSync(`generated/oicp-2.3/openapi-${role}.json`, 'utf8')) as Json]),
) as Record<Role, Json>
const allOps = release.services.flatMap((s) => s.operations)

function operationsIn(doc: Json): Array<{ path: string; method: string; op: Json }> {
  return Object.entries(doc.paths as Json).flatMap(([path, item]) =>
    Object.entries(item as Json).map(([method, op]) => ({ path, method, op: op as Json })),
  )
}

test('cpo and emp hold what their clients send, hub what the hub serves', () => {
  for (const role of ['cpo', 'emp'] as const)
    assert.equal(
      operationsIn(docs[role])
        .map((o) => o.op.operationId)
        .sort(),
      [...new Set(clientMethods(release, role).map((m) => m.operation))].sort(),
      role,
    )
  assert.equal(
    operationsIn(docs.hub)
      .map((o) => o.op.operationId)
      .sort(),
    servedBy(release, 'hub')
      .map((op) => op.name)
      .sort(),
  )
  assert.is(operationsIn(docs.hub).length, allOps.length, 'Hubject serves every operation')
})

test('every operation at its path and method, with its path and query parameters and answers', () => {
  for (const { path, method, op } of operationsIn(docs.hub)) {
    const spec = allOps.find((o) => o.name === op.operationId)!
    assert.is(path, spec.path)
    assert.is(method, spec.method.toLowerCase())
    const params = (op.parameters ?? []) as Json[]
    assert.equal(
      params.filter((p) => p.in === 'path').map((p) => p.name),
      spec.pathParams,
    )
    assert.equal(
      params.filter((p) => p.in === 'query').map((p) => p.name),
      spec.query.map((q) => q.name),
    )
    for (const p of params.filter((p) => p.in === 'path'))
      assert.equal([p.required, p.schema.$ref], [true, `#/components/schemas/${p.name}`])
    assert.is(op.responses['200'].content['application/json'].schema.$ref, `#/components/schemas/${spec.response}`)
    assert.is(op.responses['4XX'].$ref, '#/components/responses/Refused')
    assert.is(op.responses['5XX'].$ref, '#/components/responses/Failed')
    assert.is(op['x-oicp-forwarded-to'], spec.forwardedTo)
  }
  const emp = Object.keys(docs.emp.paths)
  for (const suffix of ['/status-records-by-id', '/status-records-by-operator-id'])
    assert.ok(
      emp.some((p) => p.endsWith(suffix)),
      suffix,
    )
  assert.equal(
    docs.hub.components.responses.Refused.content['application/json'].schema.$ref,
    '#/components/schemas/eRoamingAcknowledgement',
  )
})

test("the servers are the runtime's Hubject systems, reached over mutual TLS", () => {
  assert.equal(
    SERVERS.map((s) => s.url),
    [HUBJECT_QA, HUBJECT_PRODUCTION],
  )
  for (const role of ROLES) {
    assert.equal(
      docs[role].servers.map((s: Json) => s.url),
      [HUBJECT_QA, HUBJECT_PRODUCTION],
    )
    assert.equal(docs[role].security, [{ hubjectCertificate: [] }])
    assert.is(docs[role].components.securitySchemes.hubjectCertificate.type, 'mutualTLS')
  }
})

test('the charging notifications: a oneOf of four messages, each pinned to its own Type', () => {
  const op = operationsIn(docs.cpo).find((o) => o.op.operationId === 'eRoamingChargingNotifications')!.op
  const body = op.requestBody.content['application/json']
  const spec = allOps.find((o) => o.name === 'eRoamingChargingNotifications')!
  assert.ok('oneOf' in spec.request)
  assert.equal(
    body.schema.oneOf.map((r: Json) => r.$ref.split('/').pop()),
    spec.request.oneOf,
  )
  assert.is(body.schema.discriminator.propertyName, 'Type')
  const types = spec.request.oneOf.map((m) => docs.cpo.components.schemas[m].properties.Type.const)
  assert.equal(new Set(types).size, 4, `four different Type values: ${types.join(', ')}`)
  for (const [value, target] of Object.entries(body.schema.discriminator.mapping as Record<string, string>))
    assert.is(docs.cpo.components.schemas[target.split('/').pop()!].properties.Type.const, value)
})

test('choices: a oneOf whose branches each require one option and forbid the others', () => {
  const identification = docs.hub.components.schemas.Identification
  const choice = (identification.allOf as Json[]).find((c) => c.oneOf)!
  const options = release.types.get('Identification')!
  assert.ok(options.kind === 'object')
  const names = options.fields.map((f) => f.name)
  assert.is(choice.oneOf.length, names.length)
  for (const branch of choice.oneOf as Json[]) {
    const [own] = branch.required as string[]
    assert.equal(branch.not.anyOf.map((r: Json) => r.required[0]).sort(), names.filter((n) => n !== own).sort())
  }
})

test('every message and type with its spec description; every field with its doc, minimum and required-ness', () => {
  const schemas = docs.hub.components.schemas as Record<string, Json>
  let minimums = 0
  for (const [name, schema] of Object.entries(schemas)) {
    const t = release.types.get(name)!
    assert.ok(String(schema.description).startsWith(t.doc), `${name} description`)
    if (t.kind !== 'object') continue
    assert.equal(
      schema.required ?? [],
      t.fields.filter((f) => f.required).map((f) => f.name),
      `${name} required`,
    )
    for (const f of t.fields) {
      const p = schema.properties[f.name] as Json
      assert.ok(String(p.description).startsWith(f.doc), `${name}.${f.name} description`)
      if (f.minimum === undefined) continue
      const value = f.list ? p.items : p
      assert.ok(
        value.minimum === f.minimum || (value.minimum ?? -Infinity) > f.minimum,
        `${name}.${f.name}: minimum ${f.minimum} in ${JSON.stringify(value)}`,
      )
      minimums++
    }
  }
  assert.ok(minimums > 0, 'the model has minimums and the document shows them')
  for (const m of [...release.types.values()].filter(isMessage))
    assert.ok(schemas[m.name], `${m.name} in the hub document`)
})

test('x-oicp-rules: named rules of the catalogue, each listed in docs/openapi.md', () => {
  const page = readFileSync('docs/openapi.md', 'utf8')
  const used = new Set<string>()
  for (const role of ROLES)
    for (const [name, schema] of Object.entries(docs[role].components.schemas as Record<string, Json>))
      for (const r of (schema['x-oicp-rules'] ?? []) as Json[]) {
        assert.ok(r.rule in RULES, `${name}: unknown rule ${r.rule}`)
        if (r.field !== undefined)
          assert.ok(schema.properties[r.field], `${name}: rule ${r.rule} names no field of it (${r.field})`)
        used.add(r.rule)
      }
  assert.equal([...used].sort(), Object.keys(RULES).sort(), 'every rule of the catalogue is used')
  for (const rule of Object.keys(RULES))
    assert.match(page, new RegExp(`^\\| \`${rule}\` \\|`, 'm'), `docs/openapi.md lists ${rule}`)
})

test("a message the sampler cannot fill (a field pattern of one's own spec) goes without an example; the rest keep theirs", () => {
  const own = loadRelease('spec/oicp-2.3')
  const start = own.types.get('eRoamingAuthorizeStart')!
  assert.ok(start.kind === 'object')
  start.fields.push({
    ...start.fields[0]!,
    name: 'Custom',
    type: 'string',
    required: true,
    pattern: '^[QZ]{3}$',
    aliases: [],
  })
  const doc = JSON.parse(openApiText(own, 'cpo')) as Json
  const ops = operationsIn(doc)
  const body = (name: string) => ops.find((o) => o.op.operationId === name)!.op.requestBody.content['application/json']
  assert.is(body('eRoamingAuthorizeStart').example, undefined)
  assert.ok(body('eRoamingAuthorizeStop').example, 'other messages keep their examples')
  assert.is(doc.components.schemas.eRoamingAuthorizeStart.properties.Custom.pattern, '^[QZ]{3}$')
})

test('oicp openapi writes the generated document, to standard output and to a file', async () => {
  const out = await oicp('openapi', '2.3', '--role', 'emp')
  assert.is(out.code, 0, out.stderr)
  assert.is(out.stdout, readFileSync('generated/oicp-2.3/openapi-emp.json', 'utf8'))
  assert.is(out.stdout, openApiText(release, 'emp'))
  const file = join(mkdtempSync(join(tmpdir(), 'oicp-openapi-')), 'hub.json')
  const r = await oicp('openapi', 'oicp-2.3', '--out', file)
  assert.is(r.code, 0, r.stderr)
  assert.is(
    readFileSync(file, 'utf8'),
    readFileSync('generated/oicp-2.3/openapi-hub.json', 'utf8'),
    'the default role is hub',
  )
  const bad = await oicp('openapi', '2.3', '--role', 'operator')
  assert.is(bad.code, 2)
  assert.match(bad.stderr, /^oicp openapi: --role operator: unknown role/)
})

test.run()
