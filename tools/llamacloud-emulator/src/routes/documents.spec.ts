/** Pipeline documents over HTTP: FastAPI's 422s, both lists' paging, deletion, and statuses on a controlled clock. */
import { RunningLlamaCloudEmulator, startLlamaCloudEmulator } from '../server';
import { call } from '../testing';

let now = Date.parse('2025-07-01T10:00:00Z');
let emulator: RunningLlamaCloudEmulator;
let base: string;
beforeAll(async () => (emulator = await startLlamaCloudEmulator({ ingestionDelayMs: 5000, now: () => new Date(now) })));
beforeEach(async () => {
  emulator.control.reset();
  const pipeline = await call(`${emulator.url}/api/v1/pipelines`, { method: 'PUT', body: { name: 'docs' } });
  base = `${emulator.url}/api/v1/pipelines/${pipeline.body.id}/documents`;
});
afterAll(() => emulator.close());

const doc = (id: string) => ({ id, text: `Text ${id}`, metadata: { n: id } });
const put = (body: unknown) => call(base, { method: 'PUT', body });

describe('validation (422)', () => {
  it('reports every problem of every item, located as pydantic locates it', async () => {
    const answer = await put([doc('ok'), { id: 7, metadata: [] }, 'text', { text: 't', metadata: {}, excluded_llm_metadata_keys: ['a', 1], page_positions: [0, 'x'] }]);
    expect(answer.status).toBe(422);
    expect(answer.body.detail).toEqual([
      { loc: ['body', 1, 'text'], msg: 'Field required', type: 'missing' },
      { loc: ['body', 1, 'metadata'], msg: 'Input should be a valid dictionary', type: 'dict_type' },
      { loc: ['body', 1, 'id'], msg: 'Input should be a valid string', type: 'string_type' },
      { loc: ['body', 2], msg: 'Input should be a valid dictionary or object to extract fields from', type: 'model_attributes_type' },
      { loc: ['body', 3, 'excluded_llm_metadata_keys', 1], msg: 'Input should be a valid string', type: 'string_type' },
      { loc: ['body', 3, 'page_positions', 1], msg: 'Input should be a valid integer', type: 'int_type' },
    ]);
    expect(emulator.control.documents('docs')).toEqual([]);
  });

  it('refuses a body that is not a list, a missing body, and broken JSON', async () => {
    expect((await put({ id: 'a' })).body.detail).toEqual([{ loc: ['body'], msg: 'Input should be a valid list', type: 'list_type' }]);
    expect((await call(base, { method: 'PUT' })).body.detail).toEqual([{ loc: ['body'], msg: 'Field required', type: 'missing' }]);
    const broken = await call(base, { method: 'PUT', body: '[{"id": "a"' });
    expect(broken.status).toBe(422);
    expect(broken.body.detail[0]).toMatchObject({ loc: ['body', expect.any(Number)], msg: 'JSON decode error', type: 'json_invalid' });
  });

  it('treats a non-JSON content type as text, which is not a list', async () => {
    const answer = await call(base, { method: 'PUT', body: JSON.stringify([doc('a')]), headers: { 'content-type': 'text/plain' } });
    expect(answer.body.detail).toEqual([{ loc: ['body'], msg: 'Input should be a valid list', type: 'list_type' }]);
  });

  it('checks path and query parameters, all at once', async () => {
    const answer = await call(`${emulator.url}/api/v1/pipelines/123/documents?skip=-1&limit=many&only_direct_upload=perhaps`);
    expect(answer.body.detail.map((issue: { loc: unknown[]; type: string }) => [issue.loc.join('.'), issue.type])).toEqual([
      ['path.pipeline_id', 'uuid_parsing'],
      ['query.skip', 'greater_than_equal'],
      ['query.limit', 'int_parsing'],
      ['query.only_direct_upload', 'bool_parsing'],
    ]);
  });

  it('accepts an empty batch and answers an empty list', async () => {
    expect(await put([])).toMatchObject({ status: 200, body: [] });
  });
});

