/**
 * The `confluence-user:` URL of a mention (CONVENTIONS.md), shared by the reader and the writer: an account id as it
 * is (`confluence-user:557058:abc`), a Data Center user key as `confluence-user:key:KEY`, an old Server user name as
 * `confluence-user:username:NAME` (both percent-encoded), so the writer restores the same `ri:user` attribute.
 */
import type { UserRef } from './types';

/** The storage attribute of each kind of user reference. */
export const USER_ATTRIBUTES = { accountId: 'ri:account-id', userKey: 'ri:userkey', username: 'ri:username' } as const;

/** The identifier a reference holds, whatever its kind. */
export function userRefId(ref: UserRef): string {
  return 'accountId' in ref ? ref.accountId : 'userKey' in ref ? ref.userKey : ref.username;
}

/** `ri:account-id`, `ri:userkey` or `ri:username`, with the identifier it holds. */
export function userAttribute(ref: UserRef): readonly [name: string, value: string] {
  if ('accountId' in ref) return [USER_ATTRIBUTES.accountId, ref.accountId];
  return 'userKey' in ref ? [USER_ATTRIBUTES.userKey, ref.userKey] : [USER_ATTRIBUTES.username, ref.username];
}

const PREFIXED = /^(key|username):/i;

/**
 * The URL of a mention, before link-destination encoding. Account ids stay readable (they are written as they are);
 * one that itself starts with `key:` or `username:` gets its colon encoded, so it is not read as the other form.
 */
export function userUrl(ref: UserRef): string {
  if ('userKey' in ref) return `confluence-user:key:${encodeURIComponent(ref.userKey)}`;
  if ('username' in ref) return `confluence-user:username:${encodeURIComponent(ref.username)}`;
  const id = PREFIXED.test(ref.accountId) ? ref.accountId.replace(':', '%3A') : ref.accountId;
  return `confluence-user:${id}`;
}

/**
 * The user a `confluence-user:` URL points at, from the part after the scheme (still percent-encoded); undefined
 * when the identifier is empty.
 */
export function parseUserUrl(rest: string): UserRef | undefined {
  const prefix = PREFIXED.exec(rest);
  const id = percentDecode(prefix ? rest.slice(prefix[0].length) : rest);
  if (!id) return undefined;
  if (!prefix) return { accountId: id };
  return prefix[1].toLowerCase() === 'key' ? { userKey: id } : { username: id };
}

function percentDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
