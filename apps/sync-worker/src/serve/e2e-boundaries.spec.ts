/**
 * What the service refuses, as a built process over real sockets: someone else's index is 404 on every route;
 * missing, forged, expired and foreign tokens are 401; bad input is 422 naming each field; repeated failed
 * sign-ins are 429 with Retry-After; a provoked 500 says nothing of its cause; the single-tenant mode (credentials
 * from the environment) syncs for users without a connection; the scheduler starts due indexes.
 */
import { RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { cliEnv } from '../testing/cli';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, createTokenService } from './tokens';
import { api, assertBuilt, Json, serviceEnv, ServiceProcess, signUp, startService, TEST_SECRET_KEY, until } from '../testing/serve';

jest.setTimeout(120_000);

let emulator: RunningEmulator;
let service: ServiceProcess;
let dir: string;
let spaceKey: string;

beforeAll(async () => {
  assertBuilt();
  emulator = await startEmulator({ flavor: 'cloud', spaces: 2, pagesPerSpace: 6, seed: 9 });
  spaceKey = [...emulator.control.world.spaces.values()].find((space) => space.permissions.read === '*')?.key ?? 'ENG';
  dir = mkdtempSync(join(tmpdir(), 'sync-serve-'));
  // Single-tenant: the server's own Confluence credentials (alice's API token), OAuth as well; the scheduler ticks every second.
  const { CONFLUENCE_URL, CONFLUENCE_USERNAME, CONFLUENCE_API_TOKEN } = cliEnv(emulator, '');
  service = await startService(serviceEnv(emulator, join(dir, 'sync.db'), { CONFLUENCE_URL, CONFLUENCE_USERNAME, CONFLUENCE_API_TOKEN, SCHEDULER_TICK_SECONDS: '1' }));
});

