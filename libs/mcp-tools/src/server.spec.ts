import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { createConfluenceClient } from '@confluence-mcp/confluence-client';
import { connect, startWorld, textOf } from './testing/harness';
import { createMcpServer, selectTools } from './server';
import { DEFAULT_TOOLS, TOOL_NAMES } from './index';
import type { IndexSearcher } from './index';

/** An index seam with nothing synced: enough for the tool lists (the searches are specified in the apps' e2e specs). */
const NOTHING_SYNCED: IndexSearcher = { indexes: async () => [], search: async () => ({ siteUrl: '', hits: [] }) };

/** Tools that change Confluence, by name (as the stdio e2e tests tell them): their annotations must agree. */
const WRITE_TOOL = /^(create|update|delete|add|remove|move|replace|upload)_/;
const WRITE_TOOLS = TOOL_NAMES.filter((name) => WRITE_TOOL.test(name));

describe('createMcpServer: tool list', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => (emulator = await startWorld('cloud')));
  afterAll(() => emulator.close());

  it('lists every tool of the design with input and output schemas and described fields', async () => {
    const mcp = await connect(emulator, { indexSearcher: NOTHING_SYNCED });
    const { tools } = await mcp.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...TOOL_NAMES].sort());
    expect(tools).toHaveLength(TOOL_NAMES.length);
    expect(tools.length).toBeGreaterThanOrEqual(18);
    for (const tool of tools) {
      expect(tool.outputSchema).toBeDefined();
      expect(tool.description?.length).toBeGreaterThan(20);
      for (const [field, schema] of Object.entries(tool.inputSchema.properties ?? {})) {
        expect({ tool: tool.name, field, described: Boolean((schema as { description?: string }).description) }).toEqual({ tool: tool.name, field, described: true });
      }
    }
    await mcp.close();
  });

  it('offers a default toolset whose tools/list stays under 20,000 characters, the full set one name away', async () => {
    const defaults = await connect(emulator, { tools: undefined, indexSearcher: NOTHING_SYNCED });
    const listed = await defaults.client.listTools();
    expect(listed.tools.map((t) => t.name).sort()).toEqual([...DEFAULT_TOOLS].sort());
    // The index search joins the default list only where an index is configured; its own listing is kept short.
    const indexTool = JSON.stringify(listed.tools.find((t) => t.name === 'search_confluence_index')).length;
    expect(indexTool).toBeLessThanOrEqual(1_500);
    expect(JSON.stringify(listed).length - indexTool).toBeLessThanOrEqual(20_000);
    await defaults.close();
    const withoutIndex = await connect(emulator, { tools: undefined });
    expect(JSON.stringify(await withoutIndex.client.listTools()).length).toBeLessThanOrEqual(20_000);
    await withoutIndex.close();
    const all = await connect(emulator, { tools: ['all'], indexSearcher: NOTHING_SYNCED });
    expect((await all.client.listTools()).tools).toHaveLength(TOOL_NAMES.length);
    await all.close();
  });

  it('offers search_confluence_index only with a synced index, read-only and closed-world', async () => {
    const without = await connect(emulator, { tools: ['all'] });
    expect((await without.client.listTools()).tools.map((t) => t.name)).not.toContain('search_confluence_index');
    await without.close();
    expect(selectTools({ tools: ['search'] }).map((t) => t.name)).toEqual(['search_confluence_pages']);
    expect(selectTools({ tools: ['search'], readOnly: true, indexSearcher: NOTHING_SYNCED }).map((t) => t.name)).toEqual(['search_confluence_pages', 'search_confluence_index']);
    const tool = selectTools({ tools: ['all'], indexSearcher: NOTHING_SYNCED }).find((t) => t.name === 'search_confluence_index');
    expect(tool?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, openWorldHint: false });
    const mcp = await connect(emulator, { indexSearcher: NOTHING_SYNCED });
    const empty = await mcp.call('search_confluence_index', { query: 'anything' });
    expect(empty.isError).toBe(true);
    expect(textOf(empty)).toMatch(/^NOT_FOUND: No index has been synced yet/);
    await mcp.close();
  });

  it('writes schemas every client reads: no type arrays, no $schema', async () => {
    const mcp = await connect(emulator);
    const text = JSON.stringify((await mcp.client.listTools()).tools);
    expect(text).not.toMatch(/"type":\[/);
    expect(text).not.toContain('$schema');
    // A nullable field is an anyOf of its type and null, its description kept once.
    const page = (await mcp.client.listTools()).tools.find((t) => t.name === 'get_confluence_page');
    expect((page?.outputSchema?.properties as Record<string, unknown>)['parent_id']).toEqual({ anyOf: [{ type: 'string' }, { type: 'null' }] });
    await mcp.close();
  });

  it('annotates read tools as read-only and delete/update as destructive', async () => {
    const mcp = await connect(emulator, { indexSearcher: NOTHING_SYNCED });
    const { tools } = await mcp.client.listTools();
    const byName = Object.fromEntries(tools.map((t) => [t.name, t.annotations]));
    for (const name of TOOL_NAMES) {
      expect(byName[name]?.readOnlyHint).toBe(!WRITE_TOOLS.includes(name));
      // The index search reads a local copy: its world is closed.
      expect(byName[name]?.openWorldHint).toBe(name !== 'search_confluence_index');
    }
    expect(byName['delete_confluence_page']).toMatchObject({ destructiveHint: true, idempotentHint: true });
    expect(byName['update_confluence_page']).toMatchObject({ destructiveHint: true, idempotentHint: false });
    expect(byName['create_confluence_page']).toMatchObject({ destructiveHint: false, idempotentHint: false });
    expect(byName['get_confluence_page']).toMatchObject({ destructiveHint: false, idempotentHint: true });
    await mcp.close();
  });

  it('hides write tools in read-only mode, and refuses to call them', async () => {
    const mcp = await connect(emulator, { readOnly: true, indexSearcher: NOTHING_SYNCED });
    const names = (await mcp.client.listTools()).tools.map((t) => t.name);
    expect(names).toHaveLength(TOOL_NAMES.length - WRITE_TOOLS.length);
    for (const name of WRITE_TOOLS) expect(names).not.toContain(name);
    await expect(mcp.call('delete_confluence_page', { page_id: '1' })).rejects.toThrow(/not found/);
    await mcp.close();
  });

  it('keeps only the tools and toolsets of the allow-list', async () => {
    const mcp = await connect(emulator, { tools: ['search', 'get_confluence_spaces'] });
    expect((await mcp.client.listTools()).tools.map((t) => t.name).sort()).toEqual(['get_confluence_spaces', 'search_confluence_pages']);
    await mcp.close();
    expect(selectTools({ tools: ['attachments'], readOnly: true }).map((t) => t.name)).toEqual(['get_confluence_page_attachments', 'download_confluence_attachment']);
    expect(selectTools({ tools: ['comments'] }).map((t) => t.name)).toEqual(['get_confluence_page_comments', 'add_confluence_comment']);
    expect(selectTools({ tools: ['write'] }).map((t) => t.name).sort()).toEqual([...WRITE_TOOLS].sort());
  });

  it('groups hierarchy, label and user tools in their toolsets, with move and labels as non-destructive writes', () => {
    expect(selectTools({ tools: ['labels'] }).map((t) => t.name)).toEqual(['get_confluence_labels', 'add_confluence_labels', 'remove_confluence_label']);
    expect(selectTools({ tools: ['labels'], readOnly: true }).map((t) => t.name)).toEqual(['get_confluence_labels']);
    expect(selectTools({ tools: ['users'] }).map((t) => t.name)).toEqual(['get_confluence_current_user', 'search_confluence_users']);
    const pages = selectTools({ tools: ['pages'] }).map((t) => t.name);
    for (const name of ['get_confluence_page_children', 'get_confluence_page_ancestors', 'get_confluence_space_page_tree', 'move_confluence_page']) expect(pages).toContain(name);
    expect(selectTools({ tools: ['spaces'] }).map((t) => t.name)).toContain('get_confluence_space_page_tree');
    const annotations = (name: string) => selectTools({ tools: ['all'] }).find((t) => t.name === name)?.annotations;
    expect(annotations('move_confluence_page')).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: true });
    expect(annotations('add_confluence_labels')).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: true });
    expect(annotations('remove_confluence_label')).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true });
  });

  it('refuses an unknown tool or toolset name at start-up', () => {
    const client = createConfluenceClient({ baseUrl: `${emulator.url}/wiki`, auth: { type: 'basic', email: 'a@example.com', apiToken: 't' } });
    expect(() => createMcpServer({ client, tools: ['pages', 'get_confluence_pagez'] })).toThrow(/get_confluence_pagez/);
  });

  it('answers invalid arguments with an INVALID_ARGUMENT result naming the argument, what was wrong and an example', async () => {
    const mcp = await connect(emulator);
    const text = async (tool: string, args: Record<string, unknown>) => textOf(await mcp.call(tool, args));
    expect(await text('get_confluence_page', { page_id: 'abc' })).toBe('INVALID_ARGUMENT: page_id: must be a numeric Confluence page id. Example: "123456".');
    expect(await text('get_confluence_page', { page_id: true })).toBe('INVALID_ARGUMENT: page_id: must be a string, not a boolean. Example: "123456".');
    expect(await text('create_confluence_page', { title: 'x', body: '' })).toBe('INVALID_ARGUMENT: space_key: is required. Example: "ENG".');
    expect(await text('get_confluence_page', { page_id: '1', body_format: 'html' })).toMatch(/^INVALID_ARGUMENT: body_format: must be one of "markdown", "storage", "view"\./);
    expect(await text('search_confluence_pages', { text: 'x', space_keys: Array.from({ length: 51 }, (_, i) => `K${i}`) })).toBe(
      'INVALID_ARGUMENT: space_keys: has too many items (at most 50). Example: ["ENG"].',
    );
    await mcp.close();
  });

  it('takes ids as numbers, numbers as strings and one value for a list, and clamps sizes with a note', async () => {
    const mcp = await connect(emulator);
    const page = [...emulator.control.world.pages.values()].find((p) => p.type === 'page' && p.status === 'current' && !p.restrictions.read);
    const byNumber = await mcp.call('get_confluence_page', { page_id: Number(page?.id), max_chars: '300' });
    expect(byNumber.isError).toBeFalsy();
    expect(byNumber.structuredContent?.['id']).toBe(page?.id);
    const clamped = await mcp.call('search_confluence_pages', { text: 'x', limit: 500, space_keys: 'ENG' });
    expect(clamped.isError).toBeFalsy();
    expect(textOf(clamped)).toMatch(/^Note: limit: 500 is over the maximum of 100; 100 was used\.\n\n/);
    expect(clamped.structuredContent?.['cql']).toContain('"ENG"');
    await mcp.close();
  });

  it('logs tool calls with long bodies cut short', async () => {
    const mcp = await connect(emulator, { readOnly: true });
    await mcp.call('search_confluence_pages', { text: 'y'.repeat(500) });
    const entry = mcp.logs.find((l) => l.message.startsWith('tool call'));
    expect(entry?.fields?.['tool']).toBe('search_confluence_pages');
    expect(JSON.stringify(entry?.fields)).toMatch(/y{200}… \(500 chars\)/);
    expect(JSON.stringify(entry?.fields).length).toBeLessThan(600);
    await mcp.close();
  });
});
