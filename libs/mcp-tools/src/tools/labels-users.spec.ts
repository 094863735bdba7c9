import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { connect, pagesIn, spacesOf, startWorld, textOf } from '../testing/harness';

describe.each(['cloud', 'dc'] as const)('label tools on %s', (flavor) => {
  let emulator: RunningEmulator;
  beforeAll(async () => (emulator = await startWorld(flavor)));
  afterAll(() => emulator.close());

  it('gets, adds and removes labels without a new version', async () => {
    const space = spacesOf(emulator).open[0];
    const page = emulator.control.createPage({ spaceKey: space.key, title: `Labelled ${flavor}` });
    emulator.control.addLabel(page.id, 'existing');
    const mcp = await connect(emulator);
    const read = await mcp.call('get_confluence_labels', { page_id: page.id });
    expect(read.isError).toBeFalsy();
    expect(read.structuredContent).toMatchObject({ page_id: page.id, labels: [expect.objectContaining({ name: 'existing', prefix: 'global' })], truncated: false });

    const added = await mcp.call('add_confluence_labels', { page_id: page.id, labels: ['runbook', 'team-backend', 'runbook', 'existing'] });
    expect(added.isError).toBeFalsy();
    expect(added.structuredContent?.['added']).toEqual(['runbook', 'team-backend', 'existing']);
    const names = () => emulator.control.page(page.id).labels.map((l) => l.name).sort();
    expect(names()).toEqual(['existing', 'runbook', 'team-backend']);
    expect(textOf(added)).toContain('team-backend');

    const removed = await mcp.call('remove_confluence_label', { page_id: page.id, label: 'runbook' });
    expect(removed.structuredContent).toMatchObject({ page_id: page.id, removed: 'runbook' });
    expect(names()).toEqual(['existing', 'team-backend']);
    const again = await mcp.call('remove_confluence_label', { page_id: page.id, label: 'runbook' });
    expect(textOf(again)).toMatch(/^NOT_FOUND: Page \d+ has no label "runbook"/);
    expect(emulator.control.page(page.id).versions).toHaveLength(1);
    await mcp.close();
  });

  it('refuses bad label names as a protocol error naming the field', async () => {
    const page = pagesIn(emulator, spacesOf(emulator).open[0].key)[0];
    const mcp = await connect(emulator);
    const text = async (tool: string, args: Record<string, unknown>) => textOf(await mcp.call(tool, args));
    expect(await text('add_confluence_labels', { page_id: page.id, labels: ['Runbook'] })).toMatch(/^INVALID_ARGUMENT: labels\[0\]: must be lowercase\. Example: \["runbook", "team-backend"\]\./);
    expect(await text('add_confluence_labels', { page_id: page.id, labels: ['two words'] })).toMatch(/^INVALID_ARGUMENT: labels\[0\]: must not contain spaces/);
    expect(await text('add_confluence_labels', { page_id: page.id, labels: [] })).toMatch(/^INVALID_ARGUMENT: labels: needs at least 1 item\./);
    expect(await text('add_confluence_labels', { page_id: page.id, labels: Array.from({ length: 21 }, (_, i) => `l${i}`) })).toMatch(/^INVALID_ARGUMENT: labels: has too many items \(at most 20\)/);
    expect(await text('remove_confluence_label', { page_id: page.id, label: 'A B' })).toMatch(/^INVALID_ARGUMENT: label: /);
    await mcp.close();
  });

  it('keeps label tools inside the allow-list and out of read-only mode', async () => {
    const [first, second] = spacesOf(emulator).open;
    const page = pagesIn(emulator, first.key)[0];
    const confined = await connect(emulator, { spaces: [second.key] });
    expect(textOf(await confined.call('get_confluence_labels', { page_id: page.id }))).toMatch(/^NOT_FOUND: /);
    expect(textOf(await confined.call('add_confluence_labels', { page_id: page.id, labels: ['x'] }))).toMatch(/^NOT_FOUND: /);
    expect(emulator.control.page(page.id).labels.map((l) => l.name)).not.toContain('x');
    await confined.close();
    const readOnly = await connect(emulator, { readOnly: true });
    const names = (await readOnly.client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('get_confluence_labels');
    expect(names).not.toContain('add_confluence_labels');
    expect(names).not.toContain('remove_confluence_label');
    await readOnly.close();
  });
});

describe.each(['cloud', 'dc'] as const)('user tools on %s', (flavor) => {
  let emulator: RunningEmulator;
  beforeAll(async () => (emulator = await startWorld(flavor)));
  afterAll(() => emulator.close());

  it('answers the signed-in user', async () => {
    const mcp = await connect(emulator, { username: 'bob' });
    const result = await mcp.call('get_confluence_current_user', {});
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ display_name: 'Bob Example' });
    expect(String(result.structuredContent?.['id'])).not.toBe('');
    expect(textOf(result)).toMatch(/^Signed in as Bob Example/);
    await mcp.close();
  });

  if (flavor === 'cloud') {
    it('searches users by the start of a name', async () => {
      const mcp = await connect(emulator);
      const result = await mcp.call('search_confluence_users', { query: 'car' });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent?.['users']).toEqual([expect.objectContaining({ display_name: 'Carol Example' })]);
      const hostile = await mcp.call('search_confluence_users', { query: 'x" OR type = user OR user.fullname ~ "a', limit: 5 });
      expect(hostile.isError).toBeFalsy();
      expect(hostile.structuredContent?.['users']).toEqual([]);
      expect(textOf(await mcp.call('search_confluence_users', { query: 'a', limit: 51 }))).toMatch(/^Note: limit: 51 is over the maximum of 50; 50 was used\./);
      await mcp.close();
    });
  } else {
    it('answers UNAVAILABLE for user search, which Data Center lacks', async () => {
      const mcp = await connect(emulator);
      emulator.control.clearLog();
      const result = await mcp.call('search_confluence_users', { query: 'car' });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/^UNAVAILABLE: User search is not available on Confluence Data Center/);
      expect(result._meta?.['code']).toBe('UNAVAILABLE');
      expect(emulator.control.requestCount()).toBe(0);
      await mcp.close();
    });
  }
});
