// Where the client sends to. Hubject serves OICP under /api/oicp; a local stand-in may
// serve the same paths without that prefix, so the prefix belongs to the base URL and
// the operation paths (/evsepush/v23/...) are appended to it as they are.

/** Hubject's QA (test) system: where integration starts. */
export const HUBJECT_QA = 'https://service-qa.hubject.com/api/oicp'

/** Hubject's production system. */
export const HUBJECT_PRODUCTION = 'https://service.hubject.com/api/oicp'

/** The base URL without a trailing slash; only https, since OICP runs over mutual TLS. */
export function normalizeBaseUrl(baseUrl: string): string {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    throw new TypeError(`baseUrl is not a URL: ${JSON.stringify(baseUrl)}`)
  }
  if (url.protocol !== 'https:')
    throw new TypeError(`baseUrl must be https:// (OICP runs over mutual TLS): ${JSON.stringify(baseUrl)}`)
  if (url.search || url.hash)
    throw new TypeError(`baseUrl must not carry a query or fragment: ${JSON.stringify(baseUrl)}`)
  return url.href.replace(/\/+$/, '')
}

/** Fills {Name} placeholders with URL-encoded values. */
export function fillPath(path: string, values: Readonly<Record<string, string>>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name]!))
}
