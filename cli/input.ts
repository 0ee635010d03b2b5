// Reading a command's input: a file, or standard input for `-`. Both are read as streams
// (async iteration), which works the same for files, pipes and terminals; a single
// synchronous read of a pipe fails with EAGAIN when the writer is slower than the reader.
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { describeFsError } from '../generator/fs-errors.js'
import { CliError } from './errors.js'

export function inputName(file: string): string {
  return file === '-' ? 'standard input' : file
}

function unreadable(file: string, e: unknown): CliError {
  return new CliError(`cannot read ${inputName(file)}: ${describeFsError(e)}`, 2)
}

function open(file: string, stdin: Readable): Readable {
  return file === '-' ? stdin : createReadStream(file)
}

/** The whole input as text. */
export async function readAll(file: string, stdin: Readable): Promise<string> {
  const chunks: Buffer[] = []
  try {
    for await (const chunk of open(file, stdin))
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))
  } catch (e) {
    throw unreadable(file, e)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * The input's lines, one at a time; memory stays bounded by the longest line, since
 * readline pauses the stream while its lines wait to be taken. A read error ends the
 * iteration with a CliError naming the input.
 */
export async function* readLines(file: string, stdin: Readable): AsyncGenerator<string> {
  const lines = createInterface({ input: open(file, stdin), crlfDelay: Infinity })
  try {
    for await (const line of lines) yield line
  } catch (e) {
    throw unreadable(file, e)
  } finally {
    lines.close()
  }
}
