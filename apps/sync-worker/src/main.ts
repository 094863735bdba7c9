/**
 * sync-worker: `node dist/apps/sync-worker/main.js <command>`. Ctrl-C (SIGINT) or SIGTERM cancels a sync cleanly:
 * the batch in flight is abandoned, everything committed stays, and the next run resumes.
 */
import { runCli } from './cli';

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\ncancelling (press Ctrl-C again to stop at once)...\n');
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
