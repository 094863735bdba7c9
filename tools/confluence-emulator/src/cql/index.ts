/**
 * Confluence Query Language for the emulator: parses a CQL string once and answers, for plain records, whether
 * each matches and in which order they sort. No I/O and no dependencies, so any route can use it.
 */
import { CqlError } from './errors';
import { compileExpr, compileOrderBy, toDocumentPredicate } from './evaluate';
import { formatQuery } from './format';
import { parse } from './parser';
import { CompiledCql, CqlOptions } from './types';
import { isKnownTimeZone } from './zone';

export { CqlError } from './errors';
export { MAX_DEPTH } from './parser';
export type { CompiledCql, CqlDocument, CqlOptions } from './types';

/** Longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 10_000;

/**
 * Compiles a CQL query. Every problem (syntax, unknown field, operator a field does not support, bad date or
 * function, nesting deeper than {@link MAX_DEPTH}, more than {@link MAX_QUERY_LENGTH} characters, a bad
 * `timeZone` option) throws {@link CqlError}, before any document is looked at.
 */
export function compileCql(cql: string, options: CqlOptions = {}): CompiledCql {
  if (typeof cql !== 'string') throw new CqlError(String(cql), 'the query must be a string', 0);
  if (cql.length > MAX_QUERY_LENGTH) {
    throw new CqlError(cql, `the query is longer than ${MAX_QUERY_LENGTH} characters`, MAX_QUERY_LENGTH);
  }
  const timeZone = options.timeZone ?? 'UTC';
  if (!isKnownTimeZone(timeZone)) throw new CqlError(cql, `unknown time zone '${timeZone}'`, 0);
  const firstDayOfWeek = options.firstDayOfWeek ?? 0;
  if (!Number.isInteger(firstDayOfWeek) || firstDayOfWeek < 0 || firstDayOfWeek > 6) {
    throw new CqlError(cql, `firstDayOfWeek must be 0 (Sunday) to 6 (Saturday), not ${firstDayOfWeek}`, 0);
  }
  const clock = options.now ?? Date.now;
  let now: number | undefined;
  const query = parse(cql);
  const matcher = compileExpr(query.where, {
    query: cql,
    timeZone,
    firstDayOfWeek,
    // One reading per query, so `created > now("-1d") and created < now()` sees a single instant.
    now: () => (now ??= clock()),
    currentAccountId: options.currentAccountId,
  });
  const compare = compileOrderBy(query.orderBy, cql);
  const compiled: CompiledCql = { matches: toDocumentPredicate(matcher), text: formatQuery(query) };
  if (compare) compiled.compare = compare;
  return compiled;
}
