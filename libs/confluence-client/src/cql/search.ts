import { combine, comparison, dateComparison, list, order, textSearch } from './clauses';
import { CqlBuildError, describe } from './errors';
import { Cql } from './fragment';

/** Content types a search may be limited to. */
export const SEARCH_CONTENT_TYPES = ['page', 'blogpost', 'comment', 'attachment'] as const;

/** Structured search filters, as a tool or form collects them. Every filter given must hold (AND). */
export interface CqlSearchFilters {
  /** Words to find in title or body (`text ~`), searched literally: no wildcards, no Lucene syntax. */
  text?: string;
  /** Words to find in the title (`title ~`), searched literally. */
  title?: string;
  /** Content in any of these spaces. */
  spaceKeys?: string[];
  /** Content with any of these labels. */
  labels?: string[];
  /** Content of any of these types. */
  types?: Array<(typeof SEARCH_CONTENT_TYPES)[number]>;
  /**
   * Content modified at or after this instant (`lastmodified >=`, written in UTC and truncated to the minute,
   * so nothing modified after it is missed; CQL reads it in the instance's time zone, see `cql`).
   */
  modifiedAfter?: Date | string;
  /** Descendants of this page (digits). */
  ancestorId?: string;
  /**
   * Sort order: `relevance` (Confluence's ranking, no ORDER BY), newest `lastmodified` or `created` first,
   * or `title` A to Z.
   * @default 'relevance'
   */
  orderBy?: 'relevance' | 'lastmodified' | 'created' | 'title';
}

const ORDER = {
  lastmodified: { field: 'lastmodified', direction: 'desc' },
  created: { field: 'created', direction: 'desc' },
  title: { field: 'title', direction: 'asc' },
} as const;

/** Empty strings and lists count as absent: tools driven by a model often send `""` or `[]` for "no filter". */
function given<T>(value: T | undefined): value is T {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  return !Array.isArray(value) || value.length > 0;
}

/**
 * Turns plain search filters into CQL safely: all values are quoted and escaped by {@link cql}. Empty strings
 * and empty lists are ignored; at least one filter must remain. To confine a search to the spaces a user may
 * see, wrap the result with `cql.restrictToSpaces`, which (unlike `spaceKeys: []`) refuses an empty list.
 *
 * @example
 * buildSearchCql({ text: 'rollback plan', spaceKeys: ['ENG', 'OPS'], types: ['page'], orderBy: 'lastmodified' }).text
 * // 'type IN ("page") AND space IN ("ENG","OPS") AND text ~ "rollback plan" ORDER BY lastmodified desc'
 */
export function buildSearchCql(filters: CqlSearchFilters): Cql {
  if (typeof filters !== 'object' || filters === null) {
    throw new CqlBuildError(`buildSearchCql: filters must be an object, got ${describe(filters)}`);
  }
  const { text, title, spaceKeys, labels, types, modifiedAfter, ancestorId, orderBy = 'relevance' } = filters;
  if (given(types)) {
    if (!Array.isArray(types)) {
      throw new CqlBuildError(`buildSearchCql filters.types: must be an array, got ${describe(types)}`);
    }
    const unknown = types.find((t) => !SEARCH_CONTENT_TYPES.includes(t));
    if (unknown !== undefined) {
      throw new CqlBuildError(
        `buildSearchCql filters.types: ${describe(unknown)} is not one of ${SEARCH_CONTENT_TYPES.join(', ')}`,
      );
    }
  }
  if (orderBy !== 'relevance' && !Object.hasOwn(ORDER, orderBy)) {
    throw new CqlBuildError(
      `buildSearchCql filters.orderBy: ${describe(orderBy)} is not relevance, lastmodified, created or title`,
    );
  }
  // Labels name the filter, so an error tells a model which argument to fix.
  const at = (name: string) => `buildSearchCql filters.${name}`;
  const parts = [
    given(types) && list(at('types'), 'type', types, false),
    given(spaceKeys) && list(at('spaceKeys'), 'space', spaceKeys, false),
    given(ancestorId) && comparison(at('ancestorId'), 'ancestor', '=', ancestorId),
    given(labels) && list(at('labels'), 'label', labels, false),
    given(title) && textSearch(at('title'), 'title', title, false),
    given(text) && textSearch(at('text'), 'text', text, false),
    modifiedAfter !== undefined && dateComparison(at('modifiedAfter'), 'lastmodified', '>=', modifiedAfter),
  ];
  if (!parts.some(Boolean)) {
    throw new CqlBuildError(
      'buildSearchCql: give at least one filter (text, title, spaceKeys, labels, types, modifiedAfter or ancestorId)',
    );
  }
  const query = combine('buildSearchCql', 'and', parts);
  return orderBy === 'relevance' ? query : order('buildSearchCql', query, [ORDER[orderBy]]);
}
