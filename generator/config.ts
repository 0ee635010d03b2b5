// oicp.config.yaml: which releases to generate, for which roles, and where.
import { readFileSync } from 'node:fs'
import { Diagnostics, SpecError } from './spec/diagnostics.js'
import { ROLES, type Role } from './spec/model.js'
import { readYaml } from './spec/yaml-node.js'

export interface ReleaseConfig {
  /** The release folder, e.g. spec/oicp-2.3. */
  spec: string
  roles: Role[]
  /** Service versions to generate (`eRoamingEvseData@2.2`); all of the release when absent. */
  services?: string[]
}

export interface Config {
  /** Where generated code goes; the generator owns this folder. */
  output: string
  /** Import specifier of the runtime in generated code; by default a relative path into runtime/. */
  runtime?: string
  releases: ReleaseConfig[]
  /** A folder whose templates replace the built-in ones of the same name (e.g. release-readme.md.hbs). */
  templates?: string
  /** The file the config was read from, for messages. */
  file: string
}

export const DEFAULT_CONFIG_FILE = 'oicp.config.yaml'

export function loadConfig(file = DEFAULT_CONFIG_FILE): Config {
  const diags = new Diagnostics()
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new SpecError([{ file, line: 1, message: `cannot read config: ${(e as NodeJS.ErrnoException).code ?? String(e)}` }])
  }
  const top = readYaml(file, text, diags)
  const config: Config = { output: 'generated', releases: [], file }
  if (top) {
    const keys = top.fields(file, ['output', 'runtime', 'templates', 'releases'])
    config.output = keys.get('output')?.string('output') ?? config.output
    const runtime = keys.get('runtime')?.string('runtime')
    if (runtime !== undefined) config.runtime = runtime
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
      if (services) for (const sv of services) if (!/^[A-Za-z]+@\d+(\.\d+)*$/.test(sv)) r.error(`service "${sv}" must be written name@version, e.g. eRoamingEvseData@2.3`)
      if (spec !== undefined) config.releases.push({ spec, roles: k.has('roles') ? roles : [...ROLES], ...(services ? { services } : {}) })
    }
  }
  if (!diags.empty) throw new SpecError(diags.sorted())
  return config
}
