import { cql, CqlBuildError } from './index';
import { decodeLucene, parseCql } from './spec-helpers';

/** The value of the single `~` clause in a query, after CQL unescaping (still Lucene syntax). */
function luceneOf(query: string): string {
  const { where } = parseCql(query);
  if (where.kind !== 'clause') throw new Error('expected one clause');
  return where.values[0];
}

describe('escaping Lucene syntax in ~ values', () => {
  // Hand-written: each reserved character gets a Lucene backslash, which CQL quoting then doubles.
  const cases: Array<[string, string]> = [
    ['a+b', String.raw`text ~ "a\\+b"`],
    ['a-b', String.raw`text ~ "a\\-b"`],
    ['a&b', String.raw`text ~ "a\\&b"`],
    ['a|b', String.raw`text ~ "a\\|b"`],
    ['a!b', String.raw`text ~ "a\\!b"`],
    ['a(b', String.raw`text ~ "a\\(b"`],
    ['a)b', String.raw`text ~ "a\\)b"`],
    ['a{b', String.raw`text ~ "a\\{b"`],
    ['a}b', String.raw`text ~ "a\\}b"`],
    ['a[b', String.raw`text ~ "a\\[b"`],
    ['a]b', String.raw`text ~ "a\\]b"`],
    ['a^b', String.raw`text ~ "a\\^b"`],
    ['a~b', String.raw`text ~ "a\\~b"`],
    ['a*b', String.raw`text ~ "a\\*b"`],
    ['a?b', String.raw`text ~ "a\\?b"`],
    ['a:b', String.raw`text ~ "a\\:b"`],
    ['a/b', String.raw`text ~ "a\\/b"`],
    ['a"b', String.raw`text ~ "a\\\"b"`],
    ['a\\b', String.raw`text ~ "a\\\\b"`],
    ['a&&b||!c', String.raw`text ~ "a\\&\\&b\\|\\|\\!c"`],
  ];

  it.each(cases)('escapes %j', (value, expected) => {
    expect(cql.contains('text', value).text).toBe(expected);
    expect(decodeLucene(luceneOf(expected))).toBe(value);
  });

  it('escapes upper-case AND, OR and NOT as whole words only', () => {
    expect(cql.contains('text', 'a AND b').text).toBe(String.raw`text ~ "a \\AND b"`);
    expect(cql.contains('text', 'OR').text).toBe(String.raw`text ~ "\\OR"`);
    expect(cql.contains('text', 'NOT\nAND\tOR').text).toBe(String.raw`text ~ "\\NOT\n\\AND\t\\OR"`);
    expect(cql.contains('text', 'AND AND').text).toBe(String.raw`text ~ "\\AND \\AND"`);
    // Lucene reads these as plain terms already: lower case, longer words, and words glued to escaped syntax.
    expect(cql.contains('text', 'and or not').text).toBe('text ~ "and or not"');
    expect(cql.contains('text', 'ANDROID ORACLE NOTE').text).toBe('text ~ "ANDROID ORACLE NOTE"');
    expect(cql.contains('text', 'AND(').text).toBe(String.raw`text ~ "AND\\("`);
  });

  it('searches the hostile examples literally, as one clause', () => {
    for (const value of ['C++', 'a AND b', 'foo") OR space = "SECRET', 'x" OR title ~ "y', '\\" OR 1=1 --']) {
      const query = cql.contains('text', value).text;
      expect(parseCql(query).where).toEqual({ kind: 'clause', field: 'text', op: '~', values: [expect.any(String)] });
      expect(decodeLucene(luceneOf(query))).toBe(value);
    }
    expect(cql.contains('text', 'foo") OR space = "SECRET').text).toBe(
      String.raw`text ~ "foo\\\"\\) \\OR space = \\\"SECRET"`,
    );
  });

  it('keeps * and ? as wildcards only when asked, escaping everything else', () => {
    expect(cql.contains('title', 'te?t win*').text).toBe(String.raw`title ~ "te\\?t win\\*"`);
    const wild = cql.contains('title', 'te?t win*95 (draft)', { wildcard: true }).text;
    expect(wild).toBe(String.raw`title ~ "te?t win*95 \\(draft\\)"`);
    expect(decodeLucene(luceneOf(wild), true)).toBe('te?t win*95 (draft)');
    expect(() => decodeLucene(luceneOf(wild))).toThrow('unescaped ?');
    expect(() => cql.contains('title', 'a ?b', { wildcard: true })).toThrow(CqlBuildError);
  });
});

describe('quoting CQL string values', () => {
  it('escapes double quote and backslash, and writes tab and line breaks as escapes', () => {
    expect(cql.eq('title', 'say "hi"').text).toBe(String.raw`title = "say \"hi\""`);
    expect(cql.eq('title', 'C:\\temp\\').text).toBe(String.raw`title = "C:\\temp\\"`);
    expect(cql.eq('title', 'a\nb\r\nc\td').text).toBe(String.raw`title = "a\nb\r\nc\td"`);
    expect(cql.eq('title', "it's")).toHaveProperty('text', `title = "it's"`);
  });

  it('passes other Unicode through untouched, typographic quotes included', () => {
    expect(cql.eq('title', '“Réunion” ＂x＂ 🚀').text).toBe('title = "“Réunion” ＂x＂ 🚀"');
    expect(cql.contains('text', '«ﬁn»').text).toBe('text ~ "«ﬁn»"');
  });

  it('refuses control characters and lone surrogates, naming the call', () => {
    expect(() => cql.eq('title', 'a\u0000b')).toThrow('cql.eq contains the unprintable character U+0000 at offset 1');
    expect(() => cql.contains('text', 'x\u001b[31m')).toThrow('U+001B');
    expect(() => cql.eq('label', 'x\u007f')).toThrow('U+007F');
    expect(() => cql.eq('title', 'x\ud800')).toThrow('U+D800');
    expect(() => cql.eq('title', '\udc00x')).toThrow('U+DC00');
  });
});
