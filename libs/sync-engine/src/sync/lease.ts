/** The per-index lease: taken at the start of a run, renewed while it works, released at the end. */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { SyncStore } from '../store/types';
import { SyncBusyError } from './progress';

/** A lease held by this process; `lost` aborts when a renewal fails (another run took over). */
export interface HeldLease {
  readonly holder: string;
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

/**
 * Takes the lease of an index. A lease left by a dead process on this host (a crash, SIGKILL) is taken over at once
 * rather than after it expires; one held by a live process, or by another host and not expired, is refused.
 */
export async function takeLease(store: SyncStore, indexId: string, ttlMs: number): Promise<HeldLease> {
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  if (!(await store.acquireLease(indexId, holder, ttlMs))) {
    const current = await store.leaseHolder(indexId);
    if (current && isDeadLocalHolder(current)) await store.releaseLease(indexId, current);
    if (!(await store.acquireLease(indexId, holder, ttlMs))) {
      throw new SyncBusyError(`another sync of this index is running (${current ?? 'unknown holder'}); try again when it ends`);
    }
  }
  const lost = new AbortController();
  const timer = setInterval(() => {
    store.renewLease(indexId, holder, ttlMs).then(
      (kept) => kept || lost.abort(new SyncBusyError('lost the lease of this index to another run')),
      () => undefined,
    );
  }, Math.max(1000, Math.floor(ttlMs / 3)));
  timer.unref();
  return {
    holder,
    lost: lost.signal,
    async release() {
      clearInterval(timer);
      await store.releaseLease(indexId, holder);
    },
  };
}

function isDeadLocalHolder(holder: string): boolean {
  const [host, pid] = holder.split(':');
  if (host !== hostname() || !/^\d+$/.test(pid ?? '')) return false;
  if (Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
