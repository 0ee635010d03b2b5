// The core's limits as node's own servers enforce them: the cap on connections a listener
// serves, and node's header, request and keep-alive timeouts.
import type { ServerOptions as HttpOptions } from 'node:http'
import type { Socket } from 'node:net'
import type { ServerCore } from './core.js'

/** Counts the connections a listener serves (from their first request on); false beyond `max`. */
export function connectionGate(max: number): (socket: Socket) => boolean {
  const seen = new WeakSet<Socket>()
  let open = 0
  return (socket) => {
    if (!seen.has(socket)) {
      seen.add(socket)
      open++
      socket.once('close', () => open--)
    }
    return open <= max
  }
}

/** node's own timeouts from the core's limits: headers, the whole request, idle keep-alive. */
export function nodeTimeouts(
  core: ServerCore,
): Pick<HttpOptions, 'headersTimeout' | 'requestTimeout' | 'keepAliveTimeout' | 'connectionsCheckingInterval'> {
  const { headersTimeoutMs, bodyTimeoutMs, idleTimeoutMs } = core.limits
  return {
    headersTimeout: headersTimeoutMs,
    requestTimeout: headersTimeoutMs + bodyTimeoutMs,
    keepAliveTimeout: idleTimeoutMs,
    // node checks the two request timeouts this often (30 s by default, too coarse for a 20 s limit).
    connectionsCheckingInterval: Math.min(1000, headersTimeoutMs),
  }
}
