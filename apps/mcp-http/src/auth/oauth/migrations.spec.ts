/**
 * A database written by the previous release (schema v1) is brought forward in place: every row survives and
 * works, and clients that already had tokens count as used when their newest refresh token was issued.
 */
import { createSecretBox } from '@confluence-mcp/confluence-client';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS } from './migrations';
import { OAuthStore, hashOf } from './store';
import { SWEEP_POLICY } from './sweeper';

const box = createSecretBox('migration-spec-secret-key-0123456789-abcdef');
const DAY = 24 * 3600_000;
const T = 1_000 * DAY;
const tokens = { accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: 1, scopes: [] };
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oauth-migrate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A v1 database as the previous release left it. */
function writeV1(path: string): void {
  const db = new Database(path);
  db.exec(MIGRATIONS[0]);
  db.pragma('user_version = 1');
  const client = db.prepare('INSERT INTO clients (client_id, info, secret_sealed, created_at) VALUES (?, ?, ?, ?)');
  client.run('c-user', JSON.stringify({ client_id: 'c-user', redirect_uris: ['http://127.0.0.1/cb'] }), box.seal('c-user-secret'), T - 100 * DAY);
  client.run('c-never', JSON.stringify({ client_id: 'c-never', redirect_uris: ['http://127.0.0.1/cb'] }), null, T - 100 * DAY);
  db.prepare('INSERT INTO grants (id, account_id, cloud_id, site_url, tokens_sealed, refresh_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    'g1', 'acc-1', 'cloud-1', 'https://acme.atlassian.net', box.seal(JSON.stringify(tokens)), hashOf('rt-1'), T - 40 * DAY, T - 40 * DAY,
  );
  // Issued 31 days ago (30-day lifetime): expired now, but the client was in use then.
  db.prepare('INSERT INTO refresh_tokens (token_hash, family, client_id, grant_id, scopes, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(hashOf('r-old'), 'f-old', 'c-user', 'g1', '[]', T - DAY);
  db.prepare('INSERT INTO refresh_tokens (token_hash, family, client_id, grant_id, scopes, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(hashOf('r-live'), 'f-live', 'c-user', 'g1', '["s"]', T + DAY);
  db.prepare('INSERT INTO codes (code_hash, client_id, grant_id, redirect_uri, code_challenge, scopes, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(hashOf('code-1'), 'c-user', 'g1', 'http://127.0.0.1/cb', 'ch', '[]', T + 60_000);
  db.prepare('INSERT INTO pending_authorizations (state_hash, client_id, request, expires_at) VALUES (?, ?, ?, ?)').run(hashOf('state-1'), 'c-user', JSON.stringify({ clientId: 'c-user', state: 'mine' }), T + 60_000);
  db.close();
}

it('migrates a v1 database in place, keeping every row usable', () => {
  const path = join(dir, 'db');
  writeV1(path);
  const store = new OAuthStore(path, box, () => T);
  try {
    expect(store.client('c-user')).toMatchObject({ client_id: 'c-user', client_secret: 'c-user-secret' });
    expect(store.grant('g1')?.tokens).toEqual(tokens);
    expect(store.takePending('state-1')).toMatchObject({ state: 'mine' });
    expect(store.codeChallenge('code-1', 'c-user')).toBe('ch');
    expect(store.redeemCode('code-1', () => true, () => 'f-new')).toMatchObject({ ok: true, issued: { grantId: 'g1' } });
    expect(store.rotateRefreshToken('r-live', 'c-user', () => undefined)).toMatchObject({ ok: true, family: 'f-live' });
  } finally {
    store.close();
  }
  const db = new Database(path, { readonly: true });
  expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  db.close();
});

it('a client that had tokens before the upgrade is not taken for one that never signed in', () => {
  const path = join(dir, 'db');
  writeV1(path);
  let clock = T;
  const store = new OAuthStore(path, box, () => clock);
  try {
    // Drop what keeps c-user alive regardless (its live token, code and pending sign-in): only its last use speaks for it then.
    store.revokeRefreshToken('r-live', 'c-user');
    clock = T + 120_000;
    expect(store.sweep(SWEEP_POLICY)).toEqual({ pending: 1, codes: 1, refreshTokens: 1, grants: 1, clients: 1 });
    expect(store.client('c-never')).toBeUndefined();
    expect(store.client('c-user')).toBeDefined();
  } finally {
    store.close();
  }
});
