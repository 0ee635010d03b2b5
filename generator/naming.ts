// The names the generator gives: of roles in identifiers and in text, of operations and path
// parameters in generated members, and of spec files in generated paths. Kept in one place so
// that the clients, the route tables, the OpenAPI documents and scaffolded handlers agree.
import { existsSync } from 'node:fs'
import { basename, dirname, join, posix, relative, resolve } from 'node:path'
import type { Release, Role } from './spec/model.js'

export interface RoleNames {
  /** In identifiers: CpoClient, CpoHandlers, createCpoClient. */
  type: string
  /** The role with its article, in a sentence: "what a CPO sends". */
  one: string
  /** What the abbreviation stands for, after `one` in parentheses where a text first names the role. */
  spelledOut?: string
  /** As a party to an operation: "sent by the CPO, served by Hubject". */
  party: string
  /** Whose server a role's handlers make: "the CPO handlers", "the Hubject stand-in handlers". */
  server: string
}

export const ROLE_NAMES: Record<Role, RoleNames> = {
  cpo: { type: 'Cpo', one: 'a CPO', spelledOut: 'charge point operator', party: 'the CPO', server: 'CPO' },
  emp: { type: 'Emp', one: 'an EMP', spelledOut: 'e-mobility provider', party: 'the EMP', server: 'EMP' },
  hub: { type: 'Hub', one: 'the hub', party: 'Hubject', server: 'Hubject stand-in' },
}

/** A role as a text first names it: "a CPO (charge point operator)". */
export function roleIntroduced(role: Role): string {
  const { one, spelledOut } = ROLE_NAMES[role]
  return spelledOut ? `${one} (${spelledOut})` : one
}

export function upperFirst(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1)
}

/** Strips characters that cannot stand in an identifier. */
export function ident(text: string): string {
  return text.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^(\d)/, '_$1')
}

export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1)
}

/**
 * The member an operation or message is known by in generated code: client methods, handler
 * keys and scaffolded files. eRoamingAuthorizeRemoteStart → authorizeRemoteStart.
 */
export function memberName(name: string): string {
  return lowerFirst(name.replace(/^eRoaming/, ''))
}

/** OperatorID → operatorId: the client option that gives a path parameter its default. */
export function optionName(param: string): string {
  return lowerFirst(param.replace(/ID$/, 'Id'))
}

/** The handler interface of a serving role: CpoHandlers. */
export function handlersTypeName(role: Role): string {
  return `${ROLE_NAMES[role].type}Handlers`
}

/** The route table of a serving role: cpoRoutes. */
export function routesName(role: Role): string {
  return `${role}Routes`
}

/** The folder a release's code is generated into: oicp-2.3. */
export function releaseFolder(release: Release): string {
  return `oicp-${release.release}`
}

/**
 * A spec file named by the release folder it lies in (the nearest folder above it holding a
 * release.yaml) and its path inside: `oicp-2.3/types/geo.yaml`. Generated paths and headers use
 * this name, so they are the same whether the spec is in the repository, in node_modules or
 * anywhere else.
 */
export function specKey(specFile: string, root = process.cwd()): string {
  const abs = resolve(root, specFile)
  for (let dir = dirname(abs); dirname(dir) !== dir; dir = dirname(dir))
    if (existsSync(join(dir, 'release.yaml')))
      return posix.join(basename(dir), relative(dir, abs).split('\\').join('/'))
  return posix.join(basename(dirname(abs)), basename(abs))
}
