/**
 * Pipelines (REST v1): search, create, upsert by name within a project, get, update, delete, and the ingestion
 * status of a pipeline, summed up from its documents.
 */
import type { FastifyInstance } from 'fastify';
import { RouteDeps, route } from '../http/context';
import { conflict } from '../http/errors';
import { Checker } from '../http/validation';
import { pathPipeline, scopedProject } from './lookup';
import { readPipelineCreate, readPipelineUpdate } from './pipeline-input';
import { pipelineJson, statusJson } from './serialize';

const PIPELINE_TYPES = ['PLAYGROUND', 'MANAGED'] as const;

export function registerPipelineRoutes(app: FastifyInstance, { store }: RouteDeps): void {
  route(app, 'GET', '/api/v1/pipelines', ({ query }) => {
    const check = new Checker();
    const project = scopedProject(store, check, query, { byName: true });
    const name = check.queryString(query, 'pipeline_name');
    const rawType = check.queryString(query, 'pipeline_type');
    const pipelineType = rawType === undefined ? undefined : check.enumValue(['query', 'pipeline_type'], rawType, PIPELINE_TYPES);
    check.done();
    return store
      .pipelinesOf(project().id)
      .filter((pipeline) => (name === undefined || pipeline.name === name) && (pipelineType === undefined || pipeline.pipelineType === pipelineType))
      .map(pipelineJson);
  });

  route(app, 'POST', '/api/v1/pipelines', ({ query, body }) => {
    const check = new Checker();
    const project = scopedProject(store, check, query);
    const input = readPipelineCreate(check, body);
    check.done();
    const { id: projectId } = project();
    const name = input?.name as string;
    if (store.pipelineByName(projectId, name)) throw conflict(`Pipeline with name ${name} already exists in project ${projectId}`);
    return pipelineJson(store.createPipeline(projectId, name, input?.pipelineType ?? 'MANAGED', input?.settings ?? {}));
  });

  route(app, 'PUT', '/api/v1/pipelines', ({ query, body }) => {
    const check = new Checker();
    const project = scopedProject(store, check, query);
    const input = readPipelineCreate(check, body);
    check.done();
    const { id: projectId } = project();
    const name = input?.name as string;
    const existing = store.pipelineByName(projectId, name);
    if (existing) return pipelineJson(store.updatePipeline(existing, { pipelineType: input?.pipelineType, settings: input?.settings }));
    return pipelineJson(store.createPipeline(projectId, name, input?.pipelineType ?? 'MANAGED', input?.settings ?? {}));
  });

  route(app, 'GET', '/api/v1/pipelines/:pipeline_id', ({ params }) => {
    const check = new Checker();
    const pipeline = pathPipeline(store, check, params);
    check.done();
    return pipelineJson(pipeline());
  });

  route(app, 'PUT', '/api/v1/pipelines/:pipeline_id', ({ params, body }) => {
    const check = new Checker();
    const found = pathPipeline(store, check, params);
    const input = readPipelineUpdate(check, body);
    check.done();
    const pipeline = found();
    if (input?.name !== undefined && input.name !== pipeline.name && store.pipelineByName(pipeline.projectId, input.name)) {
      throw conflict(`Pipeline with name ${input.name} already exists in project ${pipeline.projectId}`);
    }
    return pipelineJson(store.updatePipeline(pipeline, { name: input?.name, settings: input?.settings }));
  });

  route(app, 'DELETE', '/api/v1/pipelines/:pipeline_id', ({ params, reply }) => {
    const check = new Checker();
    const pipeline = pathPipeline(store, check, params);
    check.done();
    store.deletePipeline(pipeline());
    reply.code(204);
    return undefined;
  });

  route(app, 'GET', '/api/v1/pipelines/:pipeline_id/status', ({ params }) => {
    const check = new Checker();
    const found = pathPipeline(store, check, params);
    check.done();
    const pipeline = found();
    const { status, effectiveAt, errors } = store.pipelineStatus(pipeline);
    const latest = [...pipeline.documents.values()].sort((a, b) => b.writtenAt.getTime() - a.writtenAt.getTime())[0];
    return statusJson(status, effectiveAt, latest?.jobId ?? null, errors);
  });
}
