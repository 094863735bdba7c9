import { Page } from '../../model';
import { Flavor } from '../../options';
import { RunningEmulator, startEmulator } from '../../server';
import { Client, authHeader, client, firstPage, specProblems } from './spec-helpers';

const NO_CHECK = { 'x-atlassian-token': 'no-check' };

function upload(name: string, data: string, comment?: string): FormData {
  const form = new FormData();
  form.append('file', new Blob([data], { type: 'text/plain' }), name);
  if (comment !== undefined) form.append('comment', comment);
  form.append('minorEdit', 'true');
  return form;
}

describe.each<Flavor>(['cloud', 'dc'])('v1 attachments and labels (%s)', (flavor) => {
  let emulator: RunningEmulator;
  let alice: Client;
  let bob: Client;
  let page: Page;

  beforeAll(async () => {
    emulator = await startEmulator({ flavor, spaces: 2, pagesPerSpace: 30, seed: 7 });
    alice = client(emulator, flavor, 'alice');
    bob = client(emulator, flavor, 'bob');
    page = firstPage(emulator, (p) => p.type === 'page' && p.status === 'current' && !p.restrictions.read && !p.restrictions.update && p.spaceId === [...emulator.control.world.spaces.keys()][0]);
  });
  afterAll(() => emulator.close());

  it('refuses an upload without X-Atlassian-Token: no-check (XSRF), and stores nothing', async () => {
    const refused = await alice.send('POST', `/content/${page.id}/child/attachment`, upload('xsrf.txt', 'nope'));
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ statusCode: 403, reason: 'Forbidden' });
    expect(refused.json.message).toMatch(/XSRF check failed/);
    const listed = await alice.get(`/content/${page.id}/child/attachment?filename=xsrf.txt`);
    expect(listed.json.size).toBe(0);
  });

  it('uploads with the header, lists the file, and versions a same-named upload through PUT', async () => {
    const path = `/content/${page.id}/child/attachment`;
    const added = await alice.send('POST', `${path}?expand=version`, upload('notes.txt', 'first', 'initial notes'), NO_CHECK);
    expect(added.status).toBe(200);
    expect(specProblems(flavor, 'POST', '/content/{id}/child/attachment', added)).toEqual([]);
    expect(added.json.results).toHaveLength(1);
    expect(added.json.results[0]).toMatchObject({ type: 'attachment', title: 'notes.txt', version: { number: 1 }, extensions: { mediaType: 'text/plain', fileSize: 5, comment: 'initial notes' } });
    const id = added.json.results[0].id as string;
    expect(id).toMatch(/^att\d+$/);

    const listed = await alice.get(`${path}?filename=notes.txt&mediaType=text/plain`);
    expect(listed.status).toBe(200);
    expect(specProblems(flavor, 'GET', '/content/{id}/child/attachment', listed)).toEqual([]);
    expect(listed.json.results.map((a: { id: string }) => a.id)).toEqual([id]);
    expect(listed.json.results[0].metadata.mediaType).toBe('text/plain');

    const again = await alice.send('POST', path, upload('notes.txt', 'second'), NO_CHECK);
    expect(again.status).toBe(400);
    expect(again.json.message).toMatch(/same file name/);

    const updated = await alice.send('PUT', `${path}?expand=version`, upload('notes.txt', 'second version'), NO_CHECK);
    expect(updated.status).toBe(200);
    expect(updated.json.results[0]).toMatchObject({ id, version: { number: 2 }, extensions: { fileSize: 14 } });
    const after = await alice.get(`${path}?filename=notes.txt&expand=version`);
    expect(after.json.results).toHaveLength(1);
    expect(after.json.results[0].version.number).toBe(2);
    const bytes = await fetch(`${after.json._links.base}${after.json.results[0]._links.download}`, { headers: { authorization: authHeader(flavor, 'alice') } });
    expect(await bytes.text()).toBe('second version');
  });

  it('adds labels (one or several), lists them and removes them by path and by name', async () => {
    const path = `/content/${page.id}/label`;
    const one = await alice.send('POST', path, { prefix: 'global', name: 'Release-Notes' });
    expect(one.status).toBe(200);
    expect(specProblems(flavor, 'POST', '/content/{id}/label', one)).toEqual([]);
    expect(one.json.results.map((l: { name: string }) => l.name)).toContain('release-notes');
    const several = await alice.send('POST', path, [{ prefix: 'global', name: 'alpha' }, { prefix: 'my', name: 'beta/gamma' }]);
    expect(several.json.results).toEqual(expect.arrayContaining([{ prefix: 'global', name: 'alpha', id: expect.any(String), label: 'alpha' }, expect.objectContaining({ prefix: 'my', name: 'beta/gamma' })]));
    const mine = await alice.get(`${path}?prefix=my`);
    expect(mine.json.results.map((l: { name: string }) => l.name)).toEqual(['beta/gamma']);

    expect((await alice.send('DELETE', `${path}/release-notes`)).status).toBe(204);
    expect((await alice.send('DELETE', `${path}?name=${encodeURIComponent('beta/gamma')}`)).status).toBe(204);
    const left = (await alice.get(path)).json.results.map((l: { name: string }) => l.name);
    expect(left).toContain('alpha');
    expect(left).not.toContain('release-notes');
    expect(left).not.toContain('beta/gamma');
    const invalid = await alice.send('POST', path, [{ prefix: 'global', name: 'ok' }, { prefix: 'nope', name: 'x' }]);
    expect(invalid.status).toBe(400);
    expect(invalid.json.message).toContain("'[1].prefix'");
  });

  it('answers 403 to someone who can see but not edit, and 404 to someone who cannot see', async () => {
    const locked = firstPage(emulator, (p) => p.type === 'page' && p.status === 'current' && !p.restrictions.read && p.id !== page.id && p.spaceId === page.spaceId);
    emulator.control.restrictPage(locked.id, { update: [emulator.control.user('alice').accountId] });
    const label = await bob.send('POST', `/content/${locked.id}/label`, { prefix: 'global', name: 'nope' });
    expect(label.status).toBe(403);
    const file = await bob.send('POST', `/content/${locked.id}/child/attachment`, upload('bob.txt', 'x'), NO_CHECK);
    expect(file.status).toBe(403);
    emulator.control.restrictPage(locked.id, { read: [emulator.control.user('alice').accountId] });
    expect((await bob.get(`/content/${locked.id}/label`)).status).toBe(404);
    expect((await bob.send('POST', `/content/${locked.id}/child/attachment`, upload('bob.txt', 'x'), NO_CHECK)).status).toBe(404);
  });
});
