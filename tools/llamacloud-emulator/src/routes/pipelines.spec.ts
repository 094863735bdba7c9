/** Projects and pipelines over HTTP: scoping by project, name rules, settings kept as sent, v2 cursor paging. */
import { RunningLlamaCloudEmulator, startLlamaCloudEmulator } from '../server';
import { DEFAULT_ORGANIZATION_ID, DEFAULT_PROJECT_ID } from '../store/store';
import { call } from '../testing';

let emulator: RunningLlamaCloudEmulator;
beforeAll(async () => (emulator = await startLlamaCloudEmulator({ projects: ['Default', 'Other'] })));
afterEach(() => emulator.control.reset());
afterAll(() => emulator.close());
const url = (path: string) => `${emulator.url}${path}`;
const otherId = () => emulator.control.projects().find((project) => project.name === 'Other')?.id ?? 'missing';

describe('projects', () => {
  it('lists the seeded projects, the first as default, in the fixed organization', async () => {
    const answer = await call(url('/api/v1/projects'));
    expect(answer.body.map((p: { name: string; is_default: boolean; organization_id: string }) => [p.name, p.is_default, p.organization_id])).toEqual([
      ['Default', true, DEFAULT_ORGANIZATION_ID],
      ['Other', false, DEFAULT_ORGANIZATION_ID],
    ]);
    expect(answer.body[0].id).toBe(DEFAULT_PROJECT_ID);
  });

  it('finds none in another organization, and 404s a project asked for under it', async () => {
    const stranger = '3f1c2b1e-8a8d-4f67-9a59-8f1f0f7b2c11';
    expect((await call(url(`/api/v1/projects?organization_id=${stranger}`))).body).toEqual([]);
    expect((await call(url(`/api/v1/projects/${DEFAULT_PROJECT_ID}?organization_id=${stranger}`))).status).toBe(404);
  });

  it('adds projects through control, refusing a duplicate name', async () => {
    const added = emulator.control.addProject('Third');
    expect((await call(url(`/api/v1/projects/${added.id}`))).body).toMatchObject({ name: 'Third', is_default: false });
    expect(() => emulator.control.addProject('Third')).toThrow(/exists already/);
  });
});

describe('pipelines', () => {
  const upsert = (body: unknown, query = '') => call(url(`/api/v1/pipelines${query}`), { method: 'PUT', body });

  it('validates the name and type, reporting both', async () => {
    const answer = await upsert({ name: 'x'.repeat(3001), pipeline_type: 'CLOUDY' });
    expect(answer.status).toBe(422);
    expect(answer.body.detail).toEqual([
      { loc: ['body', 'name'], msg: 'String should have at most 3000 characters', type: 'string_too_long' },
      { loc: ['body', 'pipeline_type'], msg: "Input should be 'PLAYGROUND' or 'MANAGED'", type: 'enum' },
    ]);
    expect((await upsert({ name: '' })).body.detail[0].type).toBe('string_too_short');
    expect((await upsert(['name'])).body.detail[0].type).toBe('model_attributes_type');
  });

  it('keeps the settings sent and defaults the rest (managed embedding, auto chunking)', async () => {
    const embedding = { type: 'OPENAI_EMBEDDING', component: { model_name: 'text-embedding-3-large' } };
    const created = await upsert({ name: 'custom', embedding_config: embedding });
    expect(created.body).toMatchObject({ embedding_config: embedding, transform_config: { mode: 'auto', chunk_size: 1024, chunk_overlap: 200 }, pipeline_type: 'MANAGED' });
    const updated = await upsert({ name: 'custom', transform_config: { mode: 'auto', chunk_size: 256, chunk_overlap: 0 } });
    expect(updated.body).toMatchObject({ id: created.body.id, embedding_config: embedding, transform_config: { chunk_size: 256 } });
    expect((await upsert({ name: 'custom', embedding_config: 'big' })).body.detail).toEqual([{ loc: ['body', 'embedding_config'], msg: 'Input should be a valid dictionary', type: 'dict_type' }]);
  });

  it('scopes search by project id or name, defaulting to the default project', async () => {
    await upsert({ name: 'in-default' });
    await upsert({ name: 'in-other' }, `?project_id=${otherId()}`);
    const names = async (query: string) => (await call(url(`/api/v1/pipelines${query}`))).body.map((p: { name: string }) => p.name);
    expect(await names('')).toEqual(['in-default']);
    expect(await names('?project_name=Other')).toEqual(['in-other']);
    expect(await names(`?project_id=${otherId()}&pipeline_name=in-default`)).toEqual([]);
    expect((await call(url('/api/v1/pipelines?project_name=Nobody'))).status).toBe(404);
  });

  it('renames with PUT /pipelines/{id}, refusing a name taken in the project', async () => {
    const a = await upsert({ name: 'a' });
    await upsert({ name: 'b' });
    const renamed = await call(url(`/api/v1/pipelines/${a.body.id}`), { method: 'PUT', body: { name: 'c' } });
    expect(renamed.body).toMatchObject({ id: a.body.id, name: 'c' });
    expect(await call(url(`/api/v1/pipelines/${a.body.id}`), { method: 'PUT', body: { name: 'b' } })).toMatchObject({ status: 409 });
    expect(emulator.control.pipelines().map((p) => p.name)).toEqual(['c', 'b']);
  });

  it('pages GET /api/v2/pipelines newest first with an opaque token', async () => {
    for (const name of ['p1', 'p2', 'p3']) await upsert({ name });
    const first = await call(url('/api/v2/pipelines?page_size=2'));
    expect(first.body.items.map((p: { name: string }) => p.name)).toEqual(['p3', 'p2']);
    const second = await call(url(`/api/v2/pipelines?page_size=2&page_token=${first.body.next_page_token}`));
    expect(second.body).toMatchObject({ items: [expect.objectContaining({ name: 'p1' })], next_page_token: '' });
    expect((await call(url('/api/v2/pipelines?name=p2'))).body.items).toHaveLength(1);
    expect((await call(url('/api/v2/pipelines?page_size=0'))).status).toBe(422);
  });
});
