/** The request meter over a real socket: requests, and bytes as they arrive, with or without a Content-Length. */
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequestMeter } from './meter';

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/sized') {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
      response.end('a'.repeat(1000));
    } else if (request.url === '/chunked') {
      // No Content-Length: Transfer-Encoding chunked, as Confluence answers large or compressed bodies.
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('b'.repeat(700));
      setTimeout(() => response.end('c'.repeat(300)), 20);
    } else {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('d'.repeat(500));
      // ...and the rest never comes: the reader gives up.
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('createRequestMeter', () => {
  it('counts requests and the bytes of a body with a Content-Length', async () => {
    const meter = createRequestMeter();
    expect(await (await meter.fetch(`${base}/sized`)).text()).toHaveLength(1000);
    expect(meter.counts()).toEqual({ requests: 1, bytes: 1000 });
  });

  it('counts the bytes of a chunked body, which has no Content-Length', async () => {
    const meter = createRequestMeter();
    const response = await meter.fetch(`${base}/chunked`);
    expect(response.headers.get('content-length')).toBeNull();
    expect(await response.text()).toHaveLength(1000);
    expect(meter.counts()).toEqual({ requests: 1, bytes: 1000 });
  });

  it('counts what arrived of a body that was cancelled, and keeps the response as it was', async () => {
    const meter = createRequestMeter();
    const response = await meter.fetch(`${base}/stalled`);
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${base}/stalled`);
    const reader = response.body?.getReader();
    const first = await reader?.read();
    await reader?.cancel();
    expect(first?.value?.byteLength).toBeGreaterThan(0);
    expect(meter.counts()).toEqual({ requests: 1, bytes: first?.value?.byteLength });
  });
});
