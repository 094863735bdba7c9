import { compileCql, CqlError, MAX_DEPTH, MAX_QUERY_LENGTH } from './index';
import { cqlErrorOf, doc, ids } from './spec-helpers';

describe('CQL syntax', () => {
  const docs = [
    doc({ id: '1', type: 'page', spaceKey: 'A', labels: ['x'] }),
    doc({ id: '2', type: 'page', spaceKey: 'B', labels: [] }),
    doc({ id: '3', type: 'blogpost', spaceKey: 'A', labels: [] }),
    doc({ id: '4', type: 'blogpost', spaceKey: 'B', labels: ['x'] }),
  ];

  describe('boolean operators', () => {
    it('AND binds tighter than OR', () => {
      expect(ids('type = page or type = blogpost and space = A', docs)).toEqual(['1', '2', '3']);
      expect(ids('space = A and type = page or label = x', docs)).toEqual(['1', '4']);
    });

    it('parentheses override precedence', () => {
      expect(ids('(type = page or type = blogpost) and space = A', docs)).toEqual(['1', '3']);
    });

    it('NOT binds tighter than AND and applies to a parenthesized group', () => {
      expect(ids('not space = A and type = page', docs)).toEqual(['2']);
      expect(ids('not (space = A and type = page)', docs)).toEqual(['2', '3', '4']);
      expect(ids('type = blogpost and not label = x', docs)).toEqual(['3']);
      expect(ids('not not space = B', docs)).toEqual(['2', '4']);
    });

    it('keywords are case-insensitive', () => {
      expect(ids('type = page AnD space = B Or label = x', docs)).toEqual(['1', '2', '4']);
      expect(ids('space In (B) AND label NOT IN (x)', docs)).toEqual(['2']);
    });

    it('whitespace around operators is optional', () => {
      expect(ids('type=blogpost AND space=B', docs)).toEqual(['4']);
      expect(ids('label!=x and(space=A)', docs)).toEqual(['3']);
    });
  });

  describe('values', () => {
    const titled = [
      doc({ id: '1', title: 'Say "hi" AND leave' }),
      doc({ id: '2', title: "It's done" }),
      doc({ id: '3', title: 'back\\slash' }),
      doc({ id: '4', title: 'hi' }),
    ];

    it('a quoted value with escaped quotes and AND stays one literal value', () => {
      expect(ids('title = "Say \\"hi\\" AND leave"', titled)).toEqual(['1']);
      expect(ids("title = 'Say \"hi\" AND leave'", titled)).toEqual(['1']);
    });

    it('single-quoted values take escaped single quotes, and backslashes are escaped', () => {
      expect(ids("title = 'It\\'s done'", titled)).toEqual(['2']);
      expect(ids('title = "It\'s done"', titled)).toEqual(['2']);
      expect(ids('title = "back\\\\slash"', titled)).toEqual(['3']);
    });

    it('\\n, \\r and \\t in quotes are a newline, a carriage return and a tab', () => {
      const controls = [doc({ id: '1', title: 'a\tb\r\nc' }), doc({ id: '2', title: 'atbrnc' })];
      expect(ids('title = "a\\tb\\r\\nc"', controls)).toEqual(['1']);
    });

    it('keywords in quotes are values, bare ones are not', () => {
      expect(ids('label = "and"', [doc({ id: '1', labels: ['and'] }), doc({ id: '2' })])).toEqual(['1']);
      expect(cqlErrorOf('label = and').position).toBe(8);
    });
  });

  describe('normalized text', () => {
    it('puts single spaces, lowercase keywords and fields, and double quotes', () => {
      const compiled = compileCql(`TYPE=page   AND (Title~'conf*' OR label IN (a,"b c"))  ORDER BY title DESC,created`);
      expect(compiled.text).toBe(
        'type = page and (title ~ "conf*" or label in (a, "b c")) order by title desc, created asc',
      );
    });

    it('keeps only the parentheses precedence needs and re-escapes values', () => {
      const compiled = compileCql('((space = A)) and (not (label = x or label = "q\\"t"))');
      expect(compiled.text).toBe('space = A and not (label = x or label = "q\\"t")');
      expect(compileCql(compiled.text).text).toBe(compiled.text);
    });

    it('keeps functions and their arguments', () => {
      expect(compileCql('created>now( "-4w" )and creator=currentUser()').text).toBe(
        'created > now("-4w") and creator = currentUser()',
      );
    });
  });

  describe('errors', () => {
    it.each([
      ['', 0, 'the query is empty'],
      ['   ', 0, 'the query is empty'],
      ['type = page and', 15, 'expected a clause but the query ended'],
      ['type = page or or type = blogpost', 15, 'expected a field name'],
      ['type page', 5, 'expected an operator'],
      ['type =', 6, 'expected a value but the query ended'],
      ['type = page)', 11, "unexpected ')'"],
      ['(type = page', 12, "expected ')' but the query ended"],
      ['type = page space = A', 12, "unexpected 'space'"],
      ['title = "open', 8, 'unterminated quoted value'],
      ['title = "a\\qb"', 10, "illegal escape '\\q' in a quoted value"],
      ['title = a\\b', 9, "unexpected '\\' outside quotes"],
      ['title ! "a"', 6, "'!' must be followed by '=' or '~'"],
      ['label in x', 9, "expected '(' after 'in'"],
      ['label in ()', 10, 'expected a value'],
      ['label in (a b)', 12, "expected ',' or ')' in the list"],
      ['label not x', 10, "expected 'in' after 'not'"],
      ['"title" = a', 0, 'expected a field name'],
      ['order by title', 0, 'expected a field name'],
      ['type = page order title', 18, "expected 'by' after 'order'"],
      ['type = page order by', 20, 'expected a field to order by but the query ended'],
      ['type = page order by title sideways', 27, "unexpected 'sideways'"],
      ['type = page order by body', 21, "cannot order by the field 'body'"],
      ['foo = bar', 0, "the field 'foo' is not supported"],
      ['type = page and space.name = x', 16, "the field 'space.name' is not supported"],
      ['label ~ x', 6, "the operator '~' is not supported by the field 'label'"],
      ['text = x', 5, "the operator '=' is not supported by the field 'text'"],
      ['title > x', 6, "the operator '>' is not supported by the field 'title'"],
      ['created in (now())', 8, "the operator 'in' is not supported by the field 'created'"],
      ['label = now()', 8, "the function 'now' is not supported by the field 'label'"],
      ['creator = nobody()', 10, "the function 'nobody' is not supported by the field 'creator'"],
      ['created > currentUser()', 10, "the function 'currentUser' is not supported by the field 'created'"],
      ['creator = currentUser(1)', 10, 'currentUser() takes no arguments'],
    ])('%j fails at %i: %s', (cql, position, reason) => {
      const error = cqlErrorOf(cql);
      expect(error).toBeInstanceOf(CqlError);
      expect(error.reason).toBe(reason);
      expect(error.position).toBe(position);
      expect(error.message).toBe(`Could not parse cql : ${cql} (${reason}, at position ${position})`);
    });

    it(`accepts ${MAX_DEPTH} levels of nesting and refuses one more`, () => {
      const nested = (depth: number) => `${'('.repeat(depth)}type = page${')'.repeat(depth)}`;
      expect(ids(nested(MAX_DEPTH), docs)).toEqual(['1', '2']);
      expect(cqlErrorOf(nested(MAX_DEPTH + 1)).position).toBe(MAX_DEPTH);
      expect(cqlErrorOf(`${'not '.repeat(MAX_DEPTH + 1)}type = page`).reason).toMatch(/nested more than 64/);
    });

    it('refuses hostile nesting with a CqlError, not a stack overflow', () => {
      expect(cqlErrorOf(`${'('.repeat(10_000)}type = page${')'.repeat(10_000)}`)).toBeInstanceOf(CqlError);
      expect(cqlErrorOf(`${'('.repeat(9_000)}`).reason).toMatch(/nested/);
      expect(cqlErrorOf(`${'not '.repeat(2_400)}type = page`).reason).toMatch(/nested/);
      expect(cqlErrorOf(`type in ${'('.repeat(9_000)}`)).toBeInstanceOf(CqlError);
    });

    it(`accepts ${MAX_QUERY_LENGTH} characters and refuses more`, () => {
      const padded = (length: number) => `type = page${' '.repeat(length - 11)}`;
      expect(compileCql(padded(MAX_QUERY_LENGTH)).matches(docs[0])).toBe(true);
      expect(cqlErrorOf(padded(MAX_QUERY_LENGTH + 1)).reason).toMatch(/longer than 10000/);
    });

    it('runs a long flat chain of clauses without deep recursion', () => {
      const cql = Array.from({ length: 700 }, (_, i) => `id = ${i}`).join(' or ');
      expect(ids(cql, [doc({ id: '699' }), doc({ id: '700' })])).toEqual(['699']);
    });

    it('refuses a query that is not a string', () => {
      expect(cqlErrorOf(undefined as unknown as string).reason).toBe('the query must be a string');
    });

    it('checks every clause even when an earlier one would decide the result', () => {
      expect(cqlErrorOf('type = page or foo = 1').reason).toBe("the field 'foo' is not supported");
    });
  });
});
