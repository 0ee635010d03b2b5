// ajv in JSON Schema 2020-12 mode (with ajv-formats and unicode patterns), compiled from the
// generated OpenAPI document, agrees with our validators (exact mode) on every test vector
// (each message's complete instance and every single-fault mutation) and on every JSON
// example of the spec text, apart from the rules the document lists in x-oicp-rules.
import { readFileSync } from 'node:fs'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { RULES } from '../generator/emit/openapi-rules.js'
import { loadRelease } from '../generator/spec/load.js'
import { isMessage } from '../generator/spec/model.js'
import { mutated, mutations } from '../generator/vectors.js'
import { messages } from '../generated/oicp-2.3/index.js'
import type { Snippet } from './support/extract-snippets.js'
import { Sampler } from './support/samples.js'
import { messageOf } from './support/snippet-messages.js'

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020
const release = loadRelease('spec/oicp-2.3')
const sampler = new Sampler(release)
const all = [...release.types.values()].filter(isMessage)
// The hub's document holds every message: each is the request or answer of an operation Hubject serves.
const doc = JSON.parse(readFileSync('generated/oicp-2.3/openapi-hub.json', 'utf8')) as {
  components: { schemas: Record<string, { 'x-oicp-rules'?: Array<{ rule: string; field?: string }> }> }
}
const ID = 'https://oicp.invalid/openapi-hub.json'

// Unknown keywords are errors (strictSchema), except the OpenAPI ones the schemas use.
const ajv = new Ajv2020({ unicodeRegExp: true, strictSchema: true, strictTypes: false, strictRequired: false })
addFormats(ajv)
for (const keyword of ['components', 'discriminator', 'x-oicp-rules']) ajv.addKeyword(keyword)
ajv.addSchema({ $id: ID, components: doc.components })
const compiled = new Map<string, ValidateFunction>()
function schemaOf(message: string): ValidateFunction {
  if (!compiled.has(message)) {
    const v = ajv.getSchema(`${ID}#/components/schemas/${message}`)
    if (!v) throw new Error(`no schema for ${message} in the hub document`)
    compiled.set(message, v)
  }
  return compiled.get(message)!
}

/** Our validators' keywords for rules the document lists rather than expresses. */
const LISTED: Record<string, Array<keyof typeof RULES>> = { digits: ['fractionDigits', 'totalDigits'] }

/** Whether the schema of `owner` lists a rule for `field` that covers our `keyword`. */
function listed(owner: string | undefined, field: string, keyword: string): boolean {
  const rules = LISTED[keyword] ?? []
  const schemas = owner === undefined ? Object.values(doc.components.schemas) : [doc.components.schemas[owner]]
  return schemas.some((s) =>
    (s?.['x-oicp-rules'] ?? []).some((r) => r.field === field && (rules as string[]).includes(r.rule)),
  )
}

test('ajv runs the patterns as unicode expressions (\\p{...} compiles and matches)', () => {
  assert.is(ajv.opts.unicodeRegExp, true)
  const letter = ajv.compile({ type: 'string', pattern: '^\\p{Lu}$' })
  assert.ok(letter('Ä'))
  assert.not.ok(letter('ä'))
})

test('every message has a schema that ajv compiles', () => {
  assert.ok(all.length >= 30)
  for (const m of all) assert.type(schemaOf(m.name), 'function', m.name)
})

let excused = 0
for (const m of all)
  test(`${m.name}: ajv and our validators agree on the complete instance and every mutation`, () => {
    const { sample, mutations: list } = mutations(release, m, sampler)
    const validate = schemaOf(m.name)
    assert.ok(validate(sample), `complete instance: ${JSON.stringify(validate.errors)}`)
    assert.ok(messages.validate(m.name, structuredClone(sample)).ok)
    const problems: string[] = []
    for (const c of list) {
      const value = mutated(sample, c)
      const ours = messages.validate(m.name, structuredClone(value)).ok
      const theirs = validate(value)
      assert.not.ok(ours, `our validators accept ${c.what} at ${c.pointer}`)
      if (!theirs) continue
      if (listed(c.owner, c.field, c.keyword)) excused++
      else problems.push(`${c.what} at ${c.pointer} (${c.keyword}): ajv accepts it`)
    }
    assert.equal(problems, [], problems.join('\n'))
  })

test('the disagreements excused are those of listed rules, and there are some', () => {
  assert.ok(excused > 0, 'no mutation breaks a listed rule: the excuse is never used')
})

const snippets = JSON.parse(readFileSync('test/fixtures/snippets-2.3.json', 'utf8')) as Snippet[]
test('ajv and our validators agree on every JSON example of the spec text', () => {
  let compared = 0
  const problems: string[] = []
  for (const s of snippets) {
    let value: unknown
    try {
      value = JSON.parse(s.text)
    } catch {
      continue
    }
    const name = messageOf(s)
    const ours = messages.validate(name, structuredClone(value))
    const theirs = schemaOf(name)(value)
    compared++
    if (ours.ok === theirs) continue
    const excuse =
      !ours.ok &&
      theirs &&
      ours.errors.every((e) =>
        listed(
          undefined,
          e.path
            .split('/')
            .filter((p) => !/^\d+$/.test(p))
            .pop() ?? '',
          e.keyword,
        ),
      )
    if (!excuse)
      problems.push(
        `${s.source} (${name}): ours ${ours.ok ? 'valid' : `invalid (${ours.errors.map((e) => `${e.path} ${e.keyword}`).join(', ')})`}, ajv ${theirs ? 'valid' : `invalid (${JSON.stringify(schemaOf(name).errors)})`}`,
      )
  }
  assert.ok(compared >= 60, `only ${compared} examples compared`)
  assert.equal(problems, [], problems.join('\n'))
})

test.run()
