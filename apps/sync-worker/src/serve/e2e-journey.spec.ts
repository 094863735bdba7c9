/**
 * The service end to end, as a built process over real sockets, with the Confluence emulator as Atlassian (its OAuth
 * 3LO server, accessible-resources and the /ex/confluence gateway): register, login, connect, callback, status,
 * create an index, sync, history, search, pages, a token rotation, disconnect; and what must never be stored in
 * plaintext.
 */
import { RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import { SqliteSyncStore, createSecretBox, openDatabase } from '@confluence-mcp/sync-engine';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import oasSchema from '../testing/oas-3.1-schema.json';
import { Answer, api, assertBuilt, Json, serviceEnv, ServiceProcess, signUp, startService, TEST_SECRET_KEY, until } from '../testing/serve';

jest.setTimeout(120_000);

let emulator: RunningEmulator;
let service: ServiceProcess;
let dir: string;
let spaceKey: string;
const PASSWORD = 'alice-Secret-Pa55word-1234';

beforeAll(async () => {
  assertBuilt();
  emulator = await startEmulator({ spaces: 2, pagesPerSpace: 12, seed: 5 });
  spaceKey = [...emulator.control.world.spaces.values()].find((space) => space.permissions.read === '*')?.key ?? 'ENG';
  dir = mkdtempSync(join(tmpdir(), 'sync-serve-'));
  service = await startService(serviceEnv(emulator, join(dir, 'sync.db')));
});

afterAll(async () => {
  await service?.stop();
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The OAuth dance as a browser does it: the consent page (approved at once by the emulator) redirects to the callback. */
let callbackUrl = '';
async function connect(token: string): Promise<Answer> {
  const start = await api(`${service.url}/api/confluence/connect`, { token });
  expect(start.status).toBe(200);
  const consent = await fetch(start.body.authorization_url, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const callback = consent.headers.get('location') as string;
  expect(callback.startsWith(`${service.url}/api/confluence/callback?`)).toBe(true);
  callbackUrl = callback;
  return api(callback);
}

async function syncAndWait(token: string, indexId: string): Promise<Record<string, Json>> {
  const queued = await api(`${service.url}/api/indexes/${indexId}/sync`, { method: 'POST', token });
  expect(queued.status).toBe(202);
  const runId = queued.body.run_id as number;
  return until(`run ${runId}`, async () => {
    const history = await api(`${service.url}/api/indexes/${indexId}/sync-history`, { token });
    const run = (history.body as Array<Record<string, Json>>).find((r) => r.id === runId);
    return run && !['queued', 'running'].includes(run.status) ? run : undefined;
  });
}

it('register, login, connect, status, index, sync, history, search, pages, rotation, disconnect', async () => {
  const registered = await api(`${service.url}/api/auth/register`, { method: 'POST', body: { username: 'alice', email: 'alice@example.com', password: PASSWORD } });
  expect(registered.status).toBe(201);
  expect(Object.keys(registered.body).sort()).toEqual(['created_at', 'email', 'id', 'username']);
  expect(registered.text).not.toContain(PASSWORD);
  expect(registered.text).not.toContain('scrypt');

  const login = await api(`${service.url}/api/auth/login`, { method: 'POST', body: { username: 'alice', password: PASSWORD } });
  expect(login.status).toBe(200);
  expect(login.body).toEqual({ access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), token_type: 'bearer', expires_in: 3600 });
  const token = login.body.access_token as string;

  expect((await api(`${service.url}/api/confluence/status`, { token })).body).toMatchObject({ connected: false, source: null });
  expect((await api(`${service.url}/healthz`)).body).toEqual({ status: 'ok', runs_in_flight: 0, runs_waiting: 0 });
  // No Confluence yet: an index has nothing to sync from.
  expect((await api(`${service.url}/api/indexes/`, { method: 'POST', token, body: { name: 'docs', confluence_spaces: [spaceKey] } })).status).toBe(409);

  const start = await api(`${service.url}/api/confluence/connect`, { token });
  const consentUrl = new URL(start.body.authorization_url);
  expect(consentUrl.origin + consentUrl.pathname).toBe(`${emulator.url}/authorize`);
  expect(consentUrl.searchParams.get('redirect_uri')).toBe(`${service.url}/api/confluence/callback`);
  expect(consentUrl.searchParams.get('scope')).toContain('offline_access');
  expect(consentUrl.searchParams.get('state')).toMatch(/^[\w-]{43}$/);

  const connected = await connect(token);
  expect(connected.status).toBe(200);
  expect(connected.body).toMatchObject({ connected: true, source: 'oauth', cloud_id: emulator.control.world.cloudId, site_url: emulator.url });
  const status = await api(`${service.url}/api/confluence/status`, { token });
  expect(status.body).toMatchObject({ connected: true, source: 'oauth', site_url: emulator.url, cloud_id: emulator.control.world.cloudId });
  expect(status.body.scopes).toEqual(expect.arrayContaining(['read:page:confluence', 'offline_access']));
  expect(Date.parse(status.body.expires_at)).toBeGreaterThan(Date.now());

  const created = await api(`${service.url}/api/indexes/`, { method: 'POST', token, body: { name: 'docs', confluence_spaces: [spaceKey], destination: 'local' } });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ name: 'docs', confluence_spaces: [spaceKey], destination: 'local', interval_minutes: null, site_url: emulator.url });
  const indexId = created.body.id as string;
  expect((await api(`${service.url}/api/indexes/`, { method: 'POST', token, body: { name: 'docs', confluence_spaces: [spaceKey] } })).body).toMatchObject({ code: 'conflict', fields: [{ field: 'name' }] });
  expect((await api(`${service.url}/api/indexes`, { token })).body.map((i: { id: string }) => i.id)).toEqual([indexId]);
  expect((await api(`${service.url}/api/indexes/${indexId}`, { token })).body.id).toBe(indexId);

  const run = await syncAndWait(token, indexId);
  expect(run).toMatchObject({ status: 'succeeded', trigger: 'api', error: null });
  expect(run.counts.listed).toBeGreaterThan(0);
  expect(run.counts.new).toBe(run.counts.listed);
  expect(run.requests).toBeGreaterThan(0);
  expect(run.bytes).toBeGreaterThan(0);
  expect(run.duration_ms).toEqual(expect.any(Number));
  expect(Date.parse(run.finished_at)).toBeGreaterThanOrEqual(Date.parse(run.started_at));
  // Through the OAuth gateway, as a 3LO app must.
  expect(emulator.control.requests().some((r) => r.url.startsWith(`/ex/confluence/${emulator.control.world.cloudId}/wiki/api/v2/`))).toBe(true);

  const pages = await api(`${service.url}/api/indexes/${indexId}/pages`, { token });
  expect(pages.status).toBe(200);
  expect(pages.body).toHaveLength(run.counts.listed);
  const page = pages.body[0];
  expect(page).toMatchObject({ page_id: expect.any(String), space_key: spaceKey, version: expect.any(Number), chunks: expect.any(Number) });

  const search = await api(`${service.url}/api/indexes/${indexId}/search?q=${encodeURIComponent(page.title)}&limit=3`, { token });
  expect(search.status).toBe(200);
  expect(search.body.hits.length).toBeGreaterThan(0);
  expect(search.body.hits.length).toBeLessThanOrEqual(3);
  expect(search.body.hits.map((h: { page_id: string }) => h.page_id)).toContain(page.page_id);
  expect(search.body.hits[0]).toMatchObject({ url: expect.stringContaining(page.page_id), snippet: expect.any(String), score: expect.any(Number) });

  // Access tokens expire; the next sync refreshes (Atlassian rotates the refresh token) and stores the new pair first.
  const store = new SqliteSyncStore(openDatabase({ url: join(dir, 'sync.db') }), createSecretBox(TEST_SECRET_KEY));
  try {
    const alice = await store.findUserByUsername('alice');
    const [connection] = await store.listConnections(String(alice?.id));
    const before = await store.connectionCredentials(connection.id);
    emulator.control.oauth.expireAccessTokens();
    emulator.control.editPage(page.page_id, { body: '<p>Rotation proof: narwhals.</p>' });
    const second = await syncAndWait(token, indexId);
    expect(second).toMatchObject({ status: 'succeeded', counts: { changed: 1, new: 0 } });
    const after = await store.connectionCredentials(connection.id);
    expect(after['refreshToken']).not.toBe(before['refreshToken']);
    expect(after['accessToken']).not.toBe(before['accessToken']);
    expect(emulator.control.oauth.isFamilyRevoked(after['refreshToken'])).toBe(false);
    expect((await api(`${service.url}/api/indexes/${indexId}/search?q=narwhals`, { token })).body.hits[0].page_id).toBe(page.page_id);

    const history = await api(`${service.url}/api/indexes/${indexId}/sync-history`, { token });
    expect(history.body.map((r: { status: string }) => r.status)).toEqual(['succeeded', 'succeeded']);

    // Nothing secret in the database files in plaintext: the tokens ever issued, the password.
    const files = readdirSync(dir).map((name) => readFileSync(join(dir, name)));
    expect(files.length).toBeGreaterThan(0);
    const code = new URL(callbackUrl).searchParams.get('code') as string;
    for (const secret of [before['accessToken'], before['refreshToken'], after['accessToken'], after['refreshToken'], PASSWORD, token, code]) {
      expect(secret.length).toBeGreaterThan(10);
      for (const bytes of files) expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
      // Nor in the log, which did record every request (with ids).
      expect(service.stderr()).not.toContain(secret);
    }
    expect(service.stderr()).toContain('"route":"/api/confluence/callback"');
  } finally {
    await store.close();
  }

  const disconnected = await api(`${service.url}/api/confluence/disconnect`, { method: 'DELETE', token });
  expect(disconnected.status).toBe(204);
  expect((await api(`${service.url}/api/confluence/status`, { token })).body).toMatchObject({ connected: false, source: null, site_url: null });
  const orphan = await syncAndWait(token, indexId);
  expect(orphan).toMatchObject({ status: 'failed', error: expect.stringContaining('not connected') });
  // The pages synced stay searchable.
  expect((await api(`${service.url}/api/indexes/${indexId}/search?q=narwhals`, { token })).body.hits).toHaveLength(1);
});

describe('OAuth state', () => {
  it('a forged state, a reused state and a declined consent are 400, and connect nothing', async () => {
    const token = await signUp(service.url, 'carol');
    const forged = await api(`${service.url}/api/confluence/callback?code=abc&state=${'A'.repeat(43)}`);
    expect(forged.status).toBe(400);
    expect(forged.body).toMatchObject({ code: 'invalid_state' });

    const start = await api(`${service.url}/api/confluence/connect`, { token });
    const consent = await fetch(start.body.authorization_url, { redirect: 'manual' });
    const callback = consent.headers.get('location') as string;
    expect((await api(callback)).status).toBe(200);
    const reused = await api(callback);
    expect(reused.status).toBe(400);
    expect(reused.body.code).toBe('invalid_state');

    const state = new URL((await api(`${service.url}/api/confluence/connect`, { token })).body.authorization_url).searchParams.get('state') as string;
    const declined = await api(`${service.url}/api/confluence/callback?error=access_denied&state=${state}`);
    expect(declined.status).toBe(400);
    expect(declined.body.code).toBe('access_denied');
    // The state was spent by the declined attempt.
    expect((await api(`${service.url}/api/confluence/callback?code=x&state=${state}`)).body.code).toBe('invalid_state');
    expect((await api(`${service.url}/api/confluence/callback?code=x`)).status).toBe(422);
  });

  it("a state names its user: the callback connects the user who asked, not the one who follows the link", async () => {
    const dave = await signUp(service.url, 'dave');
    const erin = await signUp(service.url, 'erin');
    const consent = await fetch((await api(`${service.url}/api/confluence/connect`, { token: dave })).body.authorization_url, { redirect: 'manual' });
    // The callback carries no bearer token; even with erin's it connects dave.
    expect((await api(consent.headers.get('location') as string, { token: erin })).status).toBe(200);
    expect((await api(`${service.url}/api/confluence/status`, { token: dave })).body.connected).toBe(true);
    expect((await api(`${service.url}/api/confluence/status`, { token: erin })).body.connected).toBe(false);
  });
});

it('serves /openapi.json listing every route, and /docs as HTML', async () => {
  const doc = await api(`${service.url}/openapi.json`);
  expect(doc.status).toBe(200);
  expect(doc.body.openapi).toMatch(/^3\./);
  const routes = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
  expect(routes.sort()).toEqual(
    [
      'GET /healthz',
      'POST /api/auth/register',
      'POST /api/auth/login',
      'GET /api/confluence/connect',
      'GET /api/confluence/callback',
      'GET /api/confluence/status',
      'DELETE /api/confluence/disconnect',
      'POST /api/indexes',
      'GET /api/indexes',
      'GET /api/indexes/{id}',
      'PATCH /api/indexes/{id}',
      'DELETE /api/indexes/{id}',
      'POST /api/indexes/{id}/sync',
      'GET /api/indexes/{id}/sync-history',
      'GET /api/indexes/{id}/search',
      'GET /api/indexes/{id}/pages',
    ].sort(),
  );
  // The official OAS 3.1 schema (2022-10-07, as shipped in @scalar/openapi-validator, copied to testing/).
  const ajv = new Ajv2020({ strict: false, logger: false });
  addFormats(ajv);
  const validate = ajv.compile(oasSchema);
  expect([validate(doc.body), validate.errors]).toEqual([true, null]);
  // Every answer schema is a usable JSON Schema, and every route but the public ones requires the bearer scheme.
  const open = ['GET /healthz', 'POST /api/auth/register', 'POST /api/auth/login', 'GET /api/confluence/callback'];
  let n = 0;
  for (const [path, methods] of Object.entries(doc.body.paths as Record<string, Record<string, Json>>)) {
    for (const [method, operation] of Object.entries(methods)) {
      const route = `${method.toUpperCase()} ${path}`;
      expect([route, Boolean(operation.security)]).toEqual([route, !open.includes(route)]);
      for (const response of Object.values(operation.responses as Record<string, Json>)) {
        const schema = response.content?.['application/json']?.schema;
        if (schema) expect(() => ajv.compile({ ...schema, components: doc.body.components, $id: `https://schemas.test/${(n += 1)}` })).not.toThrow();
      }
    }
  }
  expect(validate({ ...doc.body, paths: { '/x': { get: { responses: { 200: { description: 5 } } } } } })).toBe(false);

  const docs = await fetch(`${service.url}/docs`);
  expect(docs.status).toBe(200);
  expect(docs.headers.get('content-type')).toContain('text/html');
  const html = await docs.text();
  expect(html).toContain('/openapi.json');
  // The reference's script is served by the app itself, not a CDN.
  const script = /<script[^>]+src="([^"]+)"/.exec(html)?.[1] as string;
  expect(script).not.toMatch(/^https?:/);
  expect((await fetch(new URL(script, `${service.url}/docs/`))).status).toBe(200);
});

