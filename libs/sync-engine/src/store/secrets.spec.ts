/** Connection credentials at rest (the secret box itself is specified in confluence-client): sealed with a key from SECRET_KEY, never stored or returned in the clear, and refused when the key is wrong. */
import { openDatabase, SyncDatabase } from './database';
import { createSecretBox } from './secrets';
import { SqliteSyncStore } from './sqlite-store';

const KEY = 'k'.repeat(16) + 'correct-horse-battery-staple-0123456789';
const OTHER_KEY = 'another-secret-key-that-is-long-enough-1234';
const TOKEN = 'ATATT3xFfGF0-very-secret-api-token';

describe('connections in the store', () => {
  let db: SyncDatabase;
  let store: SqliteSyncStore;
  let userId: string;
  beforeEach(async () => {
    db = openDatabase({ url: ':memory:' });
    store = new SqliteSyncStore(db, createSecretBox(KEY));
    userId = (await store.createUser({ username: 'alice', email: 'alice@example.com', name: 'Alice', passwordHash: null })).id;
  });
  afterEach(() => store.close());

  const create = () =>
    store.createConnection({ userId, name: 'acme', siteUrl: 'https://acme.atlassian.net/wiki', flavor: 'cloud', authKind: 'basic', credentials: { email: 'alice@example.com', apiToken: TOKEN } });
  const rawSecret = (id: string) => (db.$client.prepare('SELECT secret FROM connections WHERE id = ?').get(id) as { secret: string }).secret;

  it('stores the credentials encrypted: the raw column holds neither the token nor its base64', async () => {
    const connection = await create();
    const raw = rawSecret(connection.id);
    expect(raw).toMatch(/^v1\./);
    for (const form of [TOKEN, Buffer.from(TOKEN).toString('base64'), Buffer.from(TOKEN).toString('base64url'), Buffer.from(TOKEN).toString('hex')]) expect(raw).not.toContain(form);
    expect(await store.connectionCredentials(connection.id)).toEqual({ email: 'alice@example.com', apiToken: TOKEN });
  });

  it('never returns the secret with a connection', async () => {
    const connection = await create();
    for (const seen of [connection, await store.getConnection(connection.id), ...(await store.listConnections(userId))]) {
      expect(seen).not.toHaveProperty('secret');
      expect(JSON.stringify(seen)).not.toContain(TOKEN);
    }
  });

  it('rotates credentials in one write (a new ciphertext, the new token readable)', async () => {
    const connection = await create();
    const before = rawSecret(connection.id);
    await store.updateConnectionCredentials(connection.id, { email: 'alice@example.com', apiToken: 'rotated-token' }, 1_900_000_000_000);
    expect(rawSecret(connection.id)).not.toBe(before);
    expect(await store.connectionCredentials(connection.id)).toEqual({ email: 'alice@example.com', apiToken: 'rotated-token' });
    expect(await store.getConnection(connection.id)).toMatchObject({ tokenExpiresAt: 1_900_000_000_000 });
    await expect(store.updateConnectionCredentials('missing', {}, null)).rejects.toThrow('connection missing: not found');
  });

  it('with another SECRET_KEY, reading credentials fails with a clear error that does not leak them', async () => {
    const connection = await create();
    const wrong = new SqliteSyncStore(db, createSecretBox(OTHER_KEY));
    const error = await wrong.connectionCredentials(connection.id).catch((caught: unknown) => caught as Error);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('stored credentials: cannot be decrypted (was SECRET_KEY changed?)');
    expect(error.message).not.toContain(TOKEN);
  });

  it('without a SECRET_KEY, storing or reading credentials is refused naming SECRET_KEY', async () => {
    const connection = await create();
    const keyless = new SqliteSyncStore(db);
    await expect(keyless.connectionCredentials(connection.id)).rejects.toThrow('SECRET_KEY: required to store Confluence credentials');
    await expect(keyless.createConnection({ userId, name: 'other', siteUrl: 'https://x.atlassian.net/wiki', flavor: 'cloud', authKind: 'basic', credentials: { apiToken: TOKEN } })).rejects.toThrow(/^SECRET_KEY: /);
    // Reading a connection without its credentials needs no key.
    expect(await keyless.getConnection(connection.id)).toMatchObject({ name: 'acme' });
  });
});
