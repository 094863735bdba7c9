/**
 * The OAuth store on a real SQLite database: single use and burning of codes, replay and rotation with family
 * revocation, RFC 7009 revocation, compare-and-swap, leases.
 */
import { createSecretBox } from '@confluence-mcp/confluence-client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OAuthStore } from './store';

const box = createSecretBox('store-spec-secret-key-0123456789-abcdefgh');
const tokens = (n: number) => ({ accessToken: `at-${n}`, refreshToken: `rt-${n}`, expiresAt: 1_000 + n, scopes: ['read:page:confluence'] });
let clock = 1_000_000;
let store: OAuthStore;

beforeEach(() => {
  clock = 1_000_000;
  store = new OAuthStore(':memory:', box, () => clock);
  store.saveGrant({ id: 'g1', accountId: 'acc-1', cloudId: 'cloud-1', siteUrl: 'https://acme.atlassian.net', tokens: tokens(1) });
});
afterEach(() => store.close());

const issued = { clientId: 'c1', grantId: 'g1', redirectUri: 'http://127.0.0.1/cb', codeChallenge: 'ch', scopes: [] };
const family = (name: string) => () => {
  store.saveRefreshToken(`rt-of-${name}`, { family: name, clientId: 'c1', grantId: 'g1', scopes: [] }, 3_600_000);
  return name;
};

it('a code is redeemed once, and only while it lives', () => {
  store.saveCode('code-a', issued, 60_000);
  expect(store.codeChallenge('code-a', 'c1')).toBe('ch');
  expect(store.codeChallenge('code-a', 'other-client')).toBeUndefined();
  expect(store.redeemCode('code-a', () => true, family('f'))).toMatchObject({ ok: true, issued: { clientId: 'c1', grantId: 'g1' }, family: 'f' });
  expect(store.codeChallenge('code-a', 'c1')).toBeUndefined();
  store.saveCode('code-b', issued, 60_000);
  clock += 61_000;
  expect(store.codeChallenge('code-b', 'c1')).toBeUndefined();
  expect(store.redeemCode('code-b', () => true, family('g'))).toEqual({ ok: false, reason: 'expired' });
  expect(store.redeemCode('never-issued', () => true, family('h'))).toEqual({ ok: false, reason: 'unknown' });
});

it('a code the check refuses is burned: the right attempt after it is refused too, and issues nothing', () => {
  store.saveCode('code-a', issued, 60_000);
  expect(store.redeemCode('code-a', () => false, family('f'))).toEqual({ ok: false, reason: 'refused' });
  expect(store.redeemCode('code-a', () => true, family('f'))).toEqual({ ok: false, reason: 'reused' });
  expect(store.rotateRefreshToken('rt-of-f', 'c1', () => undefined)).toEqual({ ok: false, reason: 'unknown' });
});

it('a code presented again revokes the family it issued and the sign-in’s grant', () => {
  store.saveCode('code-a', issued, 60_000);
  expect(store.redeemCode('code-a', () => true, family('f'))).toMatchObject({ ok: true });
  expect(store.redeemCode('code-a', () => true, family('f2'))).toEqual({ ok: false, reason: 'reused' });
  expect(store.rotateRefreshToken('rt-of-f', 'c1', () => undefined)).toEqual({ ok: false, reason: 'unknown' });
  expect(store.grant('g1')).toBeUndefined();
});

it('revoking a refresh token (rotated or not) revokes its family, only for the client that holds it', () => {
  store.saveRefreshToken('r1', { family: 'f', clientId: 'c1', grantId: 'g1', scopes: [] }, 3_600_000);
  store.rotateRefreshToken('r1', 'c1', (found) => store.saveRefreshToken('r2', { ...found, clientId: 'c1' }, 3_600_000));
  expect(store.revokeRefreshToken('r2', 'other-client')).toBe(false);
  expect(store.revokeFamily('f', 'other-client')).toBe(false);
  expect(store.revokeRefreshToken('never-issued', 'c1')).toBe(false);
  expect(store.grant('g1')).toBeDefined();
  expect(store.revokeRefreshToken('r1', 'c1')).toBe(true);
  expect(store.rotateRefreshToken('r2', 'c1', () => undefined)).toEqual({ ok: false, reason: 'unknown' });
  expect(store.grant('g1')).toBeUndefined();
});

