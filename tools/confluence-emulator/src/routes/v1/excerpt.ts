/**
 * Search excerpts and relevance. Confluence marks matched words with `@@@hl@@@`/`@@@endhl@@@` in both the
 * excerpt and the result title when `excerpt=highlight` (the default), and HTML-escapes that text; clients
 * have to strip the markers and decode the entities.
 */
import { escapeHtml } from './shapes';

export type ExcerptMode = 'highlight' | 'indexed' | 'none' | 'highlight_unescaped' | 'indexed_unescaped';
export const EXCERPT_MODES: readonly ExcerptMode[] = ['highlight', 'indexed', 'none', 'highlight_unescaped', 'indexed_unescaped'];

const WORD = /[\p{L}\p{N}]+/gu;
const TEXT_CLAUSE = /\b(?:text|title|sitesearch)\s*~\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s()]+)/gi;
const EXCERPT_LENGTH = 240;
const LEAD = 60;

/** Word patterns of the `~` clauses of a query (`*` and `?` wildcards kept), for scoring and highlighting. */
export function textTerms(cql: string): RegExp[] {
  const terms = new Set<string>();
  for (const match of cql.matchAll(TEXT_CLAUSE)) {
    const raw = match[1].replace(/^["']|["']$/g, '').replace(/\\(.)/g, '$1');
    for (const term of raw.toLowerCase().match(/[\p{L}\p{N}*?]+/gu) ?? []) terms.add(term);
  }
  return [...terms].map((term) => new RegExp(`^${term.replace(/\*/g, '[\\p{L}\\p{N}]*').replace(/\?/g, '[\\p{L}\\p{N}]')}$`, 'u'));
}

const matches = (terms: RegExp[], word: string) => terms.some((term) => term.test(word.toLowerCase()));

/** A crude relevance: title hits weigh more than body hits; rounded like Confluence's float scores. */
export function relevance(terms: RegExp[], title: string, text: string): number {
  if (!terms.length) return 0;
  let score = 0;
  for (const word of title.match(WORD) ?? []) if (matches(terms, word)) score += 5;
  for (const word of text.match(WORD) ?? []) if (matches(terms, word)) score += 1;
  return Math.round(Math.log1p(score) * 1000) / 1000;
}

/** Wrap matched words in highlight markers; `escape` HTML-escapes the rest as Confluence does. */
export function highlight(text: string, terms: RegExp[], escape: boolean): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    if (!matches(terms, match[0])) continue;
    const at = match.index ?? 0;
    const before = text.slice(last, at);
    out += (escape ? escapeHtml(before) : before) + `@@@hl@@@${escape ? escapeHtml(match[0]) : match[0]}@@@endhl@@@`;
    last = at + match[0].length;
  }
  const rest = text.slice(last);
  return out + (escape ? escapeHtml(rest) : rest);
}

/** The result title as the search shows it: highlighted when the mode highlights. */
export function resultTitle(title: string, terms: RegExp[], mode: ExcerptMode): string {
  if (mode === 'highlight' || mode === 'highlight_unescaped') return highlight(title, terms, mode === 'highlight');
  return title;
}

/** A snippet of the plain text around the first match (or its beginning), in the requested mode. */
export function excerpt(text: string, terms: RegExp[], mode: ExcerptMode): string {
  if (mode === 'none') return '';
  const plain = text.replace(/[ \t\u00a0]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
  let from = 0;
  if (terms.length && mode.startsWith('highlight')) {
    for (const match of plain.matchAll(WORD)) {
      if (!matches(terms, match[0])) continue;
      const at = match.index ?? 0;
      if (at > LEAD) from = plain.lastIndexOf(' ', at - LEAD) + 1;
      break;
    }
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
