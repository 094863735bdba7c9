/**
 * Opaque cursors, as Cloud v2 sends them. A cursor names the last item served (keyset pagination), so a page
 * inserted or deleted between two calls neither repeats nor skips anything that stayed.
 */
import { badRequest } from './errors';

interface CursorState {
  /** Position key of the last item served. */
  k: string | number;
  /** Id of the last item served (tie-breaker). */
  i: string;
  /** Sort the cursor was made for: a cursor is refused under another sort. */
  s: string;
}

export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

export function decodeCursor(cursor: string, sort: string): CursorState {
  try {
    const state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorState;
    if (typeof state.i !== 'string' || state.s !== sort) throw new Error('mismatch');
    return state;
  } catch {
    throw badRequest(`Invalid cursor: ${cursor.slice(0, 40)}`);
  }
}

/** Parse `limit`, clamped as Cloud does (1..max); a non-number is a 400 naming the parameter. */
export function parseLimit(raw: unknown, defaultLimit: number, max: number): number {
  if (raw === undefined || raw === '') return defaultLimit;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw badRequest(`Invalid value for parameter 'limit': ${String(raw).slice(0, 40)}`);
  return Math.min(Math.max(n, 1), max);
}

/** Parse a v1 `start` offset. */
export function parseStart(raw: unknown): number {
  if (raw === undefined || raw === '') return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`Invalid value for parameter 'start': ${String(raw).slice(0, 40)}`);
  return n;
}

export interface KeysetPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * One page of `items` (already sorted by `key` then id) after the cursor.
 * `key` must agree with the order of `items`.
 */
export function keysetPage<T extends { id: string }>(
  items: readonly T[],
  options: { cursor?: string; limit: number; sort: string; key: (item: T) => string | number; descending?: boolean },
): KeysetPage<T> {
  let start = 0;
  if (options.cursor) {
    const state = decodeCursor(options.cursor, options.sort);
    const dir = options.descending ? -1 : 1;
    // First item after the cursor's position, by binary search over the sorted items.
    let low = 0;
    let high = items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const cmp = dir * (compareKeys(options.key(items[mid]), state.k) || compareIds(items[mid].id, state.i));
      if (cmp > 0) high = mid;
      else low = mid + 1;
    }
    start = low;
  }
  const page = items.slice(start, start + options.limit);
  const hasMore = start + options.limit < items.length;
  const last = page[page.length - 1];
  return {
    items: page,
    nextCursor: hasMore && last ? encodeCursor({ k: options.key(last), i: last.id, s: options.sort }) : null,
  };
}

/** The one order of sort keys, shared by sorting and cursors (code-unit order for strings). */
export function compareKeys(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** Numeric ids compare as numbers (`att` prefixes are ignored), so that 99 < 100. */
export function compareIds(a: string, b: string): number {
  const na = Number(a.replace(/^\D+/, ''));
  const nb = Number(b.replace(/^\D+/, ''));
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Build the relative `next` link: same path and query, with `cursor` replaced. */
export function nextLink(path: string, query: Record<string, unknown>, cursor: string): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (name === 'cursor' || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, String(v));
  }
  params.append('cursor', cursor);
  return `${path}?${params.toString()}`;
}
