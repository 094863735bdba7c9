import { Flavor } from '../../options';
import { RunningEmulator, startEmulator } from '../../server';
import { Client, client, specProblems } from './spec-helpers';

describe.each<Flavor>(['cloud', 'dc'])('v1 users and spaces (%s)', (flavor) => {
  let emulator: RunningEmulator;
  let alice: Client;
  let bob: Client;

  beforeAll(async () => {
    emulator = await startEmulator({ flavor, spaces: 2, pagesPerSpace: 30, seed: 7 });
    alice = client(emulator, flavor, 'alice');
    bob = client(emulator, flavor, 'bob');
  });
  afterAll(() => emulator.close());

  it('returns the current user in the shape of the deployment', async () => {
    const me = await alice.get('/user/current');
    expect(me.status).toBe(200);
    expect(specProblems(flavor, 'GET', '/user/current', me)).toEqual([]);
    const alices = emulator.control.user('alice');
    if (flavor === 'cloud') {
      expect(me.json).toMatchObject({ type: 'known', accountId: alices.accountId, accountType: 'atlassian', email: 'alice@example.com', publicName: 'Alice Example', displayName: 'Alice Example', timeZone: alices.timeZone });
      expect(me.json.username).toBeUndefined();
    } else {
      expect(me.json).toMatchObject({ type: 'known', username: 'alice', userKey: expect.stringMatching(/^[0-9a-f]{32}$/), displayName: 'Alice Example' });
      expect(me.json.accountId).toBeUndefined();
    }
  });

  it('finds one user by the identifier the deployment uses, and 404s an unknown one', async () => {
    const bobs = emulator.control.user('bob');
    if (flavor === 'cloud') {
      expect((await alice.get(`/user?accountId=${bobs.accountId}`)).json.displayName).toBe('Bob Example');
      expect((await alice.get('/user?accountId=nobody')).status).toBe(404);
      expect((await alice.get('/user?username=bob')).status).toBe(400);
    } else {
      const byName = await alice.get('/user?username=bob');
      expect(byName.json.username).toBe('bob');
      expect((await alice.get(`/user?key=${byName.json.userKey}`)).json.username).toBe('bob');
      expect((await alice.get('/user?username=nobody')).status).toBe(404);
    }
  });

  it('searches users with CQL on Cloud only', async () => {
    const answer = await alice.get(`/search/user?cql=${encodeURIComponent('user.fullname ~ "bo"')}`);
    if (flavor === 'dc') {
      expect(answer.status).toBe(404);
      return;
    }
    expect(answer.status).toBe(200);
    expect(specProblems(flavor, 'GET', '/search/user', answer)).toEqual([]);
    expect(answer.json.results.map((r: { user: { displayName: string } }) => r.user.displayName)).toEqual(['Bob Example']);
    const bobs = emulator.control.user('bob');
    const byId = await alice.get(`/search/user?cql=${encodeURIComponent(`user.accountid = "${bobs.accountId}" and type = user`)}`);
    expect(byId.json.results).toHaveLength(1);
    expect(byId.json.results[0]).toMatchObject({ entityType: 'user', url: `/people/${bobs.accountId}` });
    expect((await alice.get(`/search/user?cql=${encodeURIComponent('type = user')}`)).json.totalSize).toBe(emulator.control.world.users.size);
    const bad = await alice.get(`/search/user?cql=${encodeURIComponent('user.fullname ~')}`);
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/^Could not parse cql/);
  });

  it('lists spaces by key with integer ids, hides spaces a user cannot read, and gets one', async () => {
    const spaces = await alice.get('/space?expand=description.plain,homepage,metadata.labels,icon');
    expect(spaces.status).toBe(200);
    expect(specProblems(flavor, 'GET', '/space', spaces)).toEqual([]);
    const keys = spaces.json.results.map((s: { key: string }) => s.key);
    expect(keys).toEqual([...keys].sort());
    expect(spaces.json.results.every((s: { id: unknown }) => Number.isInteger(s.id))).toBe(true);
    expect(spaces.json.results[0].homepage.type).toBe('page');
    const key = keys[0] as string;
    const one = await alice.get(`/space/${key}?expand=description.view,history`);
    expect(specProblems(flavor, 'GET', '/space/{spaceKey}', one)).toEqual([]);
    expect(one.json._links.webui).toBe(flavor === 'cloud' ? `/spaces/${key}` : `/display/${key}`);

    const carol = client(emulator, flavor, 'carol');
    const restricted = keys[keys.length - 1] as string;
    expect((await carol.get(`/space/${restricted}`)).status).toBe(404);
    expect((await carol.get('/space')).json.results.map((s: { key: string }) => s.key)).not.toContain(restricted);
    expect((await bob.get(`/space/${restricted}`)).status).toBe(200);
    const paged = await alice.get('/space?limit=1');
    expect(paged.json._links.next).toBe(flavor === 'cloud' ? '/rest/api/space?next=true&limit=1&start=1' : '/rest/api/space?limit=1&start=1');
  });
});
