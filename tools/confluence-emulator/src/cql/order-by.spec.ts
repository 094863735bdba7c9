import { compileCql } from './index';
import { doc } from './spec-helpers';

function sorted(cql: string, docs: ReturnType<typeof doc>[]): string[] {
  const { compare } = compileCql(cql);
  if (!compare) throw new Error('expected a comparator');
  return [...docs].sort(compare).map((d) => d.id);
}

describe('CQL ORDER BY', () => {
  const docs = [
    doc({ id: '10', title: 'beta', type: 'page', spaceKey: 'B', createdMs: 3, lastModifiedMs: 30 }),
    doc({ id: '9', title: 'Alpha', type: 'blogpost', spaceKey: 'A', createdMs: 1, lastModifiedMs: 40 }),
    doc({ id: '100', title: 'alpha', type: 'page', spaceKey: 'A', createdMs: 2, lastModifiedMs: 10 }),
    doc({ id: 'att5', title: 'Gamma', type: 'attachment', spaceKey: 'B', createdMs: 2, lastModifiedMs: 20 }),
  ];

  it('gives no comparator without ORDER BY', () => {
    expect(compileCql('type = page').compare).toBeUndefined();
  });

  it('sorts ascending by default and descending on request', () => {
    expect(sorted('type = page order by created', docs)).toEqual(['9', '100', 'att5', '10']);
    expect(sorted('type = page order by lastmodified desc', docs)).toEqual(['9', '10', 'att5', '100']);
    expect(sorted('type = page ORDER BY lastModified ASC', docs)).toEqual(['100', 'att5', '10', '9']);
  });

  it('sorts titles without regard to case, upper case first on a tie', () => {
    expect(sorted('type = page order by title', docs)).toEqual(['9', '100', '10', 'att5']);
  });

  it('sorts numeric ids as numbers, before other ids', () => {
    expect(sorted('type = page order by id', docs)).toEqual(['9', '10', '100', 'att5']);
    expect(sorted('type = page order by content desc', docs)).toEqual(['att5', '100', '10', '9']);
  });

  it('uses later keys to break ties', () => {
    expect(sorted('type = page order by space, created desc', docs)).toEqual(['100', '9', '10', 'att5']);
    expect(sorted('type = page order by type desc, space.key asc, title', docs)).toEqual(['100', '10', '9', 'att5']);
    expect(sorted('type = page order by created, id desc', docs)).toEqual(['9', 'att5', '100', '10']);
  });

  it('reports equal documents as 0 and returns only -1, 0 or 1', () => {
    const { compare } = compileCql('type = page order by created, space');
    expect(compare?.(docs[2], docs[2])).toBe(0);
    expect(compare?.(docs[3], docs[2])).toBe(1);
    expect(compare?.(docs[0], docs[1])).toBe(1);
    expect(compare?.(docs[1], docs[0])).toBe(-1);
  });
});
