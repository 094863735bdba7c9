import { Page } from '../../model';
import { RunningEmulator, startEmulator } from '../../server';
import { Client, client, firstPage, must, specProblems } from './spec-helpers';

describe('v1 content on Data Center', () => {
  let emulator: RunningEmulator;
  let alice: Client;
  let bob: Client;
  let parent: Page;

  beforeAll(async () => {
    emulator = await startEmulator({ flavor: 'dc', spaces: 2, pagesPerSpace: 30, seed: 7 });
    alice = client(emulator, 'dc', 'alice');
    bob = client(emulator, 'dc', 'bob');
    parent = firstPage(emulator, (p) => p.type === 'page' && p.status === 'current' && !p.restrictions.read && !p.restrictions.update && p.parentId !== null);
  });
  afterAll(() => emulator.close());

  const space = () => must(emulator.control.world.spaces.get(parent.spaceId));
  const spaceKey = () => space().key;
  const create = (title: string, extra: Record<string, unknown> = {}) =>
    alice.send('POST', '/content?expand=ancestors,version,space,body.storage', {
      type: 'page',
      title,
      space: { key: spaceKey() },
      ancestors: [{ id: parent.id }],
      body: { storage: { value: '<p>Hello <strong>world</strong></p>', representation: 'storage' } },
      ...extra,
    });

  it('creates a page under a parent and reads it back with expansions', async () => {
    const created = await create('Created through v1');
    expect(created.status).toBe(200);
    expect(specProblems('dc', 'POST', '/content', created)).toEqual([]);
    expect(created.json).toMatchObject({ type: 'page', status: 'current', title: 'Created through v1', version: { number: 1 }, space: { key: spaceKey() } });
    expect(created.json.ancestors.at(-1).id).toBe(parent.id);
    const read = await alice.get(`/content/${created.json.id}?expand=body.storage,body.view,version,history.lastUpdated,ancestors,container,metadata.labels,children.page,restrictions.read.restrictions.user`);
    expect(read.status).toBe(200);
    expect(specProblems('dc', 'GET', '/content/{id}', read)).toEqual([]);
    expect(read.json.body.storage.value).toBe('<p>Hello <strong>world</strong></p>');
    expect(read.json.body.view.value).toContain('world');
    expect(read.json._links).toMatchObject({ base: emulator.url, context: '', webui: `/display/${spaceKey()}/Created+through+v1` });
    const defaults = await alice.get(`/content/${created.json.id}`);
    expect(Object.keys(defaults.json)).toEqual(expect.arrayContaining(['space', 'history', 'version']));
    expect(defaults.json._expandable.body).toBe('');
  });

  it('names the bad field in a 400', async () => {
    const noTitle = await alice.send('POST', '/content', { type: 'page', space: { key: spaceKey() }, body: { storage: { value: '<p/>', representation: 'storage' } } });
    expect(noTitle.status).toBe(400);
    expect(noTitle.json.message).toContain("'title'");
    const badXml = await create('Broken body', { body: { storage: { value: '<p>unclosed', representation: 'storage' } } });
    expect(badXml.status).toBe(400);
    expect(badXml.json.message).toMatch(/xhtml/i);
  });

  it('updates with version n+1, refuses a stale version with 409, and moves through ancestors', async () => {
    const id = (await create('To be edited')).json.id as string;
    const body = (number: number, title: string, extra: Record<string, unknown> = {}) => ({ type: 'page', title, version: { number }, body: { storage: { value: `<p>${title}</p>`, representation: 'storage' } }, ...extra });
    const updated = await alice.send('PUT', `/content/${id}`, body(2, 'Edited once'));
    expect(updated.status).toBe(200);
    expect(specProblems('dc', 'PUT', '/content/{id}', updated)).toEqual([]);
    expect(updated.json).toMatchObject({ title: 'Edited once', version: { number: 2 } });

    const stale = await alice.send('PUT', `/content/${id}`, body(2, 'Stale edit'));
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ statusCode: 409, message: 'Version must be incremented on update. Current version is: 2', data: { successful: false, notSuccessful: true }, reason: 'Conflict' });
    expect((await alice.get(`/content/${id}`)).json.title).toBe('Edited once');

    const root = must(space().homepageId);
    const moved = await alice.send('PUT', `/content/${id}?expand=ancestors,version`, body(3, 'Edited and moved', { ancestors: [{ id: root }] }));
    expect(moved.status).toBe(200);
    expect(moved.json.ancestors.map((a: { id: string }) => a.id)).toEqual([root]);
    const history = await alice.get(`/content/${id}/version`);
    expect(history.json.results.map((v: { number: number }) => v.number)).toEqual([3, 2, 1]);
    const first = await alice.get(`/content/${id}?version=1&expand=body.storage`);
    expect(first.json).toMatchObject({ status: 'historical', title: 'To be edited' });
    const asClientAsks = await alice.get(`/content/${id}?version=1&status=historical&expand=body.storage`);
    expect(asClientAsks.json).toMatchObject({ status: 'historical', title: 'To be edited' });
  });

  it('trashes on delete, then purges with status=trashed', async () => {
    const id = (await create('To be deleted')).json.id as string;
    expect((await alice.send('DELETE', `/content/${id}`)).status).toBe(204);
    expect((await alice.get(`/content/${id}`)).status).toBe(404);
    const trashed = await alice.get(`/content/${id}?status=trashed`);
    expect(trashed.json.status).toBe('trashed');
    expect((await alice.send('DELETE', `/content/${id}?status=trashed`)).status).toBe(204);
    expect((await alice.get(`/content/${id}?status=trashed`)).status).toBe(404);
    expect(emulator.control.world.pages.has(id)).toBe(false);
  });

  it('answers 403 in the v1 envelope to a reader without edit rights, 404 to a non-reader', async () => {
    const id = (await create('Alice only edits')).json.id as string;
    emulator.control.restrictPage(id, { update: [emulator.control.user('alice').accountId] });
    const refused = await bob.send('PUT', `/content/${id}`, { type: 'page', title: 'Bob was here', version: { number: 2 } });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ statusCode: 403, reason: 'Forbidden' });
    expect(refused.json.message).toMatch(/not allowed/);
    emulator.control.restrictPage(id, { read: [emulator.control.user('alice').accountId] });
    expect((await bob.send('PUT', `/content/${id}`, { type: 'page', title: 'x', version: { number: 2 } })).status).toBe(404);
    expect((await bob.get(`/content/${id}`)).status).toBe(404);
  });

  it('lists children, comments (footer and inline, replies with depth=all) and descendants', async () => {
    const home = must(space().homepageId);
    const children = await alice.get(`/content/${home}/child/page?limit=200`);
    expect(children.status).toBe(200);
    expect(children.json.results.length).toBeGreaterThan(0);
    const descendants = await alice.get(`/content/${home}/descendant/page?limit=200`);
    expect(descendants.json.size).toBeGreaterThan(children.json.size);
    const top = emulator.control.addComment(parent.id, '<p>Top comment</p>');
    emulator.control.addComment(parent.id, '<p>Reply</p>', { replyTo: top.id });
    const footer = await alice.get(`/content/${parent.id}/child/comment?location=footer&expand=body.storage,extensions.inlineProperties`);
    expect(footer.json.results.map((c: { id: string }) => c.id)).toContain(top.id);
    expect(footer.json.results.every((c: { extensions: { location: string } }) => c.extensions.location === 'footer')).toBe(true);
    const all = await alice.get(`/content/${parent.id}/child/comment?depth=all`);
    expect(all.json.size).toBe(footer.json.size + 1 + all.json.results.filter((c: { extensions: { location: string } }) => c.extensions.location === 'inline').length);
  });

  it('lists content by space and title, and a space with its content', async () => {
    const title = must(parent.versions.at(-1)).title;
    const byTitle = await alice.get(`/content?spaceKey=${spaceKey()}&title=${encodeURIComponent(title)}&expand=version`);
    expect(byTitle.json.results.map((p: { id: string }) => p.id)).toEqual([parent.id]);
    const list = await alice.get(`/content?spaceKey=${spaceKey()}&limit=5`);
    expect(list.json._links.next).toBe(`/rest/api/content?spaceKey=${spaceKey()}&limit=5&start=5`);
    const space = await alice.get(`/space/${spaceKey()}/content/page?limit=3&expand=body.storage`);
    expect(space.json.results).toHaveLength(3);
  });

  it('answers bad credentials with Tomcat HTML, not JSON', async () => {
    const answer = await fetch(`${emulator.url}/rest/api/search?cql=type=page`, { headers: { authorization: 'Bearer wrong' } });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await answer.text()).toMatch(/<html.*HTTP Status 401/s);
  });
});

