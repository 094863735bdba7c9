/** A round-robin reverse proxy for tests: each request goes to the next target in turn (as a load balancer would). */
import { IncomingMessage, ServerResponse, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running proxy. */
export interface RoundRobinProxy {
  url: string;
  /** Which target answered each request so far, by index into `targets`. */
  served(): number[];
  close(): Promise<void>;
}

/** Listens on a free port of 127.0.0.1 and forwards every request, body and all, to `targets` in turn. */
export async function startRoundRobinProxy(targets: readonly string[]): Promise<RoundRobinProxy> {
  let next = 0;
  const served: number[] = [];
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const chosen = next++ % targets.length;
    served.push(chosen);
    const target = new URL(incoming.url ?? '/', targets[chosen]);
    const forwarded = httpRequest(target, { method: incoming.method, headers: { ...incoming.headers, host: target.host } }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forwarded.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served: () => [...served],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
