import type { ReactNode } from 'react'

// A small Markdown renderer for answers: paragraphs, line breaks, **bold**,
// *italic*, `code`, fenced code blocks, lists, headings and links. It builds
// React elements, never HTML: raw HTML in an answer is shown as the text it
// is, and only http(s) and mailto links become links (rel noopener noreferrer).

const SAFE_LINK = /^(https?:\/\/|mailto:)/i
// Links, code, bold, italic: the first that matches at a position wins.
const INLINE = /\[([^\]\n]+)\]\(([^)\s]+)\)|`([^`\n]+)`|\*\*([^*\n]+)\*\*|__([^_\n]+)__|\*([^*\n]+)\*|_([^_\n]+)_/g

function inline (text: string, key: string): ReactNode[] {
  const out: ReactNode[] = []
  let last = 0
  let n = 0
  for (const match of text.matchAll(INLINE)) {
    const at = match.index
    if (at > last) out.push(text.slice(last, at))
    const k = `${key}.${n++}`
    const [whole, label, href, code, bold, bold2, italic, italic2] = match
    if (label !== undefined && href !== undefined) {
      out.push(SAFE_LINK.test(href) ? <a key={k} href={href} target='_blank' rel='noopener noreferrer'>{label}</a> : whole)
    } else if (code !== undefined) out.push(<code key={k}>{code}</code>)
    else if (bold !== undefined || bold2 !== undefined) out.push(<strong key={k}>{inline(bold ?? bold2!, k)}</strong>)
    else out.push(<em key={k}>{inline(italic ?? italic2!, k)}</em>)
    last = at + whole.length
  }
  if (last < text.length) out.push(text.slice(last))
  return out
}

/** Lines joined with <br />, each line's inline marks rendered. */
function lines (text: string, key: string): ReactNode[] {
  return text.split('\n').flatMap((line, i) => i === 0 ? inline(line, `${key}.${i}`) : [<br key={`${key}.br${i}`} />, ...inline(line, `${key}.${i}`)])
}

const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+/
const HEADING = /^(#{1,4})\s+(.*)$/

/** Renders an answer's Markdown as React elements. */
export function Markdown ({ text }: { text: string }) {
  const blocks: ReactNode[] = []
  const source = text.replace(/\r\n?/g, '\n').split('\n')
  let i = 0
  let b = 0
  while (i < source.length) {
    const line = source[i]!
    const key = `b${b++}`
    if (line.trim() === '') {
      i++
      continue
    }
    if (line.trimStart().startsWith('```')) {
      const body: string[] = []
      i++
      while (i < source.length && !source[i]!.trimStart().startsWith('```')) body.push(source[i++]!)
      i++
      blocks.push(<pre key={key}><code>{body.join('\n')}</code></pre>)
      continue
    }
    const heading = HEADING.exec(line)
    if (heading !== null) {
      // Answers sit under the page's own headings: theirs render as strong lines, not document headings.
      blocks.push(<p key={key} className='md-heading'><strong>{inline(heading[2]!, key)}</strong></p>)
      i++
      continue
    }
    if (LIST_ITEM.test(line)) {
      const ordered = /^\s*\d/.test(line)
      const items: string[] = []
      while (i < source.length && LIST_ITEM.test(source[i]!)) items.push(source[i++]!.replace(LIST_ITEM, ''))
      const children = items.map((item, j) => <li key={j}>{inline(item, `${key}.${j}`)}</li>)
      blocks.push(ordered ? <ol key={key}>{children}</ol> : <ul key={key}>{children}</ul>)
      continue
    }
    const paragraph: string[] = []
    while (i < source.length && source[i]!.trim() !== '' && !source[i]!.trimStart().startsWith('```') && !LIST_ITEM.test(source[i]!) && !HEADING.test(source[i]!)) paragraph.push(source[i++]!)
    blocks.push(<p key={key}>{lines(paragraph.join('\n'), key)}</p>)
  }
  return <>{blocks}</>
}
