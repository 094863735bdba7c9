/**
 * Search excerpts and relevance. Confluence marks matched words with `@@@hl@@@`/`@@@endhl@@@` in both the
 * excerpt and the result title when `excerpt=highlight` (the default), and HTML-escapes that text; clients
 * have to strip the markers and decode the entities.
 */
import { escapeHtml } from './shapes';

/** Values of the `excerpt` parameter. */
export type ExcerptMode = 'highlight' | 'indexed' | 'none' | 'highlight_unescaped' | 'indexed_unescaped';
/** Every accepted `excerpt` value. */
export const EXCERPT_MODES: readonly ExcerptMode[] = ['highlight', 'indexed', 'none', 'highlight_unescaped', 'indexed_unescaped'];

const TEXT_CLAUSE = /\b(?:text|title|sitesearch)\s*~\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s()]+)/gi;
const EXCERPT_LENGTH = 240;
const LEAD = 60;

/** The words of a query's `~` clauses as one global pattern matching whole words (wildcards `*`, `?` kept). */
export interface Terms {
  /** False when the query has no text clause: nothing is highlighted and relevance is flat. */
  any: boolean;
  scan: RegExp;
}

/** The terms of `text ~`, `title ~` and `siteSearch ~` clauses of a query. */
export function textTerms(cql: string): Terms {
  const terms = new Set<string>();
  for (const match of cql.matchAll(TEXT_CLAUSE)) {
    const raw = match[1].replace(/^["']|["']$/g, '').replace(/\\(.)/g, '$1');
    for (const term of raw.toLowerCase().match(/[\p{L}\p{N}*?]+/gu) ?? []) terms.add(term);
  }
  const alternatives = [...terms].map((term) => term.replace(/\*/g, '[\\p{L}\\p{N}]*').replace(/\?/g, '[\\p{L}\\p{N}]'));
  const body = alternatives.length ? alternatives.join('|') : '(?!)';
  return { any: alternatives.length > 0, scan: new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'giu') };
}

const count = (terms: Terms, text: string) => (terms.any ? (text.match(terms.scan)?.length ?? 0) : 0);

/** A crude relevance: title hits weigh more than body hits; rounded like Confluence's float scores. */
export function relevance(terms: Terms, title: string, text: string): number {
  if (!terms.any) return 0;
  const hits = count(terms, title) * 5 + count(terms, text);
  return Math.round(Math.log1p(hits) * 1000) / 1000;
}

/** Wrap matched words in highlight markers; `escape` HTML-escapes the rest as Confluence does. */
export function highlight(text: string, terms: Terms, escape: boolean): string {
  const plain = (part: string) => (escape ? escapeHtml(part) : part);
  if (!terms.any) return plain(text);
  let out = '';
  let last = 0;
  for (const match of text.matchAll(terms.scan)) {
    const at = match.index ?? 0;
    out += `${plain(text.slice(last, at))}@@@hl@@@${plain(match[0])}@@@endhl@@@`;
    last = at + match[0].length;
  }
  return out + plain(text.slice(last));
}

/** The result title as the search shows it: highlighted when the mode highlights. */
export function resultTitle(title: string, terms: Terms, mode: ExcerptMode): string {
  if (mode === 'highlight' || mode === 'highlight_unescaped') return highlight(title, terms, mode === 'highlight');
  return title;
}

/** A snippet of the plain text around the first match (or its beginning), in the requested mode. */
export function excerpt(text: string, terms: Terms, mode: ExcerptMode): string {
  if (mode === 'none') return '';
  const plain = text.replace(/[ \t\u00a0]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
  let from = 0;
  if (terms.any && mode.startsWith('highlight')) {
    const at = plain.search(terms.scan);
    if (at > LEAD) from = plain.lastIndexOf(' ', at - LEAD) + 1;
  }
  let to = Math.min(plain.length, from + EXCERPT_LENGTH);
  if (to < plain.length) {
    const space = plain.lastIndexOf(' ', to);
    if (space > from) to = space;
  }
  const snippet = (from > 0 ? '...' : '') + plain.slice(from, to) + (to < plain.length ? '...' : '');
  if (mode === 'highlight' || mode === 'highlight_unescaped') return highlight(snippet, terms, mode === 'highlight');
  return mode === 'indexed' ? escapeHtml(snippet) : snippet;
}
