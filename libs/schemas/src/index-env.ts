/**
 * The synced index an MCP server searches (`search_confluence_index`): `SYNC_DATABASE_URL`, else `DATABASE_URL`
 * (the sync service's own, when both run on one machine or volume), and optionally `SYNC_INDEXES`.
 */
import type { EnvParseResult } from './config';

/** Where the MCP servers read the synced index. */
export interface IndexEnvConfig {
  /** The sync database: a SQLite file path or `file:` URL, or a `postgres://` URL. */
  url: string;
  /** Only these index names; every local index when absent. */
  names?: string[];
}

/** Longest index name the sync service accepts. */
const MAX_NAME = 255;

/**
 * `{ config: undefined }` when no database is named (the index search is off). Problems are named by variable and
 * never quote a value: a pasted `postgres://user:password@...` must not reach a log.
 *
 * @example
 * const index = parseIndexEnv(process.env);
 * if (index.ok && index.config) console.log(`searching ${index.config.url}`);
 */
export function parseIndexEnv(env: Record<string, string | undefined>): EnvParseResult<IndexEnvConfig | undefined> {
  const own = env['SYNC_DATABASE_URL']?.trim();
  const variable = own ? 'SYNC_DATABASE_URL' : 'DATABASE_URL';
  const url = own || env['DATABASE_URL']?.trim();
  const errors: string[] = [];
  const names = env['SYNC_INDEXES']?.trim()
    ? [...new Set(env['SYNC_INDEXES'].split(',').map((n) => n.trim()).filter(Boolean))]
    : undefined;
  if (names && names.length === 0) errors.push('SYNC_INDEXES: must list at least one index name');
  if (names?.some((n) => n.length > MAX_NAME)) errors.push(`SYNC_INDEXES: index names are at most ${MAX_NAME} characters`);
  if (names && !url) errors.push('SYNC_INDEXES: needs SYNC_DATABASE_URL (or DATABASE_URL), the sync database to search');
  if (url === ':memory:') errors.push(`${variable}: must name a file the sync worker writes (not :memory:)`);
  else if (url && /^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !/^(file|postgres|postgresql):\/\//i.test(url)) {
    errors.push(`${variable}: the index search reads the sync database: a SQLite file path, a file: URL or a postgres:// URL (set SYNC_DATABASE_URL to it)`);
  }
  if (errors.length) return { ok: false, errors };
  if (!url) return { ok: true, config: undefined };
  return { ok: true, config: names ? { url, names } : { url } };
}
