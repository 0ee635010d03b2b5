// `oicp hub`: a local Hubject stand-in for OICP 2.3, until Ctrl-C.
import { join } from 'node:path'
import { describeFsError } from '../../generator/fs-errors.js'
import type { HubFileConfig, HubOptions, RunningHub } from '../../hub/index.js'
import type { PlayOptions } from '../../hub/play.js'
import { defineCommand, flag, valueOption } from '../command.js'
import { CliError, UsageError } from '../errors.js'
import { readPem } from '../pem-file.js'

function certsFile(dir: string, file: string): Buffer {
  const path = join(dir, file)
  return readPem(
    path,
    () => `--tls needs ${path} (make development certificates with \`oicp certs --out ${dir}\`, or give --config)`,
  )
}

/** The reasons a hub cannot start that are the user's to fix, in words. */
function startFailure(e: unknown, host: string, port: number): CliError | undefined {
  const err = e as NodeJS.ErrnoException
  if (err instanceof Error && err.name === 'WebViewError')
    return new CliError(`${err.message}; choose another with --web-port, or --no-web`, 1)
  switch (err?.code) {
    case 'EADDRINUSE':
      return new CliError(`port ${port} on ${host} is in use; choose another with --port`, 1)
    case 'EACCES':
      if (err.syscall === 'listen')
        return new CliError(`no permission to listen on port ${port} on ${host}; choose one above 1023 with --port`, 1)
      break
    case 'EADDRNOTAVAIL':
      return new CliError(`${host} is not an address of this machine; choose another with --host`, 1)
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new CliError(`cannot resolve the host name ${host}; choose another with --host`, 1)
  }
  // The data folder: missing rights, a file in its place, a database in use or damaged
  // (the storage says which file, in one line).
  if (err instanceof Error && err.name === 'HubStorageError') return new CliError(err.message, 1)
  if (err?.code && err.path) return new CliError(`cannot use ${err.path}: ${describeFsError(err)}`, 1)
  return undefined
}

function portOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!(value.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 65535))
    throw new UsageError(`${name} must be 0 to 65535 (got ${value})`)
  return n
}

function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}

export default defineCommand({
  name: 'hub',
  summary: 'run a local Hubject stand-in for OICP 2.3',
  usage: [
    'hub [--port N] [--host H] [--tls [--certs DIR]] [--data DIR] [--config FILE] [--web-port N | --no-web] [--quiet]',
  ],
  options: {
    port: valueOption('N', 'the port (default 8080, with TLS 8443; 0: any free one)'),
    host: valueOption('H', 'the address to listen on (default 127.0.0.1)'),
    tls: flag('mutual TLS with the certificates of oicp certs'),
    certs: valueOption('DIR', 'where --tls finds ca.pem, server.pem and server-key.pem (default certs)'),
    data: valueOption('DIR', 'keep the state in this folder across restarts (default: in memory)'),
    config: valueOption('FILE', 'partners, certificates and the above from a YAML file'),
    'web-port': valueOption(
      'N',
      'the web view (map, traffic, sessions) on 127.0.0.1 (default the hub port + 1, or a free one)',
    ),
    'no-web': flag('no web view'),
    quiet: flag('print only the addresses, not every request'),
  },
  notes:
    'Without --config the hub is open to any partner (development mode), over plain HTTP unless --tls.\n' +
    'Exit: 0 stopped with Ctrl-C, 1 cannot listen (port in use) or cannot use the data folder, 2 wrong arguments or a config problem (file:line: message).',
  async run({ values, positionals, io: out }) {
    if (positionals.length > 0) throw new UsageError(`takes no operands (got ${positionals.join(' ')})`)
    const port = portOption('--port', values.port)
    const webPort = portOption('--web-port', values['web-port'])
    if (webPort !== undefined && values['no-web']) throw new UsageError('--web-port and --no-web exclude each other')
    const { loadHubConfig, startHub } = await import('../../hub/index.js')
    let options: HubOptions
    let play: PlayOptions | undefined
    let web: HubFileConfig['web']
    if (values.config) {
      const config = loadHubConfig(values.config)
      play = config.play
      web = config.web
      if (values.tls && !config.tls) throw new UsageError(`--tls: ${values.config} has no tls: section (cert, key, ca)`)
      options = {
        partners: config.partners,
        host: config.host,
        port: config.port,
        dataDir: config.data,
        tls: config.tls,
        client: config.client,
      }
    } else if (values.tls) {
      const dir = values.certs ?? 'certs'
      options = {
        tls: {
          cert: certsFile(dir, 'server.pem'),
          key: certsFile(dir, 'server-key.pem'),
          ca: certsFile(dir, 'ca.pem'),
        },
      }
    } else options = {}
    const host = (options.host = values.host ?? options.host ?? '127.0.0.1')
    const listenPort = (options.port = port ?? options.port ?? (options.tls ? 8443 : 8080))
    if (values.data) options.dataDir = values.data
    // Beside the hub's port unless told: a browser has no client certificate for it.
    const chosenWebPort = webPort ?? web?.port
    if (!values['no-web'])
      options.web = {
        host: web?.host ?? '127.0.0.1',
        port: chosenWebPort ?? (listenPort === 0 ? 0 : (listenPort + 1) % 65536),
        anyPortIfBusy: chosenWebPort === undefined,
      }
    options.onEvent = values.quiet ? undefined : (e) => void out.stdout(`[hub] ${e.text}\n`)
    options.onError = (e, where) => void out.stderr(`[hub] ${where}: ${(e as Error)?.stack ?? String(e)}\n`)
    let hub: RunningHub
    try {
      hub = await startHub(options)
    } catch (e) {
      throw startFailure(e, host, listenPort) ?? e
    }
    if (values.quiet)
      await out.stdout(`hub listening on ${hub.url}\n${hub.webUrl ? `web view on ${hub.webUrl}\n` : ''}`)
    if (hub.droppedOnStart > 0)
      await out.stdout(
        `[hub] dropped ${hub.droppedOnStart} torn journal line(s): writes a kill interrupted, never acknowledged\n`,
      )
    const players = play
      ? (await import('../../hub/play.js')).startPlayers(hub.url, play, (text) => void out.stdout(`[hub] ${text}\n`))
      : undefined
    await untilStopped()
    await players?.stop()
    await hub.close()
    await out.stdout('[hub] stopped\n')
    return 0
  },
})
