/**
 * Raw HTML in the Markdown: placeholders are restored byte for byte, reader-written `<table>` blocks are
 * parsed back into storage tables, `<br>` stays a line break, and anything else is escaped as text with a
 * `raw-html-escaped` warning (storage is XML: passing arbitrary HTML through could break the page).
 */
import { decodePlaceholder, findPlaceholders } from '../placeholder';
import type { WriterContext } from './context';
import { escapeText } from './escape';
import { convertHtmlTable } from './html-table';
import { restorePlaceholder, warnEscaped } from './restore';

/** An HTML block: placeholders, a reader table, or text. */
export function renderHtmlBlock(content: string, context: WriterContext): string {
  if (/^\s*<table[\s>]/i.test(content)) {
    const table = convertHtmlTable(content.trim(), context);
    if (table !== undefined) return table;
    context.warnings.add('raw-html-escaped', 'an HTML table that is not well-formed XHTML was escaped as text');
    return `<p>${escapeText(content.trim())}</p>`;
  }
  let out = '';
  let last = 0;
  for (const found of findPlaceholders(content)) {
    const restored = restorePlaceholder(found.source, context);
    if (restored === undefined) continue;
    out += escapedBlock(content.slice(last, found.start), context) + restored;
    last = found.end;
  }
  return out + escapedBlock(content.slice(last), context);
}

function escapedBlock(text: string, context: WriterContext): string {
  const trimmed = text.trim();
  if (!trimmed) return '';
  warnEscaped(trimmed, context);
  return `<p>${escapeText(trimmed)}</p>`;
}

/** Inline HTML: a placeholder, `<br>`, or escaped text. */
export function renderHtmlInline(content: string, context: WriterContext): string {
  const placeholder = decodePlaceholder(content);
  if (placeholder) {
    const restored = restorePlaceholder(placeholder.source, context);
    if (restored !== undefined) return restored;
  }
  if (/^<br\s*\/?>$/i.test(content)) return '<br/>';
  warnEscaped(content, context);
  return escapeText(content);
}
