// The receiving policy of lenient mode: an invalid optional member is removed with a
// warning; when its removal breaks a rule of the object around it, the smallest optional
// member enclosing that object goes instead; an invalid mandatory member is an error.
// Checked for every targeted mutation of every message against an oracle written from
// the spec model, on Hubject's AuthorizeStart answer, and on every "Lenient:" claim of
// ERRATA.md's list of examples.
import { readFileSync } from 'node:fs'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { loadRelease } from '../generator/spec/load.js'
import { isMessage, type Field, type ObjectType } from '../generator/spec/model.js'
import { messages, validators } from '../generated/oicp-2.3/index.js'
import { runCheck } from '../runtime/internal.js'
import type { Snippet } from './support/extract-snippets.js'
import { locate, Sampler, setAt, type Json, type Spot } from './support/samples.js'
import { messageOf } from './support/snippet-messages.js'

const release = loadRelease('spec/oicp-2.3')
const sampler = new Sampler(release)
const snippets = JSON.parse(readFileSync('test/fixtures/snippets-2.3.json', 'utf8')) as Snippet[]

/** One field on the way from the message to a place: where it stands and whose field it is. */
interface Step {
  pointer: string
  field: Field
  owner: ObjectType
}

function stepsTo(message: ObjectType, pointer: string): Step[] {
  const parts = pointer.split('/').slice(1)
  const steps: Step[] = []
  let owner = message
  let at = ''
  for (let i = 0; i < parts.length; i++) {
    const field = owner.fields.find((f) => f.name === parts[i])
    if (!field) throw new Error(`${message.name}: no field ${parts[i]} at ${at}`)
    at += `/${parts[i]}`
    steps.push({ pointer: at, field, owner })
    if (field.list && i + 1 < parts.length) at += `/${parts[++i]}`
    const next = release.types.get(field.type)
    if (next?.kind !== 'object') break
    owner = next
  }
  return steps
}

/** Whether removing the member of `steps[i]` breaks a rule around it in `sample`. */
function removalBreaks(steps: Step[], i: number, sample: Json): boolean {
  const { field, owner, pointer } = steps[i]!
  if (owner.rules.some((r) => r.kind === 'exactlyOne' && r.fields.includes(field.name))) return true
  if (field.requiredWhen) {
    const { parent } = locate(sample, pointer)
    if (Object.entries(field.requiredWhen).every(([k, v]) => (parent as Record<string, Json>)[k] === v)) return true
  }
  // A `within` rule of an object further out that requires this member here.
  for (let j = 0; j <= i; j++) {
    const path = steps.slice(j, i).map((s) => s.field.name)
    if (
      steps[j]!.owner.rules.some(
        (r) => r.kind === 'within' && r.require.includes(field.name) && r.path.join('/') === path.join('/'),
      )
    )
      return true
  }
  return false
}

/**
 * The oracle: where lenient mode must remove, for a fault whose innermost invalid member
 * is `steps[start]`; undefined when nothing optional can be removed (then it is an error).
 */
function expectedRemoval(steps: Step[], start: number, sample: Json): string | undefined {
  for (let i = start; i >= 0; i--) {
    if (steps[i]!.field.required || removalBreaks(steps, i, sample)) continue
    return steps[i]!.pointer
  }
  return undefined
}

/** The same faults as messages.test.ts, without enumeration values (only warnings when lenient). */
function faults(spot: Spot): Array<{ pointer: string; value: Json | undefined; keyword: string }> {
  const { field: f, pointer } = spot
  const t = release.types.get(f.type)
  const out: Array<{ pointer: string; value: Json | undefined; keyword: string }> = []
  if (!spot.listItem && f.required) out.push({ pointer, value: undefined, keyword: 'required' })
  if (!spot.listItem && f.list) out.push({ pointer, value: 'x', keyword: 'type' })
  if (f.list && !spot.listItem) return out
  if (t?.kind === 'object') out.push({ pointer, value: 'x', keyword: 'type' })
  else if (f.type === 'integer' || f.type === 'decimal')
    out.push({
      pointer,
      value: f.minimum !== undefined ? f.minimum - 1 : 'x',
      keyword: f.minimum !== undefined ? 'minimum' : 'type',
    })
  else if (f.type === 'boolean') out.push({ pointer, value: 'true', keyword: 'type' })
  else if (f.type === 'dateTime') out.push({ pointer, value: '2024-05-01T14:30:00', keyword: 'format' })
  else out.push({ pointer, value: 42, keyword: 'type' })
  return out
}

