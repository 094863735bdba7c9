/**
 * A sync service (RunExecutor + Scheduler) in a process of its own, for the specs that run two of them on one
 * database file or kill one with SIGKILL. Run it with `node --import tsx libs/sync-engine/src/testing/service-child.ts`
 * (and `TSX_TSCONFIG_PATH=tsconfig.base.json`). Configuration from the environment: `CONFLUENCE_URL`,
 * `CONFLUENCE_FLAVOR`, `SYNC_CHILD_AUTH` (the client's `auth` as JSON), `DATABASE_URL`, `SYNC_BATCH_SIZE`.
 *
 * Driven over stdin, one command a line, so the parent owns time:
 * - `advance <ms>`: moves this process's clock (store and scheduler) forward;
 * - `tick`: one scheduler pass, then waits for the runs it started; answers `ticked <report as JSON>`;
 * - `drain`: drains the executor and exits.
 * While writing it prints `progress <indexId> <runId> <pagesDone>` after each committed batch.
 */
import { createInterface } from 'node:readline';
import { RunExecutor } from '../service/executor';
import { Scheduler, SchedulerClock } from '../service/scheduler';
import { LocalIndex } from '../sinks/local-sink';
import { openDatabase } from '../store/database';
import { SqliteSyncStore } from '../store/sqlite-store';
import { childClient, requiredEnv } from './child-env';

const required = (name: string): string => requiredEnv(name, 'service child');

async function main(): Promise<void> {
  const client = childClient('service child');
  let offset = 0;
  const now = () => Date.now() + offset;
  const clock: SchedulerClock = { now, setInterval: () => undefined, clearInterval: () => undefined };
  const db = openDatabase({ url: required('DATABASE_URL') });
  const store = new SqliteSyncStore(db, undefined, now);
  const executor = new RunExecutor({
    store,
    batchSize: Number(required('SYNC_BATCH_SIZE')),
    resolve: async (index) => ({ client, sink: new LocalIndex(db, index.id) }),
    onProgress: (indexId, runId, event) => {
      if (event.phase === 'writing') process.stdout.write(`progress ${indexId} ${runId} ${event.pagesDone}\n`);
    },
  });
  const scheduler = new Scheduler({ executor, store, tickMs: 300_000, clock });
  process.stdout.write('ready\n');
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, argument] = line.trim().split(' ');
    if (command === 'advance') offset += Number(argument);
    else if (command === 'tick') {
      const report = await scheduler.tick();
      await executor.idle();
      process.stdout.write(`ticked ${JSON.stringify(report)}\n`);
    } else if (command === 'drain') break;
  }
  await executor.drain(30_000);
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`service child failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
