/**
 * Every answer of every served route, successes and errors, validated against LlamaCloud's spec (closed objects:
 * an invented field fails), and every route seen succeeding at least once. The calls' own request bodies are
 * validated against the spec too, so the contract only exercises what a real client could send.
 */
import { randomUUID } from 'node:crypto';
import { RunningLlamaCloudEmulator, startLlamaCloudEmulator } from '../server';
import { DEFAULT_PROJECT_ID } from '../store/store';
import { ContractClient } from './client';
import { loadSpec } from './openapi';

let emulator: RunningLlamaCloudEmulator;
let api: ContractClient;
beforeAll(async () => {
  emulator = await startLlamaCloudEmulator({ projects: ['Default', 'Second'] });
  api = new ContractClient(loadSpec(), emulator.url, emulator.control.routes());
});
afterAll(() => emulator.close());

const doc = (id: string, text = `Text of ${id}`) => ({
  id,
  text,
  metadata: { title: id, space: 'ENG', labels: ['a', 'b'], version: 3 },
  excluded_embed_metadata_keys: ['version'],
  excluded_llm_metadata_keys: ['labels'],
});

async function projects() {
  await api.call('GET', '/api/v1/projects', 200);
  const named = await api.call('GET', '/api/v1/projects?project_name=Second', 200);
  expect(named.data).toHaveLength(1);
  await api.call('GET', '/api/v1/projects?project_name=Nothing', 200);
  await api.call('GET', `/api/v1/projects/${DEFAULT_PROJECT_ID}`, 200);
  await api.call('GET', `/api/v1/projects/${randomUUID()}`, 404);
  await api.call('GET', '/api/v1/projects/not-a-uuid', 422);
}

async function pipelines(): Promise<string> {
  const query = `?project_id=${DEFAULT_PROJECT_ID}`;
  const created = await api.call('POST', `/api/v1/pipelines${query}`, 200, { body: { name: 'contract-a' } });
  await api.call('POST', `/api/v1/pipelines${query}`, 409, { body: { name: 'contract-a' } });
  await api.call('POST', `/api/v1/pipelines${query}`, 422, { rawBody: '{}' });
  const upserted = await api.call('PUT', `/api/v1/pipelines${query}`, 200, {
    body: { name: 'contract-b', pipeline_type: 'MANAGED', transform_config: { mode: 'auto', chunk_size: 512, chunk_overlap: 50 } },
  });
  const again = await api.call('PUT', `/api/v1/pipelines${query}`, 200, { body: { name: 'contract-b', pipeline_type: 'MANAGED' } });
  expect(again.data.id).toBe(upserted.data.id);
  await api.call('PUT', `/api/v1/pipelines?project_id=${randomUUID()}`, 404, { body: { name: 'x' } });
  await api.call('GET', `/api/v1/pipelines${query}&pipeline_name=contract-b`, 200);
  await api.call('GET', '/api/v1/pipelines?project_name=Default&pipeline_type=MANAGED', 200);
  await api.call('GET', '/api/v1/pipelines?pipeline_type=SOMETIMES', 422);
  await api.call('GET', `/api/v1/pipelines/${created.data.id}`, 200);
  await api.call('GET', `/api/v1/pipelines/${randomUUID()}`, 404);
  await api.call('PUT', `/api/v1/pipelines/${created.data.id}`, 200, { body: { name: 'contract-a2' } });
  await api.call('PUT', `/api/v1/pipelines/${created.data.id}`, 409, { body: { name: 'contract-b' } });
  await api.call('GET', `/api/v1/pipelines/${created.data.id}/status`, 200);

  const first = await api.call('GET', `/api/v2/pipelines${query}&page_size=1`, 200);
  expect(first.data.next_page_token).not.toBe('');
  await api.call('GET', `/api/v2/pipelines${query}&page_size=1&page_token=${first.data.next_page_token}`, 200);
  await api.call('GET', '/api/v2/pipelines?name=contract-b', 200);
  await api.call('GET', '/api/v2/pipelines?page_token=garbage', 422);

  await api.call('DELETE', `/api/v1/pipelines/${created.data.id}`, 204);
  await api.call('DELETE', `/api/v1/pipelines/${created.data.id}`, 404);
  return upserted.data.id;
}

