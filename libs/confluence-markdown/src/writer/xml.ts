/**
 * A small, linear XML tokenizer for the two places the writer reads markup: reader-written HTML tables and
 * placeholder payloads. It checks what well-formedness needs (quoted attributes, no `<` in values, matched
 * tags, comments without `--`, entity syntax) and nothing more; names keep their prefixes (`ac:link`).
 */

/** One piece of markup. Text and attribute values are raw: character references are not decoded. */
export type XmlEvent =
  | { type: 'open'; name: string; attrs: Array<[name: string, rawValue: string]>; selfClosing: boolean; raw: string }
  | { type: 'close'; name: string; raw: string }
  | { type: 'text'; raw: string }
  | { type: 'comment'; raw: string }
  | { type: 'cdata'; text: string };

/** How forgiving to be. */
export interface XmlOptions {
  /** HTML void elements (`<br>`, `<img …>`) count as self-closing even without `/`. */
  htmlVoids?: boolean;
  /**
   * Comments starting `<!--confluence` may hold `--`: placeholder and marker payloads do (base64url), and they are
   * replaced before the storage is written, never kept as XML comments.
   */
  placeholderComments?: boolean;
}

const VOIDS = new Set(['br', 'hr', 'img', 'col', 'wbr', 'area', 'base', 'input', 'link', 'meta', 'source']);
const NAME = /[A-Za-z_][\w.:-]*/y;
const ATTR = /\s+([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const TAG_END = /\s*(\/?)>/y;
const CLOSE_TAG = /<\/([A-Za-z_][\w.:-]*)\s*>/y;
// `&` must start a reference; named ones are accepted because real Confluence storage uses them (`&nbsp;`).
const BAD_AMPERSAND = /&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);)/;

/**
 * Tokenizes a fragment (any number of top-level nodes).
 * @returns the events, or undefined when the fragment is not well-formed.
 */
export function tokenizeXml(src: string, options: XmlOptions = {}): XmlEvent[] | undefined {
  const events: XmlEvent[] = [];
  const stack: string[] = [];
  let pos = 0;
  while (pos < src.length) {
    const lt = src.indexOf('<', pos);
    if (lt !== pos) {
      const end = lt < 0 ? src.length : lt;
      const raw = src.slice(pos, end);
      if (BAD_AMPERSAND.test(raw)) return undefined;
      events.push({ type: 'text', raw });
      pos = end;
      continue;
    }
    if (src.startsWith('<!--', pos)) {
      const end = src.indexOf('-->', pos + 4);
      const ours = options.placeholderComments === true && src.startsWith('<!--confluence', pos);
      if (end < 0 || (!ours && src.slice(pos + 4, end).includes('--'))) return undefined;
      events.push({ type: 'comment', raw: src.slice(pos, end + 3) });
      pos = end + 3;
    } else if (src.startsWith('<![CDATA[', pos)) {
      const end = src.indexOf(']]>', pos + 9);
      if (end < 0) return undefined;
      events.push({ type: 'cdata', text: src.slice(pos + 9, end) });
      pos = end + 3;
    } else if (src[pos + 1] === '/') {
      CLOSE_TAG.lastIndex = pos;
      const close = CLOSE_TAG.exec(src);
      if (!close || stack.pop() !== close[1]) return undefined;
      events.push({ type: 'close', name: close[1], raw: close[0] });
      pos = CLOSE_TAG.lastIndex;
    } else {
      const open = readOpenTag(src, pos, options);
      if (!open) return undefined;
      events.push(open.event);
      if (!open.event.selfClosing) stack.push(open.event.name);
      pos = open.end;
    }
  }
  return stack.length === 0 ? events : undefined;
}

function readOpenTag(
  src: string,
  start: number,
  options: XmlOptions,
): { event: Extract<XmlEvent, { type: 'open' }>; end: number } | undefined {
  NAME.lastIndex = start + 1;
  const name = NAME.exec(src);
  if (!name) return undefined;
  let pos = NAME.lastIndex;
  const attrs: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (;;) {
    ATTR.lastIndex = pos;
    const attr = ATTR.exec(src);
    if (!attr) break;
    const value = attr[2] ?? attr[3];
    if (seen.has(attr[1]) || BAD_AMPERSAND.test(value)) return undefined;
    seen.add(attr[1]);
    attrs.push([attr[1], value]);
    pos = ATTR.lastIndex;
  }
  TAG_END.lastIndex = pos;
  const end = TAG_END.exec(src);
  if (!end) return undefined;
  const selfClosing = end[1] === '/' || (options.htmlVoids === true && VOIDS.has(name[0].toLowerCase()));
  const raw = src.slice(start, TAG_END.lastIndex);
  return { event: { type: 'open', name: name[0], attrs, selfClosing, raw }, end: TAG_END.lastIndex };
}

/**
 * One start or end tag that is the whole of `src` (inline HTML arrives a tag at a time), or undefined. With
 * `htmlVoids`, `<br>` is self-closing.
 */
export function readTag(src: string, options: XmlOptions = {}): Extract<XmlEvent, { type: 'open' | 'close' }> | undefined {
  if (src[1] === '/') {
    CLOSE_TAG.lastIndex = 0;
    const close = CLOSE_TAG.exec(src);
    return close && close[0].length === src.length ? { type: 'close', name: close[1], raw: src } : undefined;
  }
  const open = src[0] === '<' ? readOpenTag(src, 0, options) : undefined;
  return open && open.end === src.length ? open.event : undefined;
}

/** Whether a fragment is well-formed (balanced, quoted, no stray `<` or `&`). */
export function isWellFormed(src: string): boolean {
  return tokenizeXml(src) !== undefined;
}
