/**
 * LlamaCloud as a destination, through the official `@llamaindex/llama-cloud` SDK: find the project (by id or
 * name) and the pipeline (by name, created when missing), upsert chunks as documents with our stable ids in batches
 * (halved on 413), delete gone ones (404 = already gone). The SDK retries 429 and 5xx itself, honouring Retry-After.
 */
import LlamaCloud from '@llamaindex/llama-cloud';
import type { Chunk, ChunkMetadata } from '../documents/chunker';
import type { Sink } from './sink';

/** US endpoint (the SDK's default); the EU one is `https://api.cloud.eu.llamaindex.ai`. */
export const LLAMA_CLOUD_US_URL = 'https://api.cloud.llamaindex.ai';
export const LLAMA_CLOUD_EU_URL = 'https://api.cloud.eu.llamaindex.ai';

/** Metadata the embedding should not see: ids, URLs, counters and dates add noise to vectors. */
export const EXCLUDED_EMBED_METADATA_KEYS: ReadonlyArray<keyof ChunkMetadata> = ['source', 'site', 'page_id', 'url', 'version', 'created_at', 'updated_at', 'chunk_index', 'chunk_count', 'space_key'];
/** Metadata the LLM does not need in its context (it keeps title, URL, space, people, dates and headings). */
export const EXCLUDED_LLM_METADATA_KEYS: ReadonlyArray<keyof ChunkMetadata> = ['source', 'site', 'page_id', 'version', 'chunk_index', 'chunk_count'];

/** Settings of the LlamaCloud sink (from `LLAMA_CLOUD_*` variables or an index's destination config). */
export interface LlamaCloudSinkOptions {
  apiKey: string;
  /** @default LLAMA_CLOUD_US_URL */
  baseUrl?: string;
  /** Either the project id or its name. @default name 'Default' */
  projectId?: string;
  projectName?: string;
  pipelineName: string;
  /** Documents per upsert request (halved on 413). @default 50 */
  batchSize?: number;
  /** Retries of 429, 5xx and connection errors (by the SDK). @default 5 */
  maxRetries?: number;
  /** Per request. @default 60_000 */
  timeoutMs?: number;
  /** Deletes in flight at once (the API deletes one document per request). @default 4 */
  deleteConcurrency?: number;
  fetch?: typeof fetch;
}

type Document = { id: string; text: string; metadata: Record<string, unknown>; excluded_embed_metadata_keys: string[]; excluded_llm_metadata_keys: string[] };

/** The LlamaCloud sink of one index. Call `open()` once before writing. */
export class LlamaCloudSink implements Sink {
  readonly kind = 'llamacloud';
  private readonly client: LlamaCloud;
  private pipelineId?: string;
  private projectId?: string;

