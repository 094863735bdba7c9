/** `serve`: starts the service, prints `listening on URL`, and on SIGTERM/SIGINT (the `signal`) stops gracefully. */
import type { ServeRole } from '../args';
import type { Streams } from '../output';
import type { Environment } from '../wiring';
import { startServer } from './server';

/** Runs the service until `signal` aborts; resolves to the exit code. */
export async function serveCommand(env: Environment, streams: Streams, signal: AbortSignal, role: ServeRole = 'all'): Promise<number> {
  const server = await startServer(env, { role });
  streams.stdout.write(`listening on ${server.url}\n`);
  await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
  await server.close(drainTimeoutMs(env));
  return 0;
}

/** `SHUTDOWN_TIMEOUT_SECONDS` (default 30): how long SIGTERM waits for runs to finish or checkpoint their batch. */
function drainTimeoutMs(env: Environment): number {
  const seconds = Number(env['SHUTDOWN_TIMEOUT_SECONDS'] ?? 30);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 30_000;
}
