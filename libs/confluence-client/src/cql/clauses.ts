/** The builder's implementation; `builder.ts` gives it its public, documented shape. */
import { formatCqlDate } from './dates';
import { assertPrintable, escapeLucene, quote } from './escape';
import { CqlBuildError, describe } from './errors';
import {
  assertField,
  CQL_FIELDS,
  CqlField,
  DATE_FIELDS,
  equalityValue,
  ORDER_FIELDS,
  TEXT_FIELDS,
} from './fields';
import { Cql, CqlParts, mint, partsOf } from './fragment';
import { validateRaw } from './raw';

/** Options of `cql.contains` and `cql.notContains`. */
export interface CqlTextOptions {
  /**
   * Let `*` (any run of characters) and `?` (one character) in the value act as Lucene wildcards. Without it
   * they are escaped and searched as written. Confluence refuses a wildcard at the start of a word, so that
   * is rejected here with a clearer message.
   * @default false
   */
  wildcard?: boolean;
}

/** Options of the date comparisons. */
export interface CqlDateOptions {
  /**
   * IANA zone in which a `Date` is written as wall-clock time. Set it to the Confluence user's (or instance's)
   * time zone: CQL reads dates there. Strings are sent as given.
   * @default 'UTC'
   */
  timeZone?: string;
}

/** One sort key of `cql.orderBy`. */
export interface CqlSortKey {
  field: (typeof ORDER_FIELDS)[number];
  /** Omitted: the field's own default order. */
  direction?: 'asc' | 'desc';
}

export function comparison(label: string, field: unknown, op: '=' | '!=', value: unknown): Cql {
  const name = assertField(field, CQL_FIELDS, label);
  const text = quote(equalityValue(name, value, label), label);
  return mint({ where: `${name} ${op} ${text}`, shape: 'clause', negative: op === '!=' });
}

export function list(label: string, field: unknown, values: unknown, negate: boolean): Cql {
  const name: CqlField = assertField(field, CQL_FIELDS, label);
  if (!Array.isArray(values) || values.length === 0) {
    throw new CqlBuildError(`${label}: values must be a non-empty array, got ${describe(values)}`);
  }
  const quoted = values.map((value, i) => quote(equalityValue(name, value, `${label} value ${i + 1}`), label));
  const where = `${name} ${negate ? 'NOT IN' : 'IN'} (${quoted.join(',')})`;
  return mint({ where, shape: 'clause', negative: negate });
}

export function textSearch(
  label: string,
  field: unknown,
  value: unknown,
  negate: boolean,
  options?: CqlTextOptions,
): Cql {
  const name = assertField(field, TEXT_FIELDS, label);
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CqlBuildError(`${label}: value must be a non-empty string, got ${describe(value)}`);
  }
  assertPrintable(value, label);
  const wildcard = options?.wildcard ?? false;
  if (typeof wildcard !== 'boolean') throw new CqlBuildError(`${label}: options.wildcard must be a boolean`);
  // Lucene (and so Confluence) cannot start a term with a wildcard; say so before the server does.
  if (wildcard && /(^|\s)[*?]/.test(value)) {
    throw new CqlBuildError(`${label}: a word cannot start with '*' or '?' in ${describe(value)}`);
  }
  const where = `${name} ${negate ? '!~' : '~'} ${quote(escapeLucene(value, wildcard), label)}`;
  return mint({ where, shape: 'clause', negative: negate });
}

export function dateComparison(
  label: string,
  field: unknown,
  op: '<' | '>' | '<=' | '>=',
  date: unknown,
  options?: CqlDateOptions,
): Cql {
  const name = assertField(field, DATE_FIELDS, label);
  const text = formatCqlDate(date, options?.timeZone ?? 'UTC', label);
  return mint({ where: `${name} ${op} ${quote(text, label)}`, shape: 'clause', negative: false });
}

