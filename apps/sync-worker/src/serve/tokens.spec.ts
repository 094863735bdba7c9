import { decodeJwt, decodeProtectedHeader } from 'jose';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, createTokenService } from './tokens';

const KEY = 'a-secret-key-of-at-least-thirty-two-characters';

describe('access tokens', () => {
  it('are HS256 JWTs for the user, with the fixed issuer and audience and the expiry asked for', async () => {
    const now = Date.UTC(2026, 0, 1);
    const { token, expiresIn } = await createTokenService(KEY, 3600, () => now).issue('user-1');
    expect(expiresIn).toBe(3600);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'HS256' });
    expect(decodeJwt(token)).toEqual({ sub: 'user-1', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat: now / 1000, exp: now / 1000 + 3600 });
  });

  it('verify gives the user until the expiry, then nothing; another key, issuer or tampering gives nothing', async () => {
    let now = Date.now();
    const service = createTokenService(KEY, 60, () => now);
    const { token } = await service.issue('user-2');
    await expect(service.verify(token)).resolves.toBe('user-2');
    now += 61_000;
    await expect(service.verify(token)).resolves.toBeUndefined();
    await expect(createTokenService(`${KEY}-other`, 60).verify((await createTokenService(KEY, 60).issue('u')).token)).resolves.toBeUndefined();
    const [header, payload, signature] = (await service.issue('user-3')).token.split('.');
    now = Date.now();
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'admin' })).toString('base64url');
    await expect(createTokenService(KEY, 60).verify(`${header}.${forgedPayload}.${signature}`)).resolves.toBeUndefined();
    await expect(createTokenService(KEY, 60).verify('garbage')).resolves.toBeUndefined();
  });

  it('derives its key: the SECRET_KEY itself does not verify a token (it is not the HMAC key)', async () => {
    const { SignJWT } = await import('jose');
    const raw = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u').setIssuer(TOKEN_ISSUER).setAudience(TOKEN_AUDIENCE).setExpirationTime('1h').sign(new TextEncoder().encode(KEY));
    await expect(createTokenService(KEY, 60).verify(raw)).resolves.toBeUndefined();
  });
});