describe('v1 content on Cloud', () => {
  let gone: RunningEmulator;
  let kept: RunningEmulator;

  beforeAll(async () => {
    gone = await startEmulator({ flavor: 'cloud', spaces: 2, pagesPerSpace: 30, seed: 7 });
    kept = await startEmulator({ flavor: 'cloud', spaces: 2, pagesPerSpace: 30, seed: 7, v1ContentGone: false });
  });
  afterAll(async () => {
    await gone.close();
    await kept.close();
  });

  it('answers v1 content CRUD with 410 Gone, the deprecation warning and the v1 envelope', async () => {
    const api = client(gone, 'cloud');
    const page = firstPage(gone, (p) => p.type === 'page');
    const calls = [api.get(`/content/${page.id}`), api.get('/content?spaceKey=ENG'), api.send('POST', '/content', { type: 'page' }), api.send('PUT', `/content/${page.id}`, {}), api.send('DELETE', `/content/${page.id}`)];
    for (const answer of await Promise.all(calls)) {
      expect(answer.status).toBe(410);
      expect(answer.headers.get('warning')).toBe('299 - "Deprecated API"');
      expect(answer.json).toMatchObject({ statusCode: 410, reason: 'Gone', data: { successful: false } });
      expect(answer.json.message).toContain('/wiki/api/v2');
    }
    expect(gone.control.page(page.id).status).toBe('current');
    expect((await api.get(`/search?cql=id=${page.id}`)).status).toBe(200);
  });

  it('serves v1 content in Cloud shapes when v1ContentGone is off', async () => {
    const api = client(kept, 'cloud');
    const page = firstPage(kept, (p) => p.type === 'page' && !p.restrictions.read);
    const answer = await api.get(`/content/${page.id}?expand=version,space`);
    expect(answer.status).toBe(200);
    expect(specProblems('cloud', 'GET', '/content/{id}', answer)).toEqual([]);
    expect(answer.json.version.by.accountId).toMatch(/^5b10/);
    expect(answer.json.version.friendlyWhen).toMatch(/^[A-Z][a-z]{2} \d{2}, \d{4}$/);
    expect(answer.json._links.webui).toMatch(new RegExp(`^/spaces/${answer.json.space.key}/pages/${page.id}/`));
    expect(answer.json._links.context).toBe('/wiki');
  });
});
