/** Command-line parsing: `node main.js <command> [options]`, with errors that name the option. */
import { parseArgs } from 'node:util';

/** A mistake in how the command was called (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `Usage: sync-worker <command> [options]

Commands:
  sync    --spaces KEY[,KEY] [--destination local|llamacloud] [--index NAME] [--labels when-free|always|never] [--json]
          Sync Confluence spaces into an index (incremental after the first run). --labels always also reads
          labels on Cloud, at one request per new or changed page.
  search  "words" [--index NAME] [--spaces KEY[,KEY]] [--limit N] [--json]
          Search the local index.
  pages   [--index NAME] [--json]
          List what the local index holds.
  runs    [--index NAME] [--limit N] [--json]
          Sync history.
  serve   [--role all|api|worker]
          The sync service: REST API (OpenAPI at /openapi.json, docs at /docs), scheduler, OAuth connections.
          PORT (default 8001), HOST (default 127.0.0.1), SECRET_KEY (required), SCHEDULER_TICK_SECONDS (300),
          CONFLUENCE_CLIENT_ID + CONFLUENCE_CLIENT_SECRET (OAuth), PUBLIC_URL. See the README.
          --role (PostgreSQL DATABASE_URL only): api serves the REST API and queues syncs; worker runs queued and
          scheduled syncs (and answers /healthz); all (the default) does both.

Confluence: CONFLUENCE_URL with CONFLUENCE_USERNAME + CONFLUENCE_API_TOKEN (Cloud) or CONFLUENCE_PERSONAL_TOKEN
(Data Center). Store: DATABASE_URL (default ./data/sync.db; postgres://… for PostgreSQL). LlamaCloud: LLAMA_CLOUD_API_KEY, LLAMA_CLOUD_PROJECT_ID
or LLAMA_CLOUD_PROJECT_NAME, LLAMA_CLOUD_BASE_URL, LLAMA_CLOUD_PIPELINE.
Without --index, an index is named after its spaces (ENG,OPS), so \`sync\` then \`search\` just works.`;

/** The parsed command line. */
export interface CommandLine {
  command: string;
  positionals: string[];
  spaces?: string[];
  destination?: 'local' | 'llamacloud';
  index?: string;
  labels?: 'when-free' | 'always' | 'never';
  limit?: number;
  /** `serve --role`: what this process does. */
  role?: ServeRole;
  json: boolean;
}

/** `serve --role`: the REST API, the sync workers, or both. */
export type ServeRole = 'all' | 'api' | 'worker';

/** Parses argv (without node and script); throws `UsageError` naming the bad option. */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        spaces: { type: 'string' },
        destination: { type: 'string' },
        index: { type: 'string' },
        labels: { type: 'string' },
        limit: { type: 'string' },
        role: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const { values, positionals } = parsed;
  const [command = 'help', ...rest] = positionals;
  if (values.help) return { command: 'help', positionals: [], json: false };
  return {
    command,
    positionals: rest,
    spaces: values.spaces === undefined ? undefined : spaceKeys(values.spaces),
    destination: values.destination === undefined ? undefined : destination(values.destination),
    index: values.index === undefined ? undefined : indexName(values.index),
    labels: values.labels === undefined ? undefined : labelsMode(values.labels),
    limit: values.limit === undefined ? undefined : limit(values.limit),
    role: values.role === undefined ? undefined : serveRole(values.role),
    json: Boolean(values.json),
  };
}

function serveRole(value: string): ServeRole {
  if (value === 'all' || value === 'api' || value === 'worker') return value;
  throw new UsageError('--role: must be all, api or worker');
}

function spaceKeys(value: string): string[] {
  const keys = value.split(',').map((key) => key.trim()).filter(Boolean);
  if (keys.length === 0) throw new UsageError('--spaces: give at least one space key, e.g. --spaces ENG or --spaces ENG,OPS');
  const bad = keys.find((key) => !/^~?[A-Za-z0-9_-]{1,255}$/.test(key));
  if (bad !== undefined) throw new UsageError(`--spaces: "${bad.slice(0, 40)}" is not a space key (letters and digits, e.g. ENG)`);
  return [...new Set(keys)];
}

function destination(value: string): 'local' | 'llamacloud' {
  if (value === 'local' || value === 'llamacloud') return value;
  throw new UsageError(`--destination: must be local or llamacloud, not "${value.slice(0, 40)}"`);
}

function labelsMode(value: string): 'when-free' | 'always' | 'never' {
  if (value === 'when-free' || value === 'always' || value === 'never') return value;
  throw new UsageError(`--labels: must be when-free, always or never, not "${value.slice(0, 40)}"`);
}

function indexName(value: string): string {
  const name = value.trim();
  if (!name || name.length > 100) throw new UsageError('--index: must be 1 to 100 characters');
  return name;
}

function limit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--limit: must be a whole number from 1 to 100, not "${value.slice(0, 20)}"`);
  return Math.min(n, 100);
}

/** The index name used when `--index` is not given: the space keys, sorted, comma-separated. */
export function defaultIndexName(spaces: readonly string[]): string {
  return [...spaces].sort().join(',');
}
