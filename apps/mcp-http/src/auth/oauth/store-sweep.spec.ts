/**
 * The sweep on a real SQLite database with the real migrations and the store's clock: exactly the stale rows go
 * (expired pending sign-ins, codes and refresh tokens; grants nothing refers to; abandoned and idle clients), live
 * ones stay, and a deleted grant's sealed tokens are gone from the database files.
 */
import { createSecretBox } from '@confluence-mcp/confluence-client';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OAuthStore } from './store';
import { SWEEP_POLICY } from './sweeper';

const box = createSecretBox('sweep-spec-secret-key-0123456789-abcdefgh');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T = 1_000 * DAY;
const tokens = { accessToken: 'at', refreshToken: 'rt', expiresAt: 1, scopes: [] };
let clock = T;
let store: OAuthStore;

afterEach(() => store.close());

const client = (id: string) => store.saveClient({ client_id: id, redirect_uris: ['http://127.0.0.1/cb'] });
const grant = (id: string) => store.saveGrant({ id, accountId: `acc-${id}`, cloudId: 'cloud', siteUrl: 'https://acme.atlassian.net', tokens });
const code = (value: string, clientId: string, grantId: string, ttlMs: number) => store.saveCode(value, { clientId, grantId, redirectUri: 'http://127.0.0.1/cb', codeChallenge: 'ch', scopes: [] }, ttlMs);
const refresh = (token: string, family: string, clientId: string, grantId: string) => store.saveRefreshToken(token, { family, clientId, grantId, scopes: [] }, 30 * DAY);
const rotate = (token: string, next: string, clientId: string) =>
  expect(store.rotateRefreshToken(token, clientId, (found) => refresh(next, found.family, clientId, found.grantId))).toMatchObject({ ok: true });
const pending = (state: string, clientId: string, ttlMs: number) => store.savePending(state, { clientId, redirectUri: 'http://127.0.0.1/cb', codeChallenge: 'ch', scopes: [] }, ttlMs);

it('deletes exactly the stale rows and keeps the live ones', () => {
  store = new OAuthStore(':memory:', box, () => clock);
  clock = T - 200 * DAY;
  client('c-idle');
  client('c-active');
  clock = T - 100 * DAY;
  grant('g-idle');
  grant('g-active');
  refresh('rt-idle', 'f-idle', 'c-idle', 'g-idle');
  refresh('rt-active', 'f-active', 'c-active', 'g-active');
  clock = T - 91 * DAY;
  rotate('rt-idle', 'rt-idle-2', 'c-idle'); // last tokens 91 days ago
  clock = T - 89 * DAY;
  rotate('rt-active', 'rt-active-2', 'c-active'); // last tokens 89 days ago
  clock = T - 2 * DAY;
  client('c-abandoned');
  client('c-midflow');
  clock = T - HOUR;
  client('c-new');
  grant('g-orphan-old');
  // Saving a pending sign-in or a code drops expired ones on the way: the expired rows are saved last.
  clock = T - 20 * MIN;
  pending('p-live', 'c-midflow', 30 * MIN);
  pending('p-expired', 'c-abandoned', 10 * MIN);
  clock = T - 2 * MIN;
  grant('g-code');
  grant('g-used');
  grant('g-live');
  code('code-live', 'c-new', 'g-code', 5 * MIN);
  code('code-used', 'c-new', 'g-used', 5 * MIN);
  code('code-expired', 'c-new', 'g-code', MIN);
  expect(store.redeemCode('code-used', () => true, () => (refresh('rt-used', 'f-used', 'c-new', 'g-used'), 'f-used'))).toMatchObject({ ok: true });
  refresh('rt-live', 'f-live', 'c-new', 'g-live');
  rotate('rt-live', 'rt-live-2', 'c-new'); // rotated, not expired: kept to catch its reuse
  clock = T - MIN / 4;
  grant('g-orphan-fresh');
  clock = T;

  expect(store.sweep(SWEEP_POLICY)).toEqual({ pending: 1, codes: 1, refreshTokens: 4, grants: 3, clients: 2 });
  expect(store.sweep(SWEEP_POLICY)).toEqual({ pending: 0, codes: 0, refreshTokens: 0, grants: 0, clients: 0 });

  const kept = (ids: string[], read: (id: string) => unknown) => ids.filter((id) => read(id) !== undefined);
  expect(kept(['c-idle', 'c-active', 'c-abandoned', 'c-midflow', 'c-new'], (id) => store.client(id))).toEqual(['c-active', 'c-midflow', 'c-new']);
  expect(kept(['g-idle', 'g-active', 'g-orphan-old', 'g-code', 'g-used', 'g-live', 'g-orphan-fresh'], (id) => store.grant(id))).toEqual(['g-code', 'g-used', 'g-live', 'g-orphan-fresh']);
  expect(store.codeChallenge('code-live', 'c-new')).toBe('ch');
  // The used code is still there: presenting it again revokes what it issued.
  expect(store.redeemCode('code-used', () => true, () => 'never')).toEqual({ ok: false, reason: 'reused' });
  expect(store.rotateRefreshToken('rt-live', 'c-new', () => undefined)).toEqual({ ok: false, reason: 'reused' });
  expect(store.takePending('p-live')).toMatchObject({ clientId: 'c-midflow' });
});

it('a deleted grant’s sealed tokens are gone from the database files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oauth-sweep-'));
  const path = join(dir, 'db');
  try {
    store = new OAuthStore(path, box, () => clock);
    clock = T;
    grant('g-gone');
    grant('g-kept');
    refresh('rt-kept', 'f-kept', 'c1', 'g-kept');
    const reader = new Database(path, { readonly: true });
    const sealed = (reader.prepare('SELECT id, tokens_sealed FROM grants').all() as Array<{ id: string; tokens_sealed: string }>).reduce<Record<string, string>>((all, r) => ({ ...all, [r.id]: r.tokens_sealed }), {});
    reader.close();
    const files = () => ['', '-wal'].map((suffix) => `${path}${suffix}`).filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1')).join('');
    expect(files()).toContain(sealed['g-gone']);
    clock = T + HOUR;
    expect(store.sweep(SWEEP_POLICY)).toMatchObject({ grants: 1 });
    const bytes = files();
    expect(bytes).not.toContain(sealed['g-gone']);
    expect(bytes).toContain(sealed['g-kept']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
