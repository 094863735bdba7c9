/**
 * Redirects followed by hand. fetch keeps `Authorization` on same-origin redirects, and an injected fetch may
 * keep it on any; Cloud's attachment downloads redirect to a signed media URL that needs no credentials, so
 * none are sent past the first hop.
 */

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

/** More redirects than a client follows: a loop, most likely (a proxy or SSO misconfiguration). */
export class TooManyRedirectsError extends Error {
  override name = 'TooManyRedirectsError';
  readonly code = 'ERR_TOO_MANY_REDIRECTS';
  constructor() {
    super('too many redirects');
  }
}

/** Whether fetch (undici names its own limit `redirect count exceeded`) or the hand follower gave up on a loop. */
export function isRedirectLoop(error: unknown): boolean {
  if (error instanceof TooManyRedirectsError) return true;
  // Duck-typed: undici's errors may come from another realm (a test runner's), where instanceof fails.
  const cause = (error as { cause?: { message?: unknown } })?.cause;
  return cause?.message === 'redirect count exceeded';
}

/**
 * Follow up to 5 redirects by hand; only the first request carries the caller's headers. `signal` aborts every
 * hop. More redirects than that throw `TooManyRedirectsError`.
 */
export async function fetchWithoutCredentialsOnRedirect(upstream: typeof fetch, first: Request, signal?: AbortSignal): Promise<Response> {
  let response = await upstream(first, { redirect: 'manual', signal });
  let url = first.url;
  for (let hop = 0; REDIRECT_STATUSES.includes(response.status); hop++) {
    const location = response.headers.get('location');
    if (!location) return response;
    const next = new URL(location, url);
    if (next.protocol !== 'https:' && next.protocol !== 'http:') return response;
    await response.body?.cancel();
    if (hop === MAX_REDIRECTS) throw new TooManyRedirectsError();
    url = next.href;
    response = await upstream(url, { method: 'GET', headers: { accept: first.headers.get('accept') ?? '*/*', 'user-agent': first.headers.get('user-agent') ?? '' }, redirect: 'manual', signal: signal ?? first.signal });
  }
  return response;
}
