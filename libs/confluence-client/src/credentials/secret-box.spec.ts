/** The secret box: AES-256-GCM under a key from SECRET_KEY; refuses a short key, another key, a tampered value. */
import { createSecretBox, MIN_SECRET_KEY_LENGTH } from './secret-box';

const KEY = 'k'.repeat(16) + 'correct-horse-battery-staple-0123456789';
const OTHER_KEY = 'another-secret-key-that-is-long-enough-1234';
const TOKEN = 'ATATT3xFfGF0-very-secret-api-token';

describe('createSecretBox', () => {
  it('opens what it sealed, with a fresh IV each time', () => {
    const box = createSecretBox(KEY);
    const first = box.seal(TOKEN);
    const second = box.seal(TOKEN);
    expect(first).not.toBe(second);
    expect(first).not.toContain(TOKEN);
    expect(box.open(first)).toBe(TOKEN);
    expect(box.open(second)).toBe(TOKEN);
    expect(box.open(box.seal(''))).toBe('');
  });

  it('refuses a missing or short SECRET_KEY, naming it and never echoing it', () => {
    const short = 'x'.repeat(MIN_SECRET_KEY_LENGTH - 1);
    expect(() => createSecretBox(undefined)).toThrow(/^SECRET_KEY: must be set to at least 32 characters/);
    expect(() => createSecretBox('')).toThrow(/^SECRET_KEY: /);
    let message = '';
    try {
      createSecretBox(short);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^SECRET_KEY: /);
    expect(message).not.toContain(short);
    expect(() => createSecretBox('x'.repeat(MIN_SECRET_KEY_LENGTH))).not.toThrow();
  });

  it('fails clearly on another key, a tampered value or an unknown format, without the plaintext', () => {
    const sealed = createSecretBox(KEY).seal(TOKEN);
    expect(() => createSecretBox(OTHER_KEY).open(sealed)).toThrow('stored credentials: cannot be decrypted (was SECRET_KEY changed?)');
    const [version, iv, tag, data] = sealed.split('.');
    const flipped = data.slice(0, -2) + (data.at(-2) === 'A' ? 'B' : 'A') + data.at(-1);
    expect(() => createSecretBox(KEY).open([version, iv, tag, flipped].join('.'))).toThrow(/cannot be decrypted/);
    expect(() => createSecretBox(KEY).open(TOKEN)).toThrow('stored credentials: unknown format');
    expect(() => createSecretBox(KEY).open(`v2.${iv}.${tag}.${data}`)).toThrow('stored credentials: unknown format');
  });

  it('still opens what the sync engine sealed before the box moved here (same key derivation)', () => {
    expect(createSecretBox(KEY).open('v1.y2FAXHbulZJMsBD1.3K2RBZMjfRKD6-yKdscUsw.sFcCpoVNBcETWL8vpLblvVp8tMSsxp8t5g')).toBe('sealed-by-sync-engine-0.1');
  });
});
