/**
 * The LlamaCloud sink through the official SDK against the LlamaCloud emulator over a real socket: project and
 * pipeline lookup, batches, 413 halving, retries, deletes, the metadata exclusion lists as stored; then whole sync
 * runs into it that converge exactly (the emulator's documents = what alice can read).
 */
import { FLAVORS } from '@confluence-mcp/confluence-client/testing';
import { getEventListeners } from 'node:events';
import { DEFAULT_API_KEY, RunningLlamaCloudEmulator, startLlamaCloudEmulator } from '@confluence-mcp/llamacloud-emulator';
import { Chunk, chunkId } from '../documents/chunker';
import { cloudChunks, expectConverged } from '../testing/converged';
import { seededRandom } from '../testing/random';
import { SyncWorld, syncWorld } from '../testing/sync-world';
import { changeWorld } from '../testing/world-changes';
import { SyncFailedError } from '../sync/progress';
import { runSync } from '../sync/runner';
import { LlamaCloudSink, LlamaCloudSinkOptions } from './llamacloud-sink';

let emulator: RunningLlamaCloudEmulator;
beforeAll(async () => {
  emulator = await startLlamaCloudEmulator({ projects: ['Default', 'Team'] });
});
afterEach(() => emulator.control.reset());
afterAll(() => emulator.close());

const sinkFor = (options: Partial<LlamaCloudSinkOptions> = {}) => new LlamaCloudSink({ apiKey: DEFAULT_API_KEY, baseUrl: emulator.url, pipelineName: 'confluence', ...options });
const requests = (method: string, route: string) => emulator.control.requests(route).filter((r) => r.method === method);
const DOCUMENTS = '/documents';

/** `count` chunks of page `pageId`, each about `size` characters. */
function chunks(pageId: string, count: number, size = 300): Chunk[] {
  return Array.from({ length: count }, (_, n) => ({
    id: chunkId('acme.atlassian.net', pageId, n),
    pageId,
    text: `Chunk ${n} of page ${pageId}. ${'lorem ipsum '.repeat(Math.ceil(size / 12))}`.slice(0, size),
    headingPath: ['Intro'],
    metadata: {
      source: 'confluence',
      site: 'acme.atlassian.net',
      space_key: 'ENG',
      space_name: 'Engineering',
      page_id: pageId,
      title: `Page ${pageId}`,
      url: `https://acme.atlassian.net/wiki/spaces/ENG/pages/${pageId}`,
      ancestors: ['Home'],
      labels: ['howto'],
      version: 2,
      created_at: '2024-01-01T00:00:00.000Z',
      updated_at: '2024-02-01T00:00:00.000Z',
      author: 'Alice',
      updated_by: 'Bob',
      heading_path: 'Intro',
      chunk_index: n,
      chunk_count: count,
    },
  }));
}

describe('LlamaCloudSink: project and pipeline', () => {
  it('finds the project by name, creates the pipeline there once, and a new sink reuses it', async () => {
    const first = await sinkFor({ projectName: 'Team' }).open();
    const second = await sinkFor({ projectName: 'Team' }).open();
    expect(second).toEqual(first);
    const team = emulator.control.projects().find((p) => p.name === 'Team');
    expect(emulator.control.pipelines()).toEqual([expect.objectContaining({ id: first.pipelineId, name: 'confluence', projectId: team?.id, pipelineType: 'MANAGED' })]);
    expect(first.projectId).toBe(team?.id);
    // One creation; the second sink found it.
    expect(emulator.control.requests().filter((r) => r.route.endsWith('/pipelines') && (r.method === 'PUT' || r.method === 'POST'))).toHaveLength(1);
  });

  it('takes the project by id without looking it up, and uses the Default project when given neither', async () => {
    const byId = await sinkFor({ projectId: emulator.control.defaultProjectId, pipelineName: 'by-id' }).open();
    expect(byId.projectId).toBe(emulator.control.defaultProjectId);
    expect(requests('GET', '/projects')).toEqual([]);
    const byDefault = await sinkFor({ pipelineName: 'by-default' }).open();
    expect(byDefault.projectId).toBe(emulator.control.defaultProjectId);
  });

  it('names LLAMA_CLOUD_PROJECT_NAME when no project has that name, and the required settings when missing', async () => {
    await expect(sinkFor({ projectName: 'Nope' }).open()).rejects.toThrow('LLAMA_CLOUD_PROJECT_NAME: no LlamaCloud project named "Nope"');
    expect(() => sinkFor({ apiKey: '' })).toThrow(/^LLAMA_CLOUD_API_KEY: /);
    expect(() => sinkFor({ pipelineName: '' })).toThrow(/^pipeline name: /);
  });

  it('a refused API key fails without the key in the message', async () => {
    const error = (await sinkFor({ apiKey: 'llx-wrong-key-0123', maxRetries: 0 })
      .upsert(chunks('1', 1))
      .then(
        () => undefined,
        (caught: unknown) => caught,
      )) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/401/);
    expect(error.message).not.toContain('llx-wrong-key-0123');
  });
});

