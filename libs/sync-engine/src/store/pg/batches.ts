/** Writes of many rows on PostgreSQL: one transaction, in slices that keep each statement's parameters bounded. */
import type { PgSyncDatabase } from './database';
import { guarded } from './errors';

/** The transaction handle drizzle passes to `db.transaction`'s callback. */
export type PgTransaction = Parameters<Parameters<PgSyncDatabase['transaction']>[0]>[0];

/** Runs `write` on consecutive slices of `items` (at most `size` each) in one transaction, errors `guarded` as `what`. */
export async function writeInBatches<T>(db: PgSyncDatabase, what: string, items: readonly T[], size: number, write: (tx: PgTransaction, slice: T[]) => Promise<unknown>): Promise<void> {
  await guarded(what, () =>
    db.transaction(async (tx) => {
      for (let i = 0; i < items.length; i += size) await write(tx, items.slice(i, i + size));
    }),
  );
}
