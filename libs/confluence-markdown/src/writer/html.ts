/**
 * Raw HTML in the Markdown (CONVENTIONS.md, "Raw HTML"). An HTML block that is well-formed XHTML is written as
 * storage (xhtml.ts): kept elements and attributes as they are, placeholders restored, links and images by the
 * Markdown conventions. Inline HTML comes a tag at a time (inline-html.ts pairs them); what is left here is one
 * tag or comment on its own: a placeholder, a macro body marker, `<br>`, or escaped text with a warning. Storage is
 * XML: whatever is not well-formed, or not kept, is escaped rather than passed through.
 */
import { decodePlaceholder, findPlaceholders } from '../placeholder';
import type { WriterContext } from './context';
import { escapeText } from './escape';
import { renderInlineMarker } from './macro-bodies';
import { restorePlaceholder, warnEscaped } from './restore';
import { convertXhtml } from './xhtml';

/** An HTML block: well-formed XHTML as storage, else placeholders restored and the rest escaped as text. */
export function renderHtmlBlock(content: string, context: WriterContext): string {
  const trimmed = content.trim();
  const converted = convertXhtml(trimmed, context);
  if (converted !== undefined) return converted;
  if (/^<table[\s>]/i.test(trimmed)) {
    context.warnings.add('raw-html-escaped', 'an HTML table that is not well-formed XHTML was escaped as text');
    return `<p>${escapeText(trimmed)}</p>`;
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

/** One inline HTML token that was not paired: a placeholder, a marker, `<br>`, or escaped text. */
export function renderHtmlInline(content: string, context: WriterContext): string {
  const marker = renderInlineMarker(content, context);
  if (marker !== undefined) return marker;
  const placeholder = decodePlaceholder(content);
  if (placeholder) {
    const restored = restorePlaceholder(placeholder.source, context);
    if (restored !== undefined) return restored;
  }
  if (/^<br\s*\/?>$/i.test(content)) return '<br/>';
  warnEscaped(content, context);
  return escapeText(content);
}
