/** Page bodies for the model: Markdown conversion, outlines, one section, and cutting at `max_chars`. */
import type { ConversionWarning } from '@confluence-mcp/confluence-markdown';
import { markdownToStorage } from '@confluence-mcp/confluence-markdown';
import { ToolFailure } from './results';

export interface Heading {
  level: number;
  text: string;
  /** Character offset of the heading line in the body. */
  offset: number;
}

/** ATX headings outside fenced code blocks (the reader writes only ATX headings). */
export function outlineOf(markdown: string): Heading[] {
  const headings: Heading[] = [];
  let fence: string | undefined;
  let offset = 0;
  for (const line of markdown.split('\n')) {
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      if (!fence) fence = fenceMatch[1][0];
      else if (fenceMatch[1][0] === fence) fence = undefined;
    } else if (!fence) {
      const heading = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
      if (heading) headings.push({ level: heading[1].length, text: heading[2], offset });
    }
    offset += line.length + 1;
  }
  return headings;
}

/** One section: from the heading whose text matches (case-insensitively) to the next heading of its level or above. */
export function sectionOf(markdown: string, heading: string): string | undefined {
  const outline = outlineOf(markdown);
  const wanted = heading.trim().replace(/^#+\s*/, '').toLowerCase();
  const index = outline.findIndex((h) => h.text.toLowerCase() === wanted);
  if (index < 0) return undefined;
  const start = outline[index];
  const end = outline.slice(index + 1).find((h) => h.level <= start.level);
  return markdown.slice(start.offset, end?.offset ?? markdown.length).trimEnd();
}

/** Cut `text` at `offset + maxChars`, preferring the last line break in the window so lines stay whole. */
export function sliceBody(text: string, offset: number, maxChars: number): { chunk: string; next?: number } {
  if (offset + maxChars >= text.length) return { chunk: text.slice(offset) };
  let end = offset + maxChars;
  // A line break right at `end` would make the chunk one character too long: look strictly before it.
  const newline = text.lastIndexOf('\n', end - 1);
  if (newline > offset + maxChars / 2) end = newline + 1;
  return { chunk: text.slice(offset, end), next: end };
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

/** Storage for a write: Markdown converted (placeholders restored byte for byte), or storage as given. */
export function storageForWrite(body: string, format: 'markdown' | 'storage', allowLossy: boolean): { storage: string; warnings: ConversionWarning[] } {
  if (format === 'storage') return { storage: body, warnings: [] };
  const { storage, warnings } = markdownToStorage(body);
  const lossy = warnings.filter((w) => LOSSY_WARNINGS.has(w.kind));
  if (lossy.length && !allowLossy) {
    throw new ToolFailure(
      'CONTENT_LOSS',
      `Nothing was saved: converting this Markdown would lose content (${lossy.map((w) => `${w.kind}: ${w.message} x${w.count}`).join('; ')}). ` +
        'Keep <!--confluence:...--> placeholders exactly as read, fix the Markdown, send body_format "storage", or pass allow_lossy: true to accept the loss.',
      { warnings: lossy },
    );
  }
  return { storage, warnings };
}
