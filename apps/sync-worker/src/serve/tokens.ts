/**
 * Access tokens of the API: HS256 JWTs (jose) whose key is derived from `SECRET_KEY` with HKDF (a key of its own,
 * not the one that seals credentials), with a fixed issuer and audience and an expiry.
 */
import { hkdfSync } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';

/** `iss` of every token this service signs. */
export const TOKEN_ISSUER = 'confluence-sync-worker';
/** `aud` of every token: only this API accepts them. */
export const TOKEN_AUDIENCE = 'confluence-sync-api';

/** Signs and verifies access tokens. */
export interface TokenService {
  /** A signed token for `userId`, valid `ttlSeconds`. */
  issue(userId: string): Promise<{ token: string; expiresIn: number }>;
  /** The user id of a valid token; undefined when forged, expired, or not one of ours. */
  verify(token: string): Promise<string | undefined>;
}

/** A `TokenService` keyed by `secretKey`. `now` (epoch ms) is a test seam. */
export function createTokenService(secretKey: string, ttlSeconds: number, now: () => number = Date.now): TokenService {
  const key = new Uint8Array(hkdfSync('sha256', secretKey, 'confluence-mcp/sync-worker', 'access tokens v1', 32));
  return {
    async issue(userId) {
      const issuedAt = Math.floor(now() / 1000);
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(userId)
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttlSeconds)
        .sign(key);
      return { token, expiresIn: ttlSeconds };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, algorithms: ['HS256'], currentDate: new Date(now()), requiredClaims: ['exp', 'sub'] });
        return typeof payload.sub === 'string' && payload.sub ? payload.sub : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
