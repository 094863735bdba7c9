import { ConflictError, NotFoundError } from '../core/errors';
import { FLAVORS, openSpace, useEmulator } from '../testing/emulator';

describe.each(FLAVORS)('pages on %s', (flavor) => {
  const session = useEmulator(flavor, { pagesPerSpace: 60, resetAfterEach: false });

  const visibleToAlice = (spaceId: string) =>
    [...session.control.world.pages.values()].filter((p) => p.spaceId === spaceId && p.type === 'page' && p.status === 'current');

  it('iterates every page of a space once, with bodies, across many list pages', async () => {
    const space = openSpace(session.emulator);
    const seen: string[] = [];
    for await (const page of session.client.pages.iterate({ spaceKey: space.key }, { body: true, limit: 7 })) {
      seen.push(page.id);
      expect(page.body?.storage).toMatch(/<\w/);
      expect(page.spaceId).toBe(space.id);
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(visibleToAlice(space.id).map((p) => p.id).sort());
  });

  it('gets a page by id, by title and by URL, with the body format asked for', async () => {
    const space = openSpace(session.emulator);
    const target = visibleToAlice(space.id).find((p) => p.parentId && !p.restrictions.read)!;
    const title = target.versions[target.versions.length - 1].title;
    const byId = await session.client.pages.get(target.id, { bodyFormat: 'storage' });
    expect(byId.title).toBe(title);
    expect(byId.version.number).toBe(target.versions.length);
    expect(byId.parentId).toBe(target.parentId);
    expect(byId.body?.storage).toBe(target.versions[target.versions.length - 1].body);
    expect((await session.client.pages.get(target.id, { bodyFormat: 'view' })).body?.view).toBeDefined();
    expect((await session.client.pages.getByTitle(space.key, title))?.id).toBe(target.id);
    expect(await session.client.pages.getByTitle(space.key, 'No such page anywhere')).toBeNull();
    expect((await session.client.pages.getByUrl(byId.webUrl)).id).toBe(target.id);
    await expect(session.client.pages.getByUrl('https://elsewhere.example.com/wiki/spaces/X/pages/1/T')).rejects.toThrow('url: points at');
  });

  it('gets many pages by id and leaves out the ones the caller cannot see', async () => {
    const space = openSpace(session.emulator);
    const ids = visibleToAlice(space.id).map((p) => p.id);
    const restricted = ids.find((id) => session.control.page(id).restrictions.read)!;
    const carol = session.clientFor('carol');
    const got = await carol.pages.getMany(ids);
    expect(got.map((p) => p.id)).not.toContain(restricted);
    expect(got.length).toBeGreaterThan(ids.length / 2);
  });

  it('walks the tree: children in position order, ancestors root first with titles', async () => {
    const space = openSpace(session.emulator);
    const root = session.control.createPage({ spaceKey: space.key, title: `Tree ${flavor}` });
    const a = session.control.createPage({ spaceKey: space.key, title: `Tree ${flavor} A`, parentId: root.id });
    const b = session.control.createPage({ spaceKey: space.key, title: `Tree ${flavor} B`, parentId: root.id });
    const leaf = session.control.createPage({ spaceKey: space.key, title: `Tree ${flavor} leaf`, parentId: b.id });
    const children = await session.client.pages.children(root.id);
    expect(children.items.map((c) => c.id)).toEqual([a.id, b.id]);
    const ancestors = await session.client.pages.ancestors(leaf.id);
    expect(ancestors.slice(-2).map((x) => x.title)).toEqual([`Tree ${flavor}`, `Tree ${flavor} B`]);
  });

  it('creates, updates with the version rule, and reports the current version on a conflict', async () => {
    const space = openSpace(session.emulator);
    const created = await session.client.pages.create({ spaceKey: space.key, title: `Written by the client ${flavor}`, body: '<p>one</p>' });
    expect(created.version.number).toBe(1);
    const updated = await session.client.pages.update(created.id, { expectedVersion: 1, body: '<p>two</p>', message: 'second' });
    expect(updated.version.number).toBe(2);
    expect(updated.title).toBe(created.title);
    const stale = await session.client.pages.update(created.id, { expectedVersion: 1, body: '<p>lost?</p>' }).catch((e) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect(stale.currentVersion).toBe(2);
    expect((await session.client.pages.get(created.id, { bodyFormat: 'storage' })).body?.storage).toBe('<p>two</p>');
    const versions = await session.client.pages.versions(created.id);
    expect(versions.items.map((v) => v.number)).toEqual([2, 1]);
  });

  it('moves a page without changing its version', async () => {
    const space = openSpace(session.emulator);
    const target = session.control.createPage({ spaceKey: space.key, title: `Move target ${flavor}` });
    const page = session.control.createPage({ spaceKey: space.key, title: `Moving ${flavor}` });
    await session.client.pages.move(page.id, target.id);
    const moved = await session.client.pages.get(page.id);
    expect(moved.parentId).toBe(target.id);
    expect(moved.version.number).toBe(1);
  });

  it('trashes, purges, and then answers NotFoundError', async () => {
    const page = session.control.createPage({ spaceKey: openSpace(session.emulator).key, title: `Delete me ${flavor}` });
    await session.client.pages.delete(page.id);
    expect(session.control.page(page.id).status).toBe('trashed');
    await session.client.pages.delete(page.id, { purge: true });
    await expect(session.client.pages.get(page.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('hides a restricted space: carol gets NotFoundError', async () => {
    const hidden = [...session.control.world.spaces.values()].find((s) => s.permissions.read !== '*')!;
    const page = [...session.control.world.pages.values()].find((p) => p.spaceId === hidden.id)!;
    await expect(session.clientFor('carol').pages.get(page.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(session.clientFor('carol').spaces.get(hidden.key)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists spaces with filters and gets one by key', async () => {
    const space = openSpace(session.emulator);
    const listed = await session.client.spaces.list({ keys: [space.key] });
    expect(listed.items.map((s) => s.key)).toEqual([space.key]);
    expect((await session.client.spaces.get(space.key)).homepageId).toBe(space.homepageId);
    const all: string[] = [];
    for await (const s of session.client.spaces.iterate({ limit: 1 })) all.push(s.key);
    expect(all.sort()).toEqual([...session.control.world.spaces.values()].map((s) => s.key).sort());
  });

  it('refuses ids that are not ids before any request', async () => {
    await expect(session.client.pages.get('../../admin')).rejects.toThrow("id: '../../admin' is not a Confluence id");
  });
});

describe('getMany on Cloud', () => {
  const session = useEmulator('cloud', { spaces: 1, pagesPerSpace: 600 });

  it('batches ids by 250', async () => {
    const ids = [...session.control.world.pages.values()].filter((p) => p.type === 'page' && !p.restrictions.read).map((p) => p.id);
    const pages = await session.client.pages.getMany(ids, { body: true });
    expect(pages).toHaveLength(ids.length);
    expect(session.control.counts()['GET /wiki/api/v2/pages']).toBe(Math.ceil(ids.length / 250));
  });
});
