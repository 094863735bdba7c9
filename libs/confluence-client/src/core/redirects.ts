/**
 * Redirects followed by hand. fetch keeps `Authorization` on same-origin redirects, and an injected fetch may
 * keep it on any; Cloud's attachment downloads redirect to a signed media URL that needs no credentials, so
 * none are sent past the first hop.
 */

const MAX_REDIRECTS = 5;

/** Follow up to 5 redirects by hand; only the first request carries the caller's headers. */
export async function fetchWithoutCredentialsOnRedirect(upstream: typeof fetch, first: Request): Promise<Response> {
  let response = await upstream(first, { redirect: 'manual' });
  let url = first.url;
  for (let hop = 0; hop < MAX_REDIRECTS && [301, 302, 303, 307, 308].includes(response.status); hop++) {
    const location = response.headers.get('location');
    if (!location) return response;
    const next = new URL(location, url);
    if (next.protocol !== 'https:' && next.protocol !== 'http:') return response;
    await response.body?.cancel();
    url = next.href;
    response = await upstream(url, { method: 'GET', headers: { accept: first.headers.get('accept') ?? '*/*', 'user-agent': first.headers.get('user-agent') ?? '' }, redirect: 'manual', signal: first.signal });
  }
  return response;
}

