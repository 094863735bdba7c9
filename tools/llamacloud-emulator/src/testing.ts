/** Small helpers for specs that talk to the emulator over HTTP without the SDK. */
import { DEFAULT_API_KEY } from './options';

/** `Authorization` header value for the default key. */
export const BEARER = `Bearer ${DEFAULT_API_KEY}`;

export interface JsonResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, the text when the body is not JSON, or undefined when empty. */
  // Specs read whatever shape the route returns; typing each would only restate the assertions.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Send a request (a JSON body when `body` is given) and read the answer. */
export async function call(url: string, init: { method?: string; body?: unknown; authorization?: string | null; headers?: Record<string, string> } = {}): Promise<JsonResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...(init.headers ?? {}) };
  if (init.authorization !== null) headers.authorization = init.authorization ?? BEARER;
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(url, { method: init.method ?? 'GET', headers, body });
  const text = await response.text();
  let parsed: unknown = text === '' ? undefined : text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not every answer is JSON (Starlette's plain-text 500).
  }
  return { status: response.status, headers: response.headers, body: parsed };
}
