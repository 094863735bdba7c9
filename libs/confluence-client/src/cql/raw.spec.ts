import { buildSearchCql, cql, CqlBuildError } from './index';
import { parseCql, randomText, restrictionOf, seededRandom } from './spec-helpers';

const restricted = (userCql: string) => cql.restrictToSpaces(cql.raw(userCql), ['ENG', 'OPS']).text;

/** The restriction must sit at top level whether or not the engine reads `'` as a string delimiter. */
function expectContained(query: string): void {
  expect(restrictionOf(query, false)).toEqual(['ENG', 'OPS']);
  expect(restrictionOf(query, true)).toEqual(['ENG', 'OPS']);
}

describe('cql.raw', () => {
  it('parenthesises valid CQL as written', () => {
    expect(cql.raw('  type = page and label in (a, "b c")  ').text).toBe('(type = page and label in (a, "b c"))');
    expect(cql.raw('created >= now("-4w")').text).toBe('(created >= now("-4w"))');
    expect(cql.raw('title ~ "order by" AND text ~ "\\"quoted\\" \\\\ \\n"').text).toBe(
      '(title ~ "order by" AND text ~ "\\"quoted\\" \\\\ \\n")',
    );
    expect(cql.and(cql.eq('type', 'page'), cql.raw('a = 1 OR b = 2')).text).toBe('type = "page" AND (a = 1 OR b = 2)');
  });

  it.each([
    ['', 'is empty'],
    [' \n\t ', 'is empty'],
    ['()', 'is empty'],
    ['title = "abc', 'unterminated quoted string at offset 8'],
    ['title = "abc\\', 'unterminated quoted string'],
    ['title = "a\\x"', "unknown escape '\\x'"],
    ['(type = page', '1 parenthesis(es) left open'],
    ['type = page)', "')' closes a parenthesis that was never opened at offset 11"],
    [') OR (space = SECRET', "')' closes a parenthesis that was never opened at offset 0"],
    ['type = page ORDER BY title', 'ORDER BY is not accepted in raw CQL (use cql.orderBy) at offset 12'],
    ['type = page order\n  by title desc', 'ORDER BY is not accepted'],
    ['type = page ORDER "BY" title', 'ORDER BY is not accepted'],
    ["title = 'x'", 'single-quoted strings are not accepted (use double quotes) at offset 8'],
    ['title = x\\', "'\\' outside a quoted string"],
    ['space = A -- comment', "'--' outside a quoted string (CQL has no comments)"],
    ['space = A /* x */', "'/*' outside a quoted string"],
    ['space = A//x', "'//' outside a quoted string"],
    ['title = “x”', "'“' outside a quoted string"],
    ['title = ＂x＂', "'＂' outside a quoted string"],
    ['（space = A）', "'（' outside a quoted string"],
    ['title = `x`', "'`' outside a quoted string"],
    ['space = A\u0000', 'unprintable character U+0000'],
  ])('refuses %j', (input, message) => {
    expect(() => cql.raw(input)).toThrow(CqlBuildError);
    expect(() => cql.raw(input)).toThrow(message);
  });

  it('refuses more than 10 000 characters and non-strings', () => {
    const clause = 'text ~ "a" AND ';
    const long = clause.repeat(Math.ceil(10_000 / clause.length)) + 'type = page';
    expect(() => cql.raw(long)).toThrow(`cql.raw is ${long.length} characters long; at most 10000 are accepted`);
    expect(cql.raw(`title = "${'x'.repeat(9_990)}"`).text).toHaveLength(10_002);
    expect(() => cql.raw(undefined as never)).toThrow('cql.raw must be a string, got undefined');
  });
});