for (const m of [...release.types.values()].filter(isMessage)) {
  test(`${m.name}: every fault is removed at the smallest optional member it may be, or is an error`, () => {
    const spots: Spot[] = []
    const sample = sampler.object(m, '', spots)
    const problems: string[] = []
    for (const spot of spots)
      for (const fault of faults(spot)) {
        const value = structuredClone(sample) as Json
        setAt(value, fault.pointer, fault.value)
        const steps = stepsTo(m, fault.pointer)
        const expected = expectedRemoval(steps, steps.length - 1, sample)
        const exact = messages.validate(m.name, structuredClone(value))
        const r = messages.validate(m.name, value, { mode: 'lenient' })
        const what = `${fault.pointer} (${fault.keyword})`
        if (expected === undefined) {
          if (r.ok) problems.push(`${what}: accepted, expected an error`)
          else if (!exact.ok && JSON.stringify(r.errors) !== JSON.stringify(exact.errors))
            problems.push(`${what}: errors differ from exact mode`)
          continue
        }
        if (!r.ok) {
          problems.push(
            `${what}: rejected, expected ${expected} removed: ${JSON.stringify(r.errors.map((e) => e.path))}`,
          )
          continue
        }
        const removed = r.warnings.filter((w) => w.keyword === 'removed')
        if (removed.length !== 1 || removed[0]!.path !== expected)
          problems.push(`${what}: removed ${JSON.stringify(removed.map((w) => w.path))}, expected ${expected}`)
        else if (!removed[0]!.causes?.some((c) => c.path === fault.pointer && c.keyword === fault.keyword))
          problems.push(`${what}: the cause is not reported: ${JSON.stringify(removed[0]!.causes)}`)
        const { parent, key } = locate(r.value as Json, expected)
        if (key in (parent as object)) problems.push(`${what}: ${expected} is still in the value`)
      }
    assert.equal(problems, [], problems.join('\n'))
  })
}

test("Hubject's AuthorizeStart answer is Authorized; its broken stop identifications are removed with one warning", () => {
  const example = snippets.find((s) => s.source === 'cpo/06_CPO_Code_Snippets.asciidoc:281')!
  const answer = JSON.parse(example.text) as Record<string, unknown>
  assert.not.ok(messages.validate('eRoamingAuthorizationStart', structuredClone(answer)).ok, 'invalid as sent')
  const r = messages.validate('eRoamingAuthorizationStart', answer, { mode: 'lenient' })
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  assert.is(r.value.AuthorizationStatus, 'Authorized')
  assert.is(r.value.ProviderID, 'DE-DCB')
  assert.not.ok('AuthorizationStopIdentifications' in r.value)
  assert.equal(
    r.warnings.map((w) => [w.path, w.keyword]),
    [['/AuthorizationStopIdentifications', 'removed']],
  )
  const causes = r.warnings[0]!.causes!.map((c) => `${c.path} ${c.keyword}`)
  assert.ok(causes.includes('/AuthorizationStopIdentifications/0 exactlyOne'), causes.join(', '))
  assert.ok(
    causes.includes('/AuthorizationStopIdentifications/0/QRCodeIdentification/HashedPIN/Value pattern'),
    causes.join(', '),
  )
  assert.match(r.warnings[0]!.message, /exactly one of/)
})

