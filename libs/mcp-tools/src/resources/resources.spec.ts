import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { Connected } from '../testing/harness';
import { connect, pagesIn, spacesOf, startWorld } from '../testing/harness';

async function read(mcp: Connected, uri: string): Promise<string> {
  const result = await mcp.client.readResource({ uri });
  expect(result.contents).toHaveLength(1);
  expect(result.contents[0]).toMatchObject({ uri, mimeType: 'text/markdown' });
  return String((result.contents[0] as { text?: string }).text);
}

async function failure(mcp: Connected, uri: string): Promise<McpError> {
  const error = await mcp.client.readResource({ uri }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(McpError);
  return error as McpError;
}

describe.each(['cloud', 'dc'] as const)('resources on %s', (flavor) => {
  let emulator: RunningEmulator;
  beforeAll(async () => (emulator = await startWorld(flavor)));
  afterAll(() => emulator.close());

  /** An open page of the generated world whose body holds a code macro (and so a heading before it). */
  function pageWithCode() {
    const open = spacesOf(emulator).open;
    for (const space of open) {
      for (const summary of pagesIn(emulator, space.key)) {
        const body = emulator.control.page(summary.id).versions.at(-1)?.body ?? '';
        if (body.includes('ac:name="code"') && body.includes('<h2')) return { space, ...summary };
      }
    }
    throw new Error('no page with a code macro in the world');
  }

  it('lists both resource templates, also in read-only mode with a tools allow-list', async () => {
    for (const options of [{}, { readOnly: true, tools: ['get_confluence_page'] }]) {
      const mcp = await connect(emulator, options);
      const { resourceTemplates } = await mcp.client.listResourceTemplates();
      expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual(['confluence://page/{id}', 'confluence://space/{key}']);
      expect(resourceTemplates.every((t) => t.mimeType === 'text/markdown' && t.description)).toBe(true);
      await mcp.close();
    }
  });

  it('reads a page as Markdown with a header', async () => {
    const target = pageWithCode();
    const mcp = await connect(emulator);
    const text = await read(mcp, `confluence://page/${target.id}`);
    expect(text.startsWith(`# ${target.title}\n`)).toBe(true);
    expect(text).toContain(`- Space: ${target.space.key}`);
    expect(text).toContain(`- Version: ${target.version}`);
    expect(text).toMatch(/- URL: http/);
    expect(text).toMatch(/^```/m);
    expect(text).toMatch(/^## /m);
    expect(text).not.toContain('<ac:structured-macro');
    expect(mcp.logs).toContainEqual(expect.objectContaining({ level: 'info', message: 'resource read', fields: expect.objectContaining({ resource: 'confluence-page' }) }));
    await mcp.close();
  });

  it('answers a restricted page like a missing one, and a page outside the allowed spaces too', async () => {
    const { open, restricted } = spacesOf(emulator);
    const secret = pagesIn(emulator, restricted[0].key)[0];
    const carol = await connect(emulator, { username: 'carol' });
    const denied = await failure(carol, `confluence://page/${secret.id}`);
    expect(denied.message).toMatch(/NOT_FOUND: Page not found/);
    expect(denied.message).not.toContain(secret.title);
    const missing = await failure(carol, 'confluence://page/999999999');
    expect(denied.message).toBe(missing.message);
    await carol.close();

    const confined = await connect(emulator, { spaces: [open[1].key] });
    const outside = pagesIn(emulator, open[0].key)[0];
    const hidden = await failure(confined, `confluence://page/${outside.id}`);
    const absent = await failure(confined, 'confluence://page/999999999');
    expect(hidden.message).toBe(absent.message);
    expect(hidden.code).toBe(absent.code);
    expect(hidden.message).not.toContain(outside.title);
    expect(hidden.message).not.toMatch(/\bat \w+ \(|token|Bearer|Basic /);
    await expect(read(confined, `confluence://page/${pagesIn(emulator, open[1].key)[0].id}`)).resolves.toContain('# ');

    const outsideSpace = await failure(confined, `confluence://space/${open[0].key}`);
    const missingSpace = await failure(confined, 'confluence://space/NOSUCHSPACE');
    expect(outsideSpace.message.replace(open[0].key, 'KEY')).toBe(missingSpace.message.replace('NOSUCHSPACE', 'KEY'));
    await confined.close();
  });

  it('refuses a bad id or key with InvalidParams naming it', async () => {
    const mcp = await connect(emulator);
    const badId = await failure(mcp, 'confluence://page/abc');
    expect(badId.code).toBe(ErrorCode.InvalidParams);
    expect(badId.message).toMatch(/\bid must be a numeric/);
    const badKey = await failure(mcp, 'confluence://space/%3Cscript%3E');
    expect(badKey.code).toBe(ErrorCode.InvalidParams);
    expect(badKey.message).toMatch(/\bkey must be/);
    await mcp.close();
  });

  it('reads a space with its top-level pages as page resource URIs', async () => {
    const space = spacesOf(emulator).open[0];
    const mcp = await connect(emulator);
    const text = await read(mcp, `confluence://space/${space.key}`);
    expect(text).toContain(`# ${space.name}`);
    expect(text).toContain(`- Key: ${space.key}`);
    expect(text).toContain(`- Homepage: [`);
    expect(text).toContain(`(confluence://page/${space.homepageId})`);
    const children = await mcp.call('get_confluence_page_children', { page_id: space.homepageId, limit: 100 });
    const expected = children.structuredContent?.['children'] as Array<{ id: string; title: string }>;
    expect(expected.length).toBeGreaterThan(0);
    const listed = text.split('## Top-level pages')[1];
    for (const child of expected) expect(listed).toContain(`- [${child.title}](confluence://page/${child.id})`);
    expect(listed.split('\n').filter((l) => l.startsWith('- ['))).toHaveLength(expected.length);
    const missing = await failure(mcp, 'confluence://space/NOSUCHSPACE');
    expect(missing.message).toMatch(/NOT_FOUND: Space NOSUCHSPACE not found/);
    await mcp.close();
  });
});