afterAll(async () => {
  await service?.stop();
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

const url = (path: string) => `${service.url}${path}`;

describe('ownership', () => {
  it("another user's index is 404 on every route, exactly like a missing one", async () => {
    const owner = await signUp(service.url, 'olivia');
    const other = await signUp(service.url, 'oscar');
    const created = await api(url('/api/indexes'), { method: 'POST', token: owner, body: { name: 'mine', confluence_spaces: [spaceKey] } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    const routes: Array<[string, string, unknown?]> = [
      ['GET', `/api/indexes/${id}`],
      ['PATCH', `/api/indexes/${id}`, { name: 'taken over' }],
      ['DELETE', `/api/indexes/${id}`],
      ['POST', `/api/indexes/${id}/sync`],
      ['GET', `/api/indexes/${id}/sync-history`],
      ['GET', `/api/indexes/${id}/search?q=anything`],
      ['GET', `/api/indexes/${id}/pages`],
    ];
    for (const [method, path, body] of routes) {
      const foreign = await api(url(path), { method, token: other, body });
      const missing = await api(url(path.replace(id, '00000000-0000-4000-8000-000000000000')), { method, token: other, body });
      expect([method, path, foreign.status]).toEqual([method, path, 404]);
      expect({ ...foreign.body, request_id: 'x' }).toEqual({ ...missing.body, request_id: 'x' });
    }
    expect((await api(url('/api/indexes'), { token: other })).body).toEqual([]);
    // Nothing happened to it.
    const after = await api(url(`/api/indexes/${id}`), { token: owner });
    expect(after.body.name).toBe('mine');
    expect((await api(url(`/api/indexes/${id}/sync-history`), { token: owner })).body).toEqual([]);
  });

  it('the same index name may be used by two users, not twice by one', async () => {
    const a = await signUp(service.url, 'nina');
    const b = await signUp(service.url, 'noah');
    for (const token of [a, b]) expect((await api(url('/api/indexes'), { method: 'POST', token, body: { name: 'shared-name', confluence_spaces: [spaceKey] } })).status).toBe(201);
    expect((await api(url('/api/indexes'), { method: 'POST', token: a, body: { name: 'shared-name', confluence_spaces: [spaceKey] } })).status).toBe(409);
  });
});

describe('tokens', () => {
  const protectedRoutes = ['/api/indexes', '/api/confluence/status', '/api/confluence/connect'];

  it('missing, malformed, forged, foreign, expired and deleted-user tokens are 401', async () => {
    const token = await signUp(service.url, 'tara');
    const userId = (await api(url('/api/auth/login'), { method: 'POST', body: { username: 'tara', password: 'tara-Pa55word!' } })).body.access_token.split('.')[1];
    const sub = JSON.parse(Buffer.from(userId, 'base64url').toString('utf8')).sub as string;
    const [header, payload] = token.split('.');
    const now = Math.floor(Date.now() / 1000);
    const otherKey = new TextEncoder().encode('another-secret-key-that-is-long-enough-0123');
    const bad: Record<string, string | undefined> = {
      missing: undefined,
      malformed: 'not-a-jwt',
      'bad signature': `${header}.${payload}.${'A'.repeat(43)}`,
      'alg none': `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`,
      'other key': await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuer(TOKEN_ISSUER).setAudience(TOKEN_AUDIENCE).setExpirationTime(now + 600).sign(otherKey),
      // Signed with the right key, but expired an hour ago.
      expired: (await createTokenService(TEST_SECRET_KEY, 600, () => Date.now() - 3_600_000).issue(sub)).token,
      'unknown user': (await createTokenService(TEST_SECRET_KEY, 600).issue('5b0e6d0e-0000-4000-8000-000000000000')).token,
    };
    for (const [what, value] of Object.entries(bad)) {
      for (const path of protectedRoutes) {
        const answer = await api(url(path), { token: value });
        expect([what, path, answer.status]).toEqual([what, path, 401]);
        expect(answer.body.code).toBe('unauthorized');
        expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer /);
      }
    }
    // The same key and claims, unexpired: accepted (the cases above fail for the reason named).
    expect((await api(url('/api/indexes'), { token: (await createTokenService(TEST_SECRET_KEY, 600).issue(sub)).token })).status).toBe(200);
  });

  it('a wrong password and an unknown user get the same 401; five failures then 429 with Retry-After', async () => {
    await signUp(service.url, 'uma');
    const wrong = await api(url('/api/auth/login'), { method: 'POST', body: { username: 'uma', password: 'wrong-password' } });
    const unknown = await api(url('/api/auth/login'), { method: 'POST', body: { username: 'nobody-here', password: 'wrong-password' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect({ ...wrong.body, request_id: 'x' }).toEqual({ ...unknown.body, request_id: 'x' });
    for (let i = 0; i < 4; i += 1) expect((await api(url('/api/auth/login'), { method: 'POST', body: { username: 'uma', password: `wrong-${i}` } })).status).toBe(401);
    const limited = await api(url('/api/auth/login'), { method: 'POST', body: { username: 'uma', password: 'uma-Pa55word!' } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.code).toBe('rate_limited');
    // Per username: another account from the same address still signs in.
    await signUp(service.url, 'victor');
  });
});

describe('input', () => {
  it('422 names each bad field, in one shape for every route', async () => {
    const register = await api(url('/api/auth/register'), { method: 'POST', body: { username: 'x', email: 'not-an-email', password: 'short' } });
    expect(register.status).toBe(422);
    expect(register.body).toMatchObject({ code: 'invalid_request', request_id: expect.any(String) });
    expect(register.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'password', 'username']);
    expect(register.text).not.toContain('short');

    const token = await signUp(service.url, 'wendy');
    const index = await api(url('/api/indexes'), { method: 'POST', token, body: { name: '', confluence_spaces: ['ok', 'bad key!'], interval_minutes: 1.5, destination: 'ftp' } });
    expect(index.status).toBe(422);
    expect(index.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['confluence_spaces.1', 'destination', 'interval_minutes', 'name']);

    const search = await api(url('/api/indexes/some-id/search?limit=0'), { token });
    expect(search.status).toBe(422);
    expect(search.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['limit', 'q']);

    const notJson = await fetch(url('/api/auth/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username": "wendy", "password": "wendy-Pa55word!"' });
    expect(notJson.status).toBe(400);
    expect(await notJson.text()).not.toContain('Pa55word');

    const duplicate = await api(url('/api/auth/register'), { method: 'POST', body: { username: 'wendy2', email: 'wendy@example.com', password: 'long-enough-1' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.fields).toEqual([{ field: 'email', message: 'already taken' }]);
    expect(duplicate.text).not.toContain('wendy@example.com');
    expect((await api(url('/api/auth/register'), { method: 'POST', body: { username: 'wendy', email: 'w2@example.com', password: 'long-enough-1' } })).body.fields).toEqual([{ field: 'username', message: 'already taken' }]);
  });

  it('a provoked 500 says "internal error" and the request id: no SQL, no stack, no secret', async () => {
    const token = await signUp(service.url, 'xavier');
    const index = await api(url('/api/indexes'), { method: 'POST', token, body: { name: 'doomed', confluence_spaces: [spaceKey] } });
    // Break the database under the running service: its next query of sync history fails in SQLite.
    const db = new Database(join(dir, 'sync.db'));
    try {
      db.exec('ALTER TABLE sync_runs RENAME TO sync_runs_away');
      const answer = await api(url(`/api/indexes/${index.body.id}/sync-history`), { token });
      expect(answer.status).toBe(500);
      expect(answer.body).toEqual({ error: 'internal error', code: 'internal', request_id: expect.any(String) });
      expect(answer.headers.get('x-request-id')).toBe(answer.body.request_id);
      // The log has the cause, under the same request id.
      const line = await until('the log line', async () => service.stderr().split('\n').find((l) => l.includes(answer.body.request_id) && l.includes('request failed')));
      expect(line).toContain('sync_runs');
    } finally {
      db.exec('ALTER TABLE sync_runs_away RENAME TO sync_runs');
      db.close();
    }
  });

  // After the 500 test: a scheduled run of this index must not be writing while that test renames a table.
  it('PATCH changes name, spaces and interval; the destination cannot change; an empty patch is 422', async () => {
    const token = await signUp(service.url, 'paula');
    const spaces = [...emulator.control.world.spaces.values()].map((space) => space.key);
    const created = (await api(url('/api/indexes'), { method: 'POST', token, body: { name: 'before', confluence_spaces: [spaces[0]] } })).body;
    const patched = await api(url(`/api/indexes/${created.id}`), { method: 'PATCH', token, body: { name: 'after', confluence_spaces: spaces, interval_minutes: 30 } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: created.id, name: 'after', confluence_spaces: spaces, interval_minutes: 30, destination: 'local' });
    expect((await api(url(`/api/indexes/${created.id}`), { token })).body).toMatchObject({ name: 'after', interval_minutes: 30 });
    expect((await api(url(`/api/indexes/${created.id}`), { method: 'PATCH', token, body: { interval_minutes: null } })).body.interval_minutes).toBeNull();
    const destination = await api(url(`/api/indexes/${created.id}`), { method: 'PATCH', token, body: { destination: 'llamacloud' } });
    expect(destination.status).toBe(422);
    expect(destination.body.fields).toEqual([{ field: 'destination', message: expect.stringContaining('cannot be changed') }]);
    expect((await api(url(`/api/indexes/${created.id}`), { method: 'PATCH', token, body: {} })).status).toBe(422);
    // LlamaCloud is not configured on this server: said at creation, not at the first sync.
    const llama = await api(url('/api/indexes'), { method: 'POST', token, body: { name: 'to-llama', confluence_spaces: [spaces[0]], destination: 'llamacloud' } });
    expect(llama.status).toBe(422);
    expect(llama.body.fields[0]).toMatchObject({ field: 'destination', message: expect.stringContaining('LLAMA_CLOUD_API_KEY') });
  });
});

describe('single tenant and scheduler', () => {
  it('a user without a connection syncs with the server-wide credentials; an index with an interval is started by the scheduler', async () => {
    const token = await signUp(service.url, 'yara');
    const status = await api(url('/api/confluence/status'), { token });
    expect(status.body).toMatchObject({ connected: false, source: 'environment', site_url: `${emulator.url}/wiki` });
    const created = await api(url('/api/indexes'), { method: 'POST', token, body: { name: 'scheduled', confluence_spaces: [spaceKey], interval_minutes: 60 } });
    expect(created.status).toBe(201);
    const run = await until('a scheduled run', async () => {
      const history = (await api(url(`/api/indexes/${created.body.id}/sync-history`), { token })).body as Array<Record<string, Json>>;
      return history.find((r) => r.status === 'succeeded');
    });
    expect(run).toMatchObject({ trigger: 'schedule', status: 'succeeded' });
    expect(run.counts.listed).toBeGreaterThan(0);
    const hits = await api(url(`/api/indexes/${created.body.id}/pages`), { token });
    expect(hits.body).toHaveLength(run.counts.listed);
    // Not due again for an hour: later ticks leave it alone, and a manual sync still works.
    const manual = await api(url(`/api/indexes/${created.body.id}/sync`), { method: 'POST', token });
    expect(manual.status).toBe(202);
    const history = await until('the manual run', async () => {
      const runs = (await api(url(`/api/indexes/${created.body.id}/sync-history`), { token })).body as Array<Record<string, Json>>;
      return runs.every((r) => r.status === 'succeeded') && runs.length === 2 ? runs : undefined;
    });
    expect(history.map((r) => r.trigger)).toEqual(['api', 'schedule']);
  });

  it('a second sync while one is queued or running is 409', async () => {
    const token = await signUp(service.url, 'zoe');
    const created = await api(url('/api/indexes'), { method: 'POST', token, body: { name: 'busy', confluence_spaces: [spaceKey] } });
    emulator.control.setLatency(300);
    try {
      const first = await api(url(`/api/indexes/${created.body.id}/sync`), { method: 'POST', token });
      expect(first.status).toBe(202);
      const second = await api(url(`/api/indexes/${created.body.id}/sync`), { method: 'POST', token });
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('busy');
      expect((await api(url(`/api/indexes/${created.body.id}`), { method: 'DELETE', token })).status).toBe(409);
    } finally {
      emulator.control.setLatency(0);
    }
    await until('the run to end', async () => {
      const [latest] = (await api(url(`/api/indexes/${created.body.id}/sync-history`), { token })).body as Array<Record<string, Json>>;
      return latest.status === 'succeeded' ? latest : undefined;
    });
    expect((await api(url(`/api/indexes/${created.body.id}`), { method: 'DELETE', token })).status).toBe(204);
    expect((await api(url(`/api/indexes/${created.body.id}`), { token })).status).toBe(404);
  });
});
