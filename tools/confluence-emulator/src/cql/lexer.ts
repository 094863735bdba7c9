import { CqlError } from './errors';

/** Kinds of lexical token. `word` covers field names, keywords, bare values and function names. */
export type TokenKind = 'word' | 'string' | 'op' | 'lparen' | 'rparen' | 'comma' | 'eof';

/** One lexical token; `text` is the unescaped value for strings. */
export interface Token {
  kind: TokenKind;
  text: string;
  /** Zero-based offset of the token's first character in the query. */
  pos: number;
}

/** Characters that end a bare word. The backslash is here so that it is only ever meaningful inside quotes. */
const SPECIAL = new Set(['=', '!', '~', '<', '>', '(', ')', ',', '"', "'", '\\']);

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  '\\': '\\',
  n: '\n',
  r: '\r',
  t: '\t',
};

function isSpace(ch: string): boolean {
  return /\s/.test(ch);
}

/** Splits a query into tokens in one pass; the last token is always `eof`. */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i];
    if (isSpace(ch)) {
      i++;
    } else if (ch === '"' || ch === "'") {
      i = readString(query, i, tokens);
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch === '(' ? 'lparen' : ch === ')' ? 'rparen' : 'comma', text: ch, pos: i });
      i++;
    } else if (ch === '=' || ch === '~') {
      tokens.push({ kind: 'op', text: ch, pos: i });
      i++;
    } else if (ch === '!' || ch === '<' || ch === '>') {
      const next = query[i + 1];
      const pair = ch === '!' ? next === '=' || next === '~' : next === '=';
      if (ch === '!' && !pair) throw new CqlError(query, "'!' must be followed by '=' or '~'", i);
      tokens.push({ kind: 'op', text: pair ? ch + next : ch, pos: i });
      i += pair ? 2 : 1;
    } else if (ch === '\\') {
      throw new CqlError(query, "unexpected '\\' outside quotes", i);
    } else {
      const start = i;
      while (i < query.length && !SPECIAL.has(query[i]) && !isSpace(query[i])) i++;
      tokens.push({ kind: 'word', text: query.slice(start, i), pos: start });
    }
  }
  tokens.push({ kind: 'eof', text: '', pos: query.length });
  return tokens;
}

/** Reads a quoted string starting at `start`; returns the offset after its closing quote. */
function readString(query: string, start: number, tokens: Token[]): number {
  const quote = query[start];
  const chunks: string[] = [];
  let i = start + 1;
  let runStart = i;
  while (i < query.length) {
    const ch = query[i];
    if (ch === quote) {
      chunks.push(query.slice(runStart, i));
      tokens.push({ kind: 'string', text: chunks.join(''), pos: start });
      return i + 1;
    }
    if (ch === '\\') {
      chunks.push(query.slice(runStart, i));
      const escaped = ESCAPES[query[i + 1] ?? ''];
      if (escaped === undefined) {
        if (i + 1 >= query.length) break;
        throw new CqlError(query, `illegal escape '\\${query[i + 1]}' in a quoted value`, i);
      }
      chunks.push(escaped);
      i += 2;
      runStart = i;
    } else {
      i++;
    }
  }
  throw new CqlError(query, `unterminated quoted value`, start);
}
