/**
 * Indexes of the token's user, their syncs, history, search and pages. Every route looks the index up by id AND
 * owner: someone else's index answers exactly as a missing one does (404), so ids cannot be probed.
 */
import type { IndexRecord, RunRecord } from '@confluence-mcp/sync-engine';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiDeps } from '../context';
import { ApiError, ErrorBody, notFound } from '../errors';
import { CreateIndexBody, HistoryQuery, IndexBody, IndexParams, PageBody, PatchIndexBody, RunBody, SearchHitBody, SearchQuery } from '../schemas';
import { BEARER, authenticator, userOf } from './auth';
import { oauthConnectionOf } from './confluence';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function indexJson(index: IndexRecord): z.infer<typeof IndexBody> {
  return {
    id: index.id,
    name: index.name,
    confluence_spaces: index.spaces,
    interval_minutes: index.intervalMinutes,
    destination: index.destination,
    site_url: index.siteUrl,
    created_at: new Date(index.createdAt).toISOString(),
    updated_at: new Date(index.updatedAt).toISOString(),
  };
}

/** A run as history shows it. */
export function runJson(run: RunRecord): z.infer<typeof RunBody> {
  return {
    id: run.id,
    status: run.status,
    trigger: run.trigger,
    started_at: new Date(run.startedAt).toISOString(),
    finished_at: iso(run.finishedAt),
    duration_ms: run.durationMs,
    counts: { listed: run.listed, new: run.new, changed: run.changed, unchanged: run.unchanged, deleted: run.deleted, failed: run.failed },
    requests: run.requests,
    bytes: run.bytes,
    error: run.error,
  };
}

