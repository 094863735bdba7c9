/**
 * What MCP OAuth keeps, in one SQLite file every instance shares (WAL, busy timeout), so any instance can finish
 * a flow another started: registered clients, pending authorizations, our authorization codes, our refresh
 * tokens, and the users' Atlassian grants. Nothing secret is stored in the clear: our states, codes and refresh
 * tokens are kept as SHA-256 hashes (they are random, 256-bit: a hash cannot be reversed), client secrets and the
 * Atlassian tokens are sealed with the secret box. better-sqlite3 is synchronous: every multi-step change is one
 * transaction, so two instances cannot both consume a code or rotate a token. Deleted rows are overwritten
 * (`secure_delete`), and the sweep truncates the WAL, so a deleted grant's sealed tokens leave the files.
 */
import type { AtlassianTokens, SecretBox } from '@confluence-mcp/confluence-client';
import type { OAuthClientInformationFull } from '@modelcontextprotocol/sdk/shared/auth.js';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations';

/** SHA-256 hex of a random token: how states, codes and refresh tokens are looked up. */
export const hashOf = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

/** An authorization request remembered while the user is at Atlassian. */
export interface PendingAuthorization {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  /** The MCP client's own state, handed back with our code. */
  state?: string;
  scopes: string[];
}

/** One of our authorization codes, as consumed. */
export interface IssuedCode {
  clientId: string;
  grantId: string;
  redirectUri: string;
  scopes: string[];
}

/** A code as stored, with the PKCE challenge it was issued for. */
export type StoredCode = IssuedCode & { codeChallenge: string };

/** What redeeming a code found: `refused` means the caller's check failed (the code is burned all the same). */
export type CodeOutcome = { ok: true; issued: IssuedCode; family: string } | { ok: false; reason: 'unknown' | 'reused' | 'expired' | 'refused' };

/** How long abandoned rows are kept; see `OAuthStore.sweep`. */
export interface SweepPolicy {
  grantGraceMs: number;
  clientSignInMs: number;
  clientIdleMs: number;
}

/** Rows a sweep deleted, per table. */
export interface SweepCounts {
  pending: number;
  codes: number;
  refreshTokens: number;
  grants: number;
  clients: number;
}

/** A user's Atlassian grant (tokens opened). */
export interface Grant {
  id: string;
  accountId: string;
  cloudId: string;
  siteUrl: string;
  tokens: AtlassianTokens;
}

/** What a refresh-token exchange found. */
export type RefreshOutcome = { ok: true; grantId: string; scopes: string[]; family: string } | { ok: false; reason: 'unknown' | 'reused' | 'expired' | 'other-client' };

export class OAuthStore {
  private readonly db: Database.Database;

