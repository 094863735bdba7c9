import { StorageToMarkdownOptions, StorageToMarkdownResult } from '../types';
import { ReaderContext } from './context';
import { finalize } from './escape';
import { preprocess } from './preprocess';
import { turndownHtml } from './rules';
import { WarningCollector } from './warnings';

/**
 * Converts Confluence storage format (XHTML with `ac:`/`ri:` elements) to Markdown, following CONVENTIONS.md.
 * What Markdown cannot express is kept as `<!--confluence:NAME:BASE64URL-->` placeholders holding the exact
 * storage source, and `warnings` counts everything that was dropped or kept that way.
 *
 * Linear in the input (one pre-processing pass, one DOM walk, one final pass); nesting deeper than 200 elements is
 * flattened, so no input can exhaust the stack.
 *
 * @example
 * const { markdown } = storageToMarkdown('<p>Hello <ac:link><ri:user ri:account-id="42"/></ac:link></p>', {
 *   resolveUser: (id) => names.get(id),
 * });
 * // 'Hello [@Ada Lovelace](confluence-user:42)\n'
 */
export function storageToMarkdown(storage: string, options: StorageToMarkdownOptions = {}): StorageToMarkdownResult {
  const warnings = new WarningCollector();
  const { html, sources } = preprocess(storage, warnings);
  if (!html.trim()) return { markdown: '', warnings: warnings.list() };
  const ctx = new ReaderContext(options, warnings, sources, storage);
  const markdown = ctx.withPayloads(finalize(turndownHtml(html, ctx)));
  return { markdown, warnings: warnings.list() };
}
