/**
 * Pipeline documents: batch create (POST) and upsert (PUT), the plain and the paginated list (skip/limit), one
 * document, its deletion and its ingestion status.
 */
import type { FastifyInstance } from 'fastify';
import { Query, RouteDeps, route } from '../http/context';
import { conflict, notFound } from '../http/errors';
import { Checker } from '../http/validation';
import { Pipeline, StoredDocument } from '../store/model';
import { Store } from '../store/store';
import { readDocuments } from './document-input';
import { pathPipeline } from './lookup';
import { documentJson, statusJson } from './serialize';

/** The spec's default page size of both document lists. */
const DEFAULT_LIMIT = 10;

export function registerDocumentRoutes(app: FastifyInstance, { store }: RouteDeps): void {
  const base = '/api/v1/pipelines/:pipeline_id/documents';

  route(app, 'POST', base, ({ params, body }) => {
    const check = new Checker();
    const found = pathPipeline(store, check, params);
    const documents = readDocuments(check, body);
    check.done();
    const pipeline = found();
    const ids = (documents ?? []).map((document) => document.id).filter((id): id is string => id !== null);
    const taken = ids.find((id, index) => pipeline.documents.has(id) || ids.indexOf(id) !== index);
    // Creation does not replace: an id that exists (or comes twice) is a conflict; PUT is the upsert.
    if (taken !== undefined) throw conflict(`Document with id ${taken} already exists in pipeline ${pipeline.id}`);
    return store.writeDocuments(pipeline, documents ?? []).map(documentJson);
  });

  route(app, 'PUT', base, ({ params, body }) => {
    const check = new Checker();
    const found = pathPipeline(store, check, params);
    const documents = readDocuments(check, body);
    check.done();
    return store.writeDocuments(found(), documents ?? []).map(documentJson);
  });

  route(app, 'GET', base, ({ params, query }) => {
    const { pipeline, skip, limit, fileId } = listRequest(store, params, query);
    return page(pipeline, skip, limit, fileId).map(documentJson);
  });

  route(app, 'GET', `${base}/paginated`, ({ params, query }) => {
    const { pipeline, skip, limit, fileId } = listRequest(store, params, query);
    const documents = page(pipeline, skip, limit, fileId);
    return { documents: documents.map(documentJson), limit, offset: skip, total_count: fileId === undefined ? pipeline.documents.size : 0 };
  });

  route(app, 'GET', `${base}/:document_id`, ({ params }) => documentJson(pathDocument(store, params).document));

  route(app, 'DELETE', `${base}/:document_id`, ({ params, reply }) => {
    const { pipeline, document } = pathDocument(store, params);
    store.deleteDocument(pipeline, document.id);
    reply.code(204);
    return undefined;
  });

  route(app, 'GET', `${base}/:document_id/status`, ({ params }) => {
    const { document } = pathDocument(store, params);
    const { status, effectiveAt, message } = store.documentStatus(document);
    const errors = status === 'ERROR' ? [{ jobId: document.jobId, message: message ?? `Document ${document.id} failed to ingest` }] : [];
    return statusJson(status, effectiveAt, document.jobId, errors);
  });
}

function listRequest(store: Store, params: Record<string, string>, query: Query) {
  const check = new Checker();
  const found = pathPipeline(store, check, params);
  const skip = check.queryInt(query, 'skip', 0, 0);
  const limit = check.queryInt(query, 'limit', DEFAULT_LIMIT, 0);
  const fileId = check.queryUuid(query, 'file_id');
  check.queryBool(query, 'only_direct_upload');
  check.queryBool(query, 'only_api_data_source_documents');
  check.done();
  return { pipeline: found(), skip, limit, fileId };
}

/** Documents in the order first written. Every document here came through the API, so none belongs to a file. */
function page(pipeline: Pipeline, skip: number, limit: number, fileId: string | undefined): StoredDocument[] {
  if (fileId !== undefined) return [];
  return [...pipeline.documents.values()].slice(skip, skip + limit);
}

function pathDocument(store: Store, params: Record<string, string>): { pipeline: Pipeline; document: StoredDocument } {
  const check = new Checker();
  const found = pathPipeline(store, check, params);
  check.done();
  const pipeline = found();
  // The ASGI server decodes %2F before Starlette routes, so an id with a slash is a path with one more segment,
  // which no route matches: such a document can be written in a body but never read or deleted by id.
  if (params.document_id.includes('/')) throw notFound('Not Found');
  const document = pipeline.documents.get(params.document_id);
  if (!document) throw notFound('Document not found');
  return { pipeline, document };
}