describe('lists', () => {
  beforeEach(() => put(['a', 'b', 'c', 'd', 'e'].map(doc)));

  it('pages the plain list with skip and limit (default 10), in write order', async () => {
    expect((await call(`${base}?skip=1&limit=2`)).body.map((d: { id: string }) => d.id)).toEqual(['b', 'c']);
    expect((await call(base)).body).toHaveLength(5);
    expect((await call(`${base}?limit=0`)).body).toEqual([]);
  });

  it('answers the paginated list with offset, limit and total_count', async () => {
    const page = await call(`${base}/paginated?skip=4&limit=3`);
    expect(page.body).toMatchObject({ offset: 4, limit: 3, total_count: 5 });
    expect(page.body.documents.map((d: { id: string }) => d.id)).toEqual(['e']);
  });

  it('has no documents of a file: every document came through the API', async () => {
    const page = await call(`${base}/paginated?file_id=3f1c2b1e-8a8d-4f67-9a59-8f1f0f7b2c11`);
    expect(page.body).toMatchObject({ documents: [], total_count: 0 });
  });
});

describe('deletion', () => {
  it('deletes one document (204, no body) and then answers 404 for it', async () => {
    await put([doc('a'), doc('b')]);
    const deleted = await call(`${base}/a`, { method: 'DELETE' });
    expect(deleted).toMatchObject({ status: 204, body: undefined });
    expect(await call(`${base}/a`)).toMatchObject({ status: 404, body: { detail: 'Document not found' } });
    expect(emulator.control.documents('docs').map((d) => d.id)).toEqual(['b']);
  });

  it('finds document ids that need escaping in a path', async () => {
    await put([doc('confluence:ENG:42 ü?#')]);
    const encoded = `${base}/${encodeURIComponent('confluence:ENG:42 ü?#')}`;
    expect((await call(encoded)).body.id).toBe('confluence:ENG:42 ü?#');
    expect((await call(encoded, { method: 'DELETE' })).status).toBe(204);
  });

  it('cannot reach an id with a slash by path, even encoded, as on the real service', async () => {
    await put([doc('space/42')]);
    const encoded = `${base}/${encodeURIComponent('space/42')}`;
    expect(await call(encoded)).toMatchObject({ status: 404, body: { detail: 'Not Found' } });
    expect((await call(encoded, { method: 'DELETE' })).status).toBe(404);
    expect(emulator.control.documents('docs').map((d) => d.id)).toEqual(['space/42']);
  });

  it('deletes a pipeline with its documents', async () => {
    await put([doc('a')]);
    const pipelineUrl = base.replace(/\/documents$/, '');
    expect((await call(pipelineUrl, { method: 'DELETE' })).status).toBe(204);
    expect((await call(base)).status).toBe(404);
    expect(() => emulator.control.documents('docs')).toThrow(/no pipeline with id or name 'docs'/);
  });
});

describe('ingestion status on a controlled clock', () => {
  const status = async (id: string) => (await call(`${base}/${id}/status`)).body;
  const pipelineStatus = async () => (await call(`${base.replace(/\/documents$/, '')}/status`)).body;

  it('is NOT_STARTED for an empty pipeline, IN_PROGRESS during the delay, SUCCESS after it', async () => {
    expect((await pipelineStatus()).status).toBe('NOT_STARTED');
    await put([doc('a')]);
    expect(await status('a')).toMatchObject({ status: 'IN_PROGRESS', error: null });
    expect((await pipelineStatus()).status).toBe('IN_PROGRESS');
    now += 5000;
    const done = await status('a');
    expect(done).toMatchObject({ status: 'SUCCESS', effective_at: new Date(now).toISOString() });
    expect((await pipelineStatus()).status).toBe('SUCCESS');
    expect(emulator.control.document('docs', 'a')?.status).toBe('SUCCESS');
  });

  it('starts over when a document is written again', async () => {
    await put([doc('a')]);
    now += 5000;
    await put([doc('a')]);
    expect((await status('a')).status).toBe('IN_PROGRESS');
  });

  it('reports a forced ERROR with its message, and the pipeline as PARTIAL_SUCCESS', async () => {
    await put([doc('a'), doc('b')]);
    now += 5000;
    emulator.control.setDocumentStatus('docs', 'b', 'ERROR', 'Embedding quota exceeded');
    const failed = await status('b');
    expect(failed.status).toBe('ERROR');
    expect(failed.error).toEqual([{ job_id: failed.job_id, message: 'Embedding quota exceeded', step: 'MANAGED_INGESTION' }]);
    expect(await pipelineStatus()).toMatchObject({ status: 'PARTIAL_SUCCESS', error: [expect.objectContaining({ message: 'Embedding quota exceeded' })] });
    emulator.control.setDocumentStatus('docs', 'b', null);
    expect((await status('b')).status).toBe('SUCCESS');
    expect(() => emulator.control.setDocumentStatus('docs', 'zzz', 'ERROR')).toThrow(/has no document 'zzz'/);
  });
});
