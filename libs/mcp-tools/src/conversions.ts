/**
 * Storage -> Markdown conversions, remembered. Converting a page (parse into a DOM, walk it, escape) costs far more
 * than anything else in a page read, and the same page is read again and again (by one model paging through it,
 * by many users of one shared server). The conversion is a pure function of the storage, the page's space key and
 * the display names the resolver gives for the users the body mentions, so a result is reused only when all three
 * are the same: the entry is found by the storage itself and the space key, then checked by asking the
 * caller's own resolver again about every user the conversion asked about. Identical input gives identical
 * output, so one process-wide cache may serve every server and every user: nobody gets anything they did not
 * send in (their own storage, their own names). Bounded by an estimate of the bytes held; least recently used
 * entries go first.
 */
import { storageToMarkdown } from '@confluence-mcp/confluence-markdown';
import type { ConversionWarning, UserRef, UserResolver } from '@confluence-mcp/confluence-markdown';

/** What a conversion depends on besides the storage (only what the cache keys: nothing else reaches it). */
export interface ConversionOptions {
  spaceKey?: string;
  resolveUser?: UserResolver;
}

/** A conversion's result; `warnings` is the caller's own copy. */
export interface Conversion {
  markdown: string;
  warnings: ConversionWarning[];
}

/** One question the converter asked the resolver, and the answer it got. */
interface Asked {
  id: string;
  ref: UserRef;
  name: string | undefined;
}

interface Entry {
  markdown: string;
  warnings: readonly ConversionWarning[];
  asked: readonly Asked[];
  bytes: number;
}

/** @default 32 MiB: a few thousand typical pages. */
export const DEFAULT_CONVERSION_CACHE_BYTES = 32 * 1024 * 1024;
/** Storage shorter than this is converted every time: keeping it would cost about as much. */
const MIN_CACHED_CHARS = 256;
/** Bytes an entry costs besides its strings (map slot, key, objects). */
const ENTRY_OVERHEAD_BYTES = 256;

export class ConversionCache {
  private readonly entries = new Map<string, Entry>();
  private heldBytes = 0;
  private hitCount = 0;
  private missCount = 0;

  /** `maxBytes` 0 turns the cache off (every call converts). */
  constructor(private readonly maxBytes = DEFAULT_CONVERSION_CACHE_BYTES) {}

  /** `storageToMarkdown(storage, options)`, from the cache when the same input was converted before. */
  convert(storage: string, options: ConversionOptions = {}): Conversion {
    if (this.maxBytes === 0 || storage.length < MIN_CACHED_CHARS) return fresh(storage, options);
    const key = keyOf(storage, options);
    const entry = this.entries.get(key);
    if (entry && sameAnswers(entry.asked, options.resolveUser)) {
      // Touch: a Map iterates in insertion order, so the least recently used entry is first.
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.hitCount += 1;
      return { markdown: entry.markdown, warnings: entry.warnings.map((w) => ({ ...w })) };
    }
    this.missCount += 1;
    const asked: Asked[] = [];
    const resolveUser = options.resolveUser;
    const recording: UserResolver | undefined = resolveUser
      ? (id, ref) => {
          const name = resolveUser(id, ref);
          asked.push({ id, ref, name });
          return name;
        }
      : undefined;
    const result = storageToMarkdown(storage, { spaceKey: options.spaceKey, resolveUser: recording });
    if (entry) this.remove(key, entry);
    this.add(key, { markdown: result.markdown, warnings: result.warnings.map((w) => ({ ...w })), asked, bytes: sizeOf(key, result.markdown, result.warnings, asked) });
    return result;
  }

  /** Conversions answered from the cache and converted, since the start (for tests and metrics). */
  get stats(): { hits: number; misses: number; entries: number; bytes: number } {
    return { hits: this.hitCount, misses: this.missCount, entries: this.entries.size, bytes: this.heldBytes };
  }

  private add(key: string, entry: Entry): void {
    if (entry.bytes > this.maxBytes) return;
    this.entries.set(key, entry);
    this.heldBytes += entry.bytes;
    for (const [oldKey, old] of this.entries) {
      if (this.heldBytes <= this.maxBytes) break;
      this.remove(oldKey, old);
    }
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.heldBytes -= entry.bytes;
  }
}

function fresh(storage: string, options: ConversionOptions): Conversion {
  return storageToMarkdown(storage, { spaceKey: options.spaceKey, resolveUser: options.resolveUser });
}

/**
 * Whether names are resolved at all (without a resolver, mentions show ids and no warning is raised: a different
 * output), the space key, and the storage itself. The whole storage, not a digest of it: a Map compares keys by
 * V8's string hash then their characters, several times cheaper than a SHA-256 of the body on every read, and as
 * exact; the key's size counts against the cache's bound.
 */
function keyOf(storage: string, options: ConversionOptions): string {
  return `${options.resolveUser ? 'names' : 'ids'}\u0000${options.spaceKey ?? ''}\u0000${storage}`;
}

/** Whether `resolveUser` gives every answer the cached conversion was built with. */
function sameAnswers(asked: readonly Asked[], resolveUser: UserResolver | undefined): boolean {
  if (!resolveUser) return asked.length === 0;
  return asked.every(({ id, ref, name }) => resolveUser(id, ref) === name);
}

/** Strings are UTF-16 in V8 at worst: two bytes a character. */
function sizeOf(key: string, markdown: string, warnings: readonly ConversionWarning[], asked: readonly Asked[]): number {
  let chars = key.length + markdown.length;
  for (const w of warnings) chars += w.kind.length + w.message.length + 16;
  for (const a of asked) chars += a.id.length * 2 + (a.name?.length ?? 0) + 16;
  return chars * 2 + ENTRY_OVERHEAD_BYTES;
}

/** The cache every server of this process shares (safe: see the module comment). */
export const conversions = new ConversionCache();
