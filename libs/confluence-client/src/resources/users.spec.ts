import { NotFoundError } from '../core/errors';
import { FLAVORS, useEmulator } from '../testing/emulator';

describe.each(FLAVORS)('users on %s', (flavor) => {
  const session = useEmulator(flavor, { resetAfterEach: false });

  it('reads the current user, whose id is the account id on Cloud and the user key on Data Center', async () => {
    const alice = session.control.user('alice');
    const me = await session.client.users.current();
    expect(me.displayName).toBe(alice.displayName);
    if (flavor === 'cloud') {
      expect(me).toMatchObject({ id: alice.accountId, accountId: alice.accountId, email: 'alice@example.com', timeZone: alice.timeZone });
    } else {
      expect(me.username).toBe('alice');
      expect(me.id).toMatch(/^[0-9a-f]{32}$/);
      expect(me.accountId).toBeUndefined();
    }
    expect((await session.clientFor('bob').users.current()).displayName).toBe(session.control.user('bob').displayName);
  });

  it('gets a user by id (and by user name on Data Center); an unknown one is NotFoundError', async () => {
    const bob = session.control.user('bob');
    const id = flavor === 'cloud' ? bob.accountId : (await session.client.users.getByUsername('bob')).id;
    const got = await session.client.users.get(id);
    expect(got).toMatchObject({ id, displayName: bob.displayName });
    await expect(session.client.users.get(flavor === 'cloud' ? '5b00000000000000deadbeef' : '0123456789abcdef0123456789abcdef')).rejects.toBeInstanceOf(NotFoundError);
    if (flavor === 'cloud') {
      await expect(session.client.users.getByUsername('bob')).rejects.toThrow('users.getByUsername: Confluence Cloud has no user names');
    } else {
      expect(got.username).toBe('bob');
      await expect(session.client.users.getByUsername('nobody-here')).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(session.client.users.get(' ')).rejects.toThrow('id: must not be empty');
  });

  if (flavor === 'cloud') {
    it('searches users by the start of their name, keeping quotes and backslashes literal', async () => {
      const carol = session.control.user('carol');
      const firstName = carol.displayName.split(' ')[0];
      const found = await session.client.users.search(firstName.slice(0, 3).toLowerCase());
      expect(found.map((u) => u.id)).toContain(carol.accountId);
      expect(found.every((u) => u.displayName.toLowerCase().split(/\s+/).some((w) => w.startsWith(firstName.slice(0, 3).toLowerCase())))).toBe(true);
      expect(await session.client.users.search(carol.displayName, { limit: 1 })).toHaveLength(1);
      // Unescaped, these would end the CQL string early and the server would refuse the query.
      await expect(session.client.users.search('x" OR user.fullname ~ "a')).resolves.toEqual([]);
      await expect(session.client.users.search('back\\slash"')).resolves.toEqual([]);
      await expect(session.client.users.search('a', { limit: 0 })).rejects.toThrow('limit');
    });
  } else {
    it('says plainly that Data Center has no user search', async () => {
      await expect(session.client.users.search('alice')).rejects.toThrow(new TypeError('users.search: not available on Data Center'));
    });
  }
});
