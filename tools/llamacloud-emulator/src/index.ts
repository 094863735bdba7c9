/**
 * A local emulator of the LlamaCloud API that a document sink uses: projects, pipelines (create, upsert by name,
 * list) and pipeline documents (upsert, create, list, get, delete, ingestion status), written from LlamaCloud's
 * public OpenAPI spec and checked against it, with bearer auth, faults and a request body limit (413).
 *
 * @example
 * import { LlamaCloud } from '@llamaindex/llama-cloud';
 * const emulator = await startLlamaCloudEmulator();
 * const client = new LlamaCloud({ apiKey: DEFAULT_API_KEY, baseURL: emulator.url, maxRetries: 0 });
 * const pipeline = await client.pipelines.upsert({ name: 'docs', pipeline_type: 'MANAGED' });
 * await client.pipelines.documents.upsert(pipeline.id, { body: [{ id: 'a', text: 'Hello', metadata: {} }] });
 * emulator.control.documents('docs'); // [{ id: 'a', text: 'Hello', ... }]
 * await emulator.close();
 */
export { startLlamaCloudEmulator } from './server';
export type { RunningLlamaCloudEmulator } from './server';
export type { LlamaCloudEmulatorControl, StoredDocumentView, PipelineView, ProjectView } from './control';
export { DEFAULT_API_KEY, DEFAULT_MAX_BODY_BYTES } from './options';
export type { LlamaCloudEmulatorOptions } from './options';
export { DEFAULT_ORGANIZATION_ID, DEFAULT_PROJECT_ID } from './store/store';
export type { IngestionStatus } from './store/model';
export type { InjectedFault, FaultMatch } from './http/faults';
export type { LoggedRequest } from './http/request-log';