  /** Opens (creating the directory) and migrates the database; `:memory:` for tests of one instance. */
  constructor(path: string, private readonly box: SecretBox, private readonly now: () => number = Date.now) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    // Zero deleted content instead of leaving it in free pages: a revoked grant's sealed tokens must not survive in
    // the file (VACUUM would do it too, but rewrites the whole file under an exclusive lock every instance waits on).
    this.db.pragma('secure_delete = ON');
    this.migrate();
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    this.db.transaction(() => {
      // Re-read inside the (immediate) transaction: another instance may have migrated meanwhile.
      const current = this.db.pragma('user_version', { simple: true }) as number;
      for (let v = Math.max(version, current); v < MIGRATIONS.length; v++) this.db.exec(MIGRATIONS[v]);
      this.db.pragma(`user_version = ${MIGRATIONS.length}`);
    }).immediate();
  }

  close(): void {
    this.db.close();
  }

  // --- registered clients (RFC 7591) ---

  saveClient(client: OAuthClientInformationFull): void {
    const { client_secret, ...info } = client;
    this.db
      .prepare('INSERT INTO clients (client_id, info, secret_sealed, created_at) VALUES (?, ?, ?, ?)')
      .run(client.client_id, JSON.stringify(info), client_secret ? this.box.seal(client_secret) : null, this.now());
  }

  client(clientId: string): OAuthClientInformationFull | undefined {
    const row = this.db.prepare('SELECT info, secret_sealed FROM clients WHERE client_id = ?').get(clientId) as { info: string; secret_sealed: string | null } | undefined;
    if (!row) return undefined;
    const info = JSON.parse(row.info) as OAuthClientInformationFull;
    return row.secret_sealed ? { ...info, client_secret: this.box.open(row.secret_sealed) } : info;
  }

  // --- pending authorizations: single use, expiring ---

  savePending(state: string, pending: PendingAuthorization, ttlMs: number): void {
    const now = this.now();
    this.db.prepare('DELETE FROM pending_authorizations WHERE expires_at < ?').run(now);
    this.db.prepare('INSERT INTO pending_authorizations (state_hash, client_id, request, expires_at) VALUES (?, ?, ?, ?)').run(hashOf(state), pending.clientId, JSON.stringify(pending), now + ttlMs);
  }

  /** The pending authorization of `state`, removed as it is read; undefined when unknown, used or expired. */
  takePending(state: string): PendingAuthorization | undefined {
    const row = this.db.prepare('DELETE FROM pending_authorizations WHERE state_hash = ? RETURNING request, expires_at').get(hashOf(state)) as { request: string; expires_at: number } | undefined;
    return row && row.expires_at >= this.now() ? (JSON.parse(row.request) as PendingAuthorization) : undefined;
  }

  // --- grants: the users' Atlassian tokens, sealed ---

  saveGrant(grant: Grant): void {
    const now = this.now();
    this.db
      .prepare('INSERT INTO grants (id, account_id, cloud_id, site_url, tokens_sealed, refresh_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(grant.id, grant.accountId, grant.cloudId, grant.siteUrl, this.box.seal(JSON.stringify(grant.tokens)), grant.tokens.refreshToken ? hashOf(grant.tokens.refreshToken) : null, now, now);
  }

  grant(id: string): Grant | undefined {
    const row = this.db.prepare('SELECT id, account_id, cloud_id, site_url, tokens_sealed FROM grants WHERE id = ?').get(id) as
      | { id: string; account_id: string; cloud_id: string; site_url: string; tokens_sealed: string }
      | undefined;
    return row && { id: row.id, accountId: row.account_id, cloudId: row.cloud_id, siteUrl: row.site_url, tokens: JSON.parse(this.box.open(row.tokens_sealed)) as AtlassianTokens };
  }

  /**
   * Replaces the grant's tokens in one statement, only if its refresh token is still `previous`'s (compare-and-swap):
   * false when another writer got there first.
   */
  replaceTokens(id: string, next: AtlassianTokens, previous: AtlassianTokens): boolean {
    const result = this.db
      .prepare('UPDATE grants SET tokens_sealed = ?, refresh_hash = ?, updated_at = ? WHERE id = ? AND refresh_hash IS ?')
      .run(this.box.seal(JSON.stringify(next)), next.refreshToken ? hashOf(next.refreshToken) : null, this.now(), id, previous.refreshToken ? hashOf(previous.refreshToken) : null);
    return result.changes === 1;
  }

  /** Takes the grant's refresh lease until `until` if nobody holds it; true when taken. */
  tryLease(id: string, until: number): boolean {
    return this.db.prepare('UPDATE grants SET lease_until = ? WHERE id = ? AND lease_until < ?').run(until, id, this.now()).changes === 1;
  }

  releaseLease(id: string): void {
    this.db.prepare('UPDATE grants SET lease_until = 0 WHERE id = ?').run(id);
  }

  // --- our authorization codes: hashed, single use, kept (used) until they expire to catch a replay ---

  saveCode(code: string, issued: IssuedCode & { codeChallenge: string }, ttlMs: number): void {
    const now = this.now();
    this.db.prepare('DELETE FROM codes WHERE expires_at < ?').run(now);
    this.db
      .prepare('INSERT INTO codes (code_hash, client_id, grant_id, redirect_uri, code_challenge, scopes, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(hashOf(code), issued.clientId, issued.grantId, issued.redirectUri, issued.codeChallenge, JSON.stringify(issued.scopes), now + ttlMs);
  }

  /** The PKCE challenge of a live, unused code of this client (the code stays usable). */
  codeChallenge(code: string, clientId: string): string | undefined {
    const row = this.db.prepare('SELECT code_challenge FROM codes WHERE code_hash = ? AND client_id = ? AND used_at IS NULL AND expires_at >= ?').get(hashOf(code), clientId, this.now()) as
      | { code_challenge: string }
      | undefined;
    return row?.code_challenge;
  }

  /**
   * Redeems a code in one transaction. The code is marked used before `accept` looks at it, so an attempt `accept`
   * refuses (wrong PKCE verifier, another client, another redirect URI) burns it as well: nobody gets to try again.
   * When `accept` passes, `issue` saves the first refresh token of a new family and returns the family, which the
   * code keeps: the same code presented again revokes that family (RFC 6749 §10.5, OAuth 2.1 §4.1.3).
   */
  redeemCode(code: string, accept: (stored: StoredCode) => boolean, issue: (issued: IssuedCode) => string): CodeOutcome {
    return this.db.transaction((): CodeOutcome => {
      const row = this.db.prepare('SELECT client_id, grant_id, redirect_uri, code_challenge, scopes, expires_at, used_at, family FROM codes WHERE code_hash = ?').get(hashOf(code)) as
        | { client_id: string; grant_id: string; redirect_uri: string; code_challenge: string; scopes: string; expires_at: number; used_at: number | null; family: string | null }
        | undefined;
      if (!row) return { ok: false, reason: 'unknown' };
      if (row.used_at !== null) {
        if (row.family) this.deleteFamily(row.family);
        return { ok: false, reason: 'reused' };
      }
      this.db.prepare('UPDATE codes SET used_at = ? WHERE code_hash = ?').run(this.now(), hashOf(code));
      if (row.expires_at < this.now()) return { ok: false, reason: 'expired' };
      const issued: IssuedCode = { clientId: row.client_id, grantId: row.grant_id, redirectUri: row.redirect_uri, scopes: JSON.parse(row.scopes) as string[] };
      if (!accept({ ...issued, codeChallenge: row.code_challenge })) return { ok: false, reason: 'refused' };
      const family = issue(issued);
      this.db.prepare('UPDATE codes SET family = ? WHERE code_hash = ?').run(family, hashOf(code));
      this.touchClient(issued.clientId);
      return { ok: true, issued, family };
    }).immediate();
  }

  // --- our refresh tokens: hashed, rotating, reuse revokes the family ---

  saveRefreshToken(token: string, entry: { family: string; clientId: string; grantId: string; scopes: string[] }, ttlMs: number): void {
    this.db
      .prepare('INSERT INTO refresh_tokens (token_hash, family, client_id, grant_id, scopes, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(hashOf(token), entry.family, entry.clientId, entry.grantId, JSON.stringify(entry.scopes), this.now() + ttlMs);
  }

  /**
   * Marks the refresh token rotated and runs `issue` (which saves its successor) in the same transaction. A token
   * already rotated revokes its whole family: someone holds a copy.
   */
  rotateRefreshToken(token: string, clientId: string, issue: (found: { grantId: string; scopes: string[]; family: string }) => void): RefreshOutcome {
    return this.db.transaction((): RefreshOutcome => {
      const row = this.db.prepare('SELECT family, client_id, grant_id, scopes, rotated, expires_at FROM refresh_tokens WHERE token_hash = ?').get(hashOf(token)) as
        | { family: string; client_id: string; grant_id: string; scopes: string; rotated: number; expires_at: number }
        | undefined;
      if (!row) return { ok: false, reason: 'unknown' };
      if (row.client_id !== clientId) return { ok: false, reason: 'other-client' };
      if (row.rotated) {
        this.deleteFamily(row.family);
        return { ok: false, reason: 'reused' };
      }
      if (row.expires_at < this.now()) return { ok: false, reason: 'expired' };
      this.db.prepare('UPDATE refresh_tokens SET rotated = 1 WHERE token_hash = ?').run(hashOf(token));
      const found = { grantId: row.grant_id, scopes: JSON.parse(row.scopes) as string[], family: row.family };
      issue(found);
      this.touchClient(clientId);
      return { ok: true, ...found };
    }).immediate();
  }

  // --- revocation (RFC 7009) and the sweep ---

  /** Revokes the family of one of this client's refresh tokens (rotated or not); false when it is not theirs. */
  revokeRefreshToken(token: string, clientId: string): boolean {
    return this.db.transaction((): boolean => {
      const row = this.db.prepare('SELECT family FROM refresh_tokens WHERE token_hash = ? AND client_id = ?').get(hashOf(token), clientId) as { family: string } | undefined;
      if (row) this.deleteFamily(row.family);
      return row !== undefined;
    }).immediate();
  }

  /** Revokes a refresh-token family of this client (what an access token names); false when it is not theirs. */
  revokeFamily(family: string, clientId: string): boolean {
    return this.db.transaction((): boolean => {
      const owned = this.db.prepare('SELECT 1 FROM refresh_tokens WHERE family = ? AND client_id = ? LIMIT 1').get(family, clientId) !== undefined;
      if (owned) this.deleteFamily(family);
      return owned;
    }).immediate();
  }

  /**
   * Deletes what has expired or was abandoned, in one transaction: pending authorizations, codes and refresh tokens
   * past their expiry; grants nothing refers to any more (older than `grantGraceMs`, so a grant whose code is being
   * written is spared); clients that never got tokens within `clientSignInMs` of registering, or none for
   * `clientIdleMs`, and have nothing in flight. Then truncates the WAL so deleted rows leave it too (best effort:
   * another instance's open read keeps it until the next sweep).
   */
  sweep(policy: SweepPolicy): SweepCounts {
    const now = this.now();
    const counts = this.db.transaction((): SweepCounts => {
      const run = (sql: string, ...params: number[]) => this.db.prepare(sql).run(...params).changes;
      return {
        pending: run('DELETE FROM pending_authorizations WHERE expires_at < ?', now),
        codes: run('DELETE FROM codes WHERE expires_at < ?', now),
        refreshTokens: run('DELETE FROM refresh_tokens WHERE expires_at < ?', now),
        grants: run(
          `DELETE FROM grants WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM codes c WHERE c.grant_id = grants.id)
             AND NOT EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.grant_id = grants.id)`,
          now - policy.grantGraceMs,
        ),
        clients: run(
          `DELETE FROM clients WHERE (CASE WHEN last_used_at IS NULL THEN created_at < ? ELSE last_used_at < ? END)
             AND NOT EXISTS (SELECT 1 FROM pending_authorizations p WHERE p.client_id = clients.client_id)
             AND NOT EXISTS (SELECT 1 FROM codes c WHERE c.client_id = clients.client_id)
             AND NOT EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.client_id = clients.client_id)`,
          now - policy.clientSignInMs,
          now - policy.clientIdleMs,
        ),
      };
    }).immediate();
    if (Object.values(counts).some((n) => n > 0)) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return counts;
  }

  /**
   * Deletes a refresh-token family and its Atlassian grant when no other token refers to it (one sign-in, one
   * grant, one family): a revoked sign-in keeps no Atlassian token. Call inside a transaction.
   */
  private deleteFamily(family: string): void {
    const grants = this.db.prepare('DELETE FROM refresh_tokens WHERE family = ? RETURNING grant_id').all(family) as Array<{ grant_id: string }>;
    const orphan = this.db.prepare('DELETE FROM grants WHERE id = ? AND NOT EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.grant_id = grants.id)');
    for (const id of new Set(grants.map((g) => g.grant_id))) orphan.run(id);
  }

  private touchClient(clientId: string): void {
    this.db.prepare('UPDATE clients SET last_used_at = ? WHERE client_id = ?').run(this.now(), clientId);
  }
}

