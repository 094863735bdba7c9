/** Where chunks go. Every sink is idempotent: writing the same ids twice, or deleting missing ids, is harmless. */
import type { Chunk } from '../documents/chunker';

/** A destination of chunks (one per index). */
export interface Sink {
  /** `local` or `llamacloud`. */
  readonly kind: string;
  /** Inserts or replaces these chunks (by id). */
  upsert(chunks: readonly Chunk[], signal?: AbortSignal): Promise<void>;
  /** Removes these chunk ids; ids the sink does not hold are ignored. */
  delete(ids: readonly string[], signal?: AbortSignal): Promise<void>;
}
