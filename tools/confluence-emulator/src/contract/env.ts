/**
 * One emulator per contract suite, with clients for the well-known users. Suites register their cases against a
 * `ContractEnv` holder whose fields are filled in `beforeAll`, so case modules can be plain functions.
 */
import { WELL_KNOWN_USERS } from '../content';
import type { Page, Space } from '../model';
import type { EmulatorControl } from '../control';
import { RunningEmulator, startEmulator } from '../server';
import { ContractClient, basic, bearer } from './client';
import { staleMismatches, triage } from './known-mismatches';

/** The running emulator and helpers, available inside `it` blocks. */
export interface ContractEnv {
  emulator: RunningEmulator;
  flavor: 'cloud' | 'dc';
  /** Alice (who can read everything): the default caller. */
  api: ContractClient;
  /** A client for another well-known user (`bob`, `carol`...). */
  as(username: string): ContractClient;
  /** API prefix: `/wiki/api/v2` (Cloud v2), `/wiki/rest/api` (Cloud v1) or `/rest/api` (Data Center). */
  v2: string;
  v1: string;
  /** A space everyone can read, and one only alice and bob can. */
  openSpace: Space;
  closedSpace: Space;
  /** Current pages of a space, in id order. */
  pagesOf(space: Space): Page[];
  /** Ids of known mismatches met so far (see known-mismatches.ts). */
  seenMismatches: Set<string>;
  /** Known mismatches of this flavour that did not occur (call after all cases). */
  staleMismatches(): string[];
}

/**
 * Content every case can rely on whatever the generator produces (it is tuned independently): a page with
 * versions, labels, attachments, a child tree and comment threads, and pages restricted to alice for reading
 * and for updating. Made through `control`, as users would make it.
 */
function provision(control: EmulatorControl, spaceKey: string): void {
  const page = control.createPage({ spaceKey, title: 'Contract fixture', body: '<p>Contract fixture page with the word selection in it.</p>', author: 'alice' });
  control.editPage(page.id, { body: '<p>Contract fixture page, edited, with the word selection in it.</p>', message: 'first edit', author: 'bob' });
  control.editPage(page.id, { title: 'Contract fixture (edited)', author: 'alice' });
  for (const name of ['contract-a', 'contract-b']) control.addLabel(page.id, name);
  control.addAttachment(page.id, { title: 'contract-notes.txt', mediaType: 'text/plain', data: 'notes\n' });
  control.addAttachment(page.id, { title: 'contract-data.csv', mediaType: 'text/csv', data: 'a,b\n1,2\n' });
  const child = control.createPage({ spaceKey, title: 'Contract fixture child 1', parentId: page.id });
  control.createPage({ spaceKey, title: 'Contract fixture child 2', parentId: page.id });
  control.createPage({ spaceKey, title: 'Contract fixture grandchild', parentId: child.id });
  for (const kind of ['footer', 'inline'] as const) {
    const top = control.addComment(page.id, `<p>${kind} thread</p>`, { kind, author: 'carol' });
    control.addComment(page.id, `<p>${kind} reply</p>`, { kind, replyTo: top.id, author: 'bob' });
  }
  const alice = control.user('alice').accountId;
  control.restrictPage(control.createPage({ spaceKey, title: 'Contract: alice only' }).id, { read: [alice] });
  control.restrictPage(control.createPage({ spaceKey, title: 'Contract: alice edits' }).id, { update: [alice] });
}

/** The value, or a clear error when the generated world lacks what a case needs. */
export function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`contract: the generated world has no ${what}`);
  return value;
}

/** The credential a well-known user sends: Cloud API token (Basic) or Data Center PAT (Bearer). */
export function credentialOf(flavor: 'cloud' | 'dc', username: string): string {
  const user = WELL_KNOWN_USERS.find((u) => u.username === username);
  if (!user) throw new Error(`contract: no well-known user '${username}'`);
  return flavor === 'cloud' ? basic(user.email, user.apiToken) : bearer(user.personalAccessToken);
}

/**
 * Start the emulator before the suite's cases and stop it after. Returns the holder the cases read from.
 * `seed` and sizes are fixed: the suite must be reproducible and fast.
 */
export function useContractEnv(flavor: 'cloud' | 'dc'): ContractEnv {
  const env = { seenMismatches: new Set<string>(), staleMismatches: () => staleMismatches(env.seenMismatches, flavor) } as ContractEnv;
  beforeAll(async () => {
    const emulator = await startEmulator({ flavor, spaces: 2, pagesPerSpace: 30, seed: 3 });
    const api = new ContractClient(emulator.url, credentialOf(flavor, 'alice'), [], flavor);
    const spaces = [...emulator.control.world.spaces.values()];
    provision(emulator.control, spaces[0].key);
    Object.assign(env, {
      emulator,
      flavor,
      api,
      as: (username: string) => api.as(credentialOf(flavor, username)),
      v2: '/wiki/api/v2',
      v1: flavor === 'cloud' ? '/wiki/rest/api' : '/rest/api',
      openSpace: spaces[0],
      closedSpace: spaces[spaces.length - 1],
      pagesOf: (space: Space) => [...emulator.control.world.pages.values()].filter((p) => p.spaceId === space.id && p.status === 'current'),
    } satisfies Omit<ContractEnv, 'seenMismatches' | 'staleMismatches'>);
  });
  afterAll(async () => {
    await env.emulator?.close();
  });
  // Each case reports every mismatch it found, not just the first; known (reported) ones are set aside.
  afterEach(() => {
    if (!env.api) return;
    const { unexpected, seen } = triage(env.api.drain(), flavor);
    seen.forEach((id) => env.seenMismatches.add(id));
    expect(unexpected).toEqual([]);
  });
  return env;
}
