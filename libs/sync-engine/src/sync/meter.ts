/** Counts the HTTP requests and response bytes of a client, by wrapping the `fetch` it is given. */

/** Requests made and bytes received so far. */
export interface RequestCounts {
  requests: number;
  bytes: number;
}

/** A `fetch` that counts, and the counts. */
export interface RequestMeter {
  readonly fetch: typeof fetch;
  counts(): RequestCounts;
}

/**
 * Wraps `inner`: every attempt counts (retries too), and bytes are counted as the body streams, so a body that is
 * cancelled counts what arrived. Pass `meter.fetch` as the client's `fetch` option.
 */
export function createRequestMeter(inner: typeof fetch = globalThis.fetch): RequestMeter {
  const totals: RequestCounts = { requests: 0, bytes: 0 };
  const metered = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    totals.requests += 1;
    const response = await inner(input, init);
    const length = Number(response.headers.get('content-length'));
    if (Number.isFinite(length) && length > 0) totals.bytes += length;
    return response;
  }) as typeof fetch;
  return { fetch: metered, counts: () => ({ ...totals }) };
}
