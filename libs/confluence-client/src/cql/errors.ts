/**
 * Thrown when a CQL fragment cannot be built: an unknown field, a value its field refuses (an id that is not
 * digits, a malformed space key or date), an empty list, or raw CQL that the validator refuses. The message
 * names the builder call and the argument, e.g. `cql.eq: value for 'id' must be digits, got "12a"`.
 * Nothing is sent to Confluence when this is thrown.
 */
export class CqlBuildError extends Error {
  override readonly name = 'CqlBuildError';
}

/** A short, printable rendering of an argument for error messages (long user text is cut). */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'function') return 'a function';
  return typeof value === 'object' ? 'an object' : String(value);
}
