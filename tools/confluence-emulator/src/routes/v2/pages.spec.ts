import { RunningEmulator, startEmulator } from '../../server';
import { ALICE, CAROL, getJson, sendJson } from '../../testing';

let emulator: RunningEmulator;
let api: string;

beforeAll(async () => {
  emulator = await startEmulator({ spaces: 2, pagesPerSpace: 60, seed: 11 });
  api = `${emulator.url}/wiki/api/v2`;
});
afterAll(() => emulator.close());

const firstSpace = () => [...emulator.control.world.spaces.values()][0];

async function collectIds(url: string, auth = ALICE): Promise<{ ids: string[]; calls: number }> {
  const ids: string[] = [];
  let next: string | undefined = url;
  let calls = 0;
  while (next) {
    const { status, body, headers } = await getJson(next.startsWith('http') ? next : `${emulator.url}${next}`, auth);
    expect(status).toBe(200);
    calls++;
    ids.push(...body.results.map((r: { id: string }) => r.id));
    next = body._links.next;
    if (next) expect(headers.get('link')).toContain('rel="next"');
  }
  return { ids, calls };
}

describe('v2 pages', () => {
  it('lists a space in cursor pages that visit every page once, with storage bodies', async () => {
    const space = firstSpace();
    const { ids, calls } = await collectIds(`${api}/spaces/${space.id}/pages?limit=7&body-format=storage`);
    const expected = [...emulator.control.world.pages.values()].filter((p) => p.spaceId === space.id && p.type === 'page' && p.status === 'current' && !p.restrictions.read);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(expected.length);
    expect(calls).toBe(Math.ceil(ids.length / 7));
    const { body } = await getJson(`${api}/spaces/${space.id}/pages?limit=1&body-format=storage`);
    expect(body.results[0].body.storage.value).toMatch(/<\w/);
  });

  it('keeps a cursor valid when a page is created between two calls', async () => {
    const space = firstSpace();
    const first = await getJson(`${api}/spaces/${space.id}/pages?limit=5`);
    emulator.control.createPage({ spaceKey: space.key, title: 'Inserted while paging' });
    const rest = await collectIds(`${emulator.url}${first.body._links.next}`);
    const all = [...first.body.results.map((r: { id: string }) => r.id), ...rest.ids];
    expect(new Set(all).size).toBe(all.length);
  });

  it('clamps limit to 250 and refuses a non-numeric limit naming the parameter', async () => {
    const big = await getJson(`${api}/pages?limit=1000`);
    expect(big.status).toBe(200);
    expect(big.body.results.length).toBeLessThanOrEqual(250);
    const bad = await getJson(`${api}/pages?limit=abc`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].title).toContain("'limit'");
  });

  it('gets many pages by id, at most 250', async () => {
    const ids = [...emulator.control.world.pages.keys()].slice(0, 3);
    const { body } = await getJson(`${api}/pages?${ids.map((id) => `id=${id}`).join('&')}`);
    expect(body.results.map((r: { id: string }) => r.id).sort()).toEqual([...ids].sort());
    const tooMany = Array.from({ length: 251 }, (_, i) => `id=${i + 1}`).join('&');
    expect((await getJson(`${api}/pages?${tooMany}`)).status).toBe(400);
  });

  it('enforces the version rule: a stale version number gets 409 naming the current version', async () => {
    const space = firstSpace();
    const created = await sendJson(`${api}/pages`, 'POST', { spaceId: space.id, status: 'current', title: 'Version rule', body: { representation: 'storage', value: '<p>v1</p>' } });
    expect(created.status).toBe(200);
    const id = created.body.id;
    const update = (number: number) =>
      sendJson(`${api}/pages/${id}`, 'PUT', { id, status: 'current', title: 'Version rule', body: { representation: 'storage', value: `<p>v${number}</p>` }, version: { number } });
    expect((await update(2)).status).toBe(200);
    const stale = await update(2);
    expect(stale.status).toBe(409);
    expect(stale.body.errors[0].title).toContain('Current version is: 2');
    const page = await getJson(`${api}/pages/${id}?body-format=storage`);
    expect(page.body.version.number).toBe(2);
    expect(page.body.body.storage.value).toBe('<p>v2</p>');
  });

  it('refuses malformed storage and a missing title, naming the field, and writes nothing', async () => {
    const space = firstSpace();
    const before = emulator.control.world.pages.size;
    const bad = await sendJson(`${api}/pages`, 'POST', { spaceId: space.id, title: 'Broken', body: { representation: 'storage', value: '<p><b>x</p>' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].title).toMatch(/xhtml/i);
    const noTitle = await sendJson(`${api}/pages`, 'POST', { spaceId: space.id, body: { representation: 'storage', value: '<p/>' } });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.errors[0].title).toContain("'title'");
    expect(emulator.control.world.pages.size).toBe(before);
  });

  it('trashes on delete, purges a trashed page, and then answers 404', async () => {
    const page = emulator.control.createPage({ spaceKey: firstSpace().key, title: 'To delete' });
    expect((await getJson(`${api}/pages/${page.id}`, ALICE, { method: 'DELETE' })).status).toBe(204);
    expect((await getJson(`${api}/pages/${page.id}`)).body.status).toBe('trashed');
    expect((await getJson(`${api}/pages/${page.id}?purge=true`, ALICE, { method: 'DELETE' })).status).toBe(204);
    expect((await getJson(`${api}/pages/${page.id}`)).status).toBe(404);
  });

  it('answers 404 (not 403) for a page the caller may not see, and inherits view restrictions', async () => {
    const space = firstSpace();
    const parent = emulator.control.createPage({ spaceKey: space.key, title: 'Secret parent' });
    const child = emulator.control.createPage({ spaceKey: space.key, title: 'Secret child', parentId: parent.id });
    emulator.control.restrictPage(parent.id, { read: [emulator.control.user('alice').accountId] });
    expect((await getJson(`${api}/pages/${child.id}`, ALICE)).status).toBe(200);
    const hidden = await getJson(`${api}/pages/${child.id}`, CAROL);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual({ errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] });
  });

  it('serves children in position order, ancestors root first, and versions newest first', async () => {
    const space = firstSpace();
    const root = emulator.control.createPage({ spaceKey: space.key, title: 'Tree root' });
    const a = emulator.control.createPage({ spaceKey: space.key, title: 'Tree A', parentId: root.id });
    const b = emulator.control.createPage({ spaceKey: space.key, title: 'Tree B', parentId: root.id });
    const leaf = emulator.control.createPage({ spaceKey: space.key, title: 'Tree leaf', parentId: b.id });
    emulator.control.movePage(b.id, root.id, -1);
    const children = await getJson(`${api}/pages/${root.id}/children`);
    expect(children.body.results.map((c: { id: string }) => c.id)).toEqual([b.id, a.id]);
    const ancestors = await getJson(`${api}/pages/${leaf.id}/ancestors`);
    expect(ancestors.body.results.map((x: { id: string }) => x.id).slice(-2)).toEqual([root.id, b.id]);
    emulator.control.editPage(leaf.id, { body: '<p>second</p>' });
    const versions = await getJson(`${api}/pages/${leaf.id}/versions`);
    expect(versions.body.results.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    // A move never changes the version.
    expect((await getJson(`${api}/pages/${b.id}`)).body.version.number).toBe(1);
  });

  it('renders view and export_view bodies on a single get, but refuses them on lists', async () => {
    const page = emulator.control.createPage({ spaceKey: firstSpace().key, title: 'Formats', body: '<p>Hello <strong>world</strong></p>' });
    const view = await getJson(`${api}/pages/${page.id}?body-format=view`);
    expect(view.body.body.view.value).toContain('<strong>world</strong>');
    expect((await getJson(`${api}/pages?body-format=view`)).status).toBe(400);
  });
});
