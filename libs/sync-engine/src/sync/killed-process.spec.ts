/**
 * A sync run in another process, killed with SIGKILL after some batches were committed (no handler runs, no lease
 * is released, the run stays "running" in history), then a rerun in this process on the same database file.
 */
import { authFor } from '@confluence-mcp/confluence-client/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LocalIndex } from '../sinks/local-sink';
import { expectConverged } from '../testing/converged';
import { seededRandom } from '../testing/random';
import { SyncWorld, syncWorld, visiblePages } from '../testing/sync-world';
import { runSync } from './runner';

const WORKSPACE = resolve(__dirname, '../../../..');
const CHILD = join(__dirname, '../testing/sync-child.ts');
const BATCH_SIZE = 3;

/** Starts the child; `committed()` resolves once it reported `n` committed batches. */
function startChild(world: SyncWorld, databaseUrl: string): { child: ChildProcess; committed(n: number): Promise<void>; exited: Promise<NodeJS.Signals | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: WORKSPACE,
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: join(WORKSPACE, 'tsconfig.base.json'),
      CONFLUENCE_URL: world.client.siteUrl,
      CONFLUENCE_FLAVOR: world.client.flavor,
      SYNC_CHILD_AUTH: JSON.stringify(authFor(world.client.flavor)),
      DATABASE_URL: databaseUrl,
      SYNC_INDEX_ID: world.index.id,
      SYNC_BATCH_SIZE: String(BATCH_SIZE),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
  child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()));
  child.stdout?.on('data', (data: Buffer) => {
    stdout += data.toString();
    const count = stdout.match(/^committed \d+$/gm)?.length ?? 0;
    for (const waiter of waiters.filter((w) => count >= w.n)) waiter.resolve();
  });
  return {
    child,
    exited,
    committed: (n) =>
      new Promise<void>((ok, fail) => {
        waiters.push({ n, resolve: ok });
        void exited.then(() => fail(new Error(`the sync child exited before committing ${n} batches: ${stdout}${stderr}`)));
      }),
  };
}

describe('a sync process killed with SIGKILL', () => {
  let dir: string;
  let world: SyncWorld;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sync-killed-'));
    world = await syncWorld('cloud', { pagesPerSpace: 30, dbUrl: join(dir, 'sync.db') });
  });
  afterEach(async () => {
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves a state that one rerun in another process converges from, without waiting for its lease', async () => {
    const truth = visiblePages(world.emulator, world.spaceKey);
    // Latency makes each batch take a while, so the kill lands mid-run; the seeded delay moves it within a batch.
    world.emulator.control.setLatency(40);
    const { child, committed, exited } = startChild(world, join(dir, 'sync.db'));
    await committed(2);
    await new Promise((resolveDelay) => setTimeout(resolveDelay, Math.floor(seededRandom(2024)() * 60)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    world.emulator.control.setLatency(0);

    const left = await world.store.listSyncedPages(world.index.id);
    const committedPages = left.filter((p) => p.pendingChunkIds === null).length;
    expect(committedPages).toBeGreaterThanOrEqual(2 * BATCH_SIZE);
    expect(committedPages).toBeLessThan(truth.length);
    expect(await world.store.leaseHolder(world.index.id)).toContain(`:${child.pid}:`);
    const [abandoned] = await world.store.listRuns(world.index.id);
    expect(abandoned.status).toBe('running');

    const started = Date.now();
    const local = new LocalIndex(world.db, world.index.id);
    const rerun = await runSync({ client: world.client, store: world.store, index: world.index, sink: local });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(rerun).toMatchObject({ status: 'succeeded', listed: truth.length });
    expect(rerun.new + rerun.changed).toBe(truth.length - committedPages);
    await expectConverged(world, local);
    expect(await world.store.getRun(abandoned.id)).toMatchObject({ status: 'failed', error: expect.stringContaining('interrupted') });
    expect(await world.store.leaseHolder(world.index.id)).toBeUndefined();
  }, 40_000);
});
