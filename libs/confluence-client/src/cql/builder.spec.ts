import { Cql, cql, CqlBuildError } from './index';

const text = (query: Cql) => query.text;

describe('cql field clauses', () => {
  it('quotes every value of = and !=', () => {
    expect(text(cql.eq('space', 'ENG'))).toBe('space = "ENG"');
    expect(text(cql.eq('space.key', '~jsmith'))).toBe('space.key = "~jsmith"');
    expect(text(cql.eq('type', 'page'))).toBe('type = "page"');
    expect(text(cql.eq('title', 'Say "hi" \\o/'))).toBe(String.raw`title = "Say \"hi\" \\o/"`);
    expect(text(cql.eq('label', 'release-notes'))).toBe('label = "release-notes"');
    expect(text(cql.eq('creator', '557058:0f3a-99'))).toBe('creator = "557058:0f3a-99"');
    expect(text(cql.notEq('contributor', 'x'))).toBe('contributor != "x"');
    expect(text(cql.eq('created', '2024-02-29'))).toBe('created = "2024-02-29"');
  });

  it('accepts ids as digit strings or non-negative integers, and nothing else', () => {
    expect(text(cql.eq('id', '123'))).toBe('id = "123"');
    expect(text(cql.eq('ancestor', 456))).toBe('ancestor = "456"');
    expect(text(cql.notEq('parent', '7'))).toBe('parent != "7"');
    expect(text(cql.eq('content', 0))).toBe('content = "0"');
    for (const bad of ['12a', ' 12', '1 OR id = 2', '', '-1', '1.5', -1, 1.5, NaN, Infinity, 2 ** 60]) {
      expect(() => cql.eq('id', bad)).toThrow(CqlBuildError);
    }
    expect(() => cql.eq('parent', '12a')).toThrow(
      `cql.eq: value for 'parent' must be a content id (digits), got "12a"`,
    );
  });

  it('validates space keys but still quotes them', () => {
    expect(text(cql.eq('space', 'DEV_2'))).toBe('space = "DEV_2"');
    for (const bad of ['EN G', 'ENG"', 'ENG)', '', 'ÉNG', 'a-b']) {
      expect(() => cql.eq('space', bad)).toThrow(CqlBuildError);
    }
    expect(() => cql.in('space.key', ['OK', 'NOT OK'])).toThrow('cql.in value 2: "NOT OK" is not a space key');
  });

  it('refuses fields outside CqlField, even from untyped callers', () => {
    for (const field of ['foo', 'space = "X" OR space', 'TITLE', '', undefined, 42]) {
      expect(() => cql.eq(field as never, 'x')).toThrow(CqlBuildError);
    }
    expect(() => cql.eq('mention' as never, 'x')).toThrow(`cql.eq: field "mention" is not allowed here`);
    expect(() => cql.contains('label' as never, 'x')).toThrow('use one of title, text');
  });

  it("refuses = on 'text', empty values and non-string values", () => {
    expect(() => cql.eq('text', 'x')).toThrow("the field 'text' can only be searched with cql.contains");
    expect(() => cql.eq('title', '   ')).toThrow(`value for 'title' must not be empty`);
    expect(() => cql.eq('title', { toString: () => 'x' } as never)).toThrow('must be a string or a number');
    expect(() => cql.eq('created', 20240101)).toThrow(CqlBuildError);
    expect(() => cql.eq('created', '2024-13-01')).toThrow('is not a date');
  });

  it('writes IN and NOT IN lists, refusing empty ones', () => {
    expect(text(cql.in('space', ['ENG', 'OPS']))).toBe('space IN ("ENG","OPS")');
    expect(text(cql.in('id', [1, '2']))).toBe('id IN ("1","2")');
    expect(text(cql.notIn('label', ['a"b', 'c']))).toBe(String.raw`label NOT IN ("a\"b","c")`);
    expect(() => cql.in('label', [])).toThrow('cql.in: values must be a non-empty array, got an array');
    expect(() => cql.notIn('label', 'abc' as never)).toThrow(CqlBuildError);
  });

  it('writes text searches with Lucene syntax escaped', () => {
    expect(text(cql.contains('text', 'release notes'))).toBe('text ~ "release notes"');
    expect(text(cql.contains('title', 'C++'))).toBe(String.raw`title ~ "C\\+\\+"`);
    expect(text(cql.notContains('text', 'draft*'))).toBe(String.raw`text !~ "draft\\*"`);
    expect(text(cql.contains('text', 'draft* te?t', { wildcard: true }))).toBe('text ~ "draft* te?t"');
    expect(() => cql.contains('text', '*draft', { wildcard: true })).toThrow("a word cannot start with '*' or '?'");
    expect(() => cql.contains('text', '')).toThrow('value must be a non-empty string');
    expect(() => cql.contains('text', 'x', { wildcard: 'yes' as never })).toThrow('options.wildcard must be a boolean');
  });
});

