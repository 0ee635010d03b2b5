// Passing requests on to partners: the hub is a client of every partner's OICP server.
// One ClientCore per endpoint, and each call bound from the operation table (method, path,
// request message, path parameters), so every operation is covered without a method per
// operation. Forwarded calls are never repeated: a remote start or a CDR sent twice is
// not the same as once.
import { OicpError, OicpResponseError, OicpTimeoutError, type ClientHooks, type TlsOptions } from 'oicp/runtime'
// A client of every operation, bound from the table at run time: the plumbing generated clients use.
import { ClientCore, type Binding, type Validator } from 'oicp/runtime/internal'
import { messages, operations, validators } from 'oicp/2.3'

/** What came back from a partner: its answer, or why there is none (310 no answer, 320 not reachable). */
export type Forwarded<R> = { ok: true; value: R } | { ok: false; code: '310' | '320'; reason: string }

/** The Description of the refusal the hub answers in place of a partner's missing answer. */
export function unansweredDescription(f: { code: '310' | '320'; reason: string }): string {
  return f.code === '310' ? `The partner gave no answer: ${f.reason}` : `The service cannot be reached: ${f.reason}`
}

export interface ForwarderOptions {
  /** The hub's client certificate and the CA partner servers are checked against. */
  tls: TlsOptions | undefined
  /** Per forwarded call; default 10 s. */
  timeoutMs?: number
  /** Each call's HTTP answer or failure (the web view's traffic). */
  hooks?: ClientHooks
}

const pathValidators = validators as unknown as Record<string, Validator>

function binding(operationName: string, request: string): Binding {
  const operation = operations.find((o) => o.name === operationName)
  if (!operation) throw new Error(`no OICP 2.3 operation ${operationName}`)
  const path: Record<string, Validator> = {}
  for (const name of operation.pathParams) {
    const v = pathValidators[name]
    if (!v) throw new Error(`no validator for path parameter ${name} of ${operationName}`)
    path[name] = v
  }
  return { operation, request, retry: 'never', path }
}

export class Forwarder {
  readonly #clients = new Map<string, ClientCore>()
  readonly #bindings = new Map<string, Binding>()

  constructor(private readonly options: ForwarderOptions) {}

  /**
   * Sends `body` as message `request` of operation `operationName` to the partner at
   * `endpoint`. A refusal (Result false) is an answer too and comes back as the value.
   */
  async send<R>(
    endpoint: string,
    operationName: string,
    request: string,
    body: unknown,
    pathValues: Record<string, string> = {},
  ): Promise<Forwarded<R>> {
    if (!this.options.tls)
      return {
        ok: false,
        code: '320',
        reason: 'the hub has no client certificate to call partners with (client: in the config)',
      }
    const key = `${operationName} ${request}`
    let b = this.#bindings.get(key)
    if (!b) this.#bindings.set(key, (b = binding(operationName, request)))
    let client = this.#clients.get(endpoint)
    if (!client) {
      client = new ClientCore(
        {
          baseUrl: endpoint,
          tls: this.options.tls,
          timeoutMs: this.options.timeoutMs ?? 10_000,
          retry: false,
          ...(this.options.hooks ? { hooks: this.options.hooks } : {}),
        },
        messages,
      )
      this.#clients.set(endpoint, client)
    }
    try {
      return { ok: true, value: await client.call<R>(b, body, pathValues) }
    } catch (e) {
      if (e instanceof OicpError) {
        const answer = messages.validate(b.operation.response, e.response, {
          mode: 'exact',
        })
        if (answer.ok) return { ok: true, value: answer.value as R }
        return {
          ok: false,
          code: '310',
          reason: `invalid refusal from ${endpoint}: ${e.message}`,
        }
      }
      if (e instanceof OicpTimeoutError || e instanceof OicpResponseError)
        return { ok: false, code: '310', reason: (e as Error).message }
      return { ok: false, code: '320', reason: (e as Error).message }
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.#clients.values()].map((c) => c.close()))
    this.#clients.clear()
  }
}
