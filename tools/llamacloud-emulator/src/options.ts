/** Options of `startLlamaCloudEmulator()` and the CLI, with their defaults and checks that name the bad option. */

/** The API key every emulator accepts unless `apiKeys` says otherwise. */
export const DEFAULT_API_KEY = 'llx-emulator';

/** Default size limit of a request body: 10 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface LlamaCloudEmulatorOptions {
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Bearer API keys that are accepted. @default ['llx-emulator'] */
  apiKeys?: string[];
  /** Projects seeded in the organization; the first is the default project. @default ['Default'] */
  projects?: string[];
  /** Request bodies larger than this are answered 413 (after being read, so the client sees the answer). @default 10 MiB */
  maxBodyBytes?: number;
  /**
   * How long a document reports `IN_PROGRESS` after it was written, before `SUCCESS`, in milliseconds. The spec's
   * ManagedIngestionStatus has no `PENDING`: `IN_PROGRESS` is what a poller sees while ingestion runs. @default 0
   */
  ingestionDelayMs?: number;
  /** Added to every request, in milliseconds. @default 0 */
  latencyMs?: number;
  /** Random extra latency up to this many milliseconds (seeded). @default 0 */
  jitterMs?: number;
  /** Fraction (0..1) of requests answered 500 or 503. @default 0 */
  errorRate?: number;
  /** Fraction (0..1) of requests whose connection is reset. @default 0 */
  resetRate?: number;
  /** Seed of the fault dice, so that a failing run can be replayed. @default 1 */
  seed?: number;
  /** Clock for timestamps and ingestion timing. @default real time */
  now?: () => Date;
}

export type ResolvedOptions = Required<Omit<LlamaCloudEmulatorOptions, 'now'>> & { now: () => Date };

/** Fill in defaults and check every option, naming the first bad one (values are never echoed: a key may be secret). */
export function resolveOptions(options: LlamaCloudEmulatorOptions = {}): ResolvedOptions {
  const resolved: ResolvedOptions = {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    apiKeys: options.apiKeys ?? [DEFAULT_API_KEY],
    projects: options.projects ?? ['Default'],
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    ingestionDelayMs: options.ingestionDelayMs ?? 0,
    latencyMs: options.latencyMs ?? 0,
    jitterMs: options.jitterMs ?? 0,
    errorRate: options.errorRate ?? 0,
    resetRate: options.resetRate ?? 0,
    seed: options.seed ?? 1,
    now: options.now ?? (() => new Date()),
  };
  for (const name of ['port', 'ingestionDelayMs', 'latencyMs', 'jitterMs', 'seed'] as const) {
    if (!Number.isInteger(resolved[name]) || resolved[name] < 0) throw new Error(`${name}: expected a whole number >= 0`);
  }
  if (!Number.isInteger(resolved.maxBodyBytes) || resolved.maxBodyBytes < 1) throw new Error('maxBodyBytes: expected a whole number >= 1');
  for (const name of ['errorRate', 'resetRate'] as const) {
    if (!(resolved[name] >= 0 && resolved[name] <= 1)) throw new Error(`${name}: expected a number from 0 to 1`);
  }
  if (!Array.isArray(resolved.apiKeys) || resolved.apiKeys.length === 0) throw new Error('apiKeys: expected at least one key');
  if (resolved.apiKeys.some((key) => typeof key !== 'string' || key.trim() === '' || /\s/.test(key))) {
    throw new Error('apiKeys: every key must be a non-empty string without spaces');
  }
  if (!Array.isArray(resolved.projects) || resolved.projects.length === 0) throw new Error('projects: expected at least one project name');
  if (resolved.projects.some((name) => typeof name !== 'string' || name.length < 1 || name.length > 3000)) {
    throw new Error('projects: every name must be a string of 1 to 3000 characters');
  }
  if (new Set(resolved.projects).size !== resolved.projects.length) throw new Error('projects: names must be unique');
  if (typeof resolved.now !== 'function') throw new Error('now: expected a function returning a Date');
  return resolved;
}
