/**
 * Markdown -> Confluence storage format (the writer). The Markdown conventions it reads are the ones the
 * reader writes: see CONVENTIONS.md beside this library.
 */
import type { MarkdownToStorageOptions, MarkdownToStorageResult } from '../types';
import { type WriterContext, envFor } from './context';
import { replaceForbiddenCharacters } from './escape';
import { writerParser } from './parser';
import { renderTokens } from './render';
import { WarningCollector } from './warnings';

/**
 * Converts CommonMark + GFM Markdown to storage format XHTML. The result is always well-formed XML (given
 * a root element declaring the `ac` and `ri` namespaces); what could not be written faithfully is reported
 * in `warnings`, never lost silently.
 *
 * Linear in the input; nesting deeper than 100 blocks is kept as text (`depth-limited` warning).
 *
 * @param markdown CommonMark + GFM, with the extensions of CONVENTIONS.md (code fence parameters, alerts,
 *   `<details>`, `:status[…]`/`:jira[…]`/`:time[…]`, `confluence-*:` links, placeholders, HTML tables).
 * @param options `resolvePageLink` maps web URLs of pages to page links; `spaceKey` is the page's space
 *   (links into it are written without a key).
 * @example
 * markdownToStorage('> [!NOTE] Heads up\n> Read **this**.').storage
 * // '<ac:structured-macro ac:name="info"><ac:parameter ac:name="title">Heads up</ac:parameter>'
 * //   + '<ac:rich-text-body><p>Read <strong>this</strong>.</p></ac:rich-text-body></ac:structured-macro>'
 */
export function markdownToStorage(markdown: string, options: MarkdownToStorageOptions = {}): MarkdownToStorageResult {
  const warnings = new WarningCollector();
  const context: WriterContext = { options, warnings, nextTaskId: 1 };
  const clean = replaceForbiddenCharacters(markdown);
  warnings.add('invalid-markup', 'characters XML 1.0 forbids were replaced with U+FFFD', clean.replaced);
  const tokens = writerParser().parse(clean.text, envFor(context));
  return { storage: renderTokens(tokens, context), warnings: warnings.list() };
}
