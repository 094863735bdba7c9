import { CqlDocument, CqlError, CqlOptions, compileCql } from './index';

/** A document with harmless defaults; tests override what they are about. */
export function doc(overrides: Partial<CqlDocument> = {}): CqlDocument {
  return {
    id: '100',
    type: 'page',
    spaceKey: 'DEV',
    title: 'Untitled',
    text: '',
    labels: [],
    ancestorIds: [],
    parentId: null,
    createdMs: Date.UTC(2024, 0, 1),
    lastModifiedMs: Date.UTC(2024, 0, 1),
    creatorAccountId: 'u-alice',
    contributorAccountIds: [],
    ...overrides,
  };
}

/** Ids of the documents a query matches, in input order. */
export function ids(cql: string, docs: CqlDocument[], options?: CqlOptions): string[] {
  const compiled = compileCql(cql, options);
  return docs.filter((d) => compiled.matches(d)).map((d) => d.id);
}

/** The error a query compiles to; fails the test when it compiles, and rethrows anything but a CqlError. */
export function cqlErrorOf(cql: string, options?: CqlOptions): CqlError {
  try {
    compileCql(cql, options);
  } catch (error) {
    if (error instanceof CqlError) return error;
    throw error;
  }
  throw new Error(`expected a CqlError for: ${cql}`);
}
