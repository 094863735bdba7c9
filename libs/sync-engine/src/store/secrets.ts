/**
 * Credentials at rest: the secret box (AES-256-GCM, key from `SECRET_KEY`) lives in confluence-client, shared with
 * the other services that store credentials; re-exported here so the store and the package's API keep their names.
 */
export { MIN_SECRET_KEY_LENGTH, createSecretBox } from '@confluence-mcp/confluence-client';
export type { SecretBox } from '@confluence-mcp/confluence-client';