describe('LlamaCloudSink: writing', () => {
  it('upserts in batches, storing text, metadata and ids as given', async () => {
    const written = chunks('7', 7);
    await sinkFor({ batchSize: 3 }).upsert(written);
    expect(requests('PUT', DOCUMENTS).map((r) => r.status)).toEqual([200, 200, 200]);
    const stored = emulator.control.documents('confluence');
    expect(stored.map((d) => d.id)).toEqual(written.map((c) => c.id));
    expect(stored.map(({ text, metadata }) => ({ text, metadata }))).toEqual(written.map(({ text, metadata }) => ({ text, metadata })));
  });

  it('stores the embedding and LLM exclusion lists each in its own field (not swapped)', async () => {
    await sinkFor().upsert(chunks('8', 1));
    const [stored] = emulator.control.documents('confluence');
    expect(stored.excluded_embed_metadata_keys).toEqual(['source', 'site', 'page_id', 'url', 'version', 'created_at', 'updated_at', 'chunk_index', 'chunk_count', 'space_key']);
    expect(stored.excluded_llm_metadata_keys).toEqual(['source', 'site', 'page_id', 'version', 'chunk_index', 'chunk_count']);
    // The LLM keeps what it cites: the title, the URL and where the text sits.
    for (const kept of ['title', 'url', 'heading_path', 'space_key', 'updated_at']) expect(stored.excluded_llm_metadata_keys).not.toContain(kept);
  });

  it('halves the batch on 413 until it fits, and stores everything', async () => {
    emulator.control.setMaxBodyBytes(3_000);
    const written = chunks('9', 8, 600);
    await sinkFor({ batchSize: 8 }).upsert(written);
    const statuses = requests('PUT', DOCUMENTS).map((r) => r.status);
    expect(statuses.slice(0, 2)).toEqual([413, 413]);
    expect(statuses.slice(2).every((s) => s === 200)).toBe(true);
    expect(emulator.control.documents('confluence').map((d) => d.id)).toEqual(written.map((c) => c.id));
  });

  it('fails with HTTP 413 when one document alone is too large', async () => {
    emulator.control.setMaxBodyBytes(1_000);
    await expect(sinkFor().upsert(chunks('10', 2, 2_000))).rejects.toThrow('LlamaCloud: could not upsert documents (HTTP 413)');
  });

  it('retries 429 (honouring Retry-After) and 5xx', async () => {
    emulator.control.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 1, match: { method: 'PUT', path: DOCUMENTS } });
    emulator.control.injectFault({ kind: 'status', status: 503, match: { method: 'PUT', path: DOCUMENTS } });
    const started = Date.now();
    await sinkFor().upsert(chunks('11', 3));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(requests('PUT', DOCUMENTS).map((r) => r.status)).toEqual([429, 503, 200]);
    expect(emulator.control.documents('confluence')).toHaveLength(3);
  });

  it('retries connection resets and bare 500s', async () => {
    emulator.control.injectFault({ kind: 'reset', match: { method: 'PUT', path: DOCUMENTS } });
    emulator.control.injectFault({ kind: 'status', status: 500, match: { method: 'PUT', path: DOCUMENTS } });
    await sinkFor().upsert(chunks('11', 3));
    expect(requests('PUT', DOCUMENTS).map((r) => r.status)).toEqual([0, 500, 200]);
    expect(emulator.control.documents('confluence')).toHaveLength(3);
  });

  it('gives up after its retries with a one-line error', async () => {
    emulator.control.injectFault({ kind: 'status', status: 503, times: 3, match: { method: 'PUT', path: DOCUMENTS } });
    await expect(sinkFor({ maxRetries: 1 }).upsert(chunks('12', 1))).rejects.toThrow(/^LlamaCloud: could not upsert documents \(HTTP 503\)$/);
  });
});

