/**
 * Error bodies as LlamaCloud (a FastAPI service) sends them: `HTTPException` answers `{"detail": "<message>"}`,
 * request validation answers 422 `{"detail": [{"loc": [...], "msg": ..., "type": ...}]}` (the spec's
 * HTTPValidationError), with pydantic's error types and messages.
 */

/** One entry of a 422's `detail` list. */
export interface ValidationIssue {
  loc: Array<string | number>;
  msg: string;
  type: string;
}

/** An error a route (or a hook) throws; the server's error handler renders it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string | ValidationIssue[],
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof detail === 'string' ? detail : `validation failed: ${detail.map((issue) => issue.loc.join('.')).join(', ')}`);
    this.name = 'ApiError';
  }

  body(): { detail: string | ValidationIssue[] } {
    return { detail: this.detail };
  }
}

export const notFound = (detail: string) => new ApiError(404, detail);
export const conflict = (detail: string) => new ApiError(409, detail);
export const invalid = (issues: ValidationIssue[]) => new ApiError(422, issues);

/** Starlette's texts for the statuses the emulator answers on its own. */
export const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
