/**
 * Our access tokens: JWTs (HS256) bound to this server (`iss` the public URL, `aud` the `/mcp` resource), short
 * lived, signed with a key derived from `SECRET_KEY` by HKDF (apart from the key that seals stored credentials), so
 * every instance verifies them without a database read. An Atlassian token, a token of another server, a forged
 * or an expired one fails `verify`.
 */
import { hkdfSync, randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';

/** What a verified access token says. */
export interface AccessClaims {
  /** The Atlassian account id. */
  sub: string;
  /** Our grant id (where the user's Atlassian tokens are). */
  grantId: string;
  /** The Atlassian site of the grant, so a request needs no database read to build its client. */
  cloudId: string;
  siteUrl: string;
  clientId: string;
  scopes: string[];
  /**
   * The refresh-token family issued with it, so revoking this access token (RFC 7009) can revoke its sign-in.
   * Absent from tokens issued before revocation existed.
   */
  family?: string;
  /** Epoch seconds. */
  exp: number;
}

export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(secretKey: string, private readonly issuer: string, private readonly audience: string, private readonly ttlSeconds: number) {
    this.key = new Uint8Array(hkdfSync('sha256', secretKey, 'confluence-mcp/mcp-http', 'access tokens v1', 32));
  }

  /** A signed token and its lifetime in seconds. */
  async issue(claims: Omit<AccessClaims, 'exp'>): Promise<{ token: string; expiresIn: number }> {
    const token = await new SignJWT({ gid: claims.grantId, cid: claims.cloudId, site: claims.siteUrl, client_id: claims.clientId, scope: claims.scopes.join(' '), ...(claims.family ? { fam: claims.family } : {}) })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setSubject(claims.sub)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
    return { token, expiresIn: this.ttlSeconds };
  }

  /** The claims of a valid token of ours, or undefined (never says why: the caller answers 401 invalid_token). */
  async verify(token: string): Promise<AccessClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: this.issuer, audience: this.audience, algorithms: ['HS256'], typ: 'at+jwt', requiredClaims: ['sub', 'exp', 'gid', 'cid', 'site'] });
      const { sub, exp, gid, cid, site, client_id, scope, fam } = payload as Record<string, unknown>;
      if (typeof sub !== 'string' || typeof exp !== 'number' || typeof gid !== 'string' || typeof cid !== 'string' || typeof site !== 'string' || typeof client_id !== 'string') return undefined;
      return { sub, exp, grantId: gid, cloudId: cid, siteUrl: site, clientId: client_id, scopes: typeof scope === 'string' ? scope.split(' ').filter(Boolean) : [], ...(typeof fam === 'string' ? { family: fam } : {}) };
    } catch {
      return undefined;
    }
  }
}
