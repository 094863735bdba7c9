/**
 * Run-time control of a running emulator, for tests and benchmarks: read what the pipelines store, switch faults
 * and limits, read the request log, and start over.
 */
import { Faults, InjectedFault } from './http/faults';
import { LoggedRequest, RequestLog } from './http/request-log';
import { IngestionStatus, Pipeline, StoredDocument } from './store/model';
import { Store } from './store/store';

/** A stored document as a test sees it: the spec's CloudDocument fields plus its ingestion status now. */
export interface StoredDocumentView {
  id: string;
  text: string;
  metadata: Record<string, unknown>;
  excluded_embed_metadata_keys: string[];
  excluded_llm_metadata_keys: string[];
  page_positions: number[] | null;
  status: IngestionStatus;
}

export interface PipelineView {
  id: string;
  name: string;
  projectId: string;
  projectName: string;
  pipelineType: 'PLAYGROUND' | 'MANAGED';
  documentCount: number;
}

export interface ProjectView {
  id: string;
  name: string;
  organizationId: string;
  isDefault: boolean;
}

/** Limits and keys that `reset()` restores. */
export interface Limits {
  maxBodyBytes: number;
  apiKeys: Set<string>;
}

export interface LlamaCloudEmulatorControl {
  readonly url: string;
  readonly organizationId: string;
  /** The id of the default project (the first of `options.projects`). */
  readonly defaultProjectId: string;

  /**
   * The documents a pipeline stores, in the order first written. `pipeline` is its id or its name (a name that
   * several projects use must be given as an id). Copies: changing them changes nothing in the emulator.
   */
  documents(pipeline: string): StoredDocumentView[];
  /** One stored document, or `undefined`. */
  document(pipeline: string, documentId: string): StoredDocumentView | undefined;
  pipelines(): PipelineView[];
  projects(): ProjectView[];
  addProject(name: string): ProjectView;

  /** Force a document's ingestion status (e.g. `ERROR` with a message); `null` goes back to the timed status. */
  setDocumentStatus(pipeline: string, documentId: string, status: IngestionStatus | null, message?: string): void;
  /** How long documents report `IN_PROGRESS` after a write, for writes from now on and those in flight. */
  setIngestionDelay(ms: number): void;
  /** Request bodies above this many bytes are answered 413. */
  setMaxBodyBytes(bytes: number): void;
  /** Replace the accepted API keys (e.g. to revoke one mid-run). */
  setApiKeys(keys: string[]): void;

  setLatency(ms: number, jitterMs?: number): void;
  /** Fraction (0..1) of requests answered 500 or 503 with `Retry-After: 1`. */
  setErrorRate(rate: number): void;
  /** Fraction (0..1) of requests whose connection is reset. */
  setResetRate(rate: number): void;
  injectFault(fault: InjectedFault): void;
  /** Injected faults not used up yet (counting `times`). */
  pendingFaults(): number;
  /** Back to a well-behaved server: no latency, error or reset rates, or injected faults. */
  clearFaults(): void;

  /** Requests answered so far (oldest first), optionally only those whose route template includes `route`. */
  requests(route?: string): readonly LoggedRequest[];
  clearLog(): void;
  /** Every route served, as `METHOD /template` (fastify syntax, e.g. `GET /api/v1/pipelines/:pipeline_id`). */
  routes(): readonly string[];

  /** Start over: seeded projects only, empty log, no faults, and the limits, keys and delay of the options. */
  reset(): void;
}

