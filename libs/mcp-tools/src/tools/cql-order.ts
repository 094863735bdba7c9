/** ORDER BY in a model's CQL: split off and applied by the builder, so a CQL search can be sorted like a filter one. */
import type { Cql } from '@confluence-mcp/confluence-client';
import { cql } from '@confluence-mcp/confluence-client';
import { ToolFailure } from '../results';

/** Fields Confluence sorts CQL results by (the client's CQL builder writes only these). */
const SORT_FIELDS = ['title', 'created', 'lastmodified', 'id', 'space', 'type'] as const;
type SortField = (typeof SORT_FIELDS)[number];
export type SortKey = { field: SortField; direction?: 'asc' | 'desc' };

/** The sort keys of the tool's `order_by` values: newest first for dates, A to Z for titles. */
export const ORDER_BY_KEYS: Record<'lastmodified' | 'created' | 'title', SortKey> = {
  lastmodified: { field: 'lastmodified', direction: 'desc' },
  created: { field: 'created', direction: 'desc' },
  title: { field: 'title', direction: 'asc' },
};

/**
 * `cql` without a trailing `ORDER BY ...` (outside quoted strings), and the sort keys it named. One pass over the
 * text, quotes tracked, so a quoted "order by" inside a value is left alone.
 */
export function splitOrderBy(text: string): { where: string; keys: SortKey[] } {
  let inQuote = false;
  let found = -1;
  const orderBy = /order\s+by\s/iy;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\' && inQuote) i++;
    else if (char === '"') inQuote = !inQuote;
    else if (!inQuote && (char === 'o' || char === 'O') && (i === 0 || /\s|\)/.test(text[i - 1]))) {
      orderBy.lastIndex = i;
      if (orderBy.test(text)) {
        found = i;
        break;
      }
    }
  }
  if (found < 0) return { where: text, keys: [] };
  const spec = text.slice(found).replace(/^order\s+by\s+/i, '');
  const keys = spec.split(',').map((part) => sortKey(part.trim()));
  return { where: text.slice(0, found).trimEnd(), keys };
}

function sortKey(part: string): SortKey {
  const [field = '', direction, ...rest] = part.split(/\s+/);
  const name = field.toLowerCase();
  const dir = direction?.toLowerCase();
  if (!SORT_FIELDS.includes(name as SortField) || rest.length || (dir !== undefined && dir !== 'asc' && dir !== 'desc')) {
    throw new ToolFailure(
      'INVALID_QUERY',
      `cql: cannot sort by "${part.slice(0, 60)}". ORDER BY takes ${SORT_FIELDS.join(', ')}, each optionally followed by asc or desc, e.g. ORDER BY lastmodified desc; or leave ORDER BY out and pass order_by.`,
    );
  }
  return dir ? { field: name as SortField, direction: dir as 'asc' | 'desc' } : { field: name as SortField };
}

/** `query` sorted by `keys` (unchanged without keys). */
export function sorted(query: Cql, keys: SortKey[]): Cql {
  return keys.length ? cql.orderBy(query, ...keys) : query;
}