export function registerIndexRoutes(root: FastifyInstance, deps: ApiDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const authenticate = authenticator(deps);
  const common = { preHandler: authenticate };
  const schema = <T extends object>(summary: string, extra: T) => ({ tags: ['indexes'], summary, security: BEARER, ...extra });
  const owned = async (userId: string, id: string): Promise<IndexRecord> => {
    const index = await deps.store.getIndex(id);
    if (!index || index.ownerId !== userId) throw notFound();
    return index;
  };
  const localOnly = (index: IndexRecord) => {
    if (index.destination !== 'local') throw new ApiError(409, 'not_local', `this index syncs to ${index.destination}; search it there (only local indexes are searchable here)`);
  };

  app.post(
    '/api/indexes',
    {
      ...common,
      schema: schema('Create an index', {
        description: "Pages of the given spaces of the user's Confluence (their OAuth connection, else the server-wide credentials) go to the destination. 409 when the name is taken or no Confluence is connected.",
        body: CreateIndexBody,
        response: { 201: IndexBody, 401: ErrorBody, 409: ErrorBody, 422: ErrorBody },
      }),
    },
    async (request, reply) => {
      const userId = userOf(request);
      const body = request.body;
      if (body.destination === 'llamacloud' && !deps.llamaCloudConfigured) {
        throw new ApiError(422, 'invalid_request', 'invalid request: destination', [{ field: 'destination', message: 'LlamaCloud is not configured on this server (LLAMA_CLOUD_API_KEY)' }]);
      }
      const connection = await oauthConnectionOf(deps, userId);
      const siteUrl = connection?.siteUrl ?? deps.environmentSiteUrl;
      if (!siteUrl) throw new ApiError(409, 'not_connected', 'connect Confluence first (GET /api/confluence/connect)');
      const user = await deps.store.getUser(userId);
      const index = await deps.store.createIndex({
        name: body.name,
        ownerId: userId,
        connectionId: connection?.id ?? null,
        siteUrl,
        spaces: [...new Set(body.confluence_spaces)],
        destination: body.destination,
        intervalMinutes: body.interval_minutes ?? null,
        // One pipeline per index: two users' indexes of the same name must not share one.
        destinationConfig: body.destination === 'llamacloud' ? { pipeline: pipelineName(user?.username ?? userId, body.name) } : {},
      });
      request.logger.info('index created', { index_id: index.id });
      return reply.status(201).send(indexJson(index));
    },
  );

  app.get('/api/indexes', { ...common, schema: schema('Your indexes', { response: { 200: z.array(IndexBody), 401: ErrorBody } }) }, async (request) =>
    (await deps.store.listIndexes({ ownerId: userOf(request) })).map(indexJson),
  );

  app.get('/api/indexes/:id', { ...common, schema: schema('One index', { params: IndexParams, response: { 200: IndexBody, 401: ErrorBody, 404: ErrorBody } }) }, async (request) =>
    indexJson(await owned(userOf(request), request.params.id)),
  );

  app.patch(
    '/api/indexes/:id',
    {
      ...common,
      schema: schema('Change an index', {
        description: 'Dropping a space deletes its pages from the destination at the next sync. The destination cannot change (create another index).',
        params: IndexParams,
        body: PatchIndexBody,
        response: { 200: IndexBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody },
      }),
    },
    async (request) => {
      const index = await owned(userOf(request), request.params.id);
      const body = request.body;
      if (body.destination !== undefined && body.destination !== index.destination) {
        throw new ApiError(422, 'invalid_request', 'invalid request: destination', [{ field: 'destination', message: 'cannot be changed; create another index' }]);
      }
      const updated = await deps.store.updateIndex(index.id, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.confluence_spaces !== undefined ? { spaces: [...new Set(body.confluence_spaces)] } : {}),
        ...(body.interval_minutes !== undefined ? { intervalMinutes: body.interval_minutes } : {}),
      });
      return indexJson(updated);
    },
  );

  app.delete(
    '/api/indexes/:id',
    {
      ...common,
      schema: schema('Delete an index', {
        description: 'Deletes the index, its history and its local chunks (a LlamaCloud pipeline is left as it is). 409 while a sync is queued or running.',
        params: IndexParams,
        response: { 204: z.null().describe('Deleted'), 401: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      }),
    },
    async (request, reply) => {
      const index = await owned(userOf(request), request.params.id);
      const [latest] = await deps.store.listRuns(index.id, { limit: 1 });
      if (latest && (latest.status === 'queued' || latest.status === 'running')) throw new ApiError(409, 'busy', 'a sync of this index is queued or running; delete it when it has finished');
      await deps.store.deleteIndex(index.id);
      request.logger.info('index deleted', { index_id: index.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/indexes/:id/sync',
    {
      ...common,
      schema: schema('Sync now', {
        description: 'Queues a run and answers at once; follow it in sync-history. 409 while a run of this index is queued or running.',
        params: IndexParams,
        response: { 202: z.object({ run_id: z.number().int() }), 401: ErrorBody, 404: ErrorBody, 409: ErrorBody, 503: ErrorBody },
      }),
    },
    async (request, reply) => {
      const index = await owned(userOf(request), request.params.id);
      const { runId } = await deps.runs.start(index, 'api');
      request.logger.info('sync queued', { index_id: index.id, run_id: runId });
      return reply.status(202).send({ run_id: runId });
    },
  );

  app.get(
    '/api/indexes/:id/sync-history',
    {
      ...common,
      schema: schema('Sync history', { description: 'Runs, newest first.', params: IndexParams, querystring: HistoryQuery, response: { 200: z.array(RunBody), 401: ErrorBody, 404: ErrorBody, 422: ErrorBody } }),
    },
    async (request) => {
      const index = await owned(userOf(request), request.params.id);
      return (await deps.store.listRuns(index.id, { limit: request.query.limit })).map(runJson);
    },
  );

  app.get(
    '/api/indexes/:id/search',
    {
      ...common,
      schema: schema('Search a local index', {
        description: 'Full-text search (every word, else any word), best first, with snippets where `[` `]` mark the matching words.',
        params: IndexParams,
        querystring: SearchQuery,
        response: { 200: z.object({ hits: z.array(SearchHitBody) }), 401: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody },
      }),
    },
    async (request) => {
      const index = await owned(userOf(request), request.params.id);
      localOnly(index);
      const hits = await deps.localIndex(index.id).search(request.query.q, { limit: request.query.limit });
      return { hits: hits.map(({ page_id, space_key, title, url, heading_path, snippet, score }) => ({ page_id, space_key, title, url, heading_path, snippet, score })) };
    },
  );

  app.get(
    '/api/indexes/:id/pages',
    { ...common, schema: schema('Pages a local index holds', { params: IndexParams, response: { 200: z.array(PageBody), 401: ErrorBody, 404: ErrorBody, 409: ErrorBody } }) },
    async (request) => {
      const index = await owned(userOf(request), request.params.id);
      localOnly(index);
      const recorded = new Map((await deps.store.listSyncedPages(index.id)).map((page) => [page.pageId, page]));
      return (await deps.localIndex(index.id).pages()).map((page) => {
        const record = recorded.get(page.page_id);
        return { page_id: page.page_id, space_key: page.space_key, title: page.title, url: page.url, version: record?.version ?? null, chunks: page.chunks, synced_at: iso(record?.syncedAt ?? null) };
      });
    },
  );
}

/** `confluence-<user>-<index>`, made safe for a LlamaCloud pipeline name. */
function pipelineName(username: string, indexName: string): string {
  return `confluence-${username}-${indexName}`.replace(/[^A-Za-z0-9_-]+/g, '-').toLowerCase().slice(0, 200);
}
