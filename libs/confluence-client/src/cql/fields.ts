import { assertDateText } from './dates';
import { CqlBuildError, describe } from './errors';

/** Every field the builder writes. Checked at run time too, since callers may be untyped JavaScript. */
export const CQL_FIELDS = [
  'type',
  'space',
  'space.key',
  'title',
  'text',
  'label',
  'ancestor',
  'parent',
  'id',
  'content',
  'creator',
  'contributor',
  'created',
  'lastmodified',
] as const;

/** A CQL field the builder can write a clause for. */
export type CqlField = (typeof CQL_FIELDS)[number];

/** Fields searched with `~` (Lucene text search). */
export const TEXT_FIELDS = ['title', 'text'] as const;
export type CqlTextField = (typeof TEXT_FIELDS)[number];

/** Fields compared with `<`, `>`, `<=`, `>=`. */
export const DATE_FIELDS = ['created', 'lastmodified'] as const;
export type CqlDateField = (typeof DATE_FIELDS)[number];

/** Fields that `ORDER BY` accepts. */
export const ORDER_FIELDS = ['title', 'created', 'lastmodified', 'id', 'space', 'type'] as const;
export type CqlOrderField = (typeof ORDER_FIELDS)[number];

const ID_FIELDS: ReadonlySet<string> = new Set(['id', 'content', 'ancestor', 'parent']);
const SPACE_FIELDS: ReadonlySet<string> = new Set(['space', 'space.key']);
/** Confluence space keys: letters and digits, `~` for personal spaces, `_` on some Data Center instances. */
export const SPACE_KEY = /^[A-Za-z0-9~_]+$/;
const DIGITS = /^\d+$/;

/** Returns `field` when it is one of `allowed`, else throws naming the call. */
export function assertField<T extends string>(field: unknown, allowed: readonly T[], label: string): T {
  if (typeof field !== 'string' || !(allowed as readonly string[]).includes(field)) {
    throw new CqlBuildError(`${label}: field ${describe(field)} is not allowed here; use one of ${allowed.join(', ')}`);
  }
  return field as T;
}

/**
 * Checks one value of an `=`, `!=`, `IN` or `NOT IN` clause against what its field accepts and returns it as
 * text (still to be quoted). Content ids must be digits, space keys match {@link SPACE_KEY}, dates are
 * `yyyy-MM-dd` or `yyyy-MM-dd HH:mm`, and `text` has no equality at all in CQL.
 */
export function equalityValue(field: CqlField, value: unknown, label: string): string {
  if (field === 'text') {
    throw new CqlBuildError(`${label}: the field 'text' can only be searched with cql.contains or cql.notContains`);
  }
  let text: string;
  if (typeof value === 'number') {
    const badId = ID_FIELDS.has(field) && !(Number.isSafeInteger(value) && value >= 0);
    if (!Number.isFinite(value) || badId || (DATE_FIELDS as readonly string[]).includes(field)) {
      throw new CqlBuildError(`${label}: ${describe(value)} is not a valid value for '${field}'`);
    }
    text = String(value);
  } else if (typeof value === 'string') {
    text = value;
  } else {
    throw new CqlBuildError(`${label}: value for '${field}' must be a string or a number, got ${describe(value)}`);
  }
  if (text.trim() === '') throw new CqlBuildError(`${label}: value for '${field}' must not be empty`);
  if (ID_FIELDS.has(field) && !DIGITS.test(text)) {
    throw new CqlBuildError(`${label}: value for '${field}' must be a content id (digits), got ${describe(text)}`);
  }
  if (SPACE_FIELDS.has(field) && !SPACE_KEY.test(text)) {
    throw new CqlBuildError(
      `${label}: ${describe(text)} is not a space key (letters, digits, '~' and '_' only)`,
    );
  }
  if ((DATE_FIELDS as readonly string[]).includes(field)) assertDateText(text, label);
  return text;
}
