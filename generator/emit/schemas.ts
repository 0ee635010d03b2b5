// Emits schemas.ts: one TypeBox schema and one static type per data type and message.
import {
  StructureKind,
  VariableDeclarationKind,
  type SourceFile,
  type StatementStructures,
  type WriterFunction,
} from 'ts-morph'
import { isMessage, type Field, type Release, type TypeDef } from '../spec/model.js'
import type { SpecModule } from '../modules.js'
import { ruleDoc } from '../rules.js'
import { fieldFacts, lit } from './common.js'

function options(entries: Record<string, unknown>): string {
  const parts = Object.entries(entries)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? lit(v) : String(v)}`)
  return parts.length === 0 ? '' : `{ ${parts.join(', ')} }`
}

function call(fn: string, ...args: string[]): string {
  return `Type.${fn}(${args.filter((a) => a !== '').join(', ')})`
}

/** The schema expression of one value of a field (before list/optional wrapping). */
function itemSchema(f: Field, release: Release): string {
  const target = release.types.get(f.type)
  switch (f.type) {
    case 'string':
      return call('String', options({ minLength: f.minLength, maxLength: f.maxLength, pattern: f.pattern }))
    case 'boolean':
      return call('Boolean')
    case 'integer':
      return call('Integer', options({ minimum: f.minimum }))
    case 'decimal':
      return call('Number', options({ minimum: f.minimum }))
    case 'dateTime':
      return call('String', options({ format: 'date-time' }))
  }
  if (target?.kind === 'enum' && f.only) return call('Enum', `[${f.only.map(lit).join(', ')}]`)
  if (target?.kind === 'string' && (f.maxLength !== undefined || f.minLength !== undefined))
    return call(
      'String',
      options({
        minLength: f.minLength ?? target.minLength,
        maxLength: f.maxLength ?? target.maxLength,
        pattern: target.pattern,
      }),
    )
  return f.type
}

function fieldSchema(f: Field, release: Release): string {
  let s = itemSchema(f, release)
  if (f.list) s = call('Array', s, options({ minItems: f.minItems, maxItems: f.maxItems }))
  return f.required ? s : call('Optional', s)
}

function doc(text: string, facts: string[] = []): string {
  return [text, ...facts].join('\n')
}

function typeSchema(t: TypeDef, release: Release): WriterFunction | string {
  switch (t.kind) {
    case 'string':
      return call(
        'String',
        options({ minLength: t.minLength, maxLength: t.maxLength, pattern: t.pattern, description: t.doc }),
      )
    case 'enum': {
      const closed = call('Enum', `[${t.values.map((v) => lit(v.value)).join(', ')}]`, options({ description: t.doc }))
      return t.open
        ? call(
            'Union',
            `[${closed}, ${call('String', options({ maxLength: t.maxLength }))}]`,
            options({ description: t.doc }),
          )
        : closed
    }
    case 'object':
      return (w) => {
        w.write('Type.Object(').inlineBlock(() => {
          for (const f of t.fields) {
            w.writeLine(`/** ${doc(f.doc, fieldFacts(f)).replace(/\*\//g, '*\\/').split('\n').join('\n * ')} */`)
            w.writeLine(`${f.name}: ${fieldSchema(f, release)},`)
          }
        })
        w.write(`, ${options({ description: t.doc })})`)
      }
  }
}

function typeDoc(t: TypeDef): string {
  const lines = [t.doc]
  if (t.kind === 'enum') lines.push('', ...t.values.map((v) => `- \`${v.value}\`: ${v.doc}`))
  if (t.kind === 'enum' && t.open)
    lines.push('', `Other values are allowed too${t.maxLength ? ` (up to ${t.maxLength} characters)` : ''}.`)
  if (t.kind === 'string' && t.examples.length > 0)
    lines.push('', `Examples: ${t.examples.map((e) => `\`${e}\``).join(', ')}`)
  if (t.kind === 'object') for (const r of t.rules) lines.push('', ruleDoc(r))
  if (t.source) lines.push('', `@see OICP ${t.source}`)
  return lines.join('\n')
}

/** The schemas of one spec file's types, importing the types of other files it uses. */
export function emitSchemas(
  file: SourceFile,
  release: Release,
  module: SpecModule,
  importOf: (specFile: string) => string,
): void {
  const statements: StatementStructures[] = [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: 'typebox',
      defaultImport: 'Type',
      namedImports: [{ name: 'Static', isTypeOnly: true }],
    },
    ...[...module.foreign].map(([specFile, names]): StatementStructures => ({
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: importOf(specFile),
      namedImports: names,
    })),
  ]
  for (const t of module.types) {
    statements.push(
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: [typeDoc(t)],
        declarations: [{ name: t.name, initializer: typeSchema(t, release) }],
      },
      {
        kind: StructureKind.TypeAlias,
        isExported: true,
        name: t.name,
        type: `Static<typeof ${t.name}>`,
        docs: isMessage(t) ? [`The ${t.name} message.`] : [],
      },
    )
  }
  file.addStatements(statements)
}
