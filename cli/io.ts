// Where a command reads and writes. Tests pass their own; the real process uses its
// standard streams, with writes that report backpressure so long outputs stay bounded.
import type { Readable, Writable } from 'node:stream'

export interface Io {
  /** Writes text; a returned promise settles once the destination can take more. */
  stdout: (s: string) => void | Promise<void>
  stderr: (s: string) => void | Promise<void>
  /** Default: process.stdin. */
  stdin?: Readable
  /** Whether standard error is a terminal, where progress lines may be drawn. Default false. */
  stderrIsTTY?: boolean
}

/** Settles when `stream` drains, closes or fails: a waiting writer must never hang. */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done).off('close', done).off('error', done)
      resolve()
    }
    stream.on('drain', done).on('close', done).on('error', done)
  })
}

function writer(stream: Writable): (s: string) => void | Promise<void> {
  return (s) => (stream.write(s) ? undefined : drained(stream))
}

let pipeWatched = false

/** The process's own streams. A reader that goes away (`| head`) ends the run quietly, as SIGPIPE would. */
export function processIo(): Required<Io> {
  if (!pipeWatched) {
    pipeWatched = true
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0)
      throw e
    })
  }
  return {
    stdout: writer(process.stdout),
    stderr: writer(process.stderr),
    stdin: process.stdin,
    stderrIsTTY: process.stderr.isTTY === true,
  }
}
