/**
 * JSON shapes of the spec's schemas (Project, Pipeline, CloudDocument, ManagedIngestionStatusResponse), and the
 * v2 pipeline list item that the SDK 2.16 reads. Only fields the spec declares are sent: the contract test closes
 * every object schema, so an invented field fails it.
 */
import { IngestionStatus, Pipeline, Project, StoredDocument } from '../store/model';

/**
 * What a managed pipeline reports when created without an `embedding_config`. The spec's `Pipeline` requires the
 * field and its oneOf has no managed variant (newer SDKs know `MANAGED_OPENAI_EMBEDDING`), so the emulator answers
 * the OpenAI config with the model managed pipelines use.
 */
export const DEFAULT_EMBEDDING_CONFIG = {
  type: 'OPENAI_EMBEDDING',
  component: { model_name: 'text-embedding-3-small', embed_batch_size: 10, num_workers: null, class_name: 'OpenAIEmbedding' },
} as const;

/** LlamaCloud's default chunking for a managed pipeline. */
export const DEFAULT_TRANSFORM_CONFIG = { mode: 'auto', chunk_size: 1024, chunk_overlap: 200 } as const;

export function projectJson(project: Project) {
  return {
    name: project.name,
    id: project.id,
    created_at: project.createdAt.toISOString(),
    updated_at: project.updatedAt.toISOString(),
    ad_hoc_eval_dataset_id: null,
    organization_id: project.organizationId,
    is_default: project.isDefault,
  };
}

export function pipelineJson(pipeline: Pipeline) {
  const settings = pipeline.settings;
  return {
    id: pipeline.id,
    created_at: pipeline.createdAt.toISOString(),
    updated_at: pipeline.updatedAt.toISOString(),
    name: pipeline.name,
    project_id: pipeline.projectId,
    embedding_model_config_id: settings.embedding_model_config_id ?? null,
    pipeline_type: pipeline.pipelineType,
    managed_pipeline_id: settings.managed_pipeline_id ?? null,
    embedding_config: settings.embedding_config ?? DEFAULT_EMBEDDING_CONFIG,
    config_hash: null,
    transform_config: settings.transform_config ?? DEFAULT_TRANSFORM_CONFIG,
    preset_retrieval_parameters: settings.preset_retrieval_parameters ?? {},
    eval_parameters: settings.eval_parameters ?? {},
    llama_parse_parameters: settings.llama_parse_parameters ?? null,
    data_sink: null,
    status: 'CREATED',
    metadata_config: settings.metadata_config ?? null,
  };
}

/** An item of `GET /api/v2/pipelines` (not in the spec; shape from the SDK's `PipelineListPaginatedResponse`). */
export function pipelineSummaryJson(pipeline: Pipeline) {
  return {
    id: pipeline.id,
    name: pipeline.name,
    pipeline_type: pipeline.pipelineType,
    project_id: pipeline.projectId,
    created_at: pipeline.createdAt.toISOString(),
    updated_at: pipeline.updatedAt.toISOString(),
    status: 'CREATED',
  };
}

export function documentJson(document: StoredDocument) {
  return {
    text: document.text,
    metadata: document.metadata,
    excluded_embed_metadata_keys: document.excluded_embed_metadata_keys,
    excluded_llm_metadata_keys: document.excluded_llm_metadata_keys,
    page_positions: document.page_positions,
    id: document.id,
  };
}

/** ManagedIngestionStatusResponse; `errors` become IngestionErrorResponse entries of the ingestion step. */
export function statusJson(status: IngestionStatus, effectiveAt: Date | null, jobId: string | null, errors: Array<{ jobId: string; message: string }> = []) {
  return {
    job_id: jobId,
    deployment_date: null,
    status,
    error: errors.length ? errors.map((error) => ({ job_id: error.jobId, message: error.message, step: 'MANAGED_INGESTION' })) : null,
    effective_at: effectiveAt ? effectiveAt.toISOString() : null,
  };
}
