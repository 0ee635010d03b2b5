// Generated code is laid out one module pair (schemas, validators) per spec file, so a spec
// file that several releases include is generated once, to the same bytes whichever
// releases a run generates, and each release re-exports it.
import { posix } from 'node:path'
import { specKey } from './naming.js'
import { Diagnostics, SpecError } from './spec/diagnostics.js'
import type { Release, TypeDef } from './spec/model.js'

export interface SpecModule {
  /** The spec file, relative to the project root (e.g. node_modules/oicp-dev/spec/oicp-2.3/types/geo.yaml). */
  specFile: string
  /** The spec file named by its release folder, wherever that lies (oicp-2.3/types/geo.yaml). */
  key: string
  /** Output path of the module pair without suffix (…/modules/oicp-2.3/types/geo). */
  base: string
  /** The types and messages defined in the file, each after the ones of this file it uses. */
  types: TypeDef[]
  /** Names this file uses that other files define: spec file → names. */
  foreign: Map<string, string[]>
}

/** Where a spec file's modules go: below `output/modules`, by the file's spec key. */
export function moduleBase(output: string, specFile: string, root = process.cwd()): string {
  return posix.join(output.split('\\').join('/'), 'modules', specKey(specFile, root).replace(/\.ya?ml$/, ''))
}

/** A relative ES module specifier from one generated file to another (both without suffix). */
export function specifier(fromFile: string, toBase: string, suffix: string): string {
  const rel = posix.relative(posix.dirname(fromFile), `${toBase}${suffix}`)
  return rel.startsWith('.') ? rel : `./${rel}`
}

function referenced(t: TypeDef): string[] {
  return t.kind === 'object' ? t.fields.map((f) => f.type) : []
}

/** The module plan of a release; fails when spec files use each other in a circle. */
export function planModules(release: Release, output: string, root = process.cwd()): SpecModule[] {
  const byFile = new Map<string, TypeDef[]>()
  for (const t of release.types.values()) byFile.set(t.place.file, [...(byFile.get(t.place.file) ?? []), t])
  const modules: SpecModule[] = []
  for (const [specFile, types] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    const own = new Set(types.map((t) => t.name))
    const foreign = new Map<string, string[]>()
    for (const name of new Set(types.flatMap(referenced))) {
      const def = release.types.get(name)
      if (!def || own.has(name)) continue
      foreign.set(def.place.file, [...(foreign.get(def.place.file) ?? []), name].sort())
    }
    modules.push({
      specFile,
      key: specKey(specFile, root),
      base: moduleBase(output, specFile, root),
      types: orderWithin(types, own, release),
      foreign: new Map([...foreign].sort(([a], [b]) => a.localeCompare(b))),
    })
  }
  assertNoCycles(modules)
  assertDistinctKeys(modules)
  return modules
}

/** Types of one file in dependency order (ties by name); uses of other files do not count. */
function orderWithin(types: TypeDef[], own: Set<string>, release: Release): TypeDef[] {
  const out: TypeDef[] = []
  const done = new Set<string>()
  const visit = (name: string) => {
    if (!own.has(name) || done.has(name)) return
    done.add(name)
    const t = release.types.get(name)!
    for (const dep of referenced(t)) visit(dep)
    out.push(t)
  }
  for (const t of [...types].sort((a, b) => a.name.localeCompare(b.name))) visit(t.name)
  return out
}

function assertNoCycles(modules: SpecModule[]): void {
  const edges = new Map(modules.map((m) => [m.specFile, [...m.foreign.keys()]]))
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (file: string): string[] | undefined => {
    if (state.get(file) === 'done') return undefined
    if (state.get(file) === 'open') return [...stack.slice(stack.indexOf(file)), file]
    state.set(file, 'open')
    stack.push(file)
    for (const next of edges.get(file) ?? []) {
      const cycle = visit(next)
      if (cycle) return cycle
    }
    stack.pop()
    state.set(file, 'done')
    return undefined
  }
  for (const m of modules) {
    const cycle = visit(m.specFile)
    if (cycle) {
      const diags = new Diagnostics()
      diags.add(
        { file: cycle[0]!, line: 1 },
        `spec files use each other's types in a circle (${cycle.join(' → ')}); move the types so that the files form no circle`,
      )
      throw new SpecError(diags.list)
    }
  }
}

/** Two spec files of one name in different places would write the same generated files. */
function assertDistinctKeys(modules: SpecModule[]): void {
  const seen = new Map<string, string>()
  for (const m of modules) {
    const other = seen.get(m.key)
    if (other)
      throw new SpecError([
        {
          file: m.specFile,
          line: 1,
          message: `generates the same modules as ${other} (both are ${m.key}); give one of them another name or folder`,
        },
      ])
    seen.set(m.key, m.specFile)
  }
}

/** What a module's content depends on besides its own file: where each foreign name is defined. */
export function resolution(m: SpecModule, root = process.cwd()): string {
  return JSON.stringify([...m.foreign].map(([file, names]) => [specKey(file, root), names]))
}
