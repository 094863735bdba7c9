/**
 * Test-only helpers: a small CQL reader written independently of the builder (and of `raw.ts`), so specs can
 * check the structure of what the builder writes instead of trusting its own tokenizer. Not exported by the lib.
 */

/** Deterministic PRNG (mulberry32): the same seed gives the same cases on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A string of 0 to `maxPieces` pieces drawn from `pieces`. */
export function randomText(random: () => number, pieces: readonly string[], maxPieces: number): string {
  const count = Math.floor(random() * (maxPieces + 1));
  let text = '';
  for (let i = 0; i < count; i++) text += pieces[Math.floor(random() * pieces.length)];
  return text;
}

export type Token =
  | { kind: 'word' | 'op'; text: string }
  | { kind: 'string'; value: string }
  | { kind: '(' | ')' | ',' };

const STRING_ESCAPES: Readonly<Record<string, string>> = { '"': '"', "'": "'", '\\': '\\', n: '\n', r: '\r', t: '\t' };

/**
 * Splits CQL into tokens the way a strict CQL parser would. `singleQuotes` chooses whether `'` delimits strings,
 * since parsers differ on that and raw CQL must be safe under both readings.
 */
export function tokenizeCql(query: string, singleQuotes = false): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '"' || (singleQuotes && ch === "'")) {
      let value = '';
      for (i++; query[i] !== ch; i++) {
        if (i >= query.length) throw new Error('unterminated string');
        if (query[i] === '\\') {
          const escaped = STRING_ESCAPES[query[++i]];
          if (escaped === undefined) throw new Error(`bad escape at ${i}`);
          value += escaped;
        } else {
          value += query[i];
        }
      }
      i++;
      tokens.push({ kind: 'string', value });
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch });
      i++;
    } else if (/[=~<>!]/.test(ch)) {
      const two = query.slice(i, i + 2);
      const op = ['!=', '!~', '<=', '>='].includes(two) ? two : ch;
      if (op === '!') throw new Error(`lone '!' at ${i}`);
      tokens.push({ kind: 'op', text: op });
      i += op.length;
    } else if (ch === '\\') {
      throw new Error(`backslash outside a string at ${i}`);
    } else {
      const start = i;
      while (i < query.length && !/[\s"'(),=~<>!\\]/.test(query[i])) i++;
      if (i === start) throw new Error(`unexpected ${ch} at ${i}`);
      tokens.push({ kind: 'word', text: query.slice(start, i) });
    }
  }
  return tokens;
}

export type Node =
  | { kind: 'clause'; field: string; op: string; values: string[] }
  | { kind: 'and' | 'or'; operands: Node[] }
  | { kind: 'not'; operand: Node };

/** Parses the CQL the builder writes (quoted values only) into a tree; throws on anything else. */
export function parseCql(query: string): { where: Node; orderBy: string[] } {
  const tokens = tokenizeCql(query);
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const isWord = (word: string) => {
    const token = peek();
    return token?.kind === 'word' && token.text.toUpperCase() === word;
  };
  const expect = (kind: Token['kind']): Token => {
    const token = tokens[at++];
    if (token?.kind !== kind) throw new Error(`expected ${kind} at token ${at - 1}`);
    return token;
  };
  const stringValue = () => (expect('string') as { value: string }).value;
  const chain = (kind: 'and' | 'or', next: () => Node): Node => {
    const operands = [next()];
    while (isWord(kind.toUpperCase())) {
      at++;
      operands.push(next());
    }
    return operands.length === 1 ? operands[0] : { kind, operands };
  };
  const parseOr = (): Node => chain('or', () => chain('and', parseNot));
  const parseNot = (): Node => {
    if (!isWord('NOT')) return parsePrimary();
    at++;
    return { kind: 'not', operand: parseNot() };
  };
  const parsePrimary = (): Node => {
    if (peek()?.kind === '(') {
      at++;
      const inner = parseOr();
      expect(')');
      return inner;
    }
    const field = (expect('word') as { text: string }).text;
    if (isWord('IN') || isWord('NOT')) {
      const negated = isWord('NOT');
      if (negated) at++;
      if (!isWord('IN')) throw new Error('expected IN');
      at++;
      const op = negated ? 'NOT IN' : 'IN';
      expect('(');
      const values = [stringValue()];
      while (peek()?.kind === ',') {
        at++;
        values.push(stringValue());
      }
      expect(')');
      return { kind: 'clause', field, op, values };
    }
    const op = (expect('op') as { text: string }).text;
    return { kind: 'clause', field, op, values: [stringValue()] };
  };
  const where = parseOr();
  const orderBy: string[] = [];
  if (isWord('ORDER')) {
    at++;
    if (!isWord('BY')) throw new Error('expected BY');
    do {
      at++;
      let key = (expect('word') as { text: string }).text;
      if (isWord('ASC') || isWord('DESC')) key += ` ${(tokens[at++] as { text: string }).text}`;
      orderBy.push(key);
    } while (peek()?.kind === ',');
  }
  if (at !== tokens.length) throw new Error(`unexpected token ${at}`);
  return { where, orderBy };
}

