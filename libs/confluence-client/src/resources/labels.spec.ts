import { BadRequestError, NotFoundError } from '../core/errors';
import { collect } from '../core/pagination';
import { FLAVORS, openSpace, useEmulator } from '../testing/emulator';

describe.each(FLAVORS)('labels on %s', (flavor) => {
  const session = useEmulator(flavor, { resetAfterEach: false });

  let pages = 0;
  const freshPage = () => session.control.createPage({ spaceKey: openSpace(session.emulator).key, title: `Labels ${flavor} ${++pages}` });
  const names = async (pageId: string) => (await collect(session.client.labels.iterate(pageId), 100)).map((l) => l.name).sort();

  it('adds, lists and removes labels without changing the page version', async () => {
    const page = freshPage();
    session.control.editPage(page.id, { body: '<p>second version</p>' });
    const before = (await session.client.pages.get(page.id)).version.number;
    expect(before).toBe(2);

    const after = await session.client.labels.add(page.id, ['runbook', 'team/backend', 'runbook']);
    expect(after.map((l) => l.name).sort()).toEqual(['runbook', 'team/backend']);
    expect(after.every((l) => l.prefix === 'global' && /^\d+$/.test(l.id))).toBe(true);
    expect(await names(page.id)).toEqual(['runbook', 'team/backend']);
    expect((await session.client.pages.get(page.id)).version.number).toBe(before);

    // A name with '/' cannot be a path segment: removal must use the query form.
    await session.client.labels.remove(page.id, 'team/backend');
    expect(await names(page.id)).toEqual(['runbook']);
    expect((await session.client.pages.get(page.id)).version.number).toBe(before);
    expect(session.control.page(page.id).versions).toHaveLength(2);
    await expect(session.client.labels.remove(page.id, 'team/backend')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists labels page by page and filters by prefix', async () => {
    const page = freshPage();
    const added = ['alpha', 'bravo', 'charlie', 'delta', 'echo'].map((name) => session.control.addLabel(page.id, name));
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      const listed = await session.client.labels.list(page.id, { limit: 2, cursor });
      seen.push(...listed.items.map((l) => l.id));
      sizes.push(listed.items.length);
      cursor = listed.nextCursor;
    } while (cursor && sizes.length < 10);
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen.sort()).toEqual(added.map((l) => l.id).sort());
    expect((await session.client.labels.list(page.id, { prefix: 'global' })).items).toHaveLength(5);
    expect((await session.client.labels.list(page.id, { prefix: 'team' })).items).toEqual([]);
  });

  it('refuses bad names before sending, and maps the server refusing one to BadRequestError', async () => {
    const page = freshPage();
    const sent = session.control.requestCount();
    await expect(session.client.labels.add(page.id, ['two words'])).rejects.toThrow("label 'two words': must not contain spaces");
    await expect(session.client.labels.add(page.id, ['Runbook'])).rejects.toThrow("must be lowercase ('runbook')");
    await expect(session.client.labels.add(page.id, [''])).rejects.toThrow('label: must not be empty');
    await expect(session.client.labels.add(page.id, [])).rejects.toThrow('names: give at least one label name');
    await expect(session.client.labels.remove(page.id, 'has space')).rejects.toThrow(TypeError);
    expect(session.control.requestCount()).toBe(sent);

    const refused = session.client.labels.add(page.id, ['ok-label', 'not:allowed']);
    await expect(refused).rejects.toBeInstanceOf(BadRequestError);
    await expect(refused).rejects.toThrow(/not:allowed/);
  });

  it('answers NotFoundError on a page the caller cannot see', async () => {
    const hidden = [...session.control.world.spaces.values()].find((s) => s.permissions.read !== '*')?.homepageId;
    if (!hidden) throw new Error('emulator world has no restricted space with a home page');
    const carol = session.clientFor('carol');
    await expect(carol.labels.list(hidden)).rejects.toBeInstanceOf(NotFoundError);
    await expect(carol.labels.add(hidden, ['sneaky'])).rejects.toBeInstanceOf(NotFoundError);
    await expect(carol.labels.remove(hidden, 'sneaky')).rejects.toBeInstanceOf(NotFoundError);
    expect(session.control.page(hidden).labels.map((l) => l.name)).not.toContain('sneaky');
    // Alice, who may read that space, gets an answer for the same page.
    await expect(session.client.labels.add(hidden, ['visible-to-alice'])).resolves.toContainEqual(expect.objectContaining({ name: 'visible-to-alice' }));
  });
});
