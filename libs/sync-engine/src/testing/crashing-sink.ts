/** A sink that dies on a chosen call, after writing part of it: what a process crash or a dropped connection leaves. */
import type { Chunk } from '../documents/chunker';
import type { Sink } from '../sinks/sink';

/** A sink operation. */
export type SinkOperation = 'upsert' | 'delete';

/** Where the sink dies: on the `call`-th non-empty `operation` (1-based), after applying `applied` (0..1) of it. */
export interface SinkCrash {
  operation: SinkOperation;
  call: number;
  applied: number;
}

/** Wraps a real sink; `crashOn()` arms one failure, which then disarms itself. */
export class CrashingSink implements Sink {
  readonly kind: string;
  private readonly calls: Record<SinkOperation, number> = { upsert: 0, delete: 0 };
  private armed?: SinkCrash;
  /** How many armed failures have fired. */
  crashes = 0;

  constructor(private readonly inner: Sink) {
    this.kind = inner.kind;
  }

  crashOn(crash: SinkCrash): void {
    this.armed = crash;
    this.calls.upsert = 0;
    this.calls.delete = 0;
  }

  async upsert(chunks: readonly Chunk[], signal?: AbortSignal): Promise<void> {
    if (this.fires('upsert', chunks.length)) {
      await this.inner.upsert(chunks.slice(0, this.appliedCount(chunks.length)), signal);
      throw new Error('crash: the sink died during an upsert');
    }
    await this.inner.upsert(chunks, signal);
  }

  async delete(ids: readonly string[], signal?: AbortSignal): Promise<void> {
    if (this.fires('delete', ids.length)) {
      await this.inner.delete(ids.slice(0, this.appliedCount(ids.length)), signal);
      throw new Error('crash: the sink died during a delete');
    }
    await this.inner.delete(ids, signal);
  }

  private fires(operation: SinkOperation, size: number): boolean {
    // Empty calls (a batch without stale chunks) are not writes: they neither count nor crash.
    if (size === 0) return false;
    this.calls[operation] += 1;
    if (this.armed?.operation !== operation || this.calls[operation] !== this.armed.call) return false;
    this.crashes += 1;
    return true;
  }

  private appliedCount(size: number): number {
    const count = Math.floor(size * (this.armed?.applied ?? 0));
    this.armed = undefined;
    return count;
  }
}
