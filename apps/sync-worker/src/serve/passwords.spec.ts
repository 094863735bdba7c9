import { SCRYPT_PARAMS, hashPassword, verifyAgainstDecoy, verifyPassword } from './passwords';

describe('password hashing', () => {
  it('stores scheme, parameters and a fresh salt, never the password, and verifies only the right one', async () => {
    const password = 'correct horse battery staple';
    const first = await hashPassword(password);
    const second = await hashPassword(password);
    expect(first).toMatch(new RegExp(`^scrypt\\$${SCRYPT_PARAMS.N}\\$8\\$1\\$[\\w-]{22}\\$[\\w-]{43}$`));
    expect(first).not.toBe(second);
    expect(first).not.toContain(password);
    await expect(verifyPassword(password, first)).resolves.toBe(true);
    await expect(verifyPassword(password, second)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapler', first)).resolves.toBe(false);
    await expect(verifyPassword('', first)).resolves.toBe(false);
  });

  it('verifies hashes made with other parameters (they are read from the hash)', async () => {
    const cheap = await hashPassword('pw-with-old-params', { N: 1024, r: 8, p: 1 });
    expect(cheap.startsWith('scrypt$1024$8$1$')).toBe(true);
    await expect(verifyPassword('pw-with-old-params', cheap)).resolves.toBe(true);
  });

  it('treats malformed, foreign or abusive stored values as a mismatch, not an exception', async () => {
    const good = await hashPassword('secret-pw');
    const [, , , , salt, hash] = good.split('$');
    for (const stored of ['', 'plain-text', `bcrypt$10$8$1$${salt}$${hash}`, `scrypt$${2 ** 24}$8$1$${salt}$${hash}`, `scrypt$16384$8$1$${salt}$c2hvcnQ`, `scrypt$x$8$1$${salt}$${hash}`]) {
      await expect(verifyPassword('secret-pw', stored)).resolves.toBe(false);
    }
    await expect(verifyAgainstDecoy('anything')).resolves.toBe(false);
  });
});
