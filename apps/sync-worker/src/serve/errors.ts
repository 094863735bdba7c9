/**
 * One error shape for every route, `{ error, code, fields?, request_id }`, and the central handler that maps
 * what routes throw onto it. Nothing from an unexpected error (message, stack, SQL text) reaches the client: a 500
 * says only "internal error" and the request id to find the log line by.
 */
import { ConflictError, ExecutorStoppedError, SyncBusyError } from '@confluence-mcp/sync-engine';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** The body of every error answer. */
export const ErrorBody = z
  .object({
    error: z.string().describe('What went wrong, for people.'),
    code: z.string().describe('Stable, for programs: invalid_request, unauthorized, not_found, conflict, busy, rate_limited, internal...'),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional().describe('Each bad input field (422), or the field whose value is taken (409).'),
    request_id: z.string().optional(),
  })
  .meta({ id: 'Error' });

type ErrorBodyType = z.infer<typeof ErrorBody>;

/** An error the route means the client to see, with its status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Array<{ field: string; message: string }>,
    /** Extra headers (Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** 404 for anything the caller may not see: a missing index and someone else's answer the same. */
export const notFound = (what = 'index') => new ApiError(404, 'not_found', `${what} not found`);
/** 401; `WWW-Authenticate` as RFC 6750 says. */
export const unauthorized = (message = 'a valid bearer token is required') => new ApiError(401, 'unauthorized', message, undefined, { 'www-authenticate': 'Bearer realm="confluence-sync"' });

/** Fastify's own client errors that are safe to name (their messages may quote the body, so ours are fixed). */
const FASTIFY_CLIENT_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type', message: 'send the body as application/json' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body_too_large', message: 'the body is too large' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_json', message: 'the body is empty but content-type is application/json' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json', message: 'the body is not valid JSON' },
};

/** The field a validation issue names: `email`, `confluence_spaces.1`, or the part of the request (`query`). */
function fieldOf(context: string | undefined, instancePath: string): string {
  const path = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  return path || (context === 'querystring' ? 'query' : (context ?? 'body'));
}

/** Maps a thrown error to its status and body; logs what the client is not told. */
export function errorReply(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const requestId = String(request.id);
  const send = (status: number, body: Omit<ErrorBodyType, 'request_id'>, headers: Record<string, string> = {}) =>
    reply.status(status).headers(headers).type('application/json; charset=utf-8').send({ ...body, request_id: requestId });

  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as { validationContext?: string }).validationContext;
    const fields = error.validation.map((issue) => ({ field: fieldOf(context, issue.instancePath), message: issue.message ?? 'invalid' }));
    return send(422, { error: `invalid ${context === 'querystring' ? 'query' : (context ?? 'request')}: ${[...new Set(fields.map((f) => f.field))].join(', ')}`, code: 'invalid_request', fields });
  }
  if (error instanceof ApiError) return send(error.status, { error: error.message, code: error.code, ...(error.fields ? { fields: error.fields } : {}) }, error.headers);
  if (error instanceof ConflictError) return send(409, { error: `${error.field} is already taken`, code: 'conflict', fields: [{ field: error.field, message: 'already taken' }] });
  if (error instanceof SyncBusyError) return send(409, { error: 'a sync of this index is already queued or running', code: 'busy' });
  if (error instanceof ExecutorStoppedError) return send(503, { error: 'the service is stopping; try again shortly', code: 'stopping' }, { 'retry-after': '5' });
  const known = FASTIFY_CLIENT_ERRORS[(error as FastifyError).code ?? ''];
  if (known) return send(known.status, { error: known.message, code: known.code });
  const status = (error as FastifyError).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return send(status, { error: 'bad request', code: 'bad_request' });
  request.logger.error('request failed', { error: { name: error.name, message: error.message.split('\n')[0].slice(0, 300) } });
  return send(500, { error: 'internal error', code: 'internal' });
}
