// The README's five-minute tours, run as written: every shell line of a tour's blocks in a
// fresh folder, with the two packages installed from their packed tarballs (npm has no
// registry copy of this build), the two terminals as background processes, the output the
// README shows checked line by line, and every excerpt checked against the file it quotes.
// This is also the `oicp init` flow end to end over mutual TLS.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { npm, start, tarballs, versionOf, waitFor } from './support/consumer.js'

interface Block {
  lang: string
  attrs: Record<string, string>
  text: string
}

/** Fenced blocks whose info string names a tour (```sh tour=cpo background=hub). */
function tourBlocks(markdown: string, tour: string): Block[] {
  const blocks: Block[] = []
  for (const m of markdown.matchAll(/^```(\w+)([^\n]*)\n([\s\S]*?)^```$/gm)) {
    const attrs = Object.fromEntries([...m[2]!.matchAll(/(\w+)=(\S+)/g)].map((a) => [a[1]!, a[2]!]))
    if (attrs.tour === tour) blocks.push({ lang: m[1]!, attrs, text: m[3]! })
  }
  return blocks
}

/** One shell step as a user types it; installs of oicp and oicp-dev take the tarballs, tools the repository's versions. */
function runStep(step: string, cwd: { dir: string }): void {
  const words = step.split(/\s+/)
  if (words[0] === 'mkdir') return void mkdirSync(join(cwd.dir, words[1]!), { recursive: true })
  if (words[0] === 'cd') return void (cwd.dir = join(cwd.dir, words[1]!))
  if (words[0] === 'npm' && words[1] === 'install') {
    const packed = tarballs()
    const args = words
      .slice(2)
      .map((w) =>
        w === 'oicp'
          ? packed.oicp
          : w === 'oicp-dev'
            ? packed['oicp-dev']
            : w.startsWith('-')
              ? w
              : `${w}@${versionOf(w)}`,
      )
    return void npm(cwd.dir, 'install', ...args)
  }
  execFileSync('sh', ['-c', step], { cwd: cwd.dir, stdio: 'pipe', env: { ...process.env, NO_COLOR: '1' } })
}

const stripComment = (line: string) => line.replace(/\s+#.*$/, '').trim()

async function runTour(name: string): Promise<void> {
  const blocks = tourBlocks(readFileSync('README.md', 'utf8'), name)
  assert.ok(blocks.length >= 4, `README has the ${name} tour`)
  const cwd = { dir: mkdtempSync(join(tmpdir(), `oicp-tour-${name}-`)) }
  const running = new Map<string, ReturnType<typeof start>>()
  try {
    for (const block of blocks) {
      if (block.lang === 'sh' && !block.attrs.background) {
        for (const line of block.text.split('\n').map(stripComment).filter(Boolean))
          for (const step of line.split('&&')) runStep(step.trim(), cwd)
      } else if (block.lang === 'sh') {
        const [command, ...args] = stripComment(block.text.trim()).split(/\s+/)
        const proc = start(cwd.dir, command!, args)
        running.set(block.attrs.background!, proc)
        // The hub is ready once it listens and has played its part; a backend is awaited through `expect`.
        if (block.attrs.background === 'hub')
          await waitFor(
            proc,
            (out) =>
              /listening|https:\/\/127\.0\.0\.1:8443/.test(out) && (name !== 'emp' || /pushed 3 stations/.test(out)),
            60_000,
          )
      } else if (block.attrs.expect) {
        const proc = running.get(block.attrs.expect)!
        const lines = block.text.split('\n').filter(Boolean)
        const inOrder = (out: string) => {
          let at = 0
          for (const line of lines) {
            at = out.indexOf(line, at)
            if (at < 0) return false
          }
          return true
        }
        await waitFor(proc, inOrder, 120_000)
      } else if (block.attrs.excerpt) {
        const file = readFileSync(join(cwd.dir, block.attrs.excerpt), 'utf8')
        assert.ok(
          file.includes(block.text.trimEnd()),
          `${block.attrs.excerpt} no longer holds the README's excerpt:\n${block.text}`,
        )
      }
    }
  } finally {
    await Promise.all([...running.values()].map((p) => p.stop()))
  }
}

test('the CPO tour runs as written: init, hub, backend; a push, a remote start answered by your handler, a CDR over mutual TLS', async () => {
  await runTour('cpo')
})

test('the EMP tour runs as written: a full pull, a remote start, notifications and the CDR received by your handlers', async () => {
  await runTour('emp')
})

test.run()
