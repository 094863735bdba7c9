/**
 * sync-worker: `node dist/apps/sync-worker/main.js <command>`. Ctrl-C (SIGINT) or SIGTERM cancels a sync cleanly:
 * the batch in flight is abandoned, everything committed stays, and the next run resumes. Under `serve` it stops
 * the service: no new connections, runs finish or checkpoint their batch, the store is closed.
 */
import { runCli } from './cli';

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(`\n${process.argv[2] === 'serve' ? 'stopping' : 'cancelling'} (press Ctrl-C again to stop at once)...\n`);
    controller.abort();
  });
}

runCli(process.argv.slice(2), process.env, { stdout: process.stdout, stderr: process.stderr }, controller.signal).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.stderr.write('error: unexpected failure\n');
    process.exitCode = 1;
  },
);
