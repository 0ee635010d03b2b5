// oicp.config.yaml: which releases to generate, for which roles, and where.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { PACKAGE_ROOT } from './paths.js'
import { Diagnostics, SpecError } from './spec/diagnostics.js'
import { describeFsError } from './fs-errors.js'
import { ROLES, type Role } from './spec/model.js'
import { readYaml } from './spec/yaml-node.js'

export interface ReleaseConfig {
  /** The release folder: a path relative to the config file (spec/oicp-2.3), or the name of a spec the package ships (oicp-2.3). */
  spec: string
  roles: Role[]
  /** Service versions to generate (`eRoamingEvseData@2.2`); all of the release when absent. */
  services?: string[]
}

export interface Config {
  /** Where generated code goes; the generator owns this folder. */
  output: string
  /** Import specifier of the runtime's internal entry in generated code; default `oicp/runtime/internal`. */
  runtime?: string
  releases: ReleaseConfig[]
  /** A folder whose templates replace the built-in ones of the same name (e.g. release-readme.md.hbs). */
  templates?: string
  /** The file the config was read from, for messages. */
  file: string
  /** The config file's folder: every path in the config is relative to it (default: the working directory). */
  root?: string
}

/** The release folders shipped with the package (oicp-2.3, oicp-2.2, ...). */
export function packagedSpecs(): string[] {
  const dir = join(PACKAGE_ROOT, 'spec')
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((d) => existsSync(join(dir, d, 'release.yaml')))
        .sort()
    : []
}

/** A release folder named in a config or on the command line: a folder relative to `root`, else a packaged spec by name. */
export function resolveSpecDir(spec: string, root: string): string | undefined {
  if (existsSync(join(resolve(root, spec), 'release.yaml'))) return spec
  const packaged = join(PACKAGE_ROOT, 'spec', spec)
  if (!/[\\/]/.test(spec) && existsSync(join(packaged, 'release.yaml'))) return packaged
  return undefined
}

export const DEFAULT_CONFIG_FILE = 'oicp.config.yaml'

export function loadConfig(file = DEFAULT_CONFIG_FILE): Config {
  const diags = new Diagnostics()
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new SpecError([{ file, line: 1, message: `cannot read config: ${describeFsError(e)}` }])
  }
  const top = readYaml(file, text, diags)
  const root = dirname(resolve(file))
  const config: Config = { output: 'generated', releases: [], file, root }
  if (top) {
    const keys = top.fields(file, ['output', 'runtime', 'templates', 'releases'])
    config.output = keys.get('output')?.string('output') ?? config.output
    const runtime = keys.get('runtime')?.string('runtime')
    // The user entry lacks the plumbing generated code calls: a config naming it would not compile.
    if (runtime === 'oicp/runtime')
      keys
        .get('runtime')!
        .error(
          'runtime: generated code imports oicp/runtime/internal (the default); oicp/runtime is the API for your own code',
        )
    else if (runtime !== undefined) config.runtime = runtime
    const templates = keys.get('templates')?.string('templates')
    if (templates !== undefined) config.templates = templates
    const releases = keys.get('releases')
    if (!releases) top.error('config: missing "releases"')
    for (const r of releases?.items('releases') ?? []) {
      const k = r.fields('release entry', ['spec', 'roles', 'services'])
      const spec = k.get('spec')?.string('spec')
      if (!k.has('spec')) r.error('release entry: missing "spec" (the release folder)')
      const roles: Role[] = []
      for (const n of k.get('roles')?.items('roles') ?? []) {
        const role = n.string('role')
        if (role === undefined) continue
        if ((ROLES as readonly string[]).includes(role)) roles.push(role as Role)
        else n.error(`unknown role "${role}" (allowed: ${ROLES.join(', ')})`)
      }
      const services = k.get('services')?.strings('services')
      if (services)
        for (const sv of services)
          if (!/^[A-Za-z]+@\d+(\.\d+)*$/.test(sv))
            r.error(`service "${sv}" must be written name@version, e.g. eRoamingEvseData@2.3`)
      const dir = spec === undefined ? undefined : resolveSpecDir(spec, root)
      if (spec !== undefined && dir === undefined)
        k.get('spec')!.error(
          `spec "${spec}": no release folder (with a release.yaml) at ${resolve(root, spec)}, and no spec of that name in the package (it has ${packagedSpecs().join(', ')})`,
        )
      if (dir !== undefined)
        config.releases.push({
          spec: dir,
          roles: k.has('roles') ? roles : [...ROLES],
          ...(services ? { services } : {}),
        })
    }
  }
  if (!diags.empty) throw new SpecError(diags.sorted())
  return config
}
