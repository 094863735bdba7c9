/** Which failures a sync job retries: what may pass (Confluence, LlamaCloud or PostgreSQL unreachable or busy), not what fails again. */
import { ConnectionError, RateLimitedError, ServerError, UnauthorizedError } from '@confluence-mcp/confluence-client';
import { LockTimeoutError } from '../../store/locks/advisory-lock';
import { isTransient } from './transient';

const context = { method: 'GET', path: '/wiki/api/v2/pages' };

it.each([
  ['a 429 from Confluence', new RateLimitedError('rate limited', context, { status: 429 })],
  ['a 5xx from Confluence', new ServerError('failed', context, { status: 503 })],
  ['a broken connection to Confluence', new ConnectionError('reset', context, { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) })],
  ['a LlamaCloud 503', Object.assign(new Error('LlamaCloud: could not upsert documents (HTTP 503)'), { status: 503 })],
  ['LlamaCloud unreachable', Object.assign(new Error('LlamaCloud: could not upsert documents (APIConnectionError)'), { code: 'APIConnectionError' })],
  ['PostgreSQL shutting down (57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
  ['a PostgreSQL serialization failure (40001)', Object.assign(new Error('could not serialize access'), { code: '40001' })],
  ['a PostgreSQL connection dropped', new Error('Connection terminated unexpectedly')],
  ['a connection lock held too long by another worker', new LockTimeoutError('oauth-connection:1: still held by another process after 30 s')],
  ['a transient cause under a wrapper', new Error('sync failed', { cause: new ServerError('failed', context, { status: 502 }) })],
])('retries %s', (_what, error) => {
  expect(isTransient(error)).toBe(true);
});

it.each([
  ['a refused credential', new UnauthorizedError('unauthorized', context, { status: 401 })],
  ['a LlamaCloud 401', Object.assign(new Error('LlamaCloud: could not upsert documents (HTTP 401)'), { status: 401 })],
  ['a PostgreSQL unique violation (23505)', Object.assign(new Error('duplicate key'), { code: '23505' })],
  ['a plain error', new Error('no space named ENG')],
])('does not retry %s', (_what, error) => {
  expect(isTransient(error)).toBe(false);
});
