// A JSON body as indented lines, each knowing its JSON pointer, so that the members a
// validation finding points at are marked (and scrolled to). A pointer to a member that is
// missing marks the nearest one present (its parent). A body cut at the cap is shown as text.
import { useEffect, useMemo, useRef } from 'preact/hooks'
import type { Body, Issue } from '../api.js'
import { bytes } from './format.js'

interface Line {
  indent: number
  pointer: string
  key: string | undefined
  text: string
  kind: 'string' | 'number' | 'literal' | 'open' | 'close'
}

const escapeToken = (t: string) => t.replace(/~/g, '~0').replace(/\//g, '~1')

function lines(value: unknown): Line[] {
  const out: Line[] = []
  const walk = (v: unknown, pointer: string, key: string | undefined, indent: number, comma: string) => {
    if (v !== null && typeof v === 'object') {
      const array = Array.isArray(v)
      const entries: Array<[string, unknown]> = array ? v.map((x, i) => [String(i), x]) : Object.entries(v)
      if (entries.length === 0) {
        out.push({ indent, pointer, key, text: (array ? '[]' : '{}') + comma, kind: 'literal' })
        return
      }
      out.push({ indent, pointer, key, text: array ? '[' : '{', kind: 'open' })
      entries.forEach(([k, x], i) =>
        walk(x, `${pointer}/${escapeToken(k)}`, array ? undefined : k, indent + 1, i < entries.length - 1 ? ',' : ''),
      )
      out.push({ indent, pointer, key: undefined, text: (array ? ']' : '}') + comma, kind: 'close' })
      return
    }
    const kind = typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : 'literal'
    out.push({ indent, pointer, key, text: JSON.stringify(v) + comma, kind })
  }
  walk(value, '', undefined, 0, '')
  return out
}

/** The pointer as far as it exists in the value. */
export function presentPart(value: unknown, pointer: string): string {
  if (pointer === '' || pointer === '/') return ''
  let at: unknown = value
  let found = ''
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (at === null || typeof at !== 'object' || !(token in at)) break
    at = (at as Record<string, unknown>)[token]
    found += `/${raw}`
  }
  return found
}

export interface JsonViewProps {
  body: Body | undefined
  label: string
  /** Findings on this body; their pointers are marked. */
  issues?: Issue[]
  /** A pointer to scroll to. */
  focus?: string | undefined
}

export function JsonView({ body, label, issues = [], focus }: JsonViewProps) {
  const value = useMemo(() => {
    if (!body || body.truncated) return undefined
    try {
      return { v: JSON.parse(body.text) as unknown }
    } catch {
      return undefined
    }
  }, [body])
  const all = useMemo(() => (value ? lines(value.v) : []), [value])
  const marks = useMemo(() => {
    const m = new Map<string, Issue['severity']>()
    if (!value) return m
    for (const i of issues) {
      const p = presentPart(value.v, i.pointer)
      if (m.get(p) !== 'error') m.set(p, i.severity)
    }
    return m
  }, [value, issues])
  const box = useRef<HTMLPreElement>(null)
  useEffect(() => {
    if (focus === undefined || !value) return
    const p = presentPart(value.v, focus)
    box.current?.querySelector(`[data-pointer="${CSS.escape(p)}"]`)?.scrollIntoView({ block: 'center' })
  }, [focus, value])

  if (!body) return <p class="muted">{label}: none</p>
  if (!value)
    return (
      <div>
        <p class="muted">
          {label}: {body.truncated ? `the first ${bytes(body.text.length)} of ${bytes(body.bytes)} (cut)` : 'not JSON'}
        </p>
        <pre class="json" aria-label={label}>
          {body.text}
        </pre>
      </div>
    )
  const markOf = (pointer: string): Issue['severity'] | undefined => {
    for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      const m = marks.get(p)
      if (m && (p !== '' || marks.size === 1)) return m
      if (p === '') return undefined
    }
  }
  return (
    <pre class="json" ref={box} aria-label={label} tabIndex={0}>
      {all.map((l) => {
        const mark = markOf(l.pointer)
        const first = mark && l.kind !== 'close'
        return (
          <div
            class={mark ? `line mark-${mark}` : 'line'}
            data-pointer={l.kind === 'close' ? undefined : l.pointer}
            style={{ paddingLeft: `${l.indent * 1.2}em` }}
          >
            {first && marks.has(l.pointer) ? (
              <span class="sr-only">{mark === 'error' ? 'Error here: ' : 'Warning here: '}</span>
            ) : null}
            {l.key !== undefined ? <span class="j-key">{JSON.stringify(l.key)}: </span> : null}
            <span class={`j-${l.kind}`}>{l.text}</span>
          </div>
        )
      })}
    </pre>
  )
}