it('revoking a family by name (what an access token carries) revokes it for its client', () => {
  store.saveRefreshToken('r1', { family: 'f', clientId: 'c1', grantId: 'g1', scopes: [] }, 3_600_000);
  expect(store.revokeFamily('f', 'c1')).toBe(true);
  expect(store.rotateRefreshToken('r1', 'c1', () => undefined)).toEqual({ ok: false, reason: 'unknown' });
});

it('a pending authorization is taken once and expires', () => {
  store.savePending('state-1', { clientId: 'c1', redirectUri: 'http://127.0.0.1/cb', codeChallenge: 'ch', state: 'client-state', scopes: [] }, 600_000);
  expect(store.takePending('state-1')).toMatchObject({ state: 'client-state' });
  expect(store.takePending('state-1')).toBeUndefined();
  store.savePending('state-2', { clientId: 'c1', redirectUri: 'http://127.0.0.1/cb', codeChallenge: 'ch', scopes: [] }, 600_000);
  clock += 600_001;
  expect(store.takePending('state-2')).toBeUndefined();
});

it('rotating a refresh token saves its successor; presenting a rotated one revokes the family', () => {
  store.saveRefreshToken('r1', { family: 'f', clientId: 'c1', grantId: 'g1', scopes: ['s'] }, 3_600_000);
  expect(store.rotateRefreshToken('r1', 'other-client', () => undefined)).toEqual({ ok: false, reason: 'other-client' });
  const first = store.rotateRefreshToken('r1', 'c1', (found) => store.saveRefreshToken('r2', { ...found, clientId: 'c1' }, 3_600_000));
  expect(first).toEqual({ ok: true, grantId: 'g1', scopes: ['s'], family: 'f' });
  expect(store.rotateRefreshToken('r1', 'c1', () => undefined)).toEqual({ ok: false, reason: 'reused' });
  expect(store.rotateRefreshToken('r2', 'c1', () => undefined)).toEqual({ ok: false, reason: 'unknown' });
  expect(store.grant('g1')).toBeUndefined();
});

it('a failed successor save rolls the rotation back', () => {
  store.saveRefreshToken('r1', { family: 'f', clientId: 'c1', grantId: 'g1', scopes: [] }, 3_600_000);
  expect(() =>
    store.rotateRefreshToken('r1', 'c1', () => {
      throw new Error('disk full');
    }),
  ).toThrow('disk full');
  expect(store.rotateRefreshToken('r1', 'c1', () => undefined)).toMatchObject({ ok: true });
});

it('replaces grant tokens only over the tokens it last saw (compare-and-swap), sealed', () => {
  expect(store.replaceTokens('g1', tokens(2), tokens(1))).toBe(true);
  expect(store.replaceTokens('g1', tokens(3), tokens(1))).toBe(false);
  expect(store.grant('g1')?.tokens).toEqual(tokens(2));
});

it('a lease is held by one writer until released or lapsed', () => {
  expect(store.tryLease('g1', clock + 30_000)).toBe(true);
  expect(store.tryLease('g1', clock + 30_000)).toBe(false);
  store.releaseLease('g1');
  expect(store.tryLease('g1', clock + 30_000)).toBe(true);
  clock += 30_001;
  expect(store.tryLease('g1', clock + 30_000)).toBe(true);
});

it('two connections to one file share everything (what two instances do)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oauth-store-'));
  try {
    const one = new OAuthStore(join(dir, 'db'), box);
    const two = new OAuthStore(join(dir, 'db'), box);
    one.saveClient({ client_id: 'c9', client_secret: 'shh-secret', redirect_uris: ['http://127.0.0.1/cb'] });
    expect(two.client('c9')).toMatchObject({ client_id: 'c9', client_secret: 'shh-secret' });
    one.saveGrant({ id: 'g9', accountId: 'a', cloudId: 'c', siteUrl: 'https://x.atlassian.net', tokens: tokens(9) });
    expect(one.tryLease('g9', Date.now() + 30_000)).toBe(true);
    expect(two.tryLease('g9', Date.now() + 30_000)).toBe(false);
    one.close();
    two.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
