/**
 * `GET /api/v2/pipelines`: the cursor-paginated pipeline list that the SDK 2.16's `pipelines.listPaginated()` calls.
 * It is newer than the reference spec (which has only v1), so its shape comes from the SDK's types
 * (`PipelineListPaginatedResponse`, `PaginatedCursor`): `{ items, next_page_token }`, newest first, filtered by
 * project, exact name and type. The contract test lists it among the routes beyond the spec.
 */
import type { FastifyInstance } from 'fastify';
import { RouteDeps, route } from '../http/context';
import { Checker } from '../http/validation';
import { scopedProject } from './lookup';
import { pipelineSummaryJson } from './serialize';

const PIPELINE_TYPES = ['PLAYGROUND', 'MANAGED'] as const;
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;

export function registerV2PipelineRoutes(app: FastifyInstance, { store }: RouteDeps): void {
  route(app, 'GET', '/api/v2/pipelines', ({ query }) => {
    const check = new Checker();
    const project = scopedProject(store, check, query);
    const name = check.queryString(query, 'name');
    const rawType = check.queryString(query, 'pipeline_type');
    const pipelineType = rawType === undefined ? undefined : check.enumValue(['query', 'pipeline_type'], rawType, PIPELINE_TYPES);
    const pageSize = Math.min(check.queryInt(query, 'page_size', DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
    const offset = readToken(check, check.queryString(query, 'page_token'));
    check.done();
    const matching = store
      .pipelinesOf(project().id)
      .filter((pipeline) => (name === undefined || pipeline.name === name) && (pipelineType === undefined || pipeline.pipelineType === pipelineType))
      .reverse();
    const items = matching.slice(offset, offset + pageSize);
    const next = offset + items.length < matching.length ? writeToken(offset + items.length) : '';
    return { items: items.map(pipelineSummaryJson), next_page_token: next };
  });
}

/** Opaque to clients; here the offset of the next item, so a token stays valid while pipelines are only added. */
function writeToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function readToken(check: Checker, token: string | undefined): number {
  if (token === undefined || token === '') return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match) {
    check.add(['query', 'page_token'], 'value_error', 'Value error, invalid page token');
    return 0;
  }
  return Number(match[1]);
}
