import { createHash } from 'node:crypto';
import { matchKey } from './api-keys';
import { bearerChallenge, credentialsOf } from './authenticator';

describe('credentialsOf', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');

  it('reads Bearer and Basic, schemes case-insensitively', () => {
    expect(credentialsOf('Bearer abc.DEF-123_~+/=')).toEqual({ scheme: 'bearer', token: 'abc.DEF-123_~+/=' });
    expect(credentialsOf('bearer abc')).toEqual({ scheme: 'bearer', token: 'abc' });
    expect(credentialsOf(`Basic ${b64('alice@example.com:to:ken')}`)).toEqual({ scheme: 'basic', user: 'alice@example.com', secret: 'to:ken' });
  });

  it('calls anything else malformed, and an absent header absent', () => {
    expect(credentialsOf(undefined)).toBeUndefined();
    expect(credentialsOf('  ')).toBeUndefined();
    for (const bad of ['Bearer', 'Bearer a b', 'Bearer a"b', 'Digest x', `Basic ${b64('nocolon')}`, `Basic ${b64(':secret')}`, `Basic ${b64('user:')}`, 'Basic !!!']) {
      expect(credentialsOf(bad)).toEqual({ scheme: 'malformed' });
    }
  });
});

describe('matchKey', () => {
  const hashOf = (key: string) => {
    const sha256 = createHash('sha256').update(key).digest();
    return { id: sha256.toString('hex').slice(0, 8), sha256 };
  };

  it('finds the key whose hash matches, and nothing for any other token', () => {
    const keys = [hashOf('first-key-0123456789'), hashOf('second-key-0123456789')];
    expect(matchKey('second-key-0123456789', keys)).toBe(keys[1]);
    expect(matchKey('second-key-012345678', keys)).toBeUndefined();
    expect(matchKey('', keys)).toBeUndefined();
    expect(matchKey('first-key-0123456789', [])).toBeUndefined();
  });
});

describe('bearerChallenge', () => {
  it('names the realm, adds the error code and extra parameters, and cannot be broken by quotes', () => {
    expect(bearerChallenge({ status: 401, message: 'x' })).toBe('Bearer realm="confluence-mcp"');
    expect(bearerChallenge({ status: 401, message: 'x', error: 'invalid_token' }, { resource_metadata: 'https://h/.well-known/"x' })).toBe(
      'Bearer realm="confluence-mcp", resource_metadata="https://h/.well-known/x", error="invalid_token"',
    );
  });
});
