import { Flavor } from '../../options';
import { RunningEmulator, startEmulator } from '../../server';
import { Client, client, collectPages, firstPage, specProblems } from './spec-helpers';

const q = (cql: string) => encodeURIComponent(cql);

describe.each<Flavor>(['cloud', 'dc'])('v1 CQL search (%s)', (flavor) => {
  let emulator: RunningEmulator;
  let alice: Client;
  let bob: Client;
  let contextRoot: string;

  beforeAll(async () => {
    emulator = await startEmulator({ flavor, spaces: 2, pagesPerSpace: 30, seed: 7 });
    alice = client(emulator, flavor, 'alice');
    bob = client(emulator, flavor, 'bob');
    contextRoot = flavor === 'cloud' ? `${emulator.url}/wiki` : emulator.url;
  });
  afterAll(() => emulator.close());

  it('pages through every result exactly once, in the same order as one big page', async () => {
    const cql = q('type in (page, blogpost)');
    const all = await alice.get(`/search?cql=${cql}&limit=200`);
    expect(all.status).toBe(200);
    expect(specProblems(flavor, 'GET', '/search', all)).toEqual([]);
    const expected = all.json.results.map((r: { content: { id: string } }) => r.content.id);
    expect(expected.length).toBe(all.json.totalSize);
    expect(expected.length).toBeGreaterThan(50);

    const { pages, results } = await collectPages(alice, `/search?cql=${cql}&limit=7`, contextRoot);
    const ids = results.map((r) => (r as { content: { id: string } }).content.id);
    expect(ids).toEqual(expected);
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages.length).toBe(Math.ceil(expected.length / 7));
    const next = pages[0].json._links.next as string;
    expect(next.startsWith('/rest/api/search?')).toBe(true);
    if (flavor === 'cloud') expect(next).toMatch(/[?&]cursor=[^&]+/);
    else expect(next).not.toContain('cursor=');
    expect(pages.map((p) => p.json.start)).toEqual(pages.map((_, i) => i * 7));
  });

  it('pages /content/search with start (DC) or cursor (Cloud) over every result once', async () => {
    const { results } = await collectPages(alice, `/content/search?cql=${q('type = page order by title')}&limit=9`, contextRoot);
    const titles = results.map((r) => (r as { title: string }).title);
    expect(new Set(results.map((r) => (r as { id: string }).id)).size).toBe(results.length);
    expect(titles).toEqual([...titles].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)));
    const single = await alice.get(`/content/search?cql=${q('type = page')}&limit=200`);
    expect(results.length).toBe(single.json.size);
  });

  it('answers a bad or missing CQL with 400 in the v1 envelope', async () => {
    const bad = await alice.get(`/search?cql=${q('type = page and (title ~ "x"')}`);
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ statusCode: 400, data: { valid: false, successful: false }, reason: 'Bad Request' });
    expect(bad.json.message).toMatch(/^Could not parse cql : type = page and \(title ~ "x"/);
    if (flavor === 'dc') expect(bad.json.data.notSuccessful).toBe(true);
    const missing = await alice.get('/content/search');
    expect(missing.status).toBe(400);
    expect(missing.json.message).toMatch(/cql/i);
  });

  it('clamps limit silently: 50 with a body expansion, more without', async () => {
    const withBody = await alice.get(`/content/search?cql=${q('type in (page, blogpost)')}&limit=100&expand=body.storage`);
    expect(withBody.status).toBe(200);
    expect(withBody.json.limit).toBe(50);
    expect(withBody.json.size).toBe(50);
    expect(withBody.json.results[0].body.storage.representation).toBe('storage');
    expect(specProblems(flavor, 'GET', '/content/search', withBody)).toEqual([]);
    const nested = await alice.get(`/search?cql=${q('type = page')}&limit=100&expand=content.body.view`);
    expect(nested.json.limit).toBe(50);
    const without = await alice.get(`/content/search?cql=${q('type in (page, blogpost)')}&limit=100`);
    expect(without.json.limit).toBe(100);
    expect(without.json.size).toBeGreaterThan(50);
    const huge = await alice.get(`/content/search?cql=${q('type = page')}&limit=5000`);
    expect(huge.json.limit).toBe(flavor === 'cloud' ? 250 : 1000);
  });

  it('never shows a restricted page to someone outside the restriction, in search or by id', async () => {
    const page = firstPage(emulator, (p) => p.type === 'page' && p.status === 'current' && !p.restrictions.read && p.parentId !== null);
    emulator.control.restrictPage(page.id, { read: [emulator.control.user('alice').accountId] });
    const byId = `/search?cql=${q(`id = ${page.id}`)}`;
    expect((await alice.get(byId)).json.totalSize).toBe(1);
    expect((await bob.get(byId)).json.totalSize).toBe(0);
    const everything = await bob.get(`/content/search?cql=${q('type = page')}&limit=200`);
    expect(everything.json.results.map((r: { id: string }) => r.id)).not.toContain(page.id);
    const direct = flavor === 'dc' ? await bob.get(`/content/${page.id}`) : await bob.get(`/content/${page.id}/label`);
    expect(direct.status).toBe(404);
    expect(direct.json.statusCode).toBe(404);
    expect((await alice.get(flavor === 'dc' ? `/content/${page.id}` : `/content/${page.id}/label`)).status).toBe(200);
  });

  it('highlights the matched words in title and excerpt, and ranks title matches first', async () => {
    const page = firstPage(emulator, (p) => p.type === 'page' && p.status === 'current' && !p.restrictions.read);
    emulator.control.editPage(page.id, { title: 'Zyzzyva rollout & checklist', body: '<p>Before the zyzzyva rollout, read this.</p>' });
    const other = firstPage(emulator, (p) => p.type === 'page' && p.id !== page.id && !p.restrictions.read);
    emulator.control.editPage(other.id, { body: '<p>Mentions zyzzyva once.</p>' });
    const answer = await alice.get(`/search?cql=${q('text ~ "zyzzyva"')}`);
    expect(answer.json.results.map((r: { content: { id: string } }) => r.content.id)).toEqual([page.id, other.id]);
    expect(answer.json.results[0].title).toBe('@@@hl@@@Zyzzyva@@@endhl@@@ rollout &amp; checklist');
    expect(answer.json.results[0].excerpt).toContain('@@@hl@@@zyzzyva@@@endhl@@@');
    expect(answer.json.results[0].content.title).toBe('Zyzzyva rollout & checklist');
    const plain = await alice.get(`/search?cql=${q('text ~ "zyzzyva"')}&excerpt=none`);
    expect(plain.json.results[0]).toMatchObject({ title: 'Zyzzyva rollout & checklist', excerpt: '' });
  });

  it('searches comments and attachments only when their type is asked for', async () => {
    const comments = await alice.get(`/search?cql=${q('type = comment')}&limit=5`);
    expect(comments.json.totalSize).toBeGreaterThan(0);
    expect(comments.json.results[0].content.type).toBe('comment');
    const attachments = await alice.get(`/search?cql=${q('type = attachment')}&limit=5`);
    expect(attachments.json.results.every((r: { content: { type: string } }) => r.content.type === 'attachment')).toBe(true);
    const pages = await alice.get(`/search?cql=${q('space = ENG')}&limit=200`);
    expect(pages.json.results.every((r: { content: { type: string } }) => ['page', 'blogpost'].includes(r.content.type))).toBe(true);
  });
});

