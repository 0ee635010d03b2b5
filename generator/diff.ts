// What changed between two releases, or two versions of one service: types, fields,
// enumeration values, rules, operations and paths, as a list of changes.
import { fieldConstraints } from './emit/common.js'
import { isMessage, type Operation, type Release, type TypeDef } from './spec/model.js'

export type ChangeKind = 'added' | 'removed' | 'changed'

export interface Change {
  kind: ChangeKind
  /** What changed: "type EvseDataRecord", "field EvseDataRecord.OpeningTimes", "operation eRoamingPullEvseData". */
  subject: string
  /** For a change: which aspect ("required", "maxLength", "path", ...). */
  aspect?: string
  from?: string
  to?: string
}

/** The part of a release a comparison looks at. */
export interface Side {
  label: string
  types: Map<string, TypeDef>
  operations: Operation[]
}

export function releaseSide(release: Release): Side {
  return {
    label: `OICP ${release.release}`,
    types: release.types,
    operations: release.services.flatMap((s) => s.operations),
  }
}

/** One service version with the messages and types its operations reach. */
export function serviceSide(release: Release, service: string, version: string): Side | undefined {
  const s = release.services.find((x) => x.name.toLowerCase() === service.toLowerCase() && x.version === version)
  if (!s) return undefined
  const types = new Map<string, TypeDef>()
  const visit = (name: string) => {
    const t = release.types.get(name)
    if (!t || types.has(name)) return
    types.set(name, t)
    if (t.kind === 'object') for (const f of t.fields) visit(f.type)
  }
  for (const op of s.operations) {
    for (const m of 'message' in op.request ? [op.request.message] : op.request.oneOf) visit(m)
    visit(op.response)
  }
  return { label: `${s.name} ${s.version}`, types, operations: s.operations }
}

/** A fact as the table shows it: lists joined, objects as JSON, a dash for none. */
function show(v: unknown): string {
  if (v === undefined) return '–'
  if (Array.isArray(v)) return v.join(', ')
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return JSON.stringify(v)
}

function typeFacts(t: TypeDef): Record<string, unknown> {
  if (t.kind === 'string')
    return { kind: 'restricted string', pattern: t.pattern, minLength: t.minLength, maxLength: t.maxLength }
  if (t.kind === 'enum')
    return {
      kind: 'enumeration',
      open: t.open ? 'open' : 'closed',
      maxLength: t.maxLength,
      solo: t.solo.length ? show(t.solo) : undefined,
    }
  return {
    kind: isMessage(t) ? 'message' : 'object',
    rules: t.rules.length ? t.rules.map((r) => show({ ...r, place: undefined })).join('; ') : undefined,
  }
}

function compareFacts(subject: string, a: Record<string, unknown>, b: Record<string, unknown>, out: Change[]): void {
  for (const aspect of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const from = a[aspect] === undefined ? undefined : show(a[aspect])
    const to = b[aspect] === undefined ? undefined : show(b[aspect])
    if (from !== to) out.push({ kind: 'changed', subject, aspect, from: from ?? '–', to: to ?? '–' })
  }
}

function compareTypes(a: TypeDef, b: TypeDef, out: Change[]): void {
  const subject = `${isMessage(a) ? 'message' : 'type'} ${a.name}`
  compareFacts(subject, typeFacts(a), typeFacts(b), out)
  if (a.kind === 'enum' && b.kind === 'enum') {
    const av = new Set(a.values.map((v) => v.value))
    const bv = new Set(b.values.map((v) => v.value))
    for (const v of bv) if (!av.has(v)) out.push({ kind: 'added', subject: `value ${a.name}."${v}"` })
    for (const v of av) if (!bv.has(v)) out.push({ kind: 'removed', subject: `value ${a.name}."${v}"` })
  }
  if (a.kind === 'object' && b.kind === 'object') {
    const af = new Map(a.fields.map((f) => [f.name, f]))
    const bf = new Map(b.fields.map((f) => [f.name, f]))
    for (const [name, f] of bf) {
      const old = af.get(name)
      if (!old) out.push({ kind: 'added', subject: `field ${a.name}.${name}`, to: fieldConstraints(f).required })
      else compareFacts(`field ${a.name}.${name}`, fieldConstraints(old), fieldConstraints(f), out)
    }
    for (const name of af.keys()) if (!bf.has(name)) out.push({ kind: 'removed', subject: `field ${a.name}.${name}` })
  }
}

function operationFacts(op: Operation): Record<string, unknown> {
  return {
    method: op.method,
    path: op.path,
    from: op.from,
    to: op.to,
    forwardedTo: op.forwardedTo,
    request: 'message' in op.request ? op.request.message : show(op.request.oneOf),
    response: op.response,
    sequential: op.sequential ? 'sequential' : undefined,
    query: op.query.length ? op.query.map((q) => q.name).join(', ') : undefined,
    service: `${op.service} ${op.serviceVersion}`,
  }
}

/** Every difference from `a` to `b`, types first (by name), then operations. */
export function diff(a: Side, b: Side): Change[] {
  const out: Change[] = []
  const names = [...new Set([...a.types.keys(), ...b.types.keys()])].sort()
  for (const name of names) {
    const ta = a.types.get(name)
    const tb = b.types.get(name)
    const what = (t: TypeDef) => `${isMessage(t) ? 'message' : 'type'} ${name}`
    if (ta && tb) compareTypes(ta, tb, out)
    else if (tb) out.push({ kind: 'added', subject: what(tb) })
    else if (ta) out.push({ kind: 'removed', subject: what(ta) })
  }
  const ops = [...new Set([...a.operations.map((o) => o.name), ...b.operations.map((o) => o.name)])].sort()
  for (const name of ops) {
    const oa = a.operations.find((o) => o.name === name)
    const ob = b.operations.find((o) => o.name === name)
    if (oa && ob) compareFacts(`operation ${name}`, operationFacts(oa), operationFacts(ob), out)
    else if (ob) out.push({ kind: 'added', subject: `operation ${name}`, to: `${ob.method} ${ob.path}` })
    else if (oa) out.push({ kind: 'removed', subject: `operation ${name}`, from: `${oa.method} ${oa.path}` })
  }
  return out
}

/** A readable table of the changes. */
export function formatDiff(a: Side, b: Side, changes: Change[]): string {
  if (changes.length === 0) return `${a.label} → ${b.label}: no differences\n`
  const rows = changes.map((c) => [c.kind, c.subject, c.aspect ?? '', c.from ?? '', c.to ?? ''])
  const head = ['change', 'what', 'aspect', a.label, b.label]
  const widths = head.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[i]!.length))))
  const cut = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => cut(c, widths[i]!))
      .join('  ')
      .trimEnd()
  return `${a.label} → ${b.label}: ${changes.length} difference${changes.length === 1 ? '' : 's'}\n\n${[line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`
}
