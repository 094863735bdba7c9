/** Counts the HTTP requests and response body bytes (as read, after decompression) of a client, by wrapping the `fetch` it is given. */

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
  const meteredFetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    totals.requests += 1;
    const response = await inner(input, init);
    if (!response.body) return response;
    // Counted as read, not from Content-Length: chunked answers (large or compressed bodies) have none.
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          totals.bytes += chunk.byteLength;
          controller.enqueue(chunk);
        },
      }),
    );
    const metered = new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
    Object.defineProperty(metered, 'url', { value: response.url });
    return metered;
  }) as typeof fetch;
  return { fetch: meteredFetch, counts: () => ({ ...totals }) };
}
