/**
 * Page bodies for the model: Markdown conversion, the heading a tool argument names, and cutting at `max_chars`.
 * The Markdown structure itself (outline, heading matching, sections) is confluence-markdown's.
 */
import type { ConversionWarning, Heading } from '@confluence-mcp/confluence-markdown';
import { lookupHeading, markdownToStorage } from '@confluence-mcp/confluence-markdown';
import { ToolFailure } from './results';

/** Characters of a page body returned when the caller gives no `max_chars`. */
export const DEFAULT_MAX_CHARS = 20_000;
/** Largest `max_chars`: with the body in both text and structured content, an answer stays far below 10 MiB. */
export const MAX_MAX_CHARS = 250_000;

/** Longest piece of a caller's argument repeated in an error message. */
const MAX_ECHO_CHARS = 100;

/** `text` for an error message: cut to 100 characters, so a 10 MB argument is never sent back. */
export function echo(text: string): string {
  return text.length > MAX_ECHO_CHARS ? `${text.slice(0, MAX_ECHO_CHARS)}… (${text.length} characters)` : text;
}

/** Headings listed in a message: at most `max`, each cut like an echoed argument, then how many more there are. */
export function listHeadings(outline: ReadonlyArray<Pick<Heading, 'level' | 'text'>>, max = 50, withLevels = false): string {
  if (!outline.length) return '(the page has no headings)';
  const shown = outline.slice(0, max).map((h) => `${withLevels ? `${'#'.repeat(h.level)} ` : ''}${echo(h.text)}`);
  return `${shown.join(' | ')}${outline.length > max ? ` | … ${outline.length - max} more` : ''}`;
}

/** Matching headings listed when a heading is ambiguous. */
const MAX_LISTED_MATCHES = 20;

/**
 * The heading `wanted` names on a page, by confluence-markdown's one heading-match rule (exact text, else ignoring
 * case and spacing), or a failure telling the model what to pass instead: the page's headings when none matches,
 * the matches with their line numbers when several do (pick one with `occurrence`).
 *
 * @param field the argument that named the heading (`heading`, `section`), named in the messages.
 */
export function headingFor(outline: readonly Heading[], wanted: string, occurrence: number | undefined, field: string): Heading {
  const found = lookupHeading(outline, wanted, occurrence);
  if (found.kind === 'found') return found.heading;
  if (found.kind === 'missing') {
    throw new ToolFailure('NOT_FOUND', `No heading "${echo(wanted)}" on this page (matched exactly, else ignoring case and spacing). Its headings: ${listHeadings(outline)}`);
  }
  const count = found.candidates.length;
  if (found.kind === 'no-such-occurrence') {
    throw new ToolFailure('INVALID_ARGUMENT', `occurrence: the page has only ${count} heading(s) reading "${echo(wanted)}".`);
  }
  const listed = found.candidates
    .slice(0, MAX_LISTED_MATCHES)
    .map((h, i) => `${i + 1}: ${'#'.repeat(h.level)} ${echo(h.text)} (line ${h.line})`)
    .join('; ');
  const more = count > MAX_LISTED_MATCHES ? `; … ${count - MAX_LISTED_MATCHES} more` : '';
  throw new ToolFailure('INVALID_ARGUMENT', `${field}: ${count} headings read "${echo(wanted)}" (${listed}${more}). Pass occurrence to pick one.`, { matches: count });
}

/** Cut `text` at `offset + maxChars`, preferring the last line break in the window so lines stay whole. */
export function sliceBody(text: string, offset: number, maxChars: number): { chunk: string; next?: number } {
  if (offset + maxChars >= text.length) return { chunk: text.slice(offset) };
  let end = offset + maxChars;
  // A line break right at `end` would make the chunk one character too long: look strictly before it.
  const newline = text.lastIndexOf('\n', end - 1);
  if (newline > offset + maxChars / 2) end = newline + 1;
  // Never split a surrogate pair: half an emoji is not valid text, and the next part would start with the other half.
  else if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
  return { chunk: text.slice(offset, end), next: end };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Continuation cursors carry the offset and the body's version, so a cursor from an older version is refused. */
export function encodeBodyCursor(offset: number, version: number): string {
  return `c${version}.${offset}`;
}

export function decodeBodyCursor(cursor: string, version: number): number {
  const match = /^c(\d+)\.(\d+)$/.exec(cursor);
  if (!match) throw new ToolFailure('INVALID_ARGUMENT', 'cursor: not a cursor from get_confluence_page; omit it to start from the beginning.');
  if (Number(match[1]) !== version) throw new ToolFailure('INVALID_ARGUMENT', `cursor: the page changed since (now version ${version}); read it again without cursor.`);
  return Number(match[2]);
}

/**
 * Warning kinds of the Markdown writer that mean the page would not hold what the model wrote: a write with any
 * of them is refused unless the caller passes `allow_lossy: true`. `raw-html-escaped` is not among them: the
 * text is kept (shown literally), which the model can see by reading the page back.
 */
export const LOSSY_WARNINGS = new Set<string>(['invalid-placeholder', 'invalid-markup', 'depth-limited', 'formatting-dropped', 'unknown-element']);

/** Block elements a body written as HTML or storage starts with (`ac:` macros and layouts included). */
const MARKUP_START = /^<(?:p|h[1-6]|ul|ol|table|div|pre|blockquote|hr|ac:[a-z-]+|ri:[a-z-]+)[\s/>]/i;

/**
 * Whether a body sent without `body_format` is plainly HTML or storage XHTML rather than Markdown: it starts with
 * a block element and ends with a tag. Models often write HTML where the tool takes Markdown; stored as
 * Markdown, readers would see the tags as text.
 */
export function looksLikeMarkup(body: string): boolean {
  const trimmed = body.trim();
  return MARKUP_START.test(trimmed) && trimmed.endsWith('>');
}

/** What a write stores: the storage, the converter's warnings, and a note when the format was inferred. */
export interface WriteBody {
  storage: string;
  warnings: ConversionWarning[];
  /** Said in the answer when a body without `body_format` was taken as storage. */
  note?: string;
}

/**
 * Storage for a write: Markdown converted (placeholders restored byte for byte), or storage as given. Without a
 * format, a body that is plainly HTML or storage is taken as storage, with a note saying so.
 */
export function storageForWrite(body: string, format: 'markdown' | 'storage' | undefined, allowLossy: boolean): WriteBody {
  if (format === 'storage') return { storage: body, warnings: [] };
  if (format === undefined && looksLikeMarkup(body)) {
    return { storage: body, warnings: [], note: 'The body was HTML, so it was saved as Confluence storage format (pass body_format "markdown" to save it as Markdown text).' };
  }
  const { storage, warnings } = markdownToStorage(body);
  const lossy = warnings.filter((w) => LOSSY_WARNINGS.has(w.kind));
  if (lossy.length && !allowLossy) {
    throw new ToolFailure(
      'CONTENT_LOSS',
      `Nothing was saved: converting this Markdown would lose content (${lossy.map((w) => `${w.kind}: ${w.message} x${w.count}`).join('; ')}). ` +
        'Keep <!--confluence...--> comments (placeholders and macro begin/end markers) exactly as read, fix the Markdown, send body_format "storage", or pass allow_lossy: true to accept the loss.',
      { warnings: lossy },
    );
  }
  return { storage, warnings };
}
