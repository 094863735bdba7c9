/** What both dialects' stores do the same way. */
import { createHash } from 'node:crypto';

/** OAuth `state` values are stored as SHA-256 hex: a leaked table gives nobody a state to present. */
export function stateHash(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}

/** A connection row without its sealed credentials (those are read only through `connectionCredentials`). */
export function withoutSecret<Row extends { secret: unknown }>(row: Row): Omit<Row, 'secret'> {
  const { secret: _secret, ...rest } = row;
  return rest;
}
