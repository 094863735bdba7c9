/**
 * The emulator's state, in memory. Routes and `control` both go through it; nothing here knows about HTTP, so an
 * unknown id is `undefined` and the route decides the status.
 */
import { randomUUID } from 'node:crypto';
import { DocumentInput, IngestionStatus, Organization, Pipeline, PipelineSettings, PipelineType, Project, StoredDocument } from './model';

/** Fixed ids, so that a test or a README can name the seeded organization and default project. */
export const DEFAULT_ORGANIZATION_ID = '00000000-0000-4000-8000-000000000001';
export const DEFAULT_PROJECT_ID = '00000000-0000-4000-8000-000000000002';

export class Store {
  readonly organization: Organization = { id: DEFAULT_ORGANIZATION_ID, name: 'Default Organization' };
  readonly projects = new Map<string, Project>();
  readonly pipelines = new Map<string, Pipeline>();
  ingestionDelayMs: number;

  constructor(
    private readonly projectNames: readonly string[],
    ingestionDelayMs: number,
    readonly now: () => Date,
  ) {
    this.ingestionDelayMs = ingestionDelayMs;
    this.seed();
  }

  /** Back to the seeded projects, with no pipelines or documents. */
  reset(): void {
    this.projects.clear();
    this.pipelines.clear();
    this.seed();
  }

  private seed(): void {
    this.projectNames.forEach((name, index) => this.addProject(name, index === 0 ? DEFAULT_PROJECT_ID : undefined));
  }

  addProject(name: string, id: string = randomUUID()): Project {
    const at = this.now();
    const project: Project = { id, name, organizationId: this.organization.id, isDefault: this.projects.size === 0, createdAt: at, updatedAt: at };
    this.projects.set(id, project);
    return project;
  }

  defaultProject(): Project {
    const found = [...this.projects.values()].find((project) => project.isDefault);
    if (!found) throw new Error('store: no default project');
    return found;
  }

  projectByName(name: string): Project | undefined {
    return [...this.projects.values()].find((project) => project.name === name);
  }

  /** Pipelines of a project (or of every project), oldest first. */
  pipelinesOf(projectId?: string): Pipeline[] {
    return [...this.pipelines.values()].filter((pipeline) => projectId === undefined || pipeline.projectId === projectId);
  }

  pipelineByName(projectId: string, name: string): Pipeline | undefined {
    return this.pipelinesOf(projectId).find((pipeline) => pipeline.name === name);
  }

  createPipeline(projectId: string, name: string, pipelineType: PipelineType, settings: PipelineSettings): Pipeline {
    const at = this.now();
    const pipeline: Pipeline = { id: randomUUID(), name, projectId, pipelineType, settings, createdAt: at, updatedAt: at, documents: new Map() };
    this.pipelines.set(pipeline.id, pipeline);
    return pipeline;
  }

  /** Change a pipeline's name or settings; only the settings present in `change` are replaced. */
  updatePipeline(pipeline: Pipeline, change: { name?: string; pipelineType?: PipelineType; settings?: PipelineSettings }): Pipeline {
    if (change.name !== undefined) pipeline.name = change.name;
    if (change.pipelineType !== undefined) pipeline.pipelineType = change.pipelineType;
    if (change.settings) pipeline.settings = { ...pipeline.settings, ...change.settings };
    pipeline.updatedAt = this.now();
    return pipeline;
  }

  deletePipeline(pipeline: Pipeline): void {
    this.pipelines.delete(pipeline.id);
  }

  /**
   * Write documents: an existing id is replaced whole (as the real upsert does: fields not sent fall back to their
   * defaults, they are not merged), a new or missing id is added. Returns the stored documents in input order.
   */
  writeDocuments(pipeline: Pipeline, inputs: readonly DocumentInput[]): StoredDocument[] {
    const at = this.now();
    const jobId = randomUUID();
    return inputs.map((input) => {
      const id = input.id ?? randomUUID();
      const document: StoredDocument = {
        id,
        text: input.text,
        metadata: input.metadata,
        excluded_embed_metadata_keys: input.excluded_embed_metadata_keys,
        excluded_llm_metadata_keys: input.excluded_llm_metadata_keys,
        page_positions: input.page_positions,
        writtenAt: at,
        forcedStatus: null,
        jobId,
      };
      pipeline.documents.set(id, document);
      return document;
    });
  }

  deleteDocument(pipeline: Pipeline, id: string): boolean {
    return pipeline.documents.delete(id);
  }

  /** A document's ingestion status: forced by control, or IN_PROGRESS until the ingestion delay has passed. */
  documentStatus(document: StoredDocument): { status: IngestionStatus; effectiveAt: Date; message?: string } {
    if (document.forcedStatus) return { ...document.forcedStatus, effectiveAt: document.writtenAt };
    const doneAt = new Date(document.writtenAt.getTime() + this.ingestionDelayMs);
    return this.now() < doneAt ? { status: 'IN_PROGRESS', effectiveAt: document.writtenAt } : { status: 'SUCCESS', effectiveAt: doneAt };
  }

  /**
   * A pipeline's status from its documents: NOT_STARTED when empty, IN_PROGRESS while any is, ERROR when all that
   * finished failed, PARTIAL_SUCCESS when some failed.
   */
  pipelineStatus(pipeline: Pipeline): { status: IngestionStatus; effectiveAt: Date | null; errors: Array<{ jobId: string; message: string }> } {
    const statuses = [...pipeline.documents.values()].map((document) => ({ document, ...this.documentStatus(document) }));
    if (statuses.length === 0) return { status: 'NOT_STARTED', effectiveAt: null, errors: [] };
    const effectiveAt = new Date(Math.max(...statuses.map((entry) => entry.effectiveAt.getTime())));
    const failed = statuses.filter((entry) => entry.status === 'ERROR');
    const errors = failed.map((entry) => ({ jobId: entry.document.jobId, message: entry.message ?? `Document ${entry.document.id} failed to ingest` }));
    if (statuses.some((entry) => entry.status === 'IN_PROGRESS')) return { status: 'IN_PROGRESS', effectiveAt, errors };
    if (failed.length === statuses.length) return { status: 'ERROR', effectiveAt, errors };
    if (failed.length > 0) return { status: 'PARTIAL_SUCCESS', effectiveAt, errors };
    return { status: 'SUCCESS', effectiveAt, errors };
  }
}
