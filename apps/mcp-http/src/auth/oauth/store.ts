/**
 * What MCP OAuth keeps, in one SQLite file every instance shares (WAL, busy timeout), so any instance can finish
 * a flow another started: registered clients, pending authorizations, our authorization codes, our refresh
 * tokens, and the users' Atlassian grants. Nothing secret is stored in the clear: our states, codes and refresh
 * tokens are kept as SHA-256 hashes (they are random, 256-bit: a hash cannot be reversed), client secrets and the
 * Atlassian tokens are sealed with the secret box. better-sqlite3 is synchronous: every multi-step change is one
 * transaction, so two instances cannot both consume a code or rotate a token.
 */
import type { AtlassianTokens, SecretBox } from '@confluence-mcp/confluence-client';
import type { OAuthClientInformationFull } from '@modelcontextprotocol/sdk/shared/auth.js';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** SHA-256 hex of a random token: how states, codes and refresh tokens are looked up. */
export const hashOf = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

const MIGRATIONS = [
  `CREATE TABLE clients (client_id TEXT PRIMARY KEY, info TEXT NOT NULL, secret_sealed TEXT, created_at INTEGER NOT NULL);
   CREATE TABLE pending_authorizations (state_hash TEXT PRIMARY KEY, client_id TEXT NOT NULL, request TEXT NOT NULL, expires_at INTEGER NOT NULL);
   CREATE TABLE grants (id TEXT PRIMARY KEY, account_id TEXT NOT NULL, cloud_id TEXT NOT NULL, site_url TEXT NOT NULL, tokens_sealed TEXT NOT NULL,
     refresh_hash TEXT, lease_until INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
   CREATE TABLE codes (code_hash TEXT PRIMARY KEY, client_id TEXT NOT NULL, grant_id TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE, redirect_uri TEXT NOT NULL,
     code_challenge TEXT NOT NULL, scopes TEXT NOT NULL, expires_at INTEGER NOT NULL);
   CREATE TABLE refresh_tokens (token_hash TEXT PRIMARY KEY, family TEXT NOT NULL, client_id TEXT NOT NULL, grant_id TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
     scopes TEXT NOT NULL, rotated INTEGER NOT NULL DEFAULT 0, expires_at INTEGER NOT NULL);
   CREATE INDEX refresh_tokens_family ON refresh_tokens(family);`,
];

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

  // --- our authorization codes: hashed, single use ---

  saveCode(code: string, issued: IssuedCode & { codeChallenge: string }, ttlMs: number): void {
    const now = this.now();
    this.db.prepare('DELETE FROM codes WHERE expires_at < ?').run(now);
    this.db
      .prepare('INSERT INTO codes (code_hash, client_id, grant_id, redirect_uri, code_challenge, scopes, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(hashOf(code), issued.clientId, issued.grantId, issued.redirectUri, issued.codeChallenge, JSON.stringify(issued.scopes), now + ttlMs);
  }

  /** The PKCE challenge of a live code of this client (the code stays usable). */
  codeChallenge(code: string, clientId: string): string | undefined {
    const row = this.db.prepare('SELECT code_challenge FROM codes WHERE code_hash = ? AND client_id = ? AND expires_at >= ?').get(hashOf(code), clientId, this.now()) as { code_challenge: string } | undefined;
    return row?.code_challenge;
  }

  /** Consumes the code (whoever presents it, it is gone after this); undefined when unknown, used or expired. */
  takeCode(code: string): (IssuedCode & { expiresAt: number }) | undefined {
    const row = this.db.prepare('DELETE FROM codes WHERE code_hash = ? RETURNING client_id, grant_id, redirect_uri, scopes, expires_at').get(hashOf(code)) as
      | { client_id: string; grant_id: string; redirect_uri: string; scopes: string; expires_at: number }
      | undefined;
    return row && { clientId: row.client_id, grantId: row.grant_id, redirectUri: row.redirect_uri, scopes: JSON.parse(row.scopes) as string[], expiresAt: row.expires_at };
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
        this.db.prepare('DELETE FROM refresh_tokens WHERE family = ?').run(row.family);
        return { ok: false, reason: 'reused' };
      }
      if (row.expires_at < this.now()) return { ok: false, reason: 'expired' };
      this.db.prepare('UPDATE refresh_tokens SET rotated = 1 WHERE token_hash = ?').run(hashOf(token));
      const found = { grantId: row.grant_id, scopes: JSON.parse(row.scopes) as string[], family: row.family };
      issue(found);
      return { ok: true, ...found };
    }).immediate();
  }
}
