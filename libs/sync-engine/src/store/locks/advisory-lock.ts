/**
 * One holder at a time per name across every process on one PostgreSQL (the PostgreSQL store's `exclusive`): a
 * session advisory lock on a connection of its own (not one of the pool's: `work` uses the pool, and callers holding
 * every pooled connection while waiting for one more would deadlock), held while `work` runs. A process that dies
 * loses its connection, and PostgreSQL frees the lock with it: nothing is left to expire.
 */
import { Client, Pool } from 'pg';

/** Another process held the name longer than the caller would wait (a transient failure: try again later). */
export class LockTimeoutError extends Error {
  override readonly name = 'LockTimeoutError';
}

/** How often a waiting caller tries again. */
const RETRY_MS = 50;

/**
 * Runs `work` holding the advisory lock of `name` (hashed into PostgreSQL's 64-bit key space, in a namespace of its
 * own); throws when it cannot be had within `waitMs`.
 */
export async function withAdvisoryLock<T>(pool: Pool, name: string, waitMs: number, work: () => Promise<T>): Promise<T> {
  const client = new Client(pool.options);
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  let locked = false;
  try {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtextextended('confluence-sync:' || $1, 0)) AS locked", [name]);
      if (rows[0]?.locked) break;
      if (Date.now() >= deadline) throw new LockTimeoutError(`${name}: still held by another process after ${Math.round(waitMs / 1000)} s`);
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
    locked = true;
    return await work();
  } finally {
    if (locked) await client.query("SELECT pg_advisory_unlock(hashtextextended('confluence-sync:' || $1, 0))", [name]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
