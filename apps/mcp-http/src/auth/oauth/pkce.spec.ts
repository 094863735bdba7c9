/** Our PKCE S256 check: the pair a client makes passes; anything else, including no verifier, fails. */
import { createHash } from 'node:crypto';
import { pkce } from '../../testing/oauth';
import { verifiesS256 } from './pkce';

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

it('accepts the verifier of the challenge and nothing else', () => {
  const { verifier, challenge } = pkce();
  expect(verifiesS256(verifier, challenge)).toBe(true);
  expect(verifiesS256(pkce().verifier, challenge)).toBe(false);
  expect(verifiesS256(undefined, challenge)).toBe(false);
  expect(verifiesS256('', challenge)).toBe(false);
  expect(verifiesS256(verifier, `${challenge}=`)).toBe(false);
  // RFC 7636 §4.1: 43 to 128 unreserved characters, even when the hash would match.
  expect(verifiesS256(`${verifier}!`, s256(`${verifier}!`))).toBe(false);
  expect(verifiesS256('short', s256('short'))).toBe(false);
});
