/**
 * One sync run in a process of its own, for the spec that kills it with SIGKILL mid-run. Run it with
 * `node --import tsx libs/sync-engine/src/testing/sync-child.ts` (and `TSX_TSCONFIG_PATH=tsconfig.base.json` for the
 * workspace's path aliases). Everything comes from the environment:
 *
 * - `CONFLUENCE_URL`, `CONFLUENCE_FLAVOR` and `SYNC_CHILD_AUTH` (the client's `auth` option as JSON);
 * - `DATABASE_URL` (the store, already holding the index) and `SYNC_INDEX_ID`;
 * - `SYNC_BATCH_SIZE` (pages per batch).
 *
 * It writes one line per committed batch (`committed <n>`) to stdout, so the parent knows when to strike, then `done`.
 */
import { LocalIndex } from '../sinks/local-sink';
import { openDatabase } from '../store/database';
import { SqliteSyncStore } from '../store/sqlite-store';
import { childClient, requiredEnv } from './child-env';
import { runSync } from '../sync/runner';

const required = (name: string): string => requiredEnv(name, 'sync child');

async function main(): Promise<void> {
  const client = childClient('sync child');
  const db = openDatabase({ url: required('DATABASE_URL') });
  const store = new SqliteSyncStore(db);
  const index = await store.getIndex(required('SYNC_INDEX_ID'));
  if (!index) throw new Error('SYNC_INDEX_ID: no such index in the database');
  let committed = 0;
  await runSync({
    client,
    store,
    index,
    sink: new LocalIndex(db, index.id),
    batchSize: Number(required('SYNC_BATCH_SIZE')),
    checkpoint: (point) => {
      if (point === 'after-commit') process.stdout.write(`committed ${++committed}\n`);
    },
  });
  process.stdout.write('done\n');
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`sync child failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
