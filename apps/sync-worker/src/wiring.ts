/** Environment -> the pieces a command needs: the store, a metered Confluence client, the destination of an index. */
import { clientOptionsFromEnv, createConfluenceClient } from '@confluence-mcp/confluence-client';
import type { ConfluenceClient } from '@confluence-mcp/confluence-client';
import { LOG_LEVELS, LogLevel, createLogger } from '@confluence-mcp/logging';
import { DEFAULT_DATABASE_PATH, IndexRecord, LlamaCloudSink, OpenedSyncStore, RequestMeter, Sink, createRequestMeter, openSyncStore } from '@confluence-mcp/sync-engine';

/** The variables the CLI reads (process.env in production, a clean object in tests). */
export type Environment = Record<string, string | undefined>;

/**
 * The store and its local indexes, opened (and migrated) from `DATABASE_URL`: a `postgres://` URL selects PostgreSQL,
 * anything else SQLite (default `./data/sync.db`). Only `env` is read, never `process.env` directly, so tests stay clean.
 */
export function openStore(env: Environment): Promise<OpenedSyncStore> {
  return openSyncStore({ url: env['DATABASE_URL'] || DEFAULT_DATABASE_PATH });
}

/**
 * A client for the `CONFLUENCE_*` variables whose requests are counted, logging (JSON on stderr, credentials removed)
 * at `LOG_LEVEL` (default `error`: a CLI's failure is its one-line message; `warn` or `info` show failed requests, retries and rate limits).
 */
export function confluenceFromEnv(env: Environment): { client: ConfluenceClient; meter: RequestMeter; secrets: string[] } {
  const { options, secrets } = clientOptionsFromEnv(env);
  const meter = createRequestMeter();
  const logger = createLogger({ level: logLevel(env), redact: [...secrets, env['LLAMA_CLOUD_API_KEY'] ?? ''].filter(Boolean), name: 'sync-worker' });
  return { client: createConfluenceClient({ ...options, fetch: meter.fetch, userAgent: 'confluence-sync-worker', logger }), meter, secrets };
}

function logLevel(env: Environment): LogLevel {
  const wanted = (env['LOG_LEVEL'] ?? 'error').trim().toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(wanted)) return wanted as LogLevel;
  throw new Error(`LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')}`);
}

/** The destination of an index: a local one lives in the store's own database. */
export function sinkFor(index: IndexRecord, opened: OpenedSyncStore, env: Environment): Sink {
  if (index.destination === 'local') return opened.localIndex(index.id);
  const apiKey = env['LLAMA_CLOUD_API_KEY'];
  if (!apiKey) throw new Error('LLAMA_CLOUD_API_KEY: required for --destination llamacloud');
  return new LlamaCloudSink({
    apiKey,
    baseUrl: env['LLAMA_CLOUD_BASE_URL'] || undefined,
    projectId: index.destinationConfig['projectId'] || env['LLAMA_CLOUD_PROJECT_ID'] || undefined,
    projectName: index.destinationConfig['projectName'] || env['LLAMA_CLOUD_PROJECT_NAME'] || undefined,
    pipelineName: index.destinationConfig['pipeline'] ?? pipelineNameFor(index.name, env),
  });
}

/** `LLAMA_CLOUD_PIPELINE`, or `confluence-<index>` made safe for a pipeline name. */
export function pipelineNameFor(indexName: string, env: Environment): string {
  return env['LLAMA_CLOUD_PIPELINE'] || `confluence-${indexName.replace(/[^A-Za-z0-9_-]+/g, '-').toLowerCase()}`;
}
