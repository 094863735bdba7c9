/**
 * Store contract specs: behaviour every `SyncStore` must have, written against a factory so that the SQLite store
 * (`../accounts.spec.ts`, `../runs-queue.spec.ts`) and the PostgreSQL one run the same assertions.
 */
import type { SyncStore } from '../types';

/** A fresh, empty, migrated store whose clock is `now`; `close` releases it (and drops what it made). */
export type StoreFactory = (now: () => number) => Promise<{ store: SyncStore; close(): Promise<void> }>;

/** A store per test with a clock the test moves (`clock.now += ms`). */
export function storePerTest(factory: StoreFactory): { readonly store: SyncStore; clock: { now: number } } {
  const clock = { now: 1_700_000_000_000 };
  let made: { store: SyncStore; close(): Promise<void> } | undefined;
  beforeEach(async () => {
    clock.now = 1_700_000_000_000;
    made = await factory(() => clock.now);
  });
  afterEach(async () => {
    await made?.close();
    made = undefined;
  });
  return {
    clock,
    get store() {
      if (!made) throw new Error('storePerTest: used outside a test');
      return made.store;
    },
  };
}