const LUCENE_SYNTAX = '+-&|!(){}[]^~*?:\\/"';

/**
 * The literal text a Lucene query string searches for. Throws when any character or word in it would be
 * read as Lucene syntax: an unescaped special character (wildcards allowed only with `wildcard`) or a bare
 * upper-case AND, OR or NOT.
 */
export function decodeLucene(query: string, wildcard = false): string {
  let literal = '';
  for (let i = 0; i < query.length; i++) {
    if (query[i] === '\\') {
      if (i + 1 >= query.length) throw new Error('dangling backslash');
      literal += query[++i];
    } else if (LUCENE_SYNTAX.includes(query[i]) && !(wildcard && (query[i] === '*' || query[i] === '?'))) {
      throw new Error(`unescaped ${query[i]} at ${i}`);
    } else {
      literal += query[i];
    }
  }
  const operator = query.split(/[ \t\n\r\u3000]+/).find((word) => ['AND', 'OR', 'NOT'].includes(word));
  if (operator) throw new Error(`bare Lucene operator ${operator}`);
  return literal;
}

/**
 * Checks that `query` is `(<anything balanced>) AND space IN ("K1",...) [ORDER BY ...]` at top level under the
 * given quoting model, and returns the space keys of that restriction.
 */
export function restrictionOf(query: string, singleQuotes: boolean): string[] {
  const tokens = tokenizeCql(query, singleQuotes);
  if (tokens[0]?.kind !== '(') throw new Error('does not start with (');
  let depth = 0;
  let close = 0;
  for (; close < tokens.length; close++) {
    const kind = tokens[close].kind;
    depth += kind === '(' ? 1 : kind === ')' ? -1 : 0;
    if (depth === 0) break;
  }
  const rest = tokens.slice(close + 1);
  const words = (from: number, count: number) =>
    rest.slice(from, from + count).map((t) => (t.kind === 'word' ? t.text.toUpperCase() : t.kind));
  if (words(0, 4).join(' ') !== 'AND SPACE IN (') throw new Error(`restriction not at top level: ${query}`);
  const keys: string[] = [];
  let i = 4;
  for (;;) {
    const token = rest[i++];
    if (token?.kind !== 'string') throw new Error('expected a space key');
    keys.push(token.value);
    if (rest[i]?.kind === ')') break;
    if (rest[i++]?.kind !== ',') throw new Error('expected , in the space list');
  }
  const tail = rest.slice(i + 1);
  const sortKeysOnly = tail.slice(2).every((t) => t.kind === 'word' || t.kind === ',');
  if (tail.length > 0 && (words(i + 1, 2).join(' ') !== 'ORDER BY' || !sortKeysOnly)) {
    throw new Error('unexpected text after the restriction');
  }
  return keys;
}