  constructor(private readonly options: LlamaCloudSinkOptions) {
    if (!options.apiKey) throw new Error('LLAMA_CLOUD_API_KEY: required for the llamacloud destination');
    if (!options.pipelineName) throw new Error('pipeline name: required for the llamacloud destination');
    this.client = new LlamaCloud({
      apiKey: options.apiKey,
      baseURL: options.baseUrl ?? LLAMA_CLOUD_US_URL,
      maxRetries: options.maxRetries ?? 5,
      timeout: options.timeoutMs ?? 60_000,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  /** Finds the project and finds or creates the pipeline. */
  async open(signal?: AbortSignal): Promise<{ projectId: string; pipelineId: string }> {
    if (this.pipelineId && this.projectId) return { projectId: this.projectId, pipelineId: this.pipelineId };
    const projectId = this.options.projectId ?? (await this.findProject(this.options.projectName ?? 'Default', signal));
    const existing = await this.request('find the pipeline', signal, async (s) => await this.client.pipelines.listPaginated({ project_id: projectId, name: this.options.pipelineName }, { signal: s }));
    const found = existing.items?.find((p) => p.name === this.options.pipelineName);
    const pipeline = found ?? (await this.request('create the pipeline', signal, (s) => this.client.pipelines.upsert({ project_id: projectId, name: this.options.pipelineName, pipeline_type: 'MANAGED' }, { signal: s })));
    this.projectId = projectId;
    this.pipelineId = pipeline.id;
    return { projectId, pipelineId: pipeline.id };
  }

  async upsert(chunks: readonly Chunk[], signal?: AbortSignal): Promise<void> {
    const { pipelineId } = await this.open(signal);
    const documents = chunks.map(toDocument);
    let size = this.options.batchSize ?? 50;
    for (let i = 0; i < documents.length; ) {
      const batch = documents.slice(i, i + size);
      try {
        await this.request('upsert documents', signal, (s) => this.client.pipelines.documents.upsert(pipelineId, { body: batch }, { signal: s }));
        i += batch.length;
      } catch (error) {
        if (statusOf(error) === 413 && batch.length > 1) {
          size = Math.max(1, Math.floor(batch.length / 2));
          continue;
        }
        throw error;
      }
    }
  }

  async delete(ids: readonly string[], signal?: AbortSignal): Promise<void> {
    const { pipelineId } = await this.open(signal);
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++];
        try {
          await this.request('delete a document', signal, (s) => this.client.pipelines.documents.delete(id, { pipeline_id: pipelineId }, { signal: s }));
        } catch (error) {
          if (statusOf(error) !== 404) throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.deleteConcurrency ?? 4, ids.length) }, worker));
  }

  private async findProject(name: string, signal?: AbortSignal): Promise<string> {
    const projects = await this.request('find the project', signal, (s) => this.client.projects.list({ project_name: name }, { signal: s }));
    const project = projects.find((p) => p.name === name);
    if (!project) throw new Error(`LLAMA_CLOUD_PROJECT_NAME: no LlamaCloud project named "${name}" (set LLAMA_CLOUD_PROJECT_ID or create the project)`);
    return project.id;
  }

  /**
   * One SDK call under its own signal that follows `signal`. The SDK adds an abort listener to the signal of every
   * request and never removes it: a run's signal handed down as is would collect one per request (and Node warns
   * of a leak past ten). Failures become one-line `sinkError`s that keep the HTTP status.
   */
  private async request<T>(action: string, signal: AbortSignal | undefined, send: (signal?: AbortSignal) => Promise<T>): Promise<T> {
    const own = signal ? new AbortController() : undefined;
    const forward = () => own?.abort(signal?.reason);
    if (signal?.aborted) forward();
    else signal?.addEventListener('abort', forward, { once: true });
    try {
      return await send(own?.signal);
    } catch (error) {
      throw sinkError(action, error, signal);
    } finally {
      signal?.removeEventListener('abort', forward);
    }
  }
}

function toDocument(chunk: Chunk): Document {
  return {
    id: chunk.id,
    text: chunk.text,
    metadata: { ...chunk.metadata },
    // Embedding keys go in the embed list and LLM keys in the LLM list (llama-cloud-services' helper swaps them).
    excluded_embed_metadata_keys: [...EXCLUDED_EMBED_METADATA_KEYS],
    excluded_llm_metadata_keys: [...EXCLUDED_LLM_METADATA_KEYS],
  };
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * A one-line error without the SDK's request details (which can include headers), keeping the HTTP `status`. A call
 * ended by the caller's signal is an `AbortError` ('cancelled'), whatever the SDK named it.
 */
function sinkError(action: string, error: unknown, signal?: AbortSignal): Error {
  const status = statusOf(error);
  const name = (error as { name?: string } | null)?.name ?? 'Error';
  if (signal?.aborted || name === 'AbortError' || name === 'APIUserAbortError') return Object.assign(new Error('cancelled'), { name: 'AbortError' });
  // The SDK's error is not kept (it may carry request details); its status, or else its name as `code`, is what a
  // retry decision needs (an `APIConnectionError` is worth a retry, a 401 is not).
  return Object.assign(new Error(`LlamaCloud: could not ${action}${status ? ` (HTTP ${status})` : ` (${name})`}`), status ? { status } : { code: name });
}
