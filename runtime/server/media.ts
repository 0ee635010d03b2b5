// Which request bodies the core reads: JSON, as UTF-8, uncompressed. A missing
// Content-Type is let through (some partners omit it; the body is then checked as JSON);
// a compressed body is refused rather than inflated, so that the byte limit and the
// in-flight budget always count what is held in memory.

type Headers = Readonly<Record<string, string | string[] | undefined>>

function header(headers: Headers, name: string): string | undefined {
  const v = headers[name]
  return Array.isArray(v) ? v[0] : v
}

/** Why the body cannot be read as OICP JSON by its headers, or undefined when it can. */
export function mediaRefusal(headers: Headers): string | undefined {
  const type = header(headers, 'content-type')
  if (type !== undefined && type !== 'application/json' && type !== 'application/json; charset=utf-8') {
    const [essence = '', ...params] = type.split(';')
    const media = essence.trim().toLowerCase()
    if (media !== '' && media !== 'application/json' && !/^application\/[\w.-]+\+json$/.test(media))
      return `Content-Type ${media} is not accepted: send application/json`
    for (const p of params) {
      const [name = '', value = ''] = p.split('=')
      const charset = value.trim().replace(/^"|"$/g, '').toLowerCase()
      if (name.trim().toLowerCase() === 'charset' && charset !== 'utf-8' && charset !== 'utf8')
        return `charset ${charset} is not accepted: send UTF-8`
    }
  }
  const encoding = header(headers, 'content-encoding')
  if (encoding !== undefined && encoding.trim() !== '' && encoding.trim().toLowerCase() !== 'identity')
    return `Content-Encoding ${encoding.trim()} is not accepted: send the body uncompressed`
  return undefined
}

/** Whether a request announces a body (a length other than 0, or chunked transfer). */
export function announcesBody(headers: Headers): boolean {
  const length = header(headers, 'content-length')
  return (length !== undefined && length.trim() !== '0') || header(headers, 'transfer-encoding') !== undefined
}
