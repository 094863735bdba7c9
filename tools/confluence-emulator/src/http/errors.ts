/**
 * Error bodies as Confluence sends them (see shared/reference/observed-api-errors). Each API generation has
 * its own envelope, and a client must cope with all of them, including plain text and HTML.
 */

/** An error a route throws; the server's error handler renders it in the shape of the API that was called. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string = defaultCode(status),
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export type ApiGeneration = 'v2' | 'v1-cloud' | 'v1-dc';

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function defaultCode(status: number): string {
  return (titles[status] ?? 'Error').toUpperCase().replace(/ /g, '_');
}

/** `{"errors":[{status, code, title, detail}]}`: the v2 envelope. */
export function v2ErrorBody(status: number, code: string, title: string, detail: string | null = null) {
  return { errors: [{ status, code, title, detail }] };
}

/** `{statusCode, data:{authorized, valid, errors, successful}, message, reason}`: the v1 envelope (Cloud and DC). */
export function v1ErrorBody(status: number, message: string, generation: 'v1-cloud' | 'v1-dc') {
  const data: Record<string, unknown> = { authorized: status === 400, valid: status !== 400, errors: [], successful: false }; // observed 404 (Server) and 409 (Cloud) envelopes: authorized false
  if (generation === 'v1-dc') data.notSuccessful = true;
  return { statusCode: status, data, message, reason: titles[status] ?? 'Error' };
}

/** Render an HttpError for the API generation of the route that failed. */
export function renderError(error: HttpError, generation: ApiGeneration): unknown {
  if (generation === 'v2') {
    const title = error.message || titles[error.status] || 'Error';
    return v2ErrorBody(error.status, error.code, title, null);
  }
  return v1ErrorBody(error.status, error.message, generation);
}

/** Cloud's plain-text answer to Basic auth with an account password (observed verbatim). */
export const CLOUD_PASSWORD_DEPRECATED =
  'Basic authentication with passwords is deprecated.  For more information, see: https://developer.atlassian.com/cloud/confluence/deprecation-notice-basic-auth/\n';

/** Data Center's Tomcat HTML 401 page: clients must not assume error bodies are JSON. */
export function tomcatUnauthorizedPage(reason: string): string {
  return (
    '<!doctype html><html lang="en"><head><title>HTTP Status 401 – Unauthorized</title></head><body>' +
    '<h1>HTTP Status 401 – Unauthorized</h1><hr class="line" /><p><b>Type</b> Status Report</p>' +
    `<p><b>Message</b> ${reason}</p><p><b>Description</b> The request has not been applied to the target resource ` +
    'because it lacks valid authentication credentials for that resource.</p><hr class="line" /><h3>Apache Tomcat/9.0.82</h3></body></html>'
  );
}

export const notFound = (what = 'Not Found') => new HttpError(404, what, 'NOT_FOUND');
export const badRequest = (message: string) => new HttpError(400, message, 'INVALID_REQUEST_PARAMETER');
