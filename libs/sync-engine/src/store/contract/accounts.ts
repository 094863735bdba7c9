/** Contract: users (unique username and email), OAuth states, and index names unique per owner. */
import { ConflictError } from '../errors';
import { StoreFactory, storePerTest } from './factory';

/** Declares the accounts specs for the store `factory` makes. */
export function accountsContract(factory: StoreFactory): void {
  const t = storePerTest(factory);
  const alice = { username: 'alice', email: 'alice@example.com', passwordHash: 'scrypt$16384$c2FsdA$aGFzaA' };

  describe('users', () => {
    it('creates a user found by id, username and email; the name defaults to the username', async () => {
      const user = await t.store.createUser(alice);
      expect(user).toEqual({ id: expect.any(String), username: 'alice', email: 'alice@example.com', name: 'alice', passwordHash: alice.passwordHash, createdAt: t.clock.now });
      expect(await t.store.getUser(user.id)).toEqual(user);
      expect(await t.store.findUserByUsername('alice')).toEqual(user);
      expect(await t.store.findUserByEmail('alice@example.com')).toEqual(user);
      expect(await t.store.findUserByUsername('Alice')).toBeUndefined();
      expect(await t.store.findUserByUsername('bob')).toBeUndefined();
      const bob = await t.store.createUser({ username: 'bob', email: 'bob@example.com', name: 'Bob B.', passwordHash: null });
      expect(bob).toMatchObject({ name: 'Bob B.', passwordHash: null });
      expect(bob.id).not.toBe(user.id);
    });

    it('refuses a taken username or email with a ConflictError naming the field, not the value', async () => {
      await t.store.createUser(alice);
      const sameName = t.store.createUser({ ...alice, email: 'other@example.com' });
      await expect(sameName).rejects.toBeInstanceOf(ConflictError);
      await expect(sameName).rejects.toMatchObject({ name: 'ConflictError', field: 'username', message: 'username: already taken' });
      const sameEmail = t.store.createUser({ ...alice, username: 'alice2' });
      await expect(sameEmail).rejects.toMatchObject({ name: 'ConflictError', field: 'email', message: 'email: already taken' });
      await expect(sameEmail).rejects.not.toThrow(/alice@example\.com/);
      expect(await t.store.findUserByUsername('alice2')).toBeUndefined();
    });
  });

  describe('OAuth states', () => {
    it('hands out a random 32-byte base64url state that gives back its user once', async () => {
      const user = await t.store.createUser(alice);
      const state = await t.store.createOAuthState({ userId: user.id, ttlMs: 600_000 });
      expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(state, 'base64url')).toHaveLength(32);
      expect(await t.store.createOAuthState({ userId: user.id, ttlMs: 600_000 })).not.toBe(state);
      expect(await t.store.consumeOAuthState(state)).toBe(user.id);
      expect(await t.store.consumeOAuthState(state)).toBeUndefined();
    });

    it('answers undefined for an unknown, forged or expired state', async () => {
      const user = await t.store.createUser(alice);
      const state = await t.store.createOAuthState({ userId: user.id, ttlMs: 1000 });
      expect(await t.store.consumeOAuthState('')).toBeUndefined();
      expect(await t.store.consumeOAuthState(state.slice(0, -1) + (state.endsWith('A') ? 'B' : 'A'))).toBeUndefined();
      t.clock.now += 1001;
      expect(await t.store.consumeOAuthState(state)).toBeUndefined();
    });

    it('keeps states of two users apart, and two concurrent consumers of one state get it once between them', async () => {
      const a = await t.store.createUser(alice);
      const b = await t.store.createUser({ username: 'bob', email: 'bob@example.com', passwordHash: null });
      const forA = await t.store.createOAuthState({ userId: a.id, ttlMs: 60_000 });
      const forB = await t.store.createOAuthState({ userId: b.id, ttlMs: 60_000 });
      const results = await Promise.all([t.store.consumeOAuthState(forA), t.store.consumeOAuthState(forA), t.store.consumeOAuthState(forB)]);
      expect(results.filter((r) => r === a.id)).toHaveLength(1);
      expect(results.filter((r) => r === undefined)).toHaveLength(1);
      expect(results[2]).toBe(b.id);
    });
  });

  describe('index names', () => {
    const index = (name: string, ownerId: string | null) => ({ name, ownerId, siteUrl: 'https://acme.atlassian.net/wiki', spaces: ['ENG'], destination: 'local' as const });

    it('are unique per owner: two users may each have "docs", and the command line (no owner) one more', async () => {
      const a = await t.store.createUser(alice);
      const b = await t.store.createUser({ username: 'bob', email: 'bob@example.com', passwordHash: null });
      const ofA = await t.store.createIndex(index('docs', a.id));
      const ofB = await t.store.createIndex(index('docs', b.id));
      const cli = await t.store.createIndex(index('docs', null));
      expect(new Set([ofA.id, ofB.id, cli.id]).size).toBe(3);
      expect(await t.store.findIndexByName('docs', a.id)).toEqual(ofA);
      expect(await t.store.findIndexByName('docs', b.id)).toEqual(ofB);
      expect(await t.store.findIndexByName('docs')).toEqual(cli);
      expect(await t.store.findIndexByName('docs', null)).toEqual(cli);
      expect(await t.store.findIndexByName('other', a.id)).toBeUndefined();
      expect((await t.store.listIndexes({ ownerId: a.id })).map((i) => i.id)).toEqual([ofA.id]);
      expect(await t.store.listIndexes()).toHaveLength(3);
    });

    it('a duplicate name of one owner, the command line included, is a ConflictError on field "name"', async () => {
      const a = await t.store.createUser(alice);
      await t.store.createIndex(index('docs', a.id));
      await t.store.createIndex(index('docs', null));
      await expect(t.store.createIndex(index('docs', a.id))).rejects.toMatchObject({ name: 'ConflictError', field: 'name', message: 'name: already taken' });
      await expect(t.store.createIndex(index('docs', null))).rejects.toBeInstanceOf(ConflictError);
      expect(await t.store.listIndexes()).toHaveLength(2);
    });

    it('renaming to a name the owner already uses is a ConflictError; to a free one, it sticks', async () => {
      const a = await t.store.createUser(alice);
      await t.store.createIndex(index('docs', a.id));
      const other = await t.store.createIndex(index('wiki', a.id));
      await expect(t.store.updateIndex(other.id, { name: 'docs' })).rejects.toMatchObject({ field: 'name' });
      expect(await t.store.getIndex(other.id)).toMatchObject({ name: 'wiki' });
      t.clock.now += 5;
      expect(await t.store.updateIndex(other.id, { name: 'handbook', intervalMinutes: 30 })).toMatchObject({ name: 'handbook', intervalMinutes: 30, updatedAt: t.clock.now });
    });
  });
}
