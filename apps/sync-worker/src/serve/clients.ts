/**
 * The Confluence client and the destination of one run. An index's owner syncs with their OAuth connection (a
 * rotating token source: rotated tokens are stored with `updateConnectionCredentials` BEFORE the new access token is
 * used); without one, with the server-wide credentials of the environment when it has them (single-tenant
 * deployments: `CONFLUENCE_URL` + an API token or PAT). Every client is metered, so history records its requests.
 */
import { clientOptionsFromEnv, createConfluenceClient, createOAuthTokenSource } from '@confluence-mcp/confluence-client';
import type { AtlassianOAuthClient, AtlassianTokens, ConfluenceClient, ConfluenceClientOptions, OAuthTokenSource } from '@confluence-mcp/confluence-client';
import type { Logger } from '@confluence-mcp/logging';
import { LlamaCloudSink, createRequestMeter } from '@confluence-mcp/sync-engine';
import type { ConnectionCredentials, IndexRecord, RequestMeter, Sink, SyncStore } from '@confluence-mcp/sync-engine';
import type { Environment } from '../wiring';

/** What one run needs from the app. */
export interface RunResources {
  client: ConfluenceClient;
  sink: Sink;
  meter: RequestMeter;
}

/** Options of `createRunResolver`. */
export interface RunResolverOptions {
  store: SyncStore;
  env: Environment;
  /** The local sink of an index, in the store's database. */
  localSink(indexId: string): Sink;
  oauth?: { client: AtlassianOAuthClient; apiUrl: string };
  /** `environmentClientOptions(env)`, read once at start-up. */
  environment?: { options: ConfluenceClientOptions };
  logger: Logger;
}

/**
 * The server-wide client options from `CONFLUENCE_*`, or undefined when `CONFLUENCE_URL` is not set. Throws
 * `ConfigurationError` when they are set but wrong (the service then refuses to start).
 */
export function environmentClientOptions(env: Environment): { options: ConfluenceClientOptions; secrets: string[] } | undefined {
  if (!env['CONFLUENCE_URL']?.trim()) return undefined;
  return clientOptionsFromEnv(env);
}

function tokensOf(credentials: ConnectionCredentials): AtlassianTokens {
  return {
    accessToken: credentials['accessToken'] ?? '',
    ...(credentials['refreshToken'] ? { refreshToken: credentials['refreshToken'] } : {}),
    expiresAt: Number(credentials['expiresAt'] ?? 0),
    scopes: (credentials['scopes'] ?? '').split(/\s+/).filter(Boolean),
  };
}

/** `resolve(index)` for the run executor. */
export function createRunResolver(options: RunResolverOptions): (index: IndexRecord) => Promise<RunResources> {
  const { store, env, logger } = options;
  const environment = options.environment;
  // One token source per connection and process: its refresh is single-flight per instance.
  const sources = new Map<string, OAuthTokenSource>();

  async function oauthSource(connectionId: string): Promise<OAuthTokenSource> {
    const existing = sources.get(connectionId);
    if (existing) return existing;
    if (!options.oauth) throw new Error('Confluence OAuth is not configured on this server (CONFLUENCE_CLIENT_ID)');
    const initial = await store.connectionCredentials(connectionId);
    const source = createOAuthTokenSource({
      oauth: options.oauth.client,
      tokens: tokensOf(initial),
      // One refresh at a time per connection across every worker (Atlassian rotates refresh tokens, and presenting a
      // rotated one revokes the whole grant); under that lock, read back first: another worker may have rotated it.
      exclusive: (work) => store.exclusive(`oauth-connection:${connectionId}`, work),
      reload: async () => tokensOf(await store.connectionCredentials(connectionId)),
      persist: async (next) => {
        const current = await store.connectionCredentials(connectionId);
        await store.updateConnectionCredentials(
          connectionId,
          { ...current, accessToken: next.accessToken, refreshToken: next.refreshToken ?? '', expiresAt: String(next.expiresAt), scopes: next.scopes.join(' ') || (current['scopes'] ?? '') },
          next.expiresAt,
        );
      },
    });
    sources.set(connectionId, source);
    return source;
  }

  return async function resolve(index) {
    const meter = createRequestMeter();
    const common = { fetch: meter.fetch, logger: logger.child({ index_id: index.id }), userAgent: 'confluence-sync-worker' };
    const connection = index.ownerId ? (await store.listConnections(index.ownerId)).find((c) => c.authKind === 'oauth') : undefined;
    let client: ConfluenceClient;
    if (connection && options.oauth) {
      if (!sameSite(connection.siteUrl, index.siteUrl)) throw new Error(`the connected site is ${connection.siteUrl}, this index holds pages of ${index.siteUrl}`);
      const source = await oauthSource(connection.id);
      const cloudId = (await store.connectionCredentials(connection.id))['cloudId'];
      client = createConfluenceClient({
        ...common,
        baseUrl: connection.siteUrl,
        flavor: 'cloud',
        gatewayUrl: options.oauth.apiUrl,
        auth: { type: 'oauth', getAccessToken: ({ forceRefresh }) => source.getAccessToken({ forceRefresh }), ...(cloudId ? { cloudId } : {}) },
      });
    } else if (environment) {
      client = createConfluenceClient({ ...environment.options, ...common });
      if (!sameSite(client.siteUrl, index.siteUrl)) throw new Error(`the server's Confluence is ${client.siteUrl}, this index holds pages of ${index.siteUrl}`);
    } else {
      throw new Error('Confluence is not connected: connect it again (GET /api/confluence/connect)');
    }
    return { client, meter, sink: sinkFor(index, env, options.localSink) };
  };
}

function sinkFor(index: IndexRecord, env: Environment, localSink: (indexId: string) => Sink): Sink {
  if (index.destination === 'local') return localSink(index.id);
  const apiKey = env['LLAMA_CLOUD_API_KEY'];
  if (!apiKey) throw new Error('LlamaCloud is not configured on this server (LLAMA_CLOUD_API_KEY)');
  return new LlamaCloudSink({
    apiKey,
    baseUrl: env['LLAMA_CLOUD_BASE_URL'] || undefined,
    projectId: index.destinationConfig['projectId'] || env['LLAMA_CLOUD_PROJECT_ID'] || undefined,
    projectName: index.destinationConfig['projectName'] || env['LLAMA_CLOUD_PROJECT_NAME'] || undefined,
    pipelineName: index.destinationConfig['pipeline'] ?? `confluence-${index.id}`,
  });
}

/** Same Confluence: the origins match (a site URL is stored with or without `/wiki`). */
function sameSite(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
