/**
 * Markdown escaping, kept minimal but correct: a character is escaped only where CommonMark/GFM (and the writer's
 * markdown-it, which also links bare URLs) could read it as syntax.
 *
 * Whether text starts a line is only known once the whole Markdown is assembled (a list marker or `> ` may come
 * before it), so every escaped text run starts with MARK and `finalize` escapes line-start syntax where a MARK
 * follows nothing but container prefixes, then removes the marks. NUL can never occur in text from the HTML
 * parser, which makes it a safe mark.
 */

/** Starts every escaped text run and every placeholder in the Markdown being assembled. */
export const MARK = '\u0000';

/**
 * A hard break while the Markdown is assembled: `\` then U+FFFF instead of a newline, which turndown would trim
 * off the end of an inline element (leaving a stray backslash). U+FFFF cannot occur in text (the pre-processor
 * replaces it, XML forbids it); `finalize` writes the newline.
 */
export const BREAK = '\\\uffff';

/** Stands in for the text of elements rendered from attributes (see the pre-processor); never written out. */
export const OPAQUE_TEXT = '\ufffe';

/** An element's text without OPAQUE_TEXT. */
export function plainText(text: string | null | undefined): string {
  return !text ? '' : text.indexOf(OPAQUE_TEXT) < 0 ? text : text.split(OPAQUE_TEXT).join('');
}

const NEEDS_ESCAPE = /[\\*_`[\]~<&@\ufffe\uffff]|:\/\/|www\./i;
const ENTITY_LIKE = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/y;
const WORD = /[\p{L}\p{N}]/u;

/** Escapes text for inline Markdown (no line-start handling). */
export function escapeInline(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  // Unchanged runs are copied as slices: built a character at a time, a 500 K text run made a string per
  // character and spent most of its time in the garbage collector.
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    let replacement: string | undefined;
    const c = text[i];
    switch (c) {
      case '\\':
      case '*':
      case '`':
      case '[':
      case ']':
        replacement = `\\${c}`;
        break;
      case '_':
        // Intraword underscores never delimit emphasis.
        if (!isWord(text[i - 1]) || !isWord(text[i + 1])) replacement = '\\_';
        break;
      case '~':
        if (text[i - 1] === '~' || text[i + 1] === '~') replacement = '\\~';
        break;
      case '<':
        if (/[A-Za-z/!?]/.test(text[i + 1] ?? '')) replacement = '\\<';
        break;
      case '&':
        ENTITY_LIKE.lastIndex = i;
        if (ENTITY_LIKE.test(text)) replacement = '\\&';
        break;
      case ':':
        // `https://x` would be linked by GFM autolinks / linkify.
        if (text.startsWith('//', i + 1) && /[A-Za-z0-9]/.test(text[i - 1] ?? '')) replacement = '\\:';
        break;
      case '\uffff':
        replacement = '\ufffd';
        break;
      case OPAQUE_TEXT:
        replacement = '';
        break;
      case '@':
        if (/[A-Za-z0-9._+-]/.test(text[i - 1] ?? '') && /[A-Za-z0-9]/.test(text[i + 1] ?? '')) replacement = '\\@';
        break;
      case 'w':
      case 'W':
        // `www.` keeps its letters and escapes the dot.
        if (!isWord(text[i - 1]) && /^www\./i.test(text.slice(i, i + 4))) {
          i += 3;
          replacement = '\\.';
        }
        break;
    }
    if (replacement === undefined) continue;
    out += i > last ? text.slice(last, i) + replacement : replacement;
    last = i + 1;
  }
  return last < text.length ? out + text.slice(last) : out;
}

function isWord(c: string | undefined): boolean {
  return c !== undefined && WORD.test(c);
}

/** Escapes a text node for turndown: leading whitespace stays outside the MARK so turndown can still trim it. */
export function escapeTextNode(text: string): string {
  let start = 0;
  while (start < text.length && (text[start] === ' ' || text[start] === '\n' || text[start] === '\t' || text[start] === '\r')) start++;
  if (start === text.length) return text;
  return `${text.slice(0, start)}${MARK}${escapeInline(text.slice(start))}`;
}

/** Removes marks, for rules that look at or move assembled Markdown. */
export function stripMarks(markdown: string): string {
  return markdown.indexOf(MARK) < 0 ? markdown : markdown.split(MARK).join('');
}

/** What may precede line content: indentation, `>` quote markers, list markers, task boxes. */
const CONTAINER_PREFIX = /^(?: |>|[-*+] |\d{1,9}[.)] |\[[ x]\] )*$/;

/**
 * Escapes what would start a block if `line` began a line: ATX headings, list markers, quotes, and lines that
 * could be a setext underline, thematic break or table delimiter row. Returns where to put a backslash, or -1.
 */
export function lineStartEscapeAt(line: string): number {
  if (/^(?:#{1,6}|[-+])(?:[ \t]|$)/.test(line) || line[0] === '>') return 0;
  const ordered = /^(\d{1,9})[.)](?:[ \t]|$)/.exec(line);
  if (ordered) return ordered[1].length;
  if (/^[-=:|][-=:| \t]*$/.test(line)) return 0;
  return -1;
}

/**
 * Final pass over the assembled Markdown: line-start escaping at marks, marks removed, outer blank lines trimmed,
 * one final newline. Linear: newlines are found by one forward scan, a prefix is only tested after a newline.
 */
export function finalize(assembled: string): string {
  const markdown = assembled.indexOf('\uffff') < 0 ? assembled : assembled.split(BREAK).join('\\\n');
  const parts: string[] = [];
  let last = 0;
  let previousMark = -1;
  // Last newline before the current mark, found by a forward scan that never goes back.
  let newline = -1;
  let nextNewline = markdown.indexOf('\n');
  for (let m = markdown.indexOf(MARK); m >= 0; m = markdown.indexOf(MARK, Math.max(m + 1, last))) {
    parts.push(markdown.slice(last, m));
    last = m + 1;
    while (nextNewline >= 0 && nextNewline < m) {
      newline = nextNewline;
      nextNewline = markdown.indexOf('\n', nextNewline + 1);
    }
    const atLineStart = newline >= previousMark && CONTAINER_PREFIX.test(markdown.slice(newline + 1, m));
    previousMark = m;
    if (!atLineStart || markdown.startsWith('<!--', m + 1)) continue;
    const lineEnd = markdown.indexOf('\n', m);
    const line = stripMarks(markdown.slice(m + 1, lineEnd < 0 ? markdown.length : lineEnd));
    const at = lineStartEscapeAt(line);
    if (at < 0) continue;
    // `at` counts characters of the line without marks: find it in the raw text.
    let position = m + 1;
    for (let seen = 0; seen < at || markdown[position] === MARK; position++) if (markdown[position] !== MARK) seen++;
    parts.push(markdown.slice(m + 1, position).split(MARK).join(''), '\\');
    last = position;
  }
  parts.push(markdown.slice(last));
  const text = parts.join('').replace(/^\n+/, '');
  let end = text.length;
  while (end > 0 && (text[end - 1] === '\n' || text[end - 1] === ' ')) end--;
  return end === 0 ? '' : `${text.slice(0, end)}\n`;
}
