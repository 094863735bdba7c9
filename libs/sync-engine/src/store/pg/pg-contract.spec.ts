/**
 * The store contracts (core, accounts, run queue) on `PgSyncStore`, on a real PostgreSQL with the real migrations,
 * plus what is PostgreSQL's own: migrations applied once under concurrent starts, errors without query parameters.
 */
import { accountsContract } from '../contract/accounts';
import { runsQueueContract } from '../contract/runs-queue';
import { storeCoreContract } from '../contract/store-core';
import { openPgDatabase } from './database';
import { PgSyncStore } from './pg-store';
import { pgStoreFactory } from './test-factory';

const factory = pgStoreFactory();

describe('core', () => storeCoreContract(factory));
describe('accounts', () => accountsContract(factory));
describe('run queue', () => runsQueueContract(factory));

describe('exclusive across processes', () => {
  it('two stores on two pools (two processes) never hold one name at once, and a name held too long is refused', async () => {
    const other = await openPgDatabase({ url: factory.url });
    try {
      const { store } = await factory(Date.now);
      const second = new PgSyncStore(other);
      let active = 0;
      let most = 0;
      const work = async () => {
        active += 1;
        most = Math.max(most, active);
        await new Promise((resolve) => setTimeout(resolve, 30));
        active -= 1;
      };
      await Promise.all(Array.from({ length: 6 }, (_, n) => (n % 2 ? second : store).exclusive('connection:shared', work)));
      expect(most).toBe(1);
      let release!: () => void;
      const held = store.exclusive('connection:busy', () => new Promise<void>((resolve) => (release = resolve)));
      await new Promise((resolve) => setTimeout(resolve, 100));
      await expect(second.exclusive('connection:busy', async () => 'never', 300)).rejects.toThrow('connection:busy: still held by another process');
      release();
      await held;
      expect(await second.exclusive('connection:busy', async () => 'free again', 1000)).toBe('free again');
    } finally {
      await other.$client.end();
    }
  });
});
