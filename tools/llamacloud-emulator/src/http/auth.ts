/**
 * Bearer API keys, as LlamaCloud checks them (FastAPI's `HTTPBearer`): a missing or malformed `Authorization`
 * header and an unknown key are both 401 with a `{"detail": ...}` body and `WWW-Authenticate: Bearer`. The key
 * itself never appears in an answer or a log.
 */
import { ApiError } from './errors';

/** Throws the 401 for a request whose header carries no accepted key. */
export function checkBearer(header: string | undefined, acceptedKeys: ReadonlySet<string>): void {
  const space = header ? header.indexOf(' ') : -1;
  const scheme = header && space > 0 ? header.slice(0, space).toLowerCase() : '';
  const credential = header && space > 0 ? header.slice(space + 1).trim() : '';
  if (scheme !== 'bearer' || credential === '') throw new ApiError(401, 'Not authenticated', { 'www-authenticate': 'Bearer' });
  if (!acceptedKeys.has(credential)) throw new ApiError(401, 'Invalid authentication token', { 'www-authenticate': 'Bearer' });
}
