// OICP as an OpenAPI 3.1 document, one per role, from the spec model: every operation of
// the role with its path, method, parameters and answers, every message and type as JSON
// Schema 2020-12, and complete examples built from the spec (so that a mock server answers
// with messages the validators accept).
//
// Roles: `cpo` and `emp` hold what that role's client sends to Hubject (the operations its
// generated client has, `from` the role); `hub` holds every operation Hubject serves (`to`
// the hub, as the hub's route table). An operation Hubject forwards carries
// x-oicp-forwarded-to: the partner serves it at the same path.
import { basename } from 'node:path'
import { Sampler } from '../samples.js'
import { isMessage, type Operation, type Primitive, type Release, type Role } from '../spec/model.js'
import { ROLE_NAMES, roleIntroduced } from '../naming.js'
import { GENERATED_MARK } from '../output.js'
import type { Schema } from '../json.js'
import { ref, typeSchema, typesUsed } from './openapi-schemas.js'

const ACKNOWLEDGEMENT = 'eRoamingAcknowledgement'

// Hubject's systems, as the runtime's HUBJECT_QA and HUBJECT_PRODUCTION name them (the
// generator ships without the runtime, so a test holds the two equal).
export const SERVERS = [
  { url: 'https://service-qa.hubject.com/api/oicp', description: 'Hubject QA (test) system' },
  { url: 'https://service.hubject.com/api/oicp', description: 'Hubject production system' },
]

/** The operations of a role's document, in spec order. */
export function documentOperations(release: Release, role: Role): Operation[] {
  const all = release.services.flatMap((s) => s.operations)
  return role === 'hub' ? all.filter((op) => op.to === 'hub') : all.filter((op) => op.from === role)
}

function requestMessages(op: Operation): string[] {
  return 'message' in op.request ? [op.request.message] : op.request.oneOf
}

function roleDescription(release: Release, role: Role, ops: Operation[]): string {
  const lines: string[] = []
  if (role === 'hub')
    lines.push(`Every operation Hubject serves in OICP ${release.release}: what CPOs and EMPs send to it.`)
  else
    lines.push(
      `What ${roleIntroduced(role)} sends to Hubject in OICP ${release.release}; Hubject serves these operations.`,
    )
  const forwarded = release.services.flatMap((s) => s.operations).filter((op) => op.forwardedTo === role)
  if (role !== 'hub' && forwarded.length > 0)
    lines.push(
      `Hubject in turn calls ${roleIntroduced(role)} with the requests it forwards from partners, at the same paths (see the hub document): ${forwarded.map((op) => op.name).join(', ')}.`,
    )
  lines.push(
    `Paths are relative to the server URL, which ends in /api/oicp. Every connection uses mutual TLS with a certificate Hubject issues. Operations: ${ops.length}.`,
    "Schemas follow the OICP spec text, which this document follows where Hubject's own OpenAPI files differ from it. Rules of the text that JSON Schema cannot express are named in the x-oicp-rules extension of the schema they belong to.",
    `${release.doc}`,
  )
  return lines.join('\n\n')
}

const QUERY_SCHEMA: Record<Primitive, Schema> = {
  string: { type: 'string' },
  boolean: { type: 'boolean' },
  integer: { type: 'integer' },
  decimal: { type: 'number' },
  dateTime: { type: 'string', format: 'date-time' },
}

function parameters(op: Operation, release: Release): Schema[] {
  const path = op.pathParams.map((name) => ({
    name,
    in: 'path',
    required: true,
    description: release.types.get(name)?.doc ?? name,
    schema: ref(name),
  }))
  const query = op.query.map((q) => ({
    name: q.name,
    in: 'query',
    required: false,
    description: q.doc,
    schema: QUERY_SCHEMA[q.type],
  }))
  return [...path, ...query]
}

function operationDescription(op: Operation): string {
  const lines = [op.doc, '']
  const party = (role: Role) => ROLE_NAMES[role].party
  const forwarded = op.forwardedTo
    ? `, which forwards it to ${party(op.forwardedTo)} and answers with ${party(op.forwardedTo)}'s answer`
    : ''
  lines.push(`Sent by ${party(op.from)}, served by ${party(op.to)}${forwarded}.`)
  lines.push(`Service ${op.service} ${op.serviceVersion}; implementation ${op.implementation}.`)
  if (op.sequential)
    lines.push('Requests are processed in order: send the next only after the answer to the previous one.')
  if ('oneOf' in op.request)
    lines.push(`The request is one of ${op.request.oneOf.join(', ')}, told apart by ${op.request.discriminator}.`)
  return lines.join('\n')
}

/** The request body: one message, or one of several told apart by a discriminator field's single allowed value. */
function requestBody(op: Operation, release: Release, example: (name: string) => unknown): Schema {
  if ('message' in op.request)
    return {
      required: true,
      description: `An ${op.request.message} message.`,
      content: { 'application/json': { schema: ref(op.request.message), example: example(op.request.message) } },
    }
  const { oneOf, discriminator } = op.request
  const mapping: Record<string, string> = {}
  for (const name of oneOf) {
    const t = release.types.get(name)
    const value = t?.kind === 'object' ? t.fields.find((f) => f.name === discriminator)?.only : undefined
    if (value?.length !== 1)
      throw new Error(`generator: ${name} must restrict ${discriminator} to one value to be told apart`)
    mapping[value[0]!] = ref(name).$ref as string
  }
  return {
    required: true,
    description: `One of ${oneOf.join(', ')}, told apart by ${discriminator}.`,
    content: {
      'application/json': {
        schema: { oneOf: oneOf.map(ref), discriminator: { propertyName: discriminator, mapping } },
        examples: Object.fromEntries(
          oneOf
            .filter((name) => example(name) !== undefined)
            .map((name) => [name, { summary: name, value: example(name) }]),
        ),
      },
    },
  }
}