describe('cql dates', () => {
  const instant = new Date(Date.UTC(2024, 0, 2, 10, 5, 59, 999));

  it('writes the four comparisons, truncating a Date to the minute in UTC', () => {
    expect(text(cql.before('created', instant))).toBe('created < "2024-01-02 10:05"');
    expect(text(cql.after('lastmodified', instant))).toBe('lastmodified > "2024-01-02 10:05"');
    expect(text(cql.onOrAfter('lastmodified', '2024-01-02'))).toBe('lastmodified >= "2024-01-02"');
    expect(text(cql.onOrBefore('created', '2024-01-02 23:59'))).toBe('created <= "2024-01-02 23:59"');
  });

  it("writes a Date in the caller's time zone", () => {
    const lateEvening = new Date(Date.UTC(2024, 0, 1, 23, 30));
    const inZone = (timeZone: string) => text(cql.before('created', lateEvening, { timeZone }));
    expect(inZone('Europe/Berlin')).toBe('created < "2024-01-02 00:30"');
    expect(inZone('America/New_York')).toBe('created < "2024-01-01 18:30"');
    expect(() => inZone('Mars/Olympus')).toThrow('unknown time zone "Mars/Olympus"');
  });

  it('refuses malformed dates and non-date fields', () => {
    for (const bad of ['2024-02-30', '2024-1-2', '2024/01/02', '2024-01-02T10:00', '2024-01-02 24:00', 'now()', '']) {
      expect(() => cql.after('created', bad)).toThrow(CqlBuildError);
    }
    expect(() => cql.after('created', new Date(NaN))).toThrow('date must be a valid Date');
    expect(() => cql.after('created', new Date(Date.UTC(10_000, 0, 1)))).toThrow('the year 10000 cannot be written');
    expect(() => cql.after('title' as never, '2024-01-01')).toThrow('use one of created, lastmodified');
  });
});

describe('cql combinators', () => {
  const a = cql.eq('space', 'A');
  const b = cql.eq('space', 'B');
  const page = cql.eq('type', 'page');

  it('joins with AND and OR, parenthesising the other operator', () => {
    expect(text(cql.and(a, page))).toBe('space = "A" AND type = "page"');
    expect(text(cql.and(cql.or(a, b), page))).toBe('(space = "A" OR space = "B") AND type = "page"');
    expect(text(cql.or(cql.and(a, page), b))).toBe('(space = "A" AND type = "page") OR space = "B"');
    expect(text(cql.and(cql.and(a, b), page))).toBe('space = "A" AND space = "B" AND type = "page"');
  });

  it('skips falsy parts and refuses when none is left', () => {
    expect(text(cql.and(undefined, a, false, null))).toBe('space = "A"');
    expect(() => cql.and(undefined, false)).toThrow('cql.and: needs at least one clause');
    expect(() => cql.or()).toThrow(CqlBuildError);
  });

  it('moves negative clauses after positive ones, since Confluence refuses a negative first clause', () => {
    expect(text(cql.and(cql.notEq('label', 'draft'), page))).toBe('type = "page" AND label != "draft"');
    expect(text(cql.and(cql.not(a), cql.notIn('label', ['x']), page))).toBe(
      'type = "page" AND NOT space = "A" AND label NOT IN ("x")',
    );
  });

  it('negates clauses plainly and compounds in parentheses', () => {
    expect(text(cql.not(a))).toBe('NOT space = "A"');
    expect(text(cql.not(cql.or(a, b)))).toBe('NOT (space = "A" OR space = "B")');
    expect(text(cql.and(page, cql.not(cql.and(a, b))))).toBe('type = "page" AND NOT (space = "A" AND space = "B")');
  });

  it('refuses anything that is not a fragment from the builder', () => {
    expect(() => cql.and(a, 'space = "SECRET"' as never)).toThrow('cql.and part 2 must be a Cql fragment');
    expect(() => cql.and({ text: 'space = "SECRET"' } as never)).toThrow(CqlBuildError);
    expect(() => cql.not(Object.create(Cql.prototype))).toThrow(CqlBuildError);
    const Forge = Cql as unknown as new (text: string) => Cql;
    expect(() => new Forge('space = "SECRET"')).toThrow(CqlBuildError);
  });

  it('appends ORDER BY last and refuses to combine an ordered query', () => {
    const ordered = cql.orderBy(cql.and(a, page), { field: 'lastmodified', direction: 'desc' }, { field: 'title' });
    expect(text(ordered)).toBe('space = "A" AND type = "page" ORDER BY lastmodified desc, title');
    expect(`${cql.orderBy(a, { field: 'id', direction: 'asc' })}`).toBe('space = "A" ORDER BY id asc');
    expect(() => cql.and(ordered, b)).toThrow('cql.and: part 1 has ORDER BY');
    expect(() => cql.not(ordered)).toThrow(CqlBuildError);
    expect(() => cql.orderBy(ordered, { field: 'title' })).toThrow('already has ORDER BY');
    expect(() => cql.orderBy(a)).toThrow('needs at least one sort key');
    expect(() => cql.orderBy(a, { field: 'title' }, { field: 'title' })).toThrow("'title' appears twice");
    expect(() => cql.orderBy(a, { field: 'label' as never })).toThrow(CqlBuildError);
    const injected = { field: 'title', direction: 'desc, id' } as never;
    expect(() => cql.orderBy(a, injected)).toThrow("direction must be 'asc' or 'desc'");
  });

  it('makes immutable fragments whose string form is their text', () => {
    expect(String(a)).toBe('space = "A"');
    expect(Object.isFrozen(a)).toBe(true);
  });
});
