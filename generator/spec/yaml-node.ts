// A thin view over a parsed YAML node that knows its file and line, so that every
// problem can be reported as `file:line: message`.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlAstNode } from 'yaml'
import type { Diagnostics } from './diagnostics.js'
import type { Place } from './model.js'
import { didYouMean } from './suggest.js'

export class YNode {
  constructor(
    readonly ast: YamlAstNode | null,
    readonly place: Place,
    private readonly lines: LineCounter,
    private readonly diags: Diagnostics,
  ) {}

  private at(node: YamlAstNode | null | undefined, fallback: Place): Place {
    const offset = node?.range?.[0]
    return offset === undefined ? fallback : { file: this.place.file, line: this.lines.linePos(offset).line }
  }

  error(message: string): void {
    this.diags.add(this.place, message)
  }

  get isMap(): boolean {
    return isMap(this.ast)
  }

  /** The entries of a map in source order; reports and skips anything else. */
  entries(what: string): Array<[string, YNode]> {
    if (!isMap(this.ast)) {
      this.error(`${what} must be a map`)
      return []
    }
    const out: Array<[string, YNode]> = []
    for (const pair of this.ast.items) {
      const keyNode = pair.key as YamlAstNode | null
      const keyPlace = this.at(keyNode, this.place)
      const key = isScalar(keyNode) ? String(keyNode.value) : undefined
      if (key === undefined) {
        this.diags.add(keyPlace, `${what}: keys must be plain strings`)
        continue
      }
      // A definition is reported at its key's line, where a reader looks for it.
      out.push([key, new YNode((pair.value as YamlAstNode | null) ?? null, keyPlace, this.lines, this.diags)])
    }
    return out
  }

  /** The entries of a map whose keys must come from `allowed`; an unknown key is reported with the nearest allowed ones. */
  fields(what: string, allowed: readonly string[]): Map<string, YNode> {
    const out = new Map<string, YNode>()
    for (const [key, node] of this.entries(what)) {
      if (!allowed.includes(key)) {
        const hint = didYouMean(key, allowed) || ` (allowed: ${allowed.join(', ')})`
        this.diags.add(this.keyPlace(key), `${what}: unknown key "${key}"${hint}`)
        continue
      }
      out.set(key, node)
    }
    return out
  }

  private keyPlace(key: string): Place {
    if (!isMap(this.ast)) return this.place
    const pair = this.ast.items.find((p) => isScalar(p.key) && String(p.key.value) === key)
    return this.at(pair?.key as YamlAstNode, this.place)
  }

  items(what: string): YNode[] {
    if (!isSeq(this.ast)) {
      this.error(`${what} must be a list`)
      return []
    }
    return this.ast.items.map(
      (item) => new YNode(item as YamlAstNode, this.at(item as YamlAstNode, this.place), this.lines, this.diags),
    )
  }

  private scalar(): unknown {
    return isScalar(this.ast) ? this.ast.value : undefined
  }

  string(what: string): string | undefined {
    const v = this.scalar()
    if (typeof v === 'string' && v.trim() !== '') return v
    if (typeof v === 'number' || typeof v === 'boolean') return String(v)
    this.error(`${what} must be a non-empty string`)
    return undefined
  }

  /** A string whose YAML spelling must be a string (so "2.3" stays "2.3", not 2.3). */
  quoted(what: string): string | undefined {
    const v = this.scalar()
    if (typeof v === 'string' && v.trim() !== '') return v
    this.error(`${what} must be a quoted string`)
    return undefined
  }

  boolean(what: string): boolean | undefined {
    const v = this.scalar()
    if (typeof v === 'boolean') return v
    this.error(`${what} must be true or false`)
    return undefined
  }

  count(what: string): number | undefined {
    const v = this.scalar()
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v
    this.error(`${what} must be a whole number >= 0`)
    return undefined
  }

  /** A scalar value of any kind (for requiredWhen comparisons). */
  value(what: string): string | number | boolean | undefined {
    const v = this.scalar()
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v
    this.error(`${what} must be a string, number or boolean`)
    return undefined
  }

  strings(what: string): string[] {
    return this.items(what)
      .map((n) => n.string(`${what} entry`))
      .filter((s): s is string => s !== undefined)
  }
}

/** Parses one YAML file; syntax errors become diagnostics and give null. */
export function readYaml(file: string, text: string, diags: Diagnostics): YNode | null {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false })
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const line = e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line
      diags.add({ file, line }, e.message.split('\n')[0] ?? 'YAML syntax error')
    }
    return null
  }
  return new YNode(doc.contents, { file, line: 1 }, lines, diags)
}
