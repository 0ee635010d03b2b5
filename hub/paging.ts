// Hubject's pages (Spring pages): the page asked for, checked, and the envelope around a
// page of content. The query is the one clients send (see ClientCore's PageQuery); the
// hub reads its page and size and has no sort of its own.
import { OicpRejection, type Page, type PageQuery } from 'oicp/runtime'

/** Hubject's default page size. */
export const DEFAULT_PAGE_SIZE = 20
/** The largest page the hub serves (Hubject's limit for CDR pages; used for EVSE data too). */
export const MAX_PAGE_SIZE = 2000

/** The members of a Spring page beside its content: those a client reads (see Page), and numberOfElements. */
export type PageEnvelope = Pick<
  Page<unknown>,
  'number' | 'size' | 'totalElements' | 'totalPages' | 'first' | 'last'
> & {
  numberOfElements: number
}

/** A Spring page as served, with the content as sent. */
export type ServedPage<T> = { content: T[] } & PageEnvelope

/** The page number and size asked for; 022 when out of range. */
export function pageQuery(query: PageQuery): { number: number; size: number } {
  const size = query.size ?? DEFAULT_PAGE_SIZE
  const number = query.page ?? 0
  if (!(size >= 1 && size <= MAX_PAGE_SIZE))
    throw new OicpRejection('022', `Data error: page size must be 1 to ${MAX_PAGE_SIZE} (got ${size})`, 400)
  if (number < 0) throw new OicpRejection('022', `Data error: page must be 0 or more (got ${number})`, 400)
  return { number, size }
}

/** The envelope of page `number` of `size`, holding `numberOfElements` of `totalElements`, its members in Hubject's order. */
export function pageEnvelope(
  number: number,
  size: number,
  totalElements: number,
  numberOfElements: number,
): PageEnvelope {
  const totalPages = Math.ceil(totalElements / size)
  return {
    number,
    size,
    totalElements,
    totalPages,
    first: number === 0,
    last: number >= totalPages - 1,
    numberOfElements,
  }
}

/** Spring-style page envelope around a page of `all`. */
export function page<T>(all: readonly T[], query: PageQuery): ServedPage<T> {
  const { number, size } = pageQuery(query)
  const content = all.slice(number * size, number * size + size)
  return { content, ...pageEnvelope(number, size, all.length, content.length) }
}