test("docs/validation.md's AuthorizeStart answer reads as the page says", () => {
  const page = readFileSync('docs/validation.md', 'utf8')
  const section = page.slice(page.indexOf('**Receiving: lenient mode keeps what it can use.**'))
  const answer = JSON.parse(/```json\n([\s\S]*?)```/.exec(section)![1]!) as Record<string, unknown>
  assert.not.ok(messages.validate('eRoamingAuthorizationStart', structuredClone(answer)).ok, 'exact rejects it')
  const r = messages.validate('eRoamingAuthorizationStart', answer, { mode: 'lenient' })
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  assert.is(r.value.AuthorizationStatus, 'Authorized')
  assert.equal(
    r.warnings.map((w) => [w.path, w.keyword]),
    [['/AuthorizationStopIdentifications', 'removed']],
  )
  assert.equal(
    r.warnings[0]!.causes!.map((c) => `${c.path} ${c.keyword}`),
    [
      '/AuthorizationStopIdentifications/0/RFIDMifareFamilyIdentification/UID pattern',
      '/AuthorizationStopIdentifications/0/QRCodeIdentification/HashedPIN/Value pattern',
      '/AuthorizationStopIdentifications/0 exactlyOne',
    ],
  )
})

test('a required-when member: removed when the condition does not hold, an error when it does', () => {
  const record = sampler.object(sampler.type('PullEvseDataRecord') as ObjectType) as Record<string, any>
  const opening = { Period: [{ begin: '8:00', end: '18:00' }], On: 'Workdays' }
  const open = runCheck<Record<string, unknown>>(
    validators.PullEvseDataRecord,
    { ...record, IsOpen24Hours: true, OpeningTimes: [opening] },
    { mode: 'lenient' },
  )
  if (!open.ok) throw new Error(JSON.stringify(open.errors))
  assert.not.ok('OpeningTimes' in open.value)
  assert.equal(
    open.warnings.map((w) => w.path),
    ['/OpeningTimes'],
    'one warning: the alias read inside the removed member is not reported',
  )
  assert.ok('On' in opening && !('on' in opening), 'nothing inside a removed member is edited')
  const closed = { ...record, IsOpen24Hours: false, OpeningTimes: [opening] }
  const before = structuredClone(closed)
  const r = runCheck(validators.PullEvseDataRecord, closed, { mode: 'lenient' })
  assert.not.ok(r.ok)
  assert.equal(
    !r.ok && r.errors.map((e) => `${e.path} ${e.keyword}`),
    ['/OpeningTimes/0/Period/0/begin pattern'],
    'reported as sent, not as "required"',
  )
  assert.equal(closed, before, 'a rejected value is left as it was')
})

test('exact and strict mode remove nothing', () => {
  const ack = { Result: true, StatusCode: { Code: '000' }, SessionID: 'not a session' }
  for (const mode of ['exact', 'strict'] as const) {
    const r = messages.validate('eRoamingAcknowledgement', structuredClone(ack), { mode })
    assert.equal(!r.ok && r.errors.map((e) => e.path), ['/SessionID'], mode)
  }
  const r = messages.validate('eRoamingAcknowledgement', ack, { mode: 'lenient' })
  assert.ok(r.ok && !('SessionID' in r.value))
})

/** The claims of ERRATA.md's list of examples that do not validate: `file:line` → accepted or rejected in lenient mode. */
function errataClaims(): Map<string, string> {
  const errata = readFileSync('spec/ERRATA.md', 'utf8')
  const list = errata.slice(errata.indexOf('## JSON examples that do not validate'), errata.indexOf('## OICP 2.2'))
  const claims = new Map<string, string>()
  for (const entry of list.split(/\n- /).slice(1)) {
    const m = /^`([^`]+)`[\s\S]*?Lenient:\s+(accepted|rejected)/.exec(entry)
    if (m) claims.set(m[1]!, m[2]!)
  }
  return claims
}

test('every "Lenient:" claim of ERRATA.md holds', () => {
  const claims = errataClaims()
  assert.ok(claims.size >= 20, `found ${claims.size} claims`)
  for (const [source, claim] of claims) {
    const s = snippets.find((x) => x.source === source)
    assert.ok(s, `${source} is not an example`)
    const r = messages.validate(messageOf(s), JSON.parse(s.text), { mode: 'lenient' })
    assert.is(
      r.ok ? 'accepted' : 'rejected',
      claim,
      `${source}: ${r.ok ? r.warnings.map((w) => w.path).join(', ') : r.errors.map((e) => e.path).join(', ')}`,
    )
  }
})

test.run()
