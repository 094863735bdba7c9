/**
 * Word matching for `~` and `!~`, the way a Lucene index answers them: words are runs of letters and digits,
 * compared case-insensitively; a search term may use `*` (any run) and `?` (one character) wildcards.
 */

/** Lucene's StandardTokenizer splits longer runs at this length; it also bounds wildcard matching work. */
const MAX_TOKEN_LENGTH = 255;
const WORD = /[\p{L}\p{N}]+/gu;
const TERM = /[\p{L}\p{N}*?]+/gu;

/**
 * Searches run over the same bodies again and again, and tokenising them dominates a search over a large
 * space, so word lists of long texts are remembered, up to a bound on the words kept.
 */
const MAX_CACHED_WORDS = 4_000_000;
const MIN_CACHED_TEXT = 256;
const wordCache = new Map<string, string[]>();
let cachedWords = 0;

/** The words of a text, lowercased, in order. Callers must not mutate the returned array. */
export function words(text: string): string[] {
  if (text.length < MIN_CACHED_TEXT) return tokenize(text);
  const cached = wordCache.get(text);
  if (cached) return cached;
  const tokens = tokenize(text);
  wordCache.set(text, tokens);
  cachedWords += tokens.length;
  // Oldest first: Map keeps insertion order.
  for (const [key, value] of wordCache) {
    if (cachedWords <= MAX_CACHED_WORDS) break;
    wordCache.delete(key);
    cachedWords -= value.length;
  }
  return tokens;
}

function tokenize(text: string): string[] {
  return splitLong(text.toLowerCase().match(WORD) ?? []);
}

function splitLong(tokens: string[]): string[] {
  if (tokens.every((token) => token.length <= MAX_TOKEN_LENGTH)) return tokens;
  const result: string[] = [];
  for (const token of tokens) {
    for (let i = 0; i < token.length; i += MAX_TOKEN_LENGTH) result.push(token.slice(i, i + MAX_TOKEN_LENGTH));
  }
  return result;
}

/** A compiled `~` value: every term must occur; with `phrase`, as consecutive words in this order. */
export interface TextQuery {
  terms: Term[];
  phrase: boolean;
}

interface Term {
  text: string;
  /** Set for terms with `*` or `?`. */
  glob?: (token: string) => boolean;
  /** Characters a matching word needs at least (all but the `*`s): lets most words be skipped unread. */
  minLength: number;
}

/**
 * Compiles the value of a `~` clause. A value wrapped in double quotes (written `"\"two words\""` in CQL)
 * is an exact phrase; otherwise the words may appear anywhere, in any order.
 */
export function compileTextQuery(value: string): TextQuery {
  // Lucene escapes: `\x` is the character itself, never an operator or a wildcard (clients escape user text so).
  const trimmed = value.replace(/\\(.)/gsu, (_, c: string) => (/[\p{L}\p{N}]/u.test(c) ? c : ' ')).trim();
  const phrase = trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"');
  const terms = (trimmed.toLowerCase().match(TERM) ?? []).map((text): Term => {
    const wildcard = text.includes('*') || text.includes('?');
    const minLength = text.length - (text.match(/\*/g)?.length ?? 0);
    return { text, glob: wildcard ? compileGlob(text) : undefined, minLength };
  });
  return { terms, phrase };
}

/**
 * True when the query matches one of the word lists (e.g. title and body). A phrase must fall within one list;
 * loose terms may be spread over several. A query with no terms matches nothing.
 */
export function matchesText(query: TextQuery, fields: string[][]): boolean {
  if (query.terms.length === 0) return false;
  if (query.phrase) return fields.some((tokens) => containsPhrase(tokens, query.terms));
  const sets = fields.map(distinct);
  return query.terms.every((term) =>
    sets.some((set) => {
      if (!term.glob) return set.has(term.text);
      for (const token of set) if (termMatches(term, token)) return true;
      return false;
    }),
  );
}

/** Distinct words of a (cached) word list, remembered for as long as the list itself lives. */
const distinctWords = new WeakMap<string[], Set<string>>();
function distinct(tokens: string[]): Set<string> {
  let set = distinctWords.get(tokens);
  if (!set) {
    set = new Set(tokens);
    distinctWords.set(tokens, set);
  }
  return set;
}

function containsPhrase(tokens: string[], terms: Term[]): boolean {
  for (let start = 0; start + terms.length <= tokens.length; start++) {
    if (terms.every((term, i) => termMatches(term, tokens[start + i]))) return true;
  }
  return false;
}

function termMatches(term: Term, token: string): boolean {
  if (!term.glob) return term.text === token;
  return token.length >= term.minLength && term.glob(token);
}

/**
 * Compiles a wildcard pattern (`*` any run, `?` one character) into a matcher without regular expressions.
 * The pieces between `*`s are found left to right, each at its first fit, which is enough for globs and keeps
 * the work close to linear in the text.
 */
export function compileGlob(pattern: string): (text: string) => boolean {
  const pieces = pattern.split('*');
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  const middle = pieces.slice(1, -1).filter((piece) => piece.length > 0);
  if (pieces.length === 1) return (text) => text.length === first.length && pieceAt(text, 0, first);
  return (text) => {
    const end = text.length - last.length;
    if (end < first.length || !pieceAt(text, 0, first) || !pieceAt(text, end, last)) return false;
    let from = first.length;
    for (const piece of middle) {
      const found = findPiece(text, piece, from, end);
      if (found < 0) return false;
      from = found + piece.length;
    }
    return true;
  };
}

function pieceAt(text: string, at: number, piece: string): boolean {
  for (let i = 0; i < piece.length; i++) {
    if (piece[i] !== '?' && piece[i] !== text[at + i]) return false;
  }
  return true;
}

/** First index in `[from, end - piece.length]` where `piece` fits, or -1. */
function findPiece(text: string, piece: string, from: number, end: number): number {
  if (!piece.includes('?')) {
    const found = text.indexOf(piece, from);
    return found >= 0 && found + piece.length <= end ? found : -1;
  }
  for (let at = from; at + piece.length <= end; at++) if (pieceAt(text, at, piece)) return at;
  return -1;
}
