/**
 * The OAuth store's schema, one entry per version (`PRAGMA user_version` counts the entries applied). Entries are
 * frozen once released: a change is a new entry, so a database of any earlier version is brought forward in place.
 */
export const MIGRATIONS: readonly string[] = [
  // v1: clients, pending authorizations, codes, refresh tokens, grants.
  `CREATE TABLE clients (client_id TEXT PRIMARY KEY, info TEXT NOT NULL, secret_sealed TEXT, created_at INTEGER NOT NULL);
   CREATE TABLE pending_authorizations (state_hash TEXT PRIMARY KEY, client_id TEXT NOT NULL, request TEXT NOT NULL, expires_at INTEGER NOT NULL);
   CREATE TABLE grants (id TEXT PRIMARY KEY, account_id TEXT NOT NULL, cloud_id TEXT NOT NULL, site_url TEXT NOT NULL, tokens_sealed TEXT NOT NULL,
     refresh_hash TEXT, lease_until INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
   CREATE TABLE codes (code_hash TEXT PRIMARY KEY, client_id TEXT NOT NULL, grant_id TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE, redirect_uri TEXT NOT NULL,
     code_challenge TEXT NOT NULL, scopes TEXT NOT NULL, expires_at INTEGER NOT NULL);
   CREATE TABLE refresh_tokens (token_hash TEXT PRIMARY KEY, family TEXT NOT NULL, client_id TEXT NOT NULL, grant_id TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
     scopes TEXT NOT NULL, rotated INTEGER NOT NULL DEFAULT 0, expires_at INTEGER NOT NULL);
   CREATE INDEX refresh_tokens_family ON refresh_tokens(family);`,
  // v2: used codes are kept (until they expire) with the refresh-token family they produced, so a replayed code
  // revokes it; clients remember when they last got tokens, so the sweep can drop abandoned registrations. A
  // client that already holds refresh tokens was last served when its newest one was issued (they lived 30 days).
  `ALTER TABLE codes ADD COLUMN used_at INTEGER;
   ALTER TABLE codes ADD COLUMN family TEXT;
   ALTER TABLE clients ADD COLUMN last_used_at INTEGER;
   UPDATE clients SET last_used_at = (SELECT MAX(r.expires_at) - 2592000000 FROM refresh_tokens r WHERE r.client_id = clients.client_id);
   CREATE INDEX codes_grant ON codes(grant_id);
   CREATE INDEX refresh_tokens_grant ON refresh_tokens(grant_id);
   CREATE INDEX refresh_tokens_client ON refresh_tokens(client_id);`,
];
