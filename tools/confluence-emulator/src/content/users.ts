/** The generated users: fixed names and credentials, so tests and docs can rely on them. */
import type { User } from '../model';
import { hashString } from './random';

const NAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy'] as const;
const TIME_ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Europe/London', 'America/Los_Angeles', 'Australia/Sydney'];

/**
 * A 24-hex-digit Atlassian-style account id derived from the user name only (not the seed), so every world
 * gives `alice` the same id.
 */
export function accountIdFor(username: string): string {
  let out = '5b10';
  let h = hashString(username);
  while (out.length < 24) {
    h = hashString(username + out, h);
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 24);
}

/** The user with the given 0-based index: the well-known names first, then `user11`, `user12`, ... */
export function makeUser(index: number): User {
  const username = index < NAMES.length ? NAMES[index] : `user${index + 1}`;
  const displayName = index < NAMES.length ? `${username[0].toUpperCase()}${username.slice(1)} Example` : `User ${index + 1}`;
  return {
    accountId: accountIdFor(username),
    username,
    email: `${username}@example.com`,
    displayName,
    apiToken: `token-${username}`,
    scopedApiToken: `scoped-${username}`,
    password: `password-${username}`,
    personalAccessToken: `pat-${username}`,
    timeZone: TIME_ZONES[index % TIME_ZONES.length],
  };
}

/**
 * The named users and their credentials. A world with `users: n` holds the first n of them (then `user11`...,
 * built the same way). Everyone can read every space except the last one (when there are two or more), which
 * only alice and bob can read.
 */
export const WELL_KNOWN_USERS: readonly Readonly<User>[] = NAMES.map((_, i) => Object.freeze(makeUser(i)));
