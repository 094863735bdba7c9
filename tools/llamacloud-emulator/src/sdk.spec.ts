/**
 * The emulator driven by the official SDK (`@llamaindex/llama-cloud` 2.16), the way the sync engine's sink will
 * drive it: find the project, find or create the pipeline, upsert documents, list them, poll their status, delete
 * one, and compare with what the emulator stored.
 */
import { ConflictError, LlamaCloud, NotFoundError, UnprocessableEntityError } from '@llamaindex/llama-cloud';
import { RunningLlamaCloudEmulator, startLlamaCloudEmulator } from './server';

let emulator: RunningLlamaCloudEmulator;
let client: LlamaCloud;
/** Moves the emulator's clock ahead, so ingestion delays pass without sleeping. */
let skewMs = 0;
beforeAll(async () => {
  emulator = await startLlamaCloudEmulator({ projects: ['Default', 'Team'], now: () => new Date(Date.now() + skewMs) });
  client = new LlamaCloud({ apiKey: 'llx-emulator', baseURL: emulator.url, maxRetries: 0 });
});
afterEach(() => emulator.control.reset());
afterAll(() => emulator.close());

const pages = [
  { id: 'confluence:ENG:101', text: '# Onboarding\n\nWelcome.', metadata: { title: 'Onboarding', space: 'ENG', version: 4 }, excluded_embed_metadata_keys: ['version'], excluded_llm_metadata_keys: ['version', 'space'] },
  { id: 'confluence:ENG:102', text: '# Runbook\n\nRestart it.', metadata: { title: 'Runbook', space: 'ENG', version: 1 }, excluded_embed_metadata_keys: ['version'], excluded_llm_metadata_keys: [] },
  { id: 'confluence:ENG:103', text: '# FAQ\n\nAsk away.', metadata: { title: 'FAQ', space: 'ENG', version: 9, labels: ['faq'] }, excluded_embed_metadata_keys: [], excluded_llm_metadata_keys: ['labels'] },
];

/** Find the pipeline by name in the project, or create it: what the sink does on start-up. */
async function findOrCreatePipeline(projectId: string, name: string) {
  const page = await client.pipelines.listPaginated({ project_id: projectId, name });
  const found = page.items.find((pipeline) => pipeline.name === name);
  return found ?? (await client.pipelines.upsert({ project_id: projectId, name, pipeline_type: 'MANAGED' }));
}