describe('LlamaCloudSink: deleting', () => {
  it('deletes documents, and counts a 404 (already gone) as done', async () => {
    const sink = sinkFor();
    const written = chunks('13', 4);
    await sink.upsert(written);
    await sink.delete([written[0].id, 'confluence:acme.atlassian.net:999:0', written[2].id]);
    expect(emulator.control.documents('confluence').map((d) => d.id)).toEqual([written[1].id, written[3].id]);
    expect(requests('DELETE', DOCUMENTS).map((r) => r.status).sort()).toEqual([204, 204, 404]);
  });

  it('retries a delete that met a 5xx, and fails on other errors', async () => {
    const sink = sinkFor();
    const written = chunks('14', 2);
    await sink.upsert(written);
    emulator.control.injectFault({ kind: 'status', status: 502, match: { method: 'DELETE' } });
    await sink.delete([written[0].id]);
    expect(emulator.control.documents('confluence').map((d) => d.id)).toEqual([written[1].id]);
    emulator.control.injectFault({ kind: 'status', status: 403, match: { method: 'DELETE' } });
    await expect(sink.delete([written[1].id])).rejects.toThrow('LlamaCloud: could not delete a document (HTTP 403)');
  });
});

describe('LlamaCloudSink: the caller signal', () => {
  it('leaves no abort listener on it, however many requests a run makes', async () => {
    const controller = new AbortController();
    const sink = sinkFor({ batchSize: 4 });
    const written = chunks('15', 24);
    await sink.upsert(written, controller.signal);
    await sink.delete(written.map((c) => c.id), controller.signal);
    expect(requests('DELETE', DOCUMENTS)).toHaveLength(24);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('cancels the request in flight when it aborts', async () => {
    const controller = new AbortController();
    emulator.control.injectFault({ kind: 'delay', ms: 5_000, match: { method: 'PUT', path: DOCUMENTS } });
    const upsert = sinkFor().upsert(chunks('16', 2), controller.signal);
    setTimeout(() => controller.abort(), 100);
    await expect(upsert).rejects.toMatchObject({ name: 'AbortError', message: 'cancelled' });
  });
});

describe.each(FLAVORS)('sync runs into LlamaCloud (%s)', (flavor) => {
  let world: SyncWorld;
  const pipeline = 'confluence-sync';
  const held = () => cloudChunks(emulator.control.documents(pipeline));
  const sync = (sink = sinkFor({ pipelineName: pipeline })) => runSync({ client: world.client, store: world.store, index: world.index, sink, batchSize: 8 });
  beforeEach(async () => {
    world = await syncWorld(flavor, { pagesPerSpace: 20 });
  });
  afterEach(() => world.close());

  it('a first sync, then an incremental one after changes, each converge exactly', async () => {
    const first = await sync();
    expect(first.status).toBe('succeeded');
    await expectConverged(world, held());
    const firstWrites = requests('PUT', DOCUMENTS).length;

    changeWorld(world, seededRandom(flavor === 'cloud' ? 31 : 32));
    emulator.control.clearLog();
    const second = await sync();
    expect(second).toMatchObject({ status: 'succeeded', new: 1 });
    expect(second.deleted).toBeGreaterThanOrEqual(2);
    await expectConverged(world, held());
    // Only the changed pages were written again.
    expect(requests('PUT', DOCUMENTS).length).toBeLessThan(firstWrites);
  });

  it('an outage after the first batch fails the run, and the rerun converges', async () => {
    // A short outage is ridden out by the SDK's retries.
    emulator.control.injectFault({ kind: 'status', status: 503, times: 2, match: { method: 'PUT', path: DOCUMENTS } });
    expect((await sync()).status).toBe('succeeded');
    expect(requests('PUT', DOCUMENTS).map((r) => r.status)).toContain(503);

    changeWorld(world, seededRandom(flavor === 'cloud' ? 33 : 34), { resize: 6 });
    let down = false;
    const failed = runSync({
      client: world.client,
      store: world.store,
      index: world.index,
      sink: sinkFor({ pipelineName: pipeline, maxRetries: 0 }),
      batchSize: 2,
      checkpoint: (point) => {
        if (point !== 'after-commit' || down) return;
        // A long outage once the first batch is committed: every later write and delete fails.
        down = true;
        emulator.control.injectFault({ kind: 'status', status: 503, times: 1000, match: { path: DOCUMENTS } });
      },
    });
    await expect(failed).rejects.toThrow(SyncFailedError);
    expect(down).toBe(true);
    emulator.control.clearFaults();
    changeWorld(world, seededRandom(35), { resize: 2 });
    expect((await sync()).status).toBe('succeeded');
    await expectConverged(world, held());
  });
});
