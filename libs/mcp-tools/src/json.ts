/**
 * JSON facts about an answer without serializing it. A page read's answer holds the body twice (text and
 * structured content): stringifying it to drop `undefined` members and again to measure it cost more than the
 * rest of building it, and the transport stringifies it once more anyway.
 */

/**
 * `JSON.parse(JSON.stringify(value))` for plain data, without the round trip: members that are `undefined`
 * (or functions, symbols) are dropped, such array items become `null`, as do non-finite numbers. Anything not
 * plain (a `toJSON` method, a class instance) goes through the round trip itself, so the result is always what
 * the client would read.
 */
export function asJsonValue(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  // JSON writes -0 as 0.
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
  if (typeof value !== 'object') return undefined;
  if (!isPlain(value)) {
    const json = JSON.stringify(value) as string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as unknown);
  }
  if (Array.isArray(value)) return value.map((item) => asJsonValue(item) ?? null);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const member = asJsonValue((value as Record<string, unknown>)[key]);
    if (member !== undefined) out[key] = member;
  }
  return out;
}

/** An array, or an object made by `{}` or `Object.create(null)`, without a `toJSON` of its own. */
function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return false;
  return typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/**
 * An upper bound on the UTF-8 bytes of `JSON.stringify(value)`, or `Infinity` when it cannot tell cheaply. A
 * UTF-16 unit takes at most 6 bytes in JSON (`\u001f`), a number at most 24 characters.
 */
export function jsonBytesAtMost(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 5;
  if (typeof value === 'number') return 24;
  if (typeof value === 'string') return value.length * 6 + 2;
  if (typeof value !== 'object' || !isPlain(value)) return Infinity;
  let bytes = 2;
  if (Array.isArray(value)) {
    for (const item of value) bytes += jsonBytesAtMost(item) + 1;
    return bytes;
  }
  for (const key of Object.keys(value)) bytes += key.length * 6 + 4 + jsonBytesAtMost((value as Record<string, unknown>)[key]);
  return bytes;
}
