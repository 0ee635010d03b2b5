// The web view's own listener: plain HTTP, on loopback unless told otherwise, apart from the
// hub's port (which may ask for client certificates a browser does not have, and whose
// connection and body limits are for partners). On loopback it answers only requests whose
// Host header names this machine, so a web page cannot reach it by DNS rebinding.
import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A listener that could not start: the port is taken, the address is not this machine's. */
export class WebViewError extends Error {
  override readonly name = 'WebViewError'

  constructor(
    message: string,
    readonly code: string | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

export interface Listening {
  /** The page's address, e.g. http://127.0.0.1:8081/_hub/. */
  url: string
  close(): Promise<void>
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/

function bracketed(host: string): string {
  return host.includes(':') ? `[${host}]` : host
}

/** Listens; rejects with the listen error (once() rejects on 'error'). */
async function bind(server: Server, host: string, port: number): Promise<void> {
  server.listen(port, host)
  await once(server, 'listening')
}

export async function listen(
  options: { host: string; port: number; anyPortIfBusy: boolean },
  handle: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<Listening> {
  const loopback = LOOPBACK.test(options.host)
  let allowed: Set<string> | undefined
  const server = createServer((req, res) => {
    if (allowed && !allowed.has((req.headers.host ?? '').toLowerCase())) {
      res
        .writeHead(403, { 'content-type': 'text/plain; charset=utf-8' })
        .end('The hub view answers only to this machine (Host header).\n')
      return
    }
    handle(req, res)
  })
  try {
    try {
      await bind(server, options.host, options.port)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || !options.anyPortIfBusy) throw e
      await bind(server, options.host, 0)
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException
    const why =
      err.code === 'EADDRINUSE'
        ? `port ${options.port} on ${options.host} is in use`
        : err.code === 'EADDRNOTAVAIL'
          ? `${options.host} is not an address of this machine`
          : err.code === 'EACCES'
            ? `no permission to listen on port ${options.port}`
            : err.message
    throw new WebViewError(`web view: ${why}`, err.code, { cause: e })
  }
  const port = (server.address() as AddressInfo).port
  if (loopback)
    allowed = new Set(['127.0.0.1', 'localhost', '[::1]', bracketed(options.host)].map((h) => `${h}:${port}`))
  return {
    url: `http://${bracketed(options.host)}:${port}/_hub/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