it('a browser at the callback gets a page, not JSON: connected, or what went wrong; no script can run in it', async () => {
  const token = await signUp(service.url, 'browsing');
  const start = await api(`${service.url}/api/confluence/connect`, { token });
  const consent = await fetch(start.body.authorization_url, { redirect: 'manual' });
  const html = { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' };
  const page = await fetch(consent.headers.get('location') as string, { headers: html });
  const body = await page.text();
  expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
  expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  expect(body).toContain('<h1>Confluence connected</h1>');
  expect(body).toContain(emulator.url);
  expect(body).not.toMatch(/<script|access_token|refresh/i);
  expect((await api(`${service.url}/api/confluence/status`, { token })).body).toMatchObject({ connected: true, source: 'oauth' });

  const forged = await fetch(`${service.url}/api/confluence/callback?code=x&state=${'a'.repeat(43)}`, { headers: html });
  const refusal = await forged.text();
  expect([forged.status, forged.headers.get('content-type')]).toEqual([400, 'text/html; charset=utf-8']);
  expect(refusal).toContain('<h1>Confluence was not connected</h1>');
  expect(refusal).toContain('start again with GET /api/confluence/connect');
  // An API client asking for JSON still gets the JSON error.
  expect((await api(`${service.url}/api/confluence/callback?code=x&state=${'b'.repeat(43)}`)).body).toMatchObject({ code: 'invalid_state' });
});
