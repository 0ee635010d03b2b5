// Path matching: a tree of path segments, static segments before {parameters}. Routes of
// several tables (roles, service versions, releases) share one tree; a method and path
// served twice is an error at start-up, unless it is the same operation (one service
// version carried by two releases), which is served once.

interface Node<T> {
  readonly statics: Map<string, Node<T>>
  param: Node<T> | undefined
  /** By method: the target and the names of the parameters on the way here. */
  readonly methods: Map<string, { target: T; names: readonly string[] }>
}

export type Match<T> =
  | { kind: 'found'; target: T; params: Record<string, string> }
  | { kind: 'wrongMethod'; allow: string[] }
  | { kind: 'notFound' }
  /** A parameter was not valid percent-encoding. */
  | { kind: 'badPath' }

function node<T>(): Node<T> {
  return { statics: new Map(), param: undefined, methods: new Map() }
}

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '')
}

export class Router<T> {
  private readonly root = node<T>()

  /**
   * Adds a route; `template` uses {Name} for parameters. A route already served by an
   * equal target (`same`) is kept as it is and false returned; any other clash throws.
   */
  add(
    method: string,
    template: string,
    target: T,
    describe: (t: T) => string,
    same: (a: T, b: T) => boolean = () => false,
  ): boolean {
    let at = this.root
    const names: string[] = []
    for (const seg of segments(template)) {
      const m = /^\{(\w+)\}$/.exec(seg)
      if (m) {
        names.push(m[1]!)
        at = at.param ??= node()
      } else {
        let next = at.statics.get(seg)
        if (!next) at.statics.set(seg, (next = node()))
        at = next
      }
    }
    const existing = at.methods.get(method)
    if (existing) {
      if (same(existing.target, target)) return false
      throw new Error(
        `${method} ${template} is served twice: by ${describe(existing.target)} and by ${describe(target)}`,
      )
    }
    at.methods.set(method, { target, names })
    return true
  }

  match(method: string, path: string): Match<T> {
    const values: string[] = []
    const found = this.walk(this.root, segments(path), 0, values)
    if (!found) return { kind: 'notFound' }
    const entry = found.node.methods.get(method)
    if (!entry) return { kind: 'wrongMethod', allow: [...found.node.methods.keys()].sort() }
    const params: Record<string, string> = {}
    for (let i = 0; i < entry.names.length; i++) {
      try {
        params[entry.names[i]!] = decodeURIComponent(found.values[i]!)
      } catch {
        return { kind: 'badPath' }
      }
    }
    return { kind: 'found', target: entry.target, params }
  }

  /** Depth first, static segments before parameters, so /a/fixed wins over /a/{X}. */
  private walk(
    at: Node<T>,
    segs: string[],
    i: number,
    values: string[],
  ): { node: Node<T>; values: string[] } | undefined {
    if (i === segs.length) return at.methods.size > 0 ? { node: at, values } : undefined
    const seg = segs[i]!
    const stat = at.statics.get(seg)
    if (stat) {
      const r = this.walk(stat, segs, i + 1, values)
      if (r) return r
    }
    if (at.param) return this.walk(at.param, segs, i + 1, [...values, seg])
    return undefined
  }
}
