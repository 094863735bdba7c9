/**
 * Mentions by user key and user name (Data Center, old Server pages) read by display name through the real MCP
 * server, each user looked up once per server whichever way pages and comments name them.
 */
import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { connect, spacesOf, startWorld } from './testing/harness';

const byKey = (key: string) => `<ac:link><ri:user ri:userkey="${key}"/></ac:link>`;
const byName = (username: string) => `<ac:link><ri:user ri:username="${username}"/></ac:link>`;

/** Requests for one user (`GET .../rest/api/user`) so far. */
function userRequests(emulator: RunningEmulator): number {
  return Object.entries(emulator.control.counts())
    .filter(([route]) => /^GET \S*\/rest\/api\/user$/.test(route))
    .reduce((sum, [, n]) => sum + n, 0);
}

describe('mentions by user key and user name on Data Center', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startWorld('dc');
  });
  afterAll(() => emulator.close());

  /** A user's Data Center user key, as Confluence gives it (the emulator derives it; the spec asks for it). */
  async function userKeyOf(username: string): Promise<string> {
    const response = await fetch(`${emulator.url}/rest/api/user?username=${username}`, { headers: { authorization: 'Bearer pat-alice' } });
    return ((await response.json()) as { userKey: string }).userKey;
  }

  it('shows them as @Display Name, looking each user up once per server', async () => {
    const [bob, carol] = [emulator.control.user('bob'), emulator.control.user('carol')];
    const bobKey = await userKeyOf('bob');
    const unknownKey = '0123456789abcdef0123456789abcdef';
    const key = spacesOf(emulator).open[0].key;
    const page = emulator.control.createPage({
      spaceKey: key,
      title: 'Mentions by key',
      body: `<p>Ask ${byKey(bobKey)} or ${byName('carol')}, not ${byKey(unknownKey)}.</p>`,
    });
    const mcp = await connect(emulator);
    const before = userRequests(emulator);
    const first = await mcp.call('get_confluence_page', { page_id: page.id });
    expect(first.isError).toBeFalsy();
    expect(first.structuredContent?.['body']).toBe(
      `Ask [@${bob.displayName}](confluence-user:key:${bobKey}) or [@${carol.displayName}](confluence-user:username:carol), ` +
        `not [@${unknownKey}](confluence-user:key:${unknownKey}).\n`,
    );
    expect(userRequests(emulator)).toBe(before + 3);

    // Bob by user name, and a comment Bob wrote (Data Center names its author by user key): nothing new to ask.
    const second = emulator.control.createPage({ spaceKey: key, title: 'Mentions by name', body: `<p>Thanks ${byName('bob')}.</p>` });
    expect((await mcp.call('get_confluence_page', { page_id: second.id })).structuredContent?.['body']).toBe(`Thanks [@${bob.displayName}](confluence-user:username:bob).\n`);
    emulator.control.addComment(second.id, `<p>Seen, ${byKey(bobKey)}.</p>`, { author: 'bob' });
    const comments = await mcp.call('get_confluence_page_comments', { page_id: second.id });
    expect(JSON.stringify(comments.structuredContent)).toContain(`Seen, [@${bob.displayName}](confluence-user:key:${bobKey}).`);
    expect(userRequests(emulator)).toBe(before + 3);
    await mcp.close();
  });

  it('writes a mention read by user key back with the same user key', async () => {
    const bobKey = await userKeyOf('bob');
    const key = spacesOf(emulator).open[0].key;
    const page = emulator.control.createPage({ spaceKey: key, title: 'Mention round trip', body: `<p>Owner: ${byKey(bobKey)}</p>` });
    const mcp = await connect(emulator);
    const read = await mcp.call('get_confluence_page', { page_id: page.id });
    const body = `${read.structuredContent?.['body'] as string}\nReviewed.\n`;
    const updated = await mcp.call('update_confluence_page', { page_id: page.id, body, body_format: 'markdown', new_version_number: 2 });
    expect(updated.isError).toBeFalsy();
    const storage = await mcp.call('get_confluence_page', { page_id: page.id, body_format: 'storage' });
    expect(storage.structuredContent?.['body']).toContain(`<ri:user ri:userkey="${bobKey}"/>`);
    await mcp.close();
  });
});

describe('mentions by user key on Cloud', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startWorld('cloud');
  });
  afterAll(() => emulator.close());

  it('show the key without asking Confluence, which has no user keys or user names any more', async () => {
    const page = emulator.control.createPage({ spaceKey: spacesOf(emulator).open[0].key, title: 'Migrated', body: `<p>${byKey('8a7f808a')} ${byName('bob')}</p>` });
    const mcp = await connect(emulator);
    const before = userRequests(emulator);
    const result = await mcp.call('get_confluence_page', { page_id: page.id });
    expect(result.structuredContent?.['body']).toBe('[@8a7f808a](confluence-user:key:8a7f808a) [@bob](confluence-user:username:bob)\n');
    expect(userRequests(emulator)).toBe(before);
    await mcp.close();
  });
});
