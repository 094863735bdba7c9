import { ConflictError, RateLimitedError, UnauthorizedError, ForbiddenError, NotFoundError } from '@confluence-mcp/confluence-client';
import { sanitizeArguments, toErrorResult } from './results';
import type { ToolLogger } from './deps';

function recorder() {
  const entries: Array<{ message: string; fields?: Record<string, unknown> }> = [];
  const log = (message: string, fields?: Record<string, unknown>) => entries.push({ message, fields });
  const logger: ToolLogger = { debug: log, info: log, warn: log, error: log };
  return { entries, logger };
}
const text = (result: ReturnType<typeof toErrorResult>) => (result.content[0] as { text: string }).text;
const at = { method: 'PUT', path: '/wiki/api/v2/pages/1' };

describe('toErrorResult', () => {
  it('maps each Confluence answer to a code and advice', () => {
    const { logger } = recorder();
    expect(text(toErrorResult(new ConflictError('Conflict', at, { status: 409, currentVersion: 7 }), logger, 't'))).toMatch(/^VERSION_CONFLICT: .*current version is 7.*new_version_number 8/);
    expect(text(toErrorResult(new RateLimitedError('Rate limited', at, { status: 429, retryAfterMs: 12_500 }), logger, 't'))).toMatch(/^RATE_LIMITED: .*Retry after 13 seconds/);
    expect(text(toErrorResult(new UnauthorizedError('x', at, { status: 401 }), logger, 't'))).toMatch(/^UNAUTHORIZED: .*credentials/);
    expect(text(toErrorResult(new ForbiddenError('x', at, { status: 403 }), logger, 't'))).toMatch(/^FORBIDDEN: .*permission/);
    expect(text(toErrorResult(new NotFoundError('x', at, { status: 404 }), logger, 't'))).toMatch(/^NOT_FOUND: .*Check the id/);
    expect(toErrorResult(new NotFoundError('x', at), logger, 't').isError).toBe(true);
  });

  it('gives the client a generic message for anything unexpected, and the details to the log only', () => {
    const { logger, entries } = recorder();
    const error = new Error('boom at https://user:token-secret@example.com');
    const result = toErrorResult(error, logger, 'get_confluence_page');
    expect(text(result)).toBe('INTERNAL: An unexpected error occurred. The details are in the server log.');
    expect(JSON.stringify(result)).not.toContain('token-secret');
    expect(JSON.stringify(entries)).toContain('boom');
  });
});

describe('sanitizeArguments', () => {
  it('cuts long strings and keeps short ones', () => {
    const out = sanitizeArguments({ page_id: '1', body: 'x'.repeat(5000), nested: ['y'.repeat(300)] }) as Record<string, unknown>;
    expect(out['page_id']).toBe('1');
    expect(String(out['body'])).toMatch(/^x{200}… \(5000 chars\)$/);
    expect(String((out['nested'] as string[])[0])).toMatch(/\(300 chars\)$/);
  });
});
