/** What the emulator keeps: one organization, its projects, their pipelines and each pipeline's documents. */

/** Ingestion states of the spec's `ManagedIngestionStatus`. */
export type IngestionStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'SUCCESS' | 'ERROR' | 'PARTIAL_SUCCESS' | 'CANCELLED';

export type PipelineType = 'PLAYGROUND' | 'MANAGED';

export interface Organization {
  id: string;
  name: string;
}

export interface Project {
  id: string;
  name: string;
  organizationId: string;
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Pipeline settings a client may send; kept as sent and echoed back. */
export interface PipelineSettings {
  embedding_config?: Record<string, unknown> | null;
  transform_config?: Record<string, unknown> | null;
  preset_retrieval_parameters?: Record<string, unknown>;
  eval_parameters?: Record<string, unknown>;
  llama_parse_parameters?: Record<string, unknown> | null;
  metadata_config?: Record<string, unknown> | null;
  data_sink_id?: string | null;
  embedding_model_config_id?: string | null;
  managed_pipeline_id?: string | null;
}

export interface Pipeline {
  id: string;
  name: string;
  projectId: string;
  pipelineType: PipelineType;
  settings: PipelineSettings;
  createdAt: Date;
  updatedAt: Date;
  /** Documents by id, in the order they were first written. */
  documents: Map<string, StoredDocument>;
}

/** A document as the pipeline stores it (the spec's CloudDocument) plus its ingestion state. */
export interface StoredDocument {
  id: string;
  text: string;
  metadata: Record<string, unknown>;
  excluded_embed_metadata_keys: string[];
  excluded_llm_metadata_keys: string[];
  page_positions: number[] | null;
  /** When it was last written: ingestion counts from here. */
  writtenAt: Date;
  /** Set by `control.setDocumentStatus()`; otherwise the status follows from `writtenAt` and the ingestion delay. */
  forcedStatus: { status: IngestionStatus; message?: string } | null;
  /** The id of the (emulated) ingestion job of the last write. */
  jobId: string;
}

/** A document as a client sends it (the spec's CloudDocumentCreate), after validation. */
export interface DocumentInput {
  id: string | null;
  text: string;
  metadata: Record<string, unknown>;
  excluded_embed_metadata_keys: string[];
  excluded_llm_metadata_keys: string[];
  page_positions: number[] | null;
}