async function documents(pipelineId: string) {
  const base = `/api/v1/pipelines/${pipelineId}/documents`;
  await api.call('PUT', base, 200, { body: [doc('one'), doc('two'), doc('three')] });
  await api.call('PUT', base, 200, { body: [doc('two', 'Replaced')] });
  await api.call('POST', base, 200, { body: [{ text: 'No id given', metadata: {} }, doc('four')] });
  await api.call('POST', base, 409, { body: [doc('one')] });
  await api.call('PUT', base, 422, { rawBody: JSON.stringify([{ id: 'bad', metadata: 'not an object' }]) });
  await api.call('PUT', base, 422, { rawBody: '[{"id": "x",' });
  await api.call('PUT', `/api/v1/pipelines/${randomUUID()}/documents`, 404, { body: [doc('x')] });

  await api.call('GET', `${base}?limit=2`, 200);
  await api.call('GET', `${base}?skip=-1`, 422);
  const page = await api.call('GET', `${base}/paginated?skip=1&limit=2`, 200);
  expect(page.data).toMatchObject({ offset: 1, limit: 2, total_count: 5 });
  await api.call('GET', `${base}/paginated?limit=ten`, 422);
  await api.call('GET', `${base}/one`, 200);
  await api.call('GET', `${base}/missing`, 404);

  await api.call('GET', `${base}/one/status`, 200);
  emulator.control.setDocumentStatus(pipelineId, 'two', 'ERROR', 'Embedding failed');
  const failed = await api.call('GET', `${base}/two/status`, 200);
  expect(failed.data.error).toHaveLength(1);
  await api.call('GET', `/api/v1/pipelines/${pipelineId}/status`, 200);
  emulator.control.setIngestionDelay(60_000);
  await api.call('PUT', base, 200, { body: [doc('five')] });
  const running = await api.call('GET', `${base}/five/status`, 200);
  expect(running.data.status).toBe('IN_PROGRESS');
  await api.call('GET', `/api/v1/pipelines/${pipelineId}/status`, 200);
  await api.call('GET', `${base}/missing/status`, 404);

  await api.call('DELETE', `${base}/three`, 204);
  await api.call('DELETE', `${base}/three`, 404);
}

async function refusals(pipelineId: string) {
  const base = `/api/v1/pipelines/${pipelineId}/documents`;
  await api.call('GET', '/api/v1/projects', 401, { authorization: null });
  await api.call('GET', '/api/v1/projects', 401, { authorization: 'Bearer llx-wrong' });
  await api.call('GET', '/api/v2/pipelines', 401, { authorization: 'Basic abc' });
  emulator.control.setMaxBodyBytes(1024);
  await api.call('PUT', base, 413, { body: [doc('big', 'x'.repeat(2048))] });
  emulator.control.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 2 });
  await api.call('GET', base, 429);
  emulator.control.injectFault({ kind: 'status', status: 503 });
  await api.call('GET', '/api/v2/pipelines', 503);
}

describe('answers against the spec', () => {
  it('validates every answer of a full scenario, errors included', async () => {
    await projects();
    const pipelineId = await pipelines();
    await documents(pipelineId);
    await refusals(pipelineId);
    expect(api.violations).toEqual([]);
  });

  it('saw every served route succeed', () => {
    const succeeded = new Set([...api.answered].filter((entry) => /\s2\d\d$/.test(entry)).map((entry) => entry.replace(/\s\d{3}$/, '')));
    expect(emulator.control.routes().filter((route) => !succeeded.has(route))).toEqual([]);
  });

  it('saw each kind of error the emulator answers', () => {
    const statuses = new Set([...api.answered].map((entry) => Number(entry.slice(-3))));
    expect([...statuses].filter((status) => status >= 400).sort()).toEqual([401, 404, 409, 413, 422, 429, 503]);
  });
});