describe('the official SDK against the emulator', () => {
  it('finds the project, creates the pipeline once, upserts, lists, polls, deletes, and the store agrees', async () => {
    const [project] = await client.projects.list({ project_name: 'Team' });
    expect(project).toMatchObject({ name: 'Team', is_default: false });

    const pipeline = await findOrCreatePipeline(project.id, 'confluence-eng');
    expect(await findOrCreatePipeline(project.id, 'confluence-eng')).toMatchObject({ id: pipeline.id });
    expect(await client.pipelines.get(pipeline.id)).toMatchObject({ id: pipeline.id, name: 'confluence-eng', project_id: project.id, pipeline_type: 'MANAGED' });

    const written = await client.pipelines.documents.upsert(pipeline.id, { body: pages });
    expect(written.map((document) => document.id)).toEqual(pages.map((page) => page.id));

    const listed: string[] = [];
    for await (const document of client.pipelines.documents.list(pipeline.id, { limit: 2 })) listed.push(document.id);
    expect(listed).toEqual(pages.map((page) => page.id));
    // Two pages of two: the SDK followed `skip` from the answer's offset and total_count.
    expect(emulator.control.requests('documents/paginated').map((request) => new URL(request.url, emulator.url).searchParams.get('skip'))).toEqual([null, '2']);

    const status = await client.pipelines.documents.getStatus(pages[0].id, { pipeline_id: pipeline.id });
    expect(status.status).toBe('SUCCESS');

    await client.pipelines.documents.delete(pages[1].id, { pipeline_id: pipeline.id });
    await expect(client.pipelines.documents.get(pages[1].id, { pipeline_id: pipeline.id })).rejects.toBeInstanceOf(NotFoundError);

    const stored = emulator.control.documents('confluence-eng');
    expect(stored).toEqual([pages[0], pages[2]].map((page) => ({ ...page, page_positions: null, status: 'SUCCESS' })));
    expect(emulator.control.documents(pipeline.id)).toEqual(stored);
  });

  it('replaces a document whose id exists, whole: fields not sent go back to their defaults', async () => {
    const pipeline = await client.pipelines.upsert({ name: 'replace', pipeline_type: 'MANAGED' });
    await client.pipelines.documents.upsert(pipeline.id, { body: pages.slice(0, 2) });
    await client.pipelines.documents.upsert(pipeline.id, { body: [{ id: pages[0].id, text: 'Version 5', metadata: { title: 'Onboarding', version: 5 } }] });
    const stored = emulator.control.documents('replace');
    expect(stored.map((document) => document.id)).toEqual([pages[0].id, pages[1].id]);
    expect(stored[0]).toMatchObject({ text: 'Version 5', metadata: { title: 'Onboarding', version: 5 }, excluded_embed_metadata_keys: [], excluded_llm_metadata_keys: [] });
    expect(await client.pipelines.documents.get(pages[0].id, { pipeline_id: pipeline.id })).toMatchObject({ text: 'Version 5' });
  });

  it('creates documents with POST, giving an id to those without, and refuses an id that exists', async () => {
    const pipeline = await client.pipelines.upsert({ name: 'create', pipeline_type: 'MANAGED' });
    const created = await client.pipelines.documents.create(pipeline.id, { body: [pages[0], { text: 'Anonymous', metadata: {} }] });
    expect(created[1].id).toMatch(/^[0-9a-f-]{36}$/);
    await expect(client.pipelines.documents.create(pipeline.id, { body: [pages[0]] })).rejects.toBeInstanceOf(ConflictError);
    expect(emulator.control.documents('create')).toHaveLength(2);
  });

  it('keeps pipelines apart by project, and upserts a pipeline by name within its project', async () => {
    const [team] = await client.projects.list({ project_name: 'Team' });
    const inDefault = await client.pipelines.upsert({ name: 'shared-name', pipeline_type: 'MANAGED' });
    const inTeam = await client.pipelines.upsert({ project_id: team.id, name: 'shared-name', pipeline_type: 'MANAGED' });
    expect(inTeam.id).not.toBe(inDefault.id);
    expect(inDefault.project_id).toBe(emulator.control.defaultProjectId);
    expect((await client.pipelines.upsert({ project_id: team.id, name: 'shared-name' })).id).toBe(inTeam.id);
    expect((await client.pipelines.list({ project_id: team.id, pipeline_name: 'shared-name' })).map((pipeline) => pipeline.id)).toEqual([inTeam.id]);
    expect(() => emulator.control.documents('shared-name')).toThrow(/2 projects; pass the pipeline id/);
  });

  it('reports IN_PROGRESS until the ingestion delay has passed, then SUCCESS', async () => {
    emulator.control.setIngestionDelay(60_000);
    const pipeline = await client.pipelines.upsert({ name: 'slow', pipeline_type: 'MANAGED' });
    await client.pipelines.documents.upsert(pipeline.id, { body: [pages[0]] });
    expect((await client.pipelines.documents.getStatus(pages[0].id, { pipeline_id: pipeline.id })).status).toBe('IN_PROGRESS');
    expect((await client.pipelines.getStatus(pipeline.id)).status).toBe('IN_PROGRESS');
    skewMs += 60_000;
    expect((await client.pipelines.documents.getStatus(pages[0].id, { pipeline_id: pipeline.id })).status).toBe('SUCCESS');
    expect((await client.pipelines.getStatus(pipeline.id)).status).toBe('SUCCESS');
  });

  it('answers a bad document with the 422 the SDK reads as UnprocessableEntityError, naming the field', async () => {
    const pipeline = await client.pipelines.upsert({ name: 'bad', pipeline_type: 'MANAGED' });
    const bad = [{ id: 'x', text: 42, metadata: {} }] as unknown as typeof pages;
    const error = await client.pipelines.documents.upsert(pipeline.id, { body: bad }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as UnprocessableEntityError).error).toEqual({ detail: [{ loc: ['body', 0, 'text'], msg: 'Input should be a valid string', type: 'string_type' }] });
    expect(emulator.control.documents('bad')).toEqual([]);
  });
});
