/**
 * User text -> an FTS5 query that cannot fail: every word becomes a double-quoted string (FTS5 operators, column
 * filters, `*`, `^`, parentheses and quotes in the text are then just characters of words or separators).
 */

/** At most this many words are used: a pasted document as a query must not become a giant expression. */
export const MAX_QUERY_TERMS = 32;

/** The words of user text, as FTS5's unicode61 tokenizer would see them (letters and digits), lower-cased and de-duplicated. */
export function queryTerms(text: string): string[] {
  const words = text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_QUERY_TERMS);
}

/** `a b` -> `"a" "b"` (all words must occur) or `"a" OR "b"` (any). Returns undefined when the text has no words. */
export function ftsQuery(terms: readonly string[], mode: 'all' | 'any'): string | undefined {
  if (terms.length === 0) return undefined;
  // Inside an FTS5 string a double quote is written twice; the word pattern above already excludes it.
  const quoted = terms.map((term) => `"${term.replace(/"/g, '""')}"`);
  return quoted.join(mode === 'all' ? ' ' : ' OR ');
}