/** Parts of the present operands: `undefined`, `null` and `false` are skipped, so `cond && clause` works. */
function operands(label: string, parts: readonly unknown[]): CqlParts[] {
  const present: CqlParts[] = [];
  parts.forEach((part, i) => {
    if (part === undefined || part === null || part === false) return;
    const parsed = partsOf(part, `${label} part ${i + 1}`);
    if (parsed.orderBy !== undefined) {
      throw new CqlBuildError(`${label}: part ${i + 1} has ORDER BY; apply cql.orderBy to the combined query`);
    }
    present.push(parsed);
  });
  return present;
}

export function combine(label: string, op: 'and' | 'or', parts: readonly unknown[]): Cql {
  const present = operands(label, parts);
  if (present.length === 0) throw new CqlBuildError(`${label}: needs at least one clause; every part was empty`);
  // Confluence refuses a query whose first clause is negative ("NOT ...", "!=", "!~", "NOT IN"). AND and OR
  // are commutative, so negative operands are moved after positive ones (stable otherwise).
  const ordered = [...present.filter((p) => !p.negative), ...present.filter((p) => p.negative)];
  if (ordered.length === 1) return mint(ordered[0]);
  // AND binds tighter than OR in CQL; an AND inside an OR gets parentheses too, so nobody has to remember that.
  const inner: CqlParts['shape'] = op === 'and' ? 'or' : 'and';
  const texts = ordered.map((p) => (p.shape === inner ? `(${p.where})` : p.where));
  return mint({ where: texts.join(op === 'and' ? ' AND ' : ' OR '), shape: op, negative: ordered[0].negative });
}

export function negate(label: string, part: unknown): Cql {
  const [parts] = operands(label, [part]);
  if (!parts) throw new CqlBuildError(`${label}: needs a clause, got ${describe(part)}`);
  const simple = parts.shape === 'clause' || parts.shape === 'group' || parts.shape === 'not';
  return mint({ where: simple ? `NOT ${parts.where}` : `NOT (${parts.where})`, shape: 'not', negative: true });
}

export function order(label: string, query: unknown, keys: readonly unknown[]): Cql {
  const parts = partsOf(query, `${label} query`);
  if (parts.orderBy !== undefined) throw new CqlBuildError(`${label}: the query already has ORDER BY`);
  if (keys.length === 0) throw new CqlBuildError(`${label}: needs at least one sort key`);
  const seen = new Set<string>();
  const written = keys.map((key, i) => {
    const { field, direction } = (typeof key === 'object' && key !== null ? key : {}) as Partial<CqlSortKey>;
    const name = assertField(field, ORDER_FIELDS, `${label} key ${i + 1}`);
    if (seen.has(name)) throw new CqlBuildError(`${label}: '${name}' appears twice`);
    seen.add(name);
    if (direction !== undefined && direction !== 'asc' && direction !== 'desc') {
      throw new CqlBuildError(`${label} key ${i + 1}: direction must be 'asc' or 'desc', got ${describe(direction)}`);
    }
    return direction === undefined ? name : `${name} ${direction}`;
  });
  return mint({ ...parts, orderBy: written.join(', ') });
}

export function raw(label: string, text: unknown): Cql {
  return mint({ where: `(${validateRaw(text, label)})`, shape: 'group', negative: false });
}

export function restrict(label: string, query: unknown, spaceKeys: unknown): Cql {
  const parts = partsOf(query, `${label} query`);
  if (!Array.isArray(spaceKeys) || spaceKeys.length === 0) {
    // An empty restriction has no safe meaning: "no space" would be a confusing no-op, "any space" a leak.
    throw new CqlBuildError(`${label}: spaceKeys must be a non-empty array, got ${describe(spaceKeys)}`);
  }
  const keys = spaceKeys.map((key, i) => quote(equalityValue('space', key, `${label} spaceKeys[${i}]`), label));
  // A group (raw CQL) already carries its own validated, balanced parentheses.
  const scoped = parts.shape === 'group' ? parts.where : `(${parts.where})`;
  return mint({
    where: `${scoped} AND space IN (${keys.join(',')})`,
    shape: 'and',
    negative: false,
    orderBy: parts.orderBy,
  });
}
