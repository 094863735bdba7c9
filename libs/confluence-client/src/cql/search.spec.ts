import { buildSearchCql, CqlBuildError } from './index';

const text = (filters: Parameters<typeof buildSearchCql>[0]) => buildSearchCql(filters).text;

describe('buildSearchCql', () => {
  it('turns each filter into one clause, ANDed, with lists meaning "any of"', () => {
    expect(
      text({
        text: 'rollback plan',
        title: 'Runbook',
        spaceKeys: ['ENG', 'OPS'],
        labels: ['incident', 'p1'],
        types: ['page', 'blogpost'],
        modifiedAfter: new Date(Date.UTC(2024, 4, 1, 8, 30, 45)),
        ancestorId: '12345',
      }),
    ).toBe(
      'type IN ("page","blogpost") AND space IN ("ENG","OPS") AND ancestor = "12345" AND label IN ("incident","p1")' +
        ' AND title ~ "Runbook" AND text ~ "rollback plan" AND lastmodified >= "2024-05-01 08:30"',
    );
  });

  it('orders by relevance (no ORDER BY) unless asked', () => {
    expect(text({ text: 'x' })).toBe('text ~ "x"');
    expect(text({ text: 'x', orderBy: 'relevance' })).toBe('text ~ "x"');
    expect(text({ text: 'x', orderBy: 'lastmodified' })).toBe('text ~ "x" ORDER BY lastmodified desc');
    expect(text({ text: 'x', orderBy: 'created' })).toBe('text ~ "x" ORDER BY created desc');
    expect(text({ text: 'x', orderBy: 'title' })).toBe('text ~ "x" ORDER BY title asc');
  });

  it('searches text and title literally', () => {
    expect(text({ text: 'C++ AND "x") OR space = "SECRET', title: 'v2.*' })).toBe(
      String.raw`title ~ "v2.\\*" AND text ~ "C\\+\\+ \\AND \\\"x\\\"\\) \\OR space = \\\"SECRET"`,
    );
  });

  it('ignores empty strings and lists, which models often send for "no filter"', () => {
    const empty = { text: '', title: '  ', spaceKeys: [], labels: [], types: [] };
    expect(text({ ...empty, ancestorId: '7' })).toBe('ancestor = "7"');
  });

  it('names the filter that is wrong', () => {
    expect(() => text({})).toThrow('buildSearchCql: give at least one filter');
    expect(() => text({ text: '', spaceKeys: [] })).toThrow(CqlBuildError);
    const prefix = 'buildSearchCql filters.';
    expect(() => text({ spaceKeys: ['ENG', 'E G'] })).toThrow(`${prefix}spaceKeys value 2: "E G" is not a space key`);
    expect(() => text({ types: ['page', 'space' as never] })).toThrow(`${prefix}types: "space" is not one of`);
    expect(() => text({ types: 'page' as never })).toThrow('buildSearchCql filters.types: must be an array');
    expect(() => text({ ancestorId: '12 OR 1=1' })).toThrow(`${prefix}ancestorId: value for 'ancestor' must be`);
    expect(() => text({ modifiedAfter: 'yesterday' })).toThrow(`${prefix}modifiedAfter: "yesterday" is not a date`);
    expect(() => text({ text: 'x', orderBy: 'score' as never })).toThrow('buildSearchCql filters.orderBy: "score"');
    expect(() => buildSearchCql(null as never)).toThrow('buildSearchCql: filters must be an object, got null');
  });
});
