/**
 * PKCE (RFC 7636) `S256` checked by us rather than by the SDK's token handler: the SDK checks the verifier before
 * the code is consumed, so a wrong verifier would leave the code usable for another guess. We check it after the
 * code is burned (see `OAuthStore.redeemCode`).
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * True when `BASE64URL(SHA256(verifier))` equals `challenge`, compared in constant time. A missing or malformed
 * verifier is false.
 *
 * @example
 * if (!verifiesS256(codeVerifier, stored.codeChallenge)) throw new InvalidGrantError('code_verifier does not match');
 */
export function verifiesS256(verifier: string | undefined, challenge: string): boolean {
  if (verifier === undefined || !VERIFIER.test(verifier)) return false;
  const computed = Buffer.from(createHash('sha256').update(verifier, 'ascii').digest('base64url'), 'ascii');
  const expected = Buffer.from(challenge, 'utf8');
  // Lengths are public (an S256 challenge is always 43 characters); only equal-length buffers may be compared.
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}
