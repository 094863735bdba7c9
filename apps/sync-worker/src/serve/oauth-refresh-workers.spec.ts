/**
 * Two workers (two stores on two PostgreSQL pools, as two processes have) find one user's Atlassian access token
 * expired at the same moment: exactly one of them refreshes, the other reads the rotated tokens back, both calls
 * succeed and the grant survives. Without the per-connection lock both would present the same refresh token, and
 * Atlassian (the emulator, as Atlassian does) revokes a grant whose rotated refresh token is presented again.
 */
import { RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import { createAtlassianOAuthClient } from '@confluence-mcp/confluence-client';
import { createLogger } from '@confluence-mcp/logging';
import { createSecretBox, openSyncStore } from '@confluence-mcp/sync-engine';
import type { OpenedSyncStore } from '@confluence-mcp/sync-engine';
import { createTestPgDatabase, TestPgDatabase } from '@confluence-mcp/sync-engine/testing';
import { TEST_SECRET_KEY } from '../testing/serve';
import { createRunResolver } from './clients';

jest.setTimeout(60_000);

let emulator: RunningEmulator;
let database: TestPgDatabase;
const opened: OpenedSyncStore[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ spaces: 2, pagesPerSpace: 3, seed: 4 });
  database = await createTestPgDatabase();
});

afterAll(async () => {
  for (const store of opened) await store.close();
  await emulator?.close();
  await database?.drop();
});

it('one refresh for two workers whose access token expired at once; the grant is not revoked', async () => {
  const oauth = createAtlassianOAuthClient({ clientId: 'emulator-client', clientSecret: 'emulator-secret', authUrl: emulator.url, apiUrl: emulator.url });
  const redirectUri = 'http://127.0.0.1:9/api/confluence/callback';
  emulator.control.oauth.approveAs('alice');
  const consent = await fetch(oauth.authorizationUrl({ redirectUri, state: 'state-1', scopes: ['read:page:confluence', 'offline_access'] }), { redirect: 'manual' });
  const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const tokens = await oauth.exchangeCode({ code, redirectUri });
  const [site] = await oauth.accessibleResources(tokens.accessToken);

  for (let n = 0; n < 2; n++) opened.push(await openSyncStore({ url: database.url, secrets: createSecretBox(TEST_SECRET_KEY) }));
  const [first, second] = opened;
  const user = await first.store.createUser({ username: 'dana', email: 'dana@example.com', passwordHash: null });
  const connection = await first.store.createConnection({
    userId: user.id,
    name: 'confluence-oauth',
    siteUrl: site.url.replace(/\/+$/, ''),
    flavor: 'cloud',
    authKind: 'oauth',
    credentials: { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken ?? '', expiresAt: String(tokens.expiresAt), cloudId: site.cloudId, scopes: tokens.scopes.join(' ') },
    tokenExpiresAt: tokens.expiresAt,
  });
  const space = [...emulator.control.world.spaces.values()].find((s) => s.permissions.read === '*');
  const index = await first.store.createIndex({ name: 'docs', siteUrl: connection.siteUrl, spaces: [space?.key ?? ''], destination: 'local', ownerId: user.id, connectionId: connection.id });

  const logger = createLogger({ level: 'error', name: 'spec', destination: { write: () => undefined } });
  const workers = opened.map((worker) => createRunResolver({ store: worker.store, env: {}, localSink: worker.localIndex, oauth: { client: oauth, apiUrl: emulator.url }, logger }));
  const clients = await Promise.all(workers.map(async (resolve) => (await resolve(index)).client));
  const before = await second.store.connectionCredentials(connection.id);

  // Atlassian refuses the access token both workers hold: each gets a 401 and must refresh.
  emulator.control.oauth.expireAccessTokens();
  const spaces = await Promise.all(clients.map((client) => client.spaces.get(space?.key ?? '')));
  expect(spaces.map((found) => found.key)).toEqual([space?.key, space?.key]);

  const after = await second.store.connectionCredentials(connection.id);
  expect(after['refreshToken']).not.toBe(before['refreshToken']);
  expect(emulator.control.oauth.isFamilyRevoked(after['refreshToken'])).toBe(false);
  const refreshes = emulator.control.requests().filter((request) => request.method === 'POST' && /oauth\/token/.test(request.url));
  // One code exchange above, then exactly one refresh.
  expect(refreshes).toHaveLength(2);
});
