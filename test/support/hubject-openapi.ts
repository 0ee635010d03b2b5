// Hubject's official OpenAPI trees as validators: every schema file of a tree compiled
// with ajv (draft-07, which the OpenAPI 3.0 schema objects fit, plus ajv-formats), and the
// request and 200-answer body of each path as the tree describes it.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, join, posix, relative } from 'node:path'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import formatsModule from 'ajv-formats'
import { parse as parseYaml } from 'yaml'

// ajv-formats is CommonJS: its function is the default export or its `default` member.
const addFormats = ((formatsModule as unknown as { default?: unknown }).default ?? formatsModule) as (ajv: Ajv) => Ajv

export type Tree = 'cpo' | 'emp'

/** A body checked against the tree, and what the tree says about it. */
export interface SchemaVerdict {
  /** The schema used, e.g. schemas/eRoamingAuthorizationStart.yaml, or the path's own schema. */
  schema: string
  errors: ErrorObject[]
}

const BASE = 'https://hubject.invalid/'

type Json = Record<string, unknown>

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return yamlFiles(path)
    return name.endsWith('.yaml') && !name.startsWith('_') ? [path] : []
  })
}

/** A path of ours (`{OperatorID}`) and of the OpenAPI (`{operatorID}`, `{externalID}`) alike. */
const pathKey = (path: string) => path.replace(/\{[^}]*\}/g, '{}')

export class HubjectOpenApi {
  private readonly ajv: Ajv
  private readonly dir: string
  /** Path key → the path's operation object and the URL its $refs are relative to. */
  private readonly paths = new Map<string, { op: Json; base: string }>()
  private readonly compiled = new Map<string, ValidateFunction>()

  constructor(
    dir: string,
    readonly tree: Tree,
  ) {
    this.dir = dir
    // strict: false for OpenAPI's `example`; unicodeRegExp: false because several of
    // Hubject's patterns do not compile with the u flag.
    this.ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true })
    addFormats(this.ajv)
    this.ajv.addFormat('int64', true)
    for (const file of yamlFiles(join(dir, 'schemas'))) {
      const schema = parseYaml(readFileSync(file, 'utf8')) as Json | null
      // Hubject ships one file that is no schema at all (ERRATA.md, section 9): skipped.
      if (schema && typeof schema === 'object' && this.ajv.validateSchema(schema))
        this.ajv.addSchema({ ...schema, $id: this.url(file) })
    }
    const openapi = parseYaml(readFileSync(join(dir, 'openapi.yaml'), 'utf8')) as {
      paths: Record<string, { $ref: string }>
    }
    for (const [path, item] of Object.entries(openapi.paths)) {
      const file = join(dir, item.$ref)
      const resource = parseYaml(readFileSync(file, 'utf8')) as Record<string, Json>
      this.paths.set(pathKey(path), { op: resource.post ?? {}, base: this.url(file) })
    }
  }

  private url(file: string): string {
    return `${BASE}${this.tree}/${relative(this.dir, file).split('\\').join('/')}`
  }

  /** Whether the tree has this path (any spelling of its parameters). */
  has(path: string): boolean {
    return this.paths.has(pathKey(path))
  }

  /**
   * Checks a request body or 200 answer of `path` against the tree. Where the tree gives a
   * oneOf of messages, the member named like `names` (our message and its aliases, any
   * letter case) is used: those oneOfs overlap and reject valid bodies (ERRATA.md, section 8).
   */
  check(path: string, part: 'request' | 'response', names: readonly string[], body: unknown): SchemaVerdict {
    const entry = this.paths.get(pathKey(path))
    if (!entry) throw new Error(`openapi-${this.tree} has no path ${path}`)
    const media =
      part === 'request'
        ? (entry.op.requestBody as Json | undefined)
        : ((entry.op.responses as Json | undefined)?.['200'] as Json | undefined)
    const schema = ((media?.content as Json | undefined)?.['application/json'] as Json | undefined)?.schema as
      Json | undefined
    if (!schema) throw new Error(`openapi-${this.tree} ${path}: no ${part} schema`)
    const wanted = new Set(names.map((n) => n.toLowerCase()))
    const members = (schema.oneOf as Array<{ $ref: string }> | undefined) ?? []
    const named = members.find((m) => wanted.has(basename(m.$ref, '.yaml').toLowerCase()))
    const chosen = named ?? (members.length > 0 ? undefined : (schema as { $ref?: string }))
    const ref = chosen?.$ref !== undefined ? new URL(chosen.$ref, entry.base).href : undefined
    const key = ref ?? `${entry.base}#${part}`
    let validate = this.compiled.get(key)
    if (!validate) {
      validate = ref ? this.ajv.getSchema(ref) : this.ajv.compile({ ...schema, $id: `${entry.base}.${part}.json` })
      if (!validate) throw new Error(`openapi-${this.tree}: cannot compile ${ref}`)
      this.compiled.set(key, validate)
    }
    const ok = validate(body)
    const shown = ref ? posix.relative(`${BASE}${this.tree}`, ref) : `${path} ${part} (as the path gives it)`
    return { schema: shown, errors: ok ? [] : [...(validate.errors ?? [])] }
  }

  /** Checks a body against one schema file of the tree, e.g. schemas/eRoamingAcknowledgment.yaml. */
  checkFile(file: string, body: unknown): SchemaVerdict {
    const validate = this.ajv.getSchema(`${BASE}${this.tree}/${file}`)
    if (!validate) throw new Error(`openapi-${this.tree} has no schema ${file}`)
    return { schema: file, errors: validate(body) ? [] : [...(validate.errors ?? [])] }
  }
}
