/**
 * Credentials at rest: AES-256-GCM with a key derived from `SECRET_KEY` (HKDF-SHA256). Each value gets a fresh
 * 96-bit IV; the auth tag makes a tampered or wrongly keyed value fail to open instead of decrypting to garbage.
 * Shared by every service that stores Confluence or Atlassian credentials (the sync service, MCP OAuth), so there
 * is one implementation to review.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
/** Shorter secrets are refused: the key is only as strong as the text it is derived from. */
export const MIN_SECRET_KEY_LENGTH = 32;
// The HKDF salt and info are those the sync engine first sealed with: changing them would make every stored
// credential unreadable.
const SALT = 'confluence-mcp/sync-engine';
const INFO = 'credentials v1';

/** Seals and opens credential blobs (`v1.<iv>.<tag>.<ciphertext>`, base64url). */
export interface SecretBox {
  /** Encrypts `plaintext` with a fresh IV. */
  seal(plaintext: string): string;
  /** Decrypts what `seal` returned; throws (without the plaintext) on another key, a tampered value or an unknown format. */
  open(sealed: string): string;
}

/**
 * A `SecretBox` keyed by `secretKey` (the `SECRET_KEY` variable). Throws naming `SECRET_KEY` (never echoing it)
 * when it is missing or shorter than `MIN_SECRET_KEY_LENGTH`.
 *
 * @example
 * const box = createSecretBox(process.env.SECRET_KEY);
 * const stored = box.seal(refreshToken);
 * const refreshTokenAgain = box.open(stored);
 */
export function createSecretBox(secretKey: string | undefined): SecretBox {
  if (!secretKey || secretKey.length < MIN_SECRET_KEY_LENGTH) {
    throw new Error(`SECRET_KEY: must be set to at least ${MIN_SECRET_KEY_LENGTH} characters (for example the output of \`openssl rand -base64 48\`)`);
  }
  const key = Buffer.from(hkdfSync('sha256', secretKey, SALT, INFO, 32));
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('stored credentials: unknown format');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new Error('stored credentials: cannot be decrypted (was SECRET_KEY changed?)');
      }
    },
  };
}
