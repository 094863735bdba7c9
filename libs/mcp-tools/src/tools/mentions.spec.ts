import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { connect, spacesOf, startWorld } from '../testing/harness';

describe.each(['cloud', 'dc'] as const)('user mentions on %s', (flavor) => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startWorld(flavor);
  });
  afterAll(() => emulator.close());

  /** Requests for one user (`GET .../rest/api/user`) so far. */
  const userRequests = () =>
    Object.entries(emulator.control.counts())
      .filter(([route]) => /^GET \S*\/rest\/api\/user$/.test(route))
      .reduce((sum, [, n]) => sum + n, 0);
  const mention = (accountId: string) => `<ac:link><ri:user ri:account-id="${accountId}"/></ac:link>`;

  it('shows mentions in pages and comments by display name, looking each user up once per server', async () => {
    const bob = emulator.control.user('bob');
    const key = spacesOf(emulator).open[0].key;
    const page = emulator.control.createPage({ spaceKey: key, title: `Mentions ${flavor}`, body: `<p>Ask ${mention(bob.accountId)} about it.</p>` });
    const link = flavor === 'cloud' ? `[@${bob.displayName}](confluence-user:${bob.accountId})` : `[@${bob.accountId}](confluence-user:${bob.accountId})`;
    if (flavor === 'cloud') expect(bob.displayName).toBe('Bob Example');
    const mcp = await connect(emulator);
    const before = userRequests();
    const first = await mcp.call('get_confluence_page', { page_id: page.id });
    expect(first.isError).toBeFalsy();
    expect(first.structuredContent?.['body']).toContain(link);
    expect(userRequests()).toBe(before + 1);
    const second = await mcp.call('get_confluence_page', { page_id: page.id });
    expect(second.structuredContent?.['body']).toContain(link);
    expect(userRequests()).toBe(before + 1);

    emulator.control.addComment(page.id, `<p>Thanks ${mention(bob.accountId)}</p>`);
    const comments = await mcp.call('get_confluence_page_comments', { page_id: page.id });
    expect((comments.structuredContent?.['comments'] as Array<{ body: string }>).map((c) => c.body)).toContain(`Thanks ${link}`);
    // The comment's author is shown by name too: one more look-up, once.
    expect(userRequests()).toBe(before + 2);
    await mcp.call('get_confluence_page_comments', { page_id: page.id });
    expect(userRequests()).toBe(before + 2);
    // Storage stays exact: the mention is not resolved there.
    const storage = await mcp.call('get_confluence_page', { page_id: page.id, body_format: 'storage' });
    expect(storage.structuredContent?.['body']).toContain(`ri:account-id="${bob.accountId}"`);
    await mcp.close();
  });

  it('looks up at most 20 users per read and shows the rest by id', async () => {
    const key = spacesOf(emulator).open[0].key;
    const ids = Array.from({ length: 25 }, (_, i) => `unknown-user-${flavor}-${i}`);
    const page = emulator.control.createPage({ spaceKey: key, title: `Many mentions ${flavor}`, body: `<p>${ids.map(mention).join(' ')}</p>` });
    const mcp = await connect(emulator);
    const before = userRequests();
    const result = await mcp.call('get_confluence_page', { page_id: page.id });
    expect(result.isError).toBeFalsy();
    expect(userRequests()).toBe(before + 20);
    for (const id of ids) expect(result.structuredContent?.['body']).toContain(`[@${id}](confluence-user:${id})`);
    await mcp.close();
  });
});
