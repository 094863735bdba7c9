import { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { ConfluenceClient } from '../client';
import { NotFoundError } from '../core/errors';
import { FLAVORS, clientFor, emulatorFor } from '../testing/emulator';

describe.each(FLAVORS)('users on %s', (flavor) => {
  let emulator: RunningEmulator;
  let client: ConfluenceClient;
  beforeAll(async () => {
    emulator = await emulatorFor(flavor);
    client = clientFor(emulator);
  });
  afterAll(() => emulator.close());

  it('reads the current user, whose id is the account id on Cloud and the user key on Data Center', async () => {
    const alice = emulator.control.user('alice');
    const me = await client.users.current();
    expect(me.displayName).toBe(alice.displayName);
    if (flavor === 'cloud') {
      expect(me).toMatchObject({ id: alice.accountId, accountId: alice.accountId, email: 'alice@example.com', timeZone: alice.timeZone });
    } else {
      expect(me.username).toBe('alice');
      expect(me.id).toMatch(/^[0-9a-f]{32}$/);
      expect(me.accountId).toBeUndefined();
    }
    expect((await clientFor(emulator, 'bob').users.current()).displayName).toBe(emulator.control.user('bob').displayName);
  });

  it('gets a user by id (and by user name on Data Center); an unknown one is NotFoundError', async () => {
    const bob = emulator.control.user('bob');
    const id = flavor === 'cloud' ? bob.accountId : (await client.users.getByUsername('bob')).id;
    const got = await client.users.get(id);
    expect(got).toMatchObject({ id, displayName: bob.displayName });
    await expect(client.users.get(flavor === 'cloud' ? '5b00000000000000deadbeef' : '0123456789abcdef0123456789abcdef')).rejects.toBeInstanceOf(NotFoundError);
    if (flavor === 'cloud') {
      await expect(client.users.getByUsername('bob')).rejects.toThrow('users.getByUsername: Confluence Cloud has no user names');
    } else {
      expect(got.username).toBe('bob');
      await expect(client.users.getByUsername('nobody-here')).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(client.users.get(' ')).rejects.toThrow('id: must not be empty');
  });

  if (flavor === 'cloud') {
    it('searches users by the start of their name, keeping quotes and backslashes literal', async () => {
      const carol = emulator.control.user('carol');
      const firstName = carol.displayName.split(' ')[0];
      const found = await client.users.search(firstName.slice(0, 3).toLowerCase());
      expect(found.map((u) => u.id)).toContain(carol.accountId);
      expect(found.every((u) => u.displayName.toLowerCase().split(/\s+/).some((w) => w.startsWith(firstName.slice(0, 3).toLowerCase())))).toBe(true);
      expect(await client.users.search(carol.displayName, { limit: 1 })).toHaveLength(1);
      // Unescaped, these would end the CQL string early and the server would refuse the query.
      await expect(client.users.search('x" OR user.fullname ~ "a')).resolves.toEqual([]);
      await expect(client.users.search('back\\slash"')).resolves.toEqual([]);
      await expect(client.users.search('a', { limit: 0 })).rejects.toThrow('limit');
    });
  } else {
    it('says plainly that Data Center has no user search', async () => {
      await expect(client.users.search('alice')).rejects.toThrow(new TypeError('users.search: not available on Data Center'));
    });
  }
});