function operationObject(
  op: Operation,
  release: Release,
  example: (name: string) => unknown,
  refusals: boolean,
): Schema {
  const answer = release.types.get(op.response)
  return {
    operationId: op.name,
    summary: op.name,
    description: operationDescription(op),
    tags: [`${op.service} ${op.serviceVersion}`],
    ...(op.pathParams.length + op.query.length > 0 ? { parameters: parameters(op, release) } : {}),
    requestBody: requestBody(op, release, example),
    responses: {
      '200': {
        description: `An ${op.response} message: ${answer?.doc ?? ''}`.trim(),
        content: { 'application/json': { schema: ref(op.response), example: example(op.response) } },
      },
      ...(refusals
        ? { '4XX': { $ref: '#/components/responses/Refused' }, '5XX': { $ref: '#/components/responses/Failed' } }
        : {}),
    },
    'x-oicp-implementation': op.implementation,
    ...(op.forwardedTo ? { 'x-oicp-forwarded-to': op.forwardedTo } : {}),
  }
}

/** The names of every type the operations use, directly or through other types, sorted. */
function reachable(release: Release, roots: string[]): string[] {
  const seen = new Set<string>()
  const visit = (name: string) => {
    if (seen.has(name)) return
    const t = release.types.get(name)
    if (!t) throw new Error(`generator: the document refers to ${name}, which OICP ${release.release} does not define`)
    seen.add(name)
    typesUsed(t, release).forEach(visit)
  }
  roots.forEach(visit)
  return [...seen].sort()
}

/** The OpenAPI document of a role. */
export function openApiDocument(release: Release, role: Role): Schema {
  const ops = documentOperations(release, role)
  if (ops.length === 0) throw new Error(`generator: OICP ${release.release} has no operations for role ${role}`)
  const sampler = new Sampler(release)
  const examples = new Map<string, unknown>()
  // A message the sampler cannot fill (a field pattern of a user's own spec it has no value
  // for) goes without an example rather than stopping the generation.
  const example = (name: string) => {
    if (!examples.has(name)) {
      const t = release.types.get(name)
      if (t?.kind !== 'object') throw new Error(`generator: ${name} is not a message`)
      let value: unknown
      try {
        value = sampler.object(t)
      } catch {
        value = undefined
      }
      examples.set(name, value)
    }
    return examples.get(name)
  }
  const refusals = release.types.has(ACKNOWLEDGEMENT) && isMessage(release.types.get(ACKNOWLEDGEMENT)!)
  const roots = [
    ...ops.flatMap((op) => [...requestMessages(op), op.response, ...op.pathParams]),
    ...(refusals ? [ACKNOWLEDGEMENT] : []),
  ]
  const paths: Record<string, Record<string, Schema>> = {}
  for (const op of ops)
    (paths[op.path] ??= {})[op.method.toLowerCase()] = operationObject(op, release, example, refusals)
  const services = release.services.filter((s) => s.operations.some((op) => ops.includes(op)))
  const refusal = (description: string) => ({
    description,
    content: { 'application/json': { schema: ref(ACKNOWLEDGEMENT) } },
  })
  return {
    openapi: '3.1.0',
    'x-generated': `${GENERATED_MARK} from ${basename(release.dir)}. Do not edit: change the spec and run \`npx oicp generate\` (or \`npx oicp openapi\`).`,
    info: {
      title: `OICP ${release.release}: ${role === 'hub' ? 'what Hubject serves' : `what ${ROLE_NAMES[role].one} sends to Hubject`}`,
      version: release.release,
      description: roleDescription(release, role, ops),
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: SERVERS,
    security: [{ hubjectCertificate: [] }],
    tags: services.map((s) => ({ name: `${s.name} ${s.version}`, description: s.doc })),
    paths,
    components: {
      schemas: Object.fromEntries(
        reachable(release, roots).map((name) => [name, typeSchema(release.types.get(name)!, release)]),
      ),
      ...(refusals
        ? {
            responses: {
              Refused: refusal(
                `The request was not accepted: an ${ACKNOWLEDGEMENT} with Result false and a StatusCode saying why (e.g. not a valid message, or IDs that are not the caller's).`,
              ),
              Failed: refusal(
                `The server failed or is overloaded: an ${ACKNOWLEDGEMENT} with Result false and a StatusCode saying so.`,
              ),
            },
          }
        : {}),
      securitySchemes: {
        hubjectCertificate: {
          type: 'mutualTLS',
          description: 'Mutual TLS: the client presents a certificate Hubject issued for its OperatorID or ProviderID.',
        },
      },
    },
  }
}

/** The document as the file the generator and `oicp openapi` write. */
export function openApiText(release: Release, role: Role): string {
  return `${JSON.stringify(openApiDocument(release, role), null, 2)}\n`
}
