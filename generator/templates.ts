// Handlebars templates by name: a user's templates folder (the config's `templates:`) first,
// then the built-in one, so any template can be replaced without touching the generator.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Handlebars from 'handlebars'
import { PACKAGE_ROOT } from './paths.js'

export function loadTemplate(name: string, folder?: string, root = process.cwd()): HandlebarsTemplateDelegate {
  const own = folder && resolve(root, folder, name)
  const path = own && existsSync(own) ? own : join(PACKAGE_ROOT, 'templates', name)
  return Handlebars.compile(readFileSync(path, 'utf8'), { noEscape: true, strict: true })
}
