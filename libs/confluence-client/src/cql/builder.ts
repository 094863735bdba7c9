import {
  combine,
  comparison,
  CqlDateOptions,
  CqlSortKey,
  CqlTextOptions,
  dateComparison,
  list,
  negate,
  order,
  raw,
  restrict,
  textSearch,
} from './clauses';
import { CqlDateField, CqlField, CqlTextField } from './fields';
import { Cql } from './fragment';

/** An operand of `and`/`or`: falsy values are skipped, so `cond && cql.eq(...)` can be passed directly. */
export type CqlPart = Cql | undefined | null | false;

/**
 * Builds CQL in which user text can never change the structure of the query: every value is quoted and escaped,
 * and only these functions write operators, keywords and parentheses. Each throws {@link CqlBuildError} on bad
 * input instead of sending something Confluence would misread.
 *
 * Dates: CQL reads date values in the time zone of the Confluence user the query runs as (by default the
 * instance's), at minute precision. `Date` arguments are written in `options.timeZone` (default UTC) and
 * truncated to the minute, so a query on `lastmodified` alone is only as correct as that zone; callers that
 * need exact results should widen the window by a day and filter on the timestamps that come back.
 */
export interface CqlBuilder {
  /** `field = "value"`. Ids (`id`, `content`, `ancestor`, `parent`) must be digits; space keys `[A-Za-z0-9~_]+`. */
  eq(field: CqlField, value: string | number): Cql;
  /** `field != "value"`; same checks as {@link CqlBuilder.eq}. */
  notEq(field: CqlField, value: string | number): Cql;
  /**
   * `title ~ "value"` or `text ~ "value"`: a Lucene text search for all the words of `value`. Lucene syntax in
   * the value (`+ - & | ! ( ) { } [ ] ^ ~ * ? : \ / "`, upper-case `AND`/`OR`/`NOT`) is escaped, so `C++` or
   * `a AND b` are searched as written; `*` and `?` are wildcards only with `{ wildcard: true }`.
   */
  contains(field: CqlTextField, value: string, options?: CqlTextOptions): Cql;
  /** `title !~ "value"`; escaped like {@link CqlBuilder.contains}. */
  notContains(field: CqlTextField, value: string, options?: CqlTextOptions): Cql;
  /** `field IN ("a","b")`; throws on an empty list. */
  in(field: CqlField, values: readonly (string | number)[]): Cql;
  /** `field NOT IN ("a","b")`; throws on an empty list. */
  notIn(field: CqlField, values: readonly (string | number)[]): Cql;
  /** `field < "yyyy-MM-dd HH:mm"`. Strings must be `yyyy-MM-dd` or `yyyy-MM-dd HH:mm`. */
  before(field: CqlDateField, date: Date | string, options?: CqlDateOptions): Cql;
  /** `field > "..."`. A `Date` is truncated to its minute, and `>` excludes that whole minute. */
  after(field: CqlDateField, date: Date | string, options?: CqlDateOptions): Cql;
  /** `field >= "..."`: with minute truncation, never misses anything at or after `date`. */
  onOrAfter(field: CqlDateField, date: Date | string, options?: CqlDateOptions): Cql;
  /** `field <= "..."`. */
  onOrBefore(field: CqlDateField, date: Date | string, options?: CqlDateOptions): Cql;
  /**
   * Joins parts with `AND`, skipping falsy ones; OR parts are parenthesised. Negative parts are moved after
   * positive ones because Confluence refuses a query that starts with a negation. Throws if nothing is left.
   */
  and(...parts: CqlPart[]): Cql;
  /** Joins parts with `OR`, skipping falsy ones; AND parts are parenthesised. */
  or(...parts: CqlPart[]): Cql;
  /** `NOT clause`, or `NOT (...)` around a compound. Confluence needs a positive clause before it. */
  not(part: Cql): Cql;
  /** Appends `ORDER BY field [asc|desc], ...`. Must be applied last: ordered fragments cannot be combined. */
  orderBy(query: Cql, ...fields: CqlSortKey[]): Cql;
  /**
   * Wraps caller-supplied CQL (from an advanced user) in parentheses so it can be combined. It is checked by a
   * tokenizer that refuses empty text, more than 10 000 characters, unbalanced quotes or parentheses,
   * `ORDER BY`, single-quoted strings, and backslashes, comment markers or typographic quotes outside strings.
   * It is not otherwise parsed: Confluence still reports its syntax errors.
   */
  raw(text: string): Cql;
  /**
   * Restricts any query to some spaces: `(<query>) AND space IN ("A","B")`, keeping its ORDER BY at the end.
   * Since every fragment has balanced parentheses, no input (raw CQL included) can match outside those spaces.
   */
  restrictToSpaces(query: Cql, spaceKeys: readonly string[]): Cql;
}

/**
 * The CQL builder.
 *
 * @example
 * const query = cql.orderBy(
 *   cql.and(
 *     cql.eq('space', 'ENG'),
 *     cql.contains('text', userText), // "C++ (draft)" becomes text ~ "C\\+\\+ \\(draft\\)"
 *     labels.length > 0 && cql.in('label', labels),
 *     cql.onOrAfter('lastmodified', new Date(Date.now() - 7 * 86_400_000)),
 *   ),
 *   { field: 'lastmodified', direction: 'desc' },
 * );
 * // query.text is the `cql` parameter of GET /wiki/rest/api/search
 */
export const cql: CqlBuilder = {
  eq: (field, value) => comparison('cql.eq', field, '=', value),
  notEq: (field, value) => comparison('cql.notEq', field, '!=', value),
  contains: (field, value, options) => textSearch('cql.contains', field, value, false, options),
  notContains: (field, value, options) => textSearch('cql.notContains', field, value, true, options),
  in: (field, values) => list('cql.in', field, values, false),
  notIn: (field, values) => list('cql.notIn', field, values, true),
  before: (field, date, options) => dateComparison('cql.before', field, '<', date, options),
  after: (field, date, options) => dateComparison('cql.after', field, '>', date, options),
  onOrAfter: (field, date, options) => dateComparison('cql.onOrAfter', field, '>=', date, options),
  onOrBefore: (field, date, options) => dateComparison('cql.onOrBefore', field, '<=', date, options),
  and: (...parts) => combine('cql.and', 'and', parts),
  or: (...parts) => combine('cql.or', 'or', parts),
  not: (part) => negate('cql.not', part),
  orderBy: (query, ...fields) => order('cql.orderBy', query, fields),
  raw: (text) => raw('cql.raw', text),
  restrictToSpaces: (query, spaceKeys) => restrict('cql.restrictToSpaces', query, spaceKeys),
};
