/** Placeholder restoration and the warning for escaped HTML, shared by inline, block and table HTML. */
import { mayHoldMarker } from '../macro-body';
import { PLACEHOLDER_PREFIX } from '../placeholder';
import type { WriterContext } from './context';
import { replaceForbiddenCharacters } from './escape';
import { isWellFormed } from './xml';

/**
 * Storage for a placeholder's source, or undefined when the source is not well-formed (restoring it would
 * break the whole page; the caller then keeps the comment as text).
 */
export function restorePlaceholder(source: string, context: WriterContext): string | undefined {
  const clean = replaceForbiddenCharacters(source);
  if (!isWellFormed(clean.text)) return undefined;
  context.warnings.add('invalid-markup', 'characters XML 1.0 forbids were replaced with U+FFFD', clean.replaced);
  return clean.text;
}

/** One warning per tag name (or for a broken placeholder or macro body marker), counted. */
export function warnEscaped(html: string, context: WriterContext): void {
  if (mayHoldMarker(html)) {
    context.warnings.add('invalid-placeholder', 'a macro body marker that could not be decoded was kept as text');
    return;
  }
  if (html.includes(PLACEHOLDER_PREFIX)) {
    context.warnings.add('invalid-placeholder', 'a placeholder that could not be decoded was kept as text');
    return;
  }
  const tag = /^<\/?([A-Za-z][\w:-]*)/.exec(html);
  const what = tag ? `<${tag[1].toLowerCase()}>` : html.startsWith('<!--') ? 'comment' : 'markup';
  context.warnings.add('raw-html-escaped', `raw HTML (${what}) was escaped as text`);
}