export function createControl(deps: {
  store: Store;
  faults: Faults;
  log: RequestLog;
  limits: Limits;
  initial: { maxBodyBytes: number; apiKeys: readonly string[]; ingestionDelayMs: number };
  routes: readonly string[];
  url: string;
}): LlamaCloudEmulatorControl {
  const { store, faults, log, limits } = deps;

  const pipeline = (idOrName: string): Pipeline => {
    const byId = store.pipelines.get(idOrName);
    if (byId) return byId;
    const named = [...store.pipelines.values()].filter((candidate) => candidate.name === idOrName);
    if (named.length > 1) throw new Error(`control: pipeline name '${idOrName}' is used in ${named.length} projects; pass the pipeline id`);
    if (!named[0]) throw new Error(`control: no pipeline with id or name '${idOrName}'`);
    return named[0];
  };
  const view = (document: StoredDocument): StoredDocumentView => ({
    ...structuredClone({
      id: document.id,
      text: document.text,
      metadata: document.metadata,
      excluded_embed_metadata_keys: document.excluded_embed_metadata_keys,
      excluded_llm_metadata_keys: document.excluded_llm_metadata_keys,
      page_positions: document.page_positions,
    }),
    status: store.documentStatus(document).status,
  });
  const projectView = (project: { id: string; name: string; organizationId: string; isDefault: boolean }): ProjectView => ({
    id: project.id,
    name: project.name,
    organizationId: project.organizationId,
    isDefault: project.isDefault,
  });
  const wholeNumber = (name: string, value: number, minimum: number) => {
    if (!Number.isInteger(value) || value < minimum) throw new Error(`control: ${name} must be a whole number >= ${minimum}`);
  };
  const fraction = (name: string, value: number) => {
    if (!(value >= 0 && value <= 1)) throw new Error(`control: ${name} must be a number from 0 to 1`);
  };

  return {
    url: deps.url,
    organizationId: store.organization.id,
    defaultProjectId: store.defaultProject().id,

    documents: (idOrName) => [...pipeline(idOrName).documents.values()].map(view),
    document(idOrName, documentId) {
      const found = pipeline(idOrName).documents.get(documentId);
      return found && view(found);
    },
    pipelines: () =>
      [...store.pipelines.values()].map((p) => ({
        id: p.id,
        name: p.name,
        projectId: p.projectId,
        projectName: store.projects.get(p.projectId)?.name ?? '',
        pipelineType: p.pipelineType,
        documentCount: p.documents.size,
      })),
    projects: () => [...store.projects.values()].map(projectView),
    addProject(name) {
      if (typeof name !== 'string' || name.length < 1 || name.length > 3000) throw new Error('control: a project name has 1 to 3000 characters');
      if (store.projectByName(name)) throw new Error(`control: a project named '${name}' exists already`);
      return projectView(store.addProject(name));
    },

    setDocumentStatus(idOrName, documentId, status, message) {
      const document = pipeline(idOrName).documents.get(documentId);
      if (!document) throw new Error(`control: pipeline '${idOrName}' has no document '${documentId}'`);
      document.forcedStatus = status === null ? null : { status, message };
    },
    setIngestionDelay(ms) {
      wholeNumber('ingestion delay', ms, 0);
      store.ingestionDelayMs = ms;
    },
    setMaxBodyBytes(bytes) {
      wholeNumber('maxBodyBytes', bytes, 1);
      limits.maxBodyBytes = bytes;
    },
    setApiKeys(keys) {
      if (!Array.isArray(keys) || keys.length === 0 || keys.some((key) => typeof key !== 'string' || key.trim() === '' || /\s/.test(key))) {
        throw new Error('control: apiKeys must be at least one non-empty string without spaces');
      }
      limits.apiKeys = new Set(keys);
    },

    setLatency(ms, jitterMs = 0) {
      wholeNumber('latency', ms, 0);
      wholeNumber('jitter', jitterMs, 0);
      faults.latencyMs = ms;
      faults.jitterMs = jitterMs;
    },
    setErrorRate(rate) {
      fraction('error rate', rate);
      faults.errorRate = rate;
    },
    setResetRate(rate) {
      fraction('reset rate', rate);
      faults.resetRate = rate;
    },
    injectFault: (fault) => faults.inject(fault),
    pendingFaults: () => faults.pending(),
    clearFaults: () => faults.clear(),

    requests: (route) => (route === undefined ? log.all() : log.all().filter((entry) => entry.route.includes(route))),
    clearLog: () => log.clear(),
    routes: () => deps.routes,

    reset() {
      store.reset();
      log.clear();
      faults.clear();
      limits.maxBodyBytes = deps.initial.maxBodyBytes;
      limits.apiKeys = new Set(deps.initial.apiKeys);
      store.ingestionDelayMs = deps.initial.ingestionDelayMs;
    },
  };
}