describe('v1 CQL search: Cloud cursor', () => {
  let emulator: RunningEmulator;
  let alice: Client;

  beforeAll(async () => {
    emulator = await startEmulator({ flavor: 'cloud', spaces: 2, pagesPerSpace: 30, seed: 7 });
    alice = client(emulator, 'cloud');
  });
  afterAll(() => emulator.close());

  it('neither repeats nor skips when a newer page appears between two calls', async () => {
    const first = await alice.get(`/search?cql=${q('type = page')}&limit=10`);
    const before = await alice.get(`/search?cql=${q('type = page')}&limit=200`);
    emulator.control.createPage({ spaceKey: 'ENG', title: 'Brand new page between calls' });
    const second = await alice.get(`${emulator.url}/wiki${first.json._links.next}`);
    const expected = before.json.results.slice(10, 20).map((r: { content: { id: string } }) => r.content.id);
    expect(second.json.results.map((r: { content: { id: string } }) => r.content.id)).toEqual(expected);
  });

  it('refuses a cursor made for another query', async () => {
    const first = await alice.get(`/search?cql=${q('type = page')}&limit=5`);
    const cursor = new URL(`http://x${first.json._links.next}`).searchParams.get('cursor');
    const other = await alice.get(`/search?cql=${q('type = blogpost')}&cursor=${cursor}`);
    expect(other.status).toBe(400);
  });
});
