import { cql, CqlBuildError } from './index';
import { decodeLucene, parseCql, randomText, seededRandom } from './spec-helpers';

/** Heavy in what breaks naive query builders: quotes, backslashes, parentheses, wildcards, keywords, newlines. */
const PIECES = [
  '"', '"', '\\', '\\', '(', ')', '~', '*', '?', ':', '\n', ' ', ' ', ' AND ', ' OR ', ' NOT ', 'AND', 'OR', 'NOT',
  '+', '-', '&', '|', '!', '{', '}', '[', ']', '^', '/', "'", '\t', '\r', 'a', 'b', 'Z', '9', 'é', '“', '＂', '🚀',
  'space = "SECRET"', '") OR (', '\\"',
];

describe('property: user text never changes the structure of a query', () => {
  it('keeps cql.and(space = ENG, text ~ s) exactly two clauses whose decoded value is s, for 2 000 strings', () => {
    const random = seededRandom(0xc0ffee);
    let checked = 0;
    for (let i = 0; i < 2_000; i++) {
      const s = randomText(random, PIECES, 24);
      if (s.trim() === '') {
        // Nothing to search for: refused rather than sent as an empty (or all-matching) query.
        expect(() => cql.contains('text', s)).toThrow(CqlBuildError);
        continue;
      }
      const query = cql.and(cql.eq('space', 'ENG'), cql.contains('text', s)).text;
      const parsed = parseCql(query);
      expect(parsed.orderBy).toEqual([]);
      expect(parsed.where).toEqual({
        kind: 'and',
        operands: [
          { kind: 'clause', field: 'space', op: '=', values: ['ENG'] },
          { kind: 'clause', field: 'text', op: '~', values: [expect.any(String)] },
        ],
      });
      const lucene = (parsed.where as { operands: Array<{ values: string[] }> }).operands[1].values[0];
      expect(decodeLucene(lucene)).toBe(s);
      checked++;
    }
    expect(checked).toBeGreaterThan(1_800);
  });

  it('keeps wildcard searches to one clause too, with only * and ? left unescaped', () => {
    const random = seededRandom(42);
    for (let i = 0; i < 500; i++) {
      const s = `w${randomText(random, PIECES, 16)}`.replace(/(^|\s)[*?]/g, '$1x');
      const query = cql.and(cql.eq('space', 'ENG'), cql.contains('title', s, { wildcard: true })).text;
      const { where } = parseCql(query) as { where: { kind: string; operands: Array<{ values: string[] }> } };
      expect(where.kind).toBe('and');
      expect(where.operands).toHaveLength(2);
      expect(decodeLucene(where.operands[1].values[0], true)).toBe(s);
    }
  });
});
