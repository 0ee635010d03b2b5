// The headers an adapter sends with the core's answer. After an answer given without reading
// the whole body, the connection closes rather than read the rest.
import type { CoreResponse } from './types.js'

export function answerHeaders(answer: CoreResponse): Record<string, string> {
  return answer.close ? { ...answer.headers, connection: 'close' } : answer.headers
}
