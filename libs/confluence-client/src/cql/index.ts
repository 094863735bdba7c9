/**
 * A CQL (Confluence Query Language) builder in which user text can never change the structure of a query.
 * Only this module writes operators and parentheses; every value is quoted and escaped.
 */
export { cql } from './builder';
export type { CqlBuilder, CqlPart } from './builder';
export type { CqlDateOptions, CqlSortKey, CqlTextOptions } from './clauses';
export { CqlBuildError } from './errors';
export type { CqlDateField, CqlField, CqlOrderField, CqlTextField } from './fields';
export { Cql } from './fragment';
export { buildSearchCql } from './search';
export type { CqlSearchFilters } from './search';
