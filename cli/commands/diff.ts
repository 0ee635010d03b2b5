// `oicp diff A B`: what changed from one release, or one service version, to another.
import type { Side } from '../../generator/diff.js'
import { defineCommand, flag } from '../command.js'
import { UsageError } from '../errors.js'
import { loadNamedRelease } from '../spec-arguments.js'

/** A release number, name or folder, or service@version found in any known release. */
async function side(arg: string): Promise<Side> {
  const { releaseSide, serviceSide } = await import('../../generator/diff.js')
  const at = arg.lastIndexOf('@')
  if (at > 0) {
    const { loadRelease } = await import('../../generator/spec/load.js')
    const { knownReleases, releaseNumbers } = await import('../releases.js')
    const [service, version] = [arg.slice(0, at), arg.slice(at + 1)]
    for (const r of knownReleases()) {
      const found = serviceSide(loadRelease(r.dir), service, version)
      if (found) return found
    }
    throw new UsageError(`no service version ${service} ${version} in OICP ${releaseNumbers()}`)
  }
  return releaseSide(
    await loadNamedRelease(
      arg,
      (known) => `"${arg}" is neither a release (${known}), a release folder, nor service@version`,
    ),
  )
}

export default defineCommand({
  name: 'diff',
  summary: 'what changed from one release or service version to another',
  usage: ['diff <A> <B> [--json]'],
  operands: [
    ['<A>, <B>', 'a release (2.2, oicp-2.3, or a release folder) or a service version (eRoamingEvseData@2.3)'],
  ],
  options: {
    json: flag('print the changes as JSON'),
  },
  notes: 'Example: oicp diff 2.2 2.3\nExit: 0 (whether or not there are differences), 2 wrong arguments.',
  async run({ values, positionals, io }) {
    if (positionals.length !== 2)
      throw new UsageError(
        `takes two operands, the releases or service versions to compare (got ${positionals.length})`,
      )
    const { diff, formatDiff } = await import('../../generator/diff.js')
    const a = await side(positionals[0]!)
    const b = await side(positionals[1]!)
    const changes = diff(a, b)
    await io.stdout(
      values.json ? `${JSON.stringify({ from: a.label, to: b.label, changes }, null, 2)}\n` : formatDiff(a, b, changes),
    )
    return 0
  },
})
