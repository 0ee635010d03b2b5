// Which operation a request path names, and its path parameters: matched against the
// core's own route list, so that requests refused before any handler ran (wrong path ID,
// not JSON, too large) are still shown with their operation and sender.
import type { OperationInfo, ServerCore } from 'oicp/runtime'

export interface Matched {
  operation: OperationInfo
  params: Record<string, string>
}

interface Compiled {
  method: string
  pattern: RegExp
  names: string[]
  operation: OperationInfo
}

function compile(route: ServerCore['routes'][number]): Compiled {
  const names: string[] = []
  const source = route.path
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1]
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      names.push(name)
      return '([^/]+)'
    })
    .join('')
  return { method: route.method, pattern: new RegExp(`^${source}$`), names, operation: route.operation }
}

export class RouteMatcher {
  readonly #routes: Compiled[]

  constructor(routes: ServerCore['routes']) {
    this.#routes = routes.map(compile)
  }

  match(method: string, url: string): Matched | undefined {
    const q = url.indexOf('?')
    const path = q < 0 ? url : url.slice(0, q)
    // A path with the wrong method still names its operation.
    let found: Matched | undefined
    for (const r of this.#routes) {
      const m = r.pattern.exec(path)
      if (!m) continue
      const params: Record<string, string> = {}
      r.names.forEach((name, i) => {
        const raw = m[i + 1]!
        try {
          params[name] = decodeURIComponent(raw)
        } catch {
          params[name] = raw
        }
      })
      found = { operation: r.operation, params }
      if (r.method === method.toUpperCase()) return found
    }
    return found
  }
}