describe('cql.restrictToSpaces', () => {
  it('ANDs the restriction after the parenthesised query', () => {
    expect(cql.restrictToSpaces(cql.eq('type', 'page'), ['ENG']).text).toBe('(type = "page") AND space IN ("ENG")');
    expect(cql.restrictToSpaces(cql.or(cql.eq('label', 'a'), cql.eq('label', 'b')), ['ENG', '~jo']).text).toBe(
      '(label = "a" OR label = "b") AND space IN ("ENG","~jo")',
    );
    const ordered = buildSearchCql({ text: 'x', orderBy: 'title' });
    expect(cql.restrictToSpaces(ordered, ['ENG']).text).toBe('(text ~ "x") AND space IN ("ENG") ORDER BY title asc');
  });

  it('keeps valid CQL with its own OR inside the restriction', () => {
    const query = restricted('text ~ "a" OR space = "B"');
    expect(query).toBe('(text ~ "a" OR space = "B") AND space IN ("ENG","OPS")');
    expect(parseCql(query).where).toEqual({
      kind: 'and',
      operands: [
        {
          kind: 'or',
          operands: [
            { kind: 'clause', field: 'text', op: '~', values: ['a'] },
            { kind: 'clause', field: 'space', op: '=', values: ['B'] },
          ],
        },
        { kind: 'clause', field: 'space', op: 'IN', values: ['ENG', 'OPS'] },
      ],
    });
  });

  it.each([
    'x") OR space = "SECRET',
    'text ~ "a" OR space = "SECRET"',
    'text ~ "a"\nOR space = "SECRET"\n',
    'title = "a\\" ) OR space = SECRET OR ( \\"b"',
    'title = "ends with a backslash\\\\"',
    'space = SECRET OR title ~ "-- )"',
    'space = SECRET OR title ~ "“ ) ” ＂ ）"',
    'title ~ "it\'s ) OR space = SECRET OR ( x"',
    '((((space = SECRET))))',
  ])('confines %j to the given spaces', (input) => {
    expectContained(restricted(input));
  });

  it.each([
    ') OR (space = SECRET',
    'x) OR space = SECRET OR (y',
    "title = 'x) OR space = SECRET OR (y'",
    "x = '(' OR space = SECRET) OR (y = ')'",
    'title = \\( ) OR space = SECRET OR ( \\)',
    'space = SECRET) --',
    'space = SECRET /*',
    'title = “x) OR space = SECRET OR (y”',
    'title = ＂x＂） OR space = SECRET OR （y',
    'space = SECRET ORDER BY title',
    'space = "SECRET',
  ])('refuses %j rather than risk escaping the restriction', (input) => {
    expect(() => restricted(input)).toThrow(CqlBuildError);
  });

  it('refuses an empty or malformed space list', () => {
    const query = cql.eq('type', 'page');
    expect(() => cql.restrictToSpaces(query, [])).toThrow('spaceKeys must be a non-empty array');
    expect(() => cql.restrictToSpaces(query, ['ENG", "SECRET'])).toThrow('is not a space key');
    expect(() => cql.restrictToSpaces('type = page' as never, ['ENG'])).toThrow('must be a Cql fragment');
  });

  it('never lets 3 000 random inputs reach outside the spaces: each is refused or confined', () => {
    const pieces = ['"', '\\', "'", '(', ')', ' ', '\n', 'OR', 'AND', 'NOT', 'ORDER', 'BY', 'space', '=', '~', ',',
      'SECRET', 'x', '-', '/', '*', '“', '＂', '）', '\\"', '\\\\', ' OR space = SECRET ', '"a) OR (b"', '"\\") OR ("',
      ' x = "y" ', ' x = "y" ', '(x = "y")'];
    const random = seededRandom(20_240_601);
    let accepted = 0;
    for (let i = 0; i < 3_000; i++) {
      const input = randomText(random, pieces, 16);
      let query: string;
      try {
        query = restricted(input);
      } catch (error) {
        expect(error).toBeInstanceOf(CqlBuildError);
        continue;
      }
      accepted++;
      expectContained(query);
    }
    // Enough inputs get through for the containment check to mean something.
    expect(accepted).toBeGreaterThan(300);
  });
});
