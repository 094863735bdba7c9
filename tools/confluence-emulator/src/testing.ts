/** Small helpers for specs and benchmarks that talk to the emulator over HTTP. */

/** `Authorization` header value for Basic auth. */
export function basic(user: string, secret: string): string {
  return `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
}

/** Alice's Cloud credentials (email + classic API token). */
export const ALICE = basic('alice@example.com', 'token-alice');
export const BOB = basic('bob@example.com', 'token-bob');
export const CAROL = basic('carol@example.com', 'token-carol');

/** GET JSON with an Authorization header; returns status, headers and parsed body (or text when not JSON). */
export async function getJson(url: string, authorization: string = ALICE, init: RequestInit = {}) {
  const response = await fetch(url, { ...init, headers: { authorization, accept: 'application/json', ...(init.headers ?? {}) } });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not every Confluence error is JSON (plain text and HTML 401s are real).
  }
  // Specs read whatever shape the route returns; typing each would only restate the assertions.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, headers: response.headers, body: body as any };
}

/** Send a JSON body. */
export function sendJson(url: string, method: string, body: unknown, authorization: string = ALICE) {
  return getJson(url, authorization, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
}
