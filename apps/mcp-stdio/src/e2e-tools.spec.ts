/**
 * End to end, tool by tool: the built app over stdio, the SDK `Client` on the other end, the emulator behind it,
 * in both flavours. Every listed tool is called at least once with a happy-path argument set (the last test of
 * the alice block fails when a listed tool was never called), every error class that can be produced end to end
 * is produced, read-only mode, the space allow-list under hostile CQL, and a page too large for one answer.
 */
import { RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_APP, CLOUD_TOKEN, DC_TOKEN, assertBuilt, baseEnv, envFor } from './testing/stdio';

type Flavor = 'cloud' | 'dc';

interface ToolResult {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
}

interface Session {
  client: Client;
  close: () => Promise<void>;
}

/** Every token a session of this suite may hold: none may ever reach a result. */
const SECRETS = [CLOUD_TOKEN, DC_TOKEN, 'token-carol', 'pat-carol', 'token-wrong', 'pat-wrong'];

/** A stack frame: `at fn (/path/file.js:1:2)` or `at /path/file.ts:3:4`. */
const STACK_FRAME = /\bat .*[/\\][^\s]*\.(?:[cm]?js|ts):\d+/;

const WRITE_TOOLS = [
  'create_confluence_page',
  'update_confluence_page',
  'delete_confluence_page',
  'add_confluence_page_attachment',
  'add_confluence_comment',
  'replace_confluence_page_section',
  'move_confluence_page',
  'add_confluence_labels',
  'remove_confluence_label',
];

async function connect(env: Record<string, string>): Promise<Session> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [BUILT_APP], env, stderr: 'pipe' });
  transport.stderr?.on('data', () => undefined);
  const client = new Client({ name: 'mcp-stdio-e2e-tools', version: '0.0.0' });
  await client.connect(transport);
  return { client, close: () => client.close() };
}

function textOf(result: ToolResult): string {
  return result.content.map((c) => c.text ?? '').join('\n');
}

/** Calls a tool and checks what every answer must respect: no stack trace, no token. */
async function call(session: Session, name: string, args: Record<string, unknown>): Promise<ToolResult> {
  const result = (await session.client.callTool({ name, arguments: args })) as ToolResult;
  const text = textOf(result);
  expect(text).not.toMatch(STACK_FRAME);
  for (const secret of SECRETS) expect(JSON.stringify(result)).not.toContain(secret);
  return result;
}

function expectError(result: ToolResult, code: string): string {
  expect(result.isError).toBe(true);
  const text = textOf(result);
  expect(text.startsWith(`${code}: `)).toBe(true);
  return text;
}

async function protocolError(promise: Promise<unknown>): Promise<McpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(McpError);
  return error as McpError;
}

function withToken(flavor: Flavor, emulator: RunningEmulator, user: 'carol' | 'wrong'): Record<string, string> {
  return flavor === 'cloud'
    ? { ...baseEnv(), CONFLUENCE_URL: `${emulator.url}/wiki`, CONFLUENCE_USERNAME: `${user === 'carol' ? 'carol' : 'alice'}@example.com`, CONFLUENCE_API_TOKEN: `token-${user}`, CONFLUENCE_TOOLS: 'all' }
    : { ...baseEnv(), CONFLUENCE_URL: emulator.url, CONFLUENCE_PERSONAL_TOKEN: `pat-${user}`, CONFLUENCE_FLAVOR: 'dc', CONFLUENCE_TOOLS: 'all' };
}

/** Storage XHTML whose Markdown is well over 40 000 characters, with headings for the outline. */
function largeStorage(): string {
  const parts: string[] = [];
  for (let i = 1; i <= 60; i++) {
    parts.push(`<h2>Part ${i}</h2>`);
    for (let j = 1; j <= 5; j++) parts.push(`<p>Paragraph ${i}.${j}: ${'lorem ipsum dolor sit amet '.repeat(7)}end ${i}.${j}.</p>`);
  }
  return parts.join('');
}

beforeAll(assertBuilt);

describe.each(['cloud', 'dc'] as const)('every tool over stdio against the %s emulator', (flavor) => {
  let emulator: RunningEmulator;
  let dir: string;
  let spaceA: string;
  let spaceB: string;

  beforeAll(async () => {
    emulator = await startEmulator({ flavor, spaces: 2, pagesPerSpace: 10, seed: 7 });
    const keys = [...emulator.control.world.spaces.values()].map((s) => s.key);
    [spaceA, spaceB] = keys;
    dir = mkdtempSync(join(tmpdir(), 'mcp-e2e-'));
    writeFileSync(join(dir, 'notes.txt'), 'hello from the e2e suite\n');
    writeFileSync(join(dir, 'big.bin'), Buffer.alloc(4096, 7));
  });
  afterAll(async () => {
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A page of space A with a parent and at least one child, from the generated content. */
  function pageWithParentAndChild(): { id: string; parentId: string; childId: string } {
    const pages = [...emulator.control.world.pages.values()];
    const space = [...emulator.control.world.spaces.values()].find((s) => s.key === spaceA);
    for (const p of pages) {
      if (p.spaceId !== space?.id || p.type !== 'page' || p.status !== 'current' || p.restrictions.read || !p.parentId) continue;
      const child = pages.find((c) => c.parentId === p.id && c.status === 'current' && c.type === 'page' && !c.restrictions.read);
      if (child) return { id: p.id, parentId: p.parentId, childId: child.id };
    }
    throw new Error('no page with parent and child generated');
  }

  describe('as alice, writes allowed', () => {
    let session: Session;
    let listed: string[] = [];
    const called = new Set<string>();
    let pageId = '';
    let attachmentId = '';

    /** A happy-path call: no error, and the tool counts as covered. */
    async function ok(name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
      const result = await call(session, name, args);
      expect(textOf(result)).not.toMatch(/^[A-Z_]+: /);
      expect(result.isError).toBeFalsy();
      called.add(name);
      return result.structuredContent ?? {};
    }

    beforeAll(async () => {
      session = await connect(envFor(emulator, flavor, { CONFLUENCE_ATTACHMENT_DIRS: dir, CONFLUENCE_MAX_ATTACHMENT_BYTES: '1000', CONFLUENCE_TOOLS: 'all' }));
    });
    afterAll(() => session?.close());

    it('lists the tools', async () => {
      listed = (await session.client.listTools()).tools.map((t) => t.name);
      expect(listed).toEqual(expect.arrayContaining(WRITE_TOOLS));
      expect(listed.length).toBeGreaterThanOrEqual(20);
    });

    it('reads spaces, the current user, pages, children, ancestors and the page tree', async () => {
      const spaces = (await ok('get_confluence_spaces', {})) as { spaces: Array<{ key: string }> };
      expect(spaces.spaces.map((s) => s.key)).toEqual(expect.arrayContaining([spaceA, spaceB]));

      const me = await ok('get_confluence_current_user', {});
      expect(me['display_name']).toBe('Alice Example');

      const { id, parentId, childId } = pageWithParentAndChild();
      const page = await ok('get_confluence_page', { page_id: id });
      expect(page).toMatchObject({ id, space_key: spaceA, body_format: 'markdown', truncated: false });

      const search = (await ok('search_confluence_pages', { cql: `space = "${spaceA}" AND type = page` })) as { results: Array<{ id: string; space_key: string }> };
      expect(search.results.length).toBeGreaterThan(0);
      expect(search.results.every((r) => r.space_key === spaceA)).toBe(true);

      const children = (await ok('get_confluence_page_children', { page_id: id })) as { children: Array<{ id: string }> };
      expect(children.children.map((c) => c.id)).toContain(childId);

      const ancestors = (await ok('get_confluence_page_ancestors', { page_id: id })) as { ancestors: Array<{ id: string }> };
      expect(ancestors.ancestors[ancestors.ancestors.length - 1]?.id).toBe(parentId);

      const tree = await ok('get_confluence_space_page_tree', { space_key: spaceA, max_depth: 2 });
      expect(tree['space_key']).toBe(spaceA);
      expect(tree['page_count']).toEqual(expect.any(Number));
      expect(tree['page_count'] as number).toBeGreaterThan(1);
    });

    it('searches users on Cloud, and answers UNAVAILABLE on Data Center', async () => {
      if (flavor === 'cloud') {
        const found = (await ok('search_confluence_users', { query: 'ali' })) as { users: Array<{ display_name: string }> };
        expect(found.users.map((u) => u.display_name)).toContain('Alice Example');
      } else {
        const result = await call(session, 'search_confluence_users', { query: 'ali' });
        expectError(result, 'UNAVAILABLE');
        called.add('search_confluence_users');
      }
    });

    it('creates, updates, replaces a section, lists versions and diffs them', async () => {
      const created = await ok('create_confluence_page', {
        space_key: spaceA,
        title: `E2E tools ${flavor}`,
        body: '# Intro\n\nHello from the suite.\n\n## Steps\n\nOne step.\n',
      });
      pageId = created['id'] as string;
      expect(created).toMatchObject({ space_key: spaceA, version: 1 });
      expect(emulator.control.page(pageId).versions).toHaveLength(1);

      const updated = await ok('update_confluence_page', { page_id: pageId, new_version_number: 2, body: '# Intro\n\nHello again.\n\n## Steps\n\nOne step.\n' });
      expect(updated).toMatchObject({ version: 2, previous_version: 1 });

      const replaced = await ok('replace_confluence_page_section', { page_id: pageId, heading: 'Steps', new_content: 'Two steps now.', new_version_number: 3 });
      expect(replaced).toMatchObject({ version: 3, heading: 'Steps' });
      const reread = await ok('get_confluence_page', { page_id: pageId, section: 'Steps' });
      expect(reread['body']).toContain('Two steps now.');
      expect(reread['body']).not.toContain('One step.');

      const versions = (await ok('get_confluence_page_versions', { page_id: pageId })) as { versions: Array<{ number: number }>; current_version: number };
      expect(versions.current_version).toBe(3);
      expect(versions.versions.map((v) => v.number)).toEqual([3, 2, 1]);

      const diff = await ok('diff_confluence_page_versions', { page_id: pageId, from_version: 1 });
      expect(diff).toMatchObject({ from_version: 1, to_version: 3 });
      expect(diff['diff']).toContain('+Two steps now.');
      expect(diff['removed_lines'] as number).toBeGreaterThan(0);
    });

    it('adds, lists and removes labels', async () => {
      const added = (await ok('add_confluence_labels', { page_id: pageId, labels: ['e2e', 'runbook'] })) as { added: string[] };
      expect(added.added).toEqual(expect.arrayContaining(['e2e', 'runbook']));
      await ok('remove_confluence_label', { page_id: pageId, label: 'runbook' });
      const labels = (await ok('get_confluence_labels', { page_id: pageId })) as { labels: Array<{ name: string }> };
      expect(labels.labels.map((l) => l.name)).toEqual(['e2e']);
    });

    it('adds and lists comments', async () => {
      const comment = await ok('add_confluence_comment', { page_id: pageId, body: 'Looks **good** to me.' });
      const listedComments = (await ok('get_confluence_page_comments', { page_id: pageId })) as { comments: Array<{ id: string; body: string }> };
      const found = listedComments.comments.find((c) => c.id === comment['id']);
      expect(found?.body).toContain('**good**');
    });

    it('attaches a file from an allowed directory, lists and downloads it', async () => {
      const attached = await ok('add_confluence_page_attachment', { page_id: pageId, file_path: join(dir, 'notes.txt') });
      attachmentId = attached['id'] as string;
      expect(attached).toMatchObject({ title: 'notes.txt', file_size: 25 });
      const list = (await ok('get_confluence_page_attachments', { page_id: pageId })) as { attachments: Array<{ id: string }> };
      expect(list.attachments.map((a) => a.id)).toContain(attachmentId);
      const result = await call(session, 'download_confluence_attachment', { attachment_id: attachmentId });
      expect(result.isError).toBeFalsy();
      called.add('download_confluence_attachment');
      expect(result.structuredContent).toMatchObject({ id: attachmentId, content_kind: 'text' });
      expect(textOf(result)).toContain('hello from the e2e suite');
    });

    it('moves a page under another, then trashes it', async () => {
      const second = await ok('create_confluence_page', { space_key: spaceA, title: `E2E tools ${flavor} (to move)`, body: 'Short.' });
      const moved = await ok('move_confluence_page', { page_id: second['id'], target_page_id: pageId });
      expect(moved).toMatchObject({ id: second['id'], parent_id: pageId, position: 'append' });
      const deleted = await ok('delete_confluence_page', { page_id: second['id'] });
      expect(deleted).toMatchObject({ status: 'trashed', page_id: second['id'] });
      expect(emulator.control.page(second['id'] as string).status).toBe('trashed');
    });

    it('reads a page too large for one answer in parts that join to the whole body', async () => {
      const big = emulator.control.createPage({ spaceKey: spaceA, title: `E2E large ${flavor}`, body: largeStorage() });
      const whole = await ok('get_confluence_page', { page_id: big.id, max_chars: 250_000 });
      const full = whole['body'] as string;
      expect(full.length).toBeGreaterThan(50_000);
      expect(whole['truncated']).toBe(false);
      // Read with default arguments, the answer stays bounded: the first 20,000 characters and a cursor.
      const byDefault = await ok('get_confluence_page', { page_id: big.id });
      expect((byDefault['body'] as string).length).toBeLessThanOrEqual(20_000);
      expect(byDefault['next_cursor']).toEqual(expect.any(String));

      const parts: string[] = [];
      let cursor: string | undefined;
      let first: Record<string, unknown> | undefined;
      do {
        const part = await ok('get_confluence_page', { page_id: big.id, max_chars: 20_000, ...(cursor ? { cursor } : {}) });
        first ??= part;
        expect((part['body'] as string).length).toBeLessThanOrEqual(20_000);
        expect(part['truncated']).toBe(true);
        expect(part['total_chars']).toBe(full.length);
        parts.push(part['body'] as string);
        cursor = part['next_cursor'] as string | undefined;
      } while (cursor && parts.length < 10);

      expect(cursor).toBeUndefined();
      expect(parts.length).toBeGreaterThanOrEqual(3);
      expect(parts.slice(0, -1).every((p) => p.length > 15_000)).toBe(true);
      expect(parts.join('')).toBe(full);
      const outline = first?.['outline'] as Array<{ level: number; text: string }>;
      expect(outline).toHaveLength(60);
      expect(outline[0]).toEqual({ level: 2, text: 'Part 1' });
    });

    it('answers NOT_FOUND for a missing page', async () => {
      expectError(await call(session, 'get_confluence_page', { page_id: '987654321' }), 'NOT_FOUND');
    });

    it('answers VERSION_CONFLICT for a stale new_version_number, and saves nothing', async () => {
      const text = expectError(await call(session, 'update_confluence_page', { page_id: pageId, new_version_number: 2, body: 'Stale edit.' }), 'VERSION_CONFLICT');
      expect(text).toContain('3');
      expect(emulator.control.page(pageId).versions).toHaveLength(3);
    });

    it('answers RATE_LIMITED at once when Confluence asks for a long wait, and says when to retry', async () => {
      emulator.control.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 120, times: 5, match: { path: pageId } });
      try {
        const started = Date.now();
        const text = expectError(await call(session, 'get_confluence_page', { page_id: pageId }), 'RATE_LIMITED');
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(text).toMatch(/retry after 120 seconds/i);
      } finally {
        emulator.control.clearFaults();
      }
    });

    it('answers FORBIDDEN when Confluence refuses the action, and UNAVAILABLE when it fails', async () => {
      emulator.control.injectFault({ kind: 'status', status: 403, times: 1, match: { method: 'POST', path: '/label' } });
      emulator.control.injectFault({ kind: 'status', status: 500, times: 1, match: { method: 'POST', path: '/pages' } });
      emulator.control.injectFault({ kind: 'status', status: 500, times: 1, match: { method: 'POST', path: '/content' } });
      try {
        expect(expectError(await call(session, 'add_confluence_labels', { page_id: pageId, labels: ['forbidden-probe'] }), 'FORBIDDEN')).toMatch(/permission/i);
        const space = [...emulator.control.world.spaces.values()].find((s) => s.permissions.read === '*');
        const text = expectError(await call(session, 'create_confluence_page', { space_key: space?.key, title: `Unavailable probe ${flavor}`, body: 'x' }), 'UNAVAILABLE');
        expect(text).toMatch(/retry/i);
      } finally {
        emulator.control.clearFaults();
      }
    });

    it('answers INVALID_QUERY for CQL that does not parse', async () => {
      expect(expectError(await call(session, 'search_confluence_pages', { cql: 'title ~ "unterminated' }), 'INVALID_QUERY')).toContain('unterminated');
      expect(expectError(await call(session, 'search_confluence_pages', { cql: 'space = "A" AND (' }), 'INVALID_QUERY')).toContain('parenthes');
    });

    it('answers INVALID_QUERY for CQL that Confluence refuses, with its reason', async () => {
      expect(expectError(await call(session, 'search_confluence_pages', { cql: 'nosuchfield = 3' }), 'INVALID_QUERY')).toContain('nosuchfield');
    });

    it('answers CONTENT_LOSS for a broken placeholder, and creates nothing', async () => {
      const title = `E2E lossy ${flavor}`;
      const text = expectError(await call(session, 'create_confluence_page', { space_key: spaceA, title, body: 'Before\n\n<!--confluence:x:!!!-->\n\nAfter' }), 'CONTENT_LOSS');
      expect(text).toContain('invalid-placeholder');
      expect([...emulator.control.world.pages.values()].some((p) => p.versions.some((v) => v.title === title))).toBe(false);
    });

    it('answers TOO_LARGE for an attachment over the configured limit', async () => {
      const text = expectError(await call(session, 'add_confluence_page_attachment', { page_id: pageId, file_path: join(dir, 'big.bin') }), 'TOO_LARGE');
      expect(text).toContain('1000');
      expect([...emulator.control.world.attachments.values()].some((a) => a.title === 'big.bin')).toBe(false);
    });

    it('answers invalid arguments with INVALID_ARGUMENT naming the argument, so the model can correct itself', async () => {
      expect(expectError(await call(session, 'get_confluence_page', { page_id: 'abc' }), 'INVALID_ARGUMENT')).toBe(
        'INVALID_ARGUMENT: page_id: must be a numeric Confluence page id. Example: "123456".',
      );
      expect(expectError(await call(session, 'update_confluence_page', { page_id: pageId, new_version_number: 1 }), 'INVALID_ARGUMENT')).toMatch(/^INVALID_ARGUMENT: new_version_number: must be at least 2\./);
      expect(expectError(await call(session, 'add_confluence_labels', { page_id: pageId, labels: [] }), 'INVALID_ARGUMENT')).toMatch(/^INVALID_ARGUMENT: labels: needs at least 1 item\./);
      // The Inspector's `--tool-arg page_id=123` sends a number: it is taken as the id.
      const byNumber = await call(session, 'get_confluence_page', { page_id: Number(pageId), max_chars: 200 });
      expect(byNumber.isError).toBeFalsy();
    });

    it('called every listed tool', () => {
      expect(listed.length).toBeGreaterThan(0);
      expect(listed.filter((name) => !called.has(name))).toEqual([]);
    });
  });

  describe('as carol', () => {
    let session: Session;
    beforeAll(async () => {
      session = await connect(withToken(flavor, emulator, 'carol'));
    });
    afterAll(() => session?.close());

    it('answers NOT_FOUND for a page restricted to alice, while carol reads an open page', async () => {
      const open = emulator.control.createPage({ spaceKey: spaceA, title: `E2E open ${flavor}`, body: '<p>Open.</p>' });
      const secret = emulator.control.createPage({ spaceKey: spaceA, title: `E2E secret ${flavor}`, body: '<p>Secret words.</p>' });
      emulator.control.restrictPage(secret.id, { read: [emulator.control.user('alice').accountId] });

      const readable = await call(session, 'get_confluence_page', { page_id: open.id });
      expect(readable.isError).toBeFalsy();
      const hidden = await call(session, 'get_confluence_page', { page_id: secret.id });
      expectError(hidden, 'NOT_FOUND');
      expect(textOf(hidden)).not.toContain('Secret words');
    });
  });

  describe('with a wrong token', () => {
    let session: Session;
    beforeAll(async () => {
      session = await connect(withToken(flavor, emulator, 'wrong'));
    });
    afterAll(() => session?.close());

    it('answers UNAUTHORIZED without echoing the token', async () => {
      const result = await call(session, 'get_confluence_current_user', {});
      expectError(result, 'UNAUTHORIZED');
    });
  });

  describe('read-only', () => {
    let session: Session;
    beforeAll(async () => {
      session = await connect(envFor(emulator, flavor, { CONFLUENCE_READ_ONLY: 'true', CONFLUENCE_TOOLS: 'all' }));
    });
    afterAll(() => session?.close());

    it('lists no write tool, and calling one is a protocol error that changes nothing', async () => {
      const names = (await session.client.listTools()).tools.map((t) => t.name);
      expect(names).toContain('get_confluence_page');
      expect(names.filter((n) => WRITE_TOOLS.includes(n))).toEqual([]);
      const before = emulator.control.world.pages.size;
      const error = await protocolError(session.client.callTool({ name: 'create_confluence_page', arguments: { space_key: spaceA, title: `E2E read-only ${flavor}`, body: 'No.' } }));
      expect(error.message).toContain('create_confluence_page');
      expect(emulator.control.world.pages.size).toBe(before);
    });
  });

  describe('with a space allow-list', () => {
    let session: Session;
    beforeAll(async () => {
      session = await connect(envFor(emulator, flavor, { CONFLUENCE_SPACES: spaceA, CONFLUENCE_TOOLS: 'all' }));
    });
    afterAll(() => session?.close());

    function otherSpacePages(): number {
      const b = [...emulator.control.world.spaces.values()].find((s) => s.key === spaceB);
      return [...emulator.control.world.pages.values()].filter((p) => p.spaceId === b?.id && p.status === 'current').length;
    }

    it.each([
      { name: 'the other space alone', cqlFor: (b: string) => `space = "${b}"`, answer: 'results' },
      { name: 'title OR other space', cqlFor: (b: string) => `title ~ "x" OR space = "${b}"`, answer: 'results' },
      { name: 'text OR other space', cqlFor: (b: string) => `text ~ "a" OR space = "${b}"`, answer: 'results' },
      { name: 'every space but NONE', cqlFor: () => `space != "NONE"`, answer: 'results' },
      { name: 'closing the wrapper, other space', cqlFor: (b: string) => `type = page) OR (space = "${b}"`, answer: 'INVALID_QUERY' },
      { name: 'closing the wrapper, every space', cqlFor: () => `type = page) OR (space != "NONE"`, answer: 'INVALID_QUERY' },
    ])('never answers pages of another space for hostile CQL: $name', async ({ cqlFor, answer }) => {
      expect(otherSpacePages()).toBeGreaterThan(0);
      const result = await call(session, 'search_confluence_pages', { cql: cqlFor(spaceB) });
      if (answer !== 'results') {
        expectError(result, answer);
        return;
      }
      expect(result.isError).toBeFalsy();
      const { results, cql } = result.structuredContent as { results: Array<{ space_key?: string }>; cql: string };
      expect(cql).toContain(spaceA);
      expect(results.filter((r) => r.space_key !== spaceA)).toEqual([]);
    });

    it.each([`x" OR space = "OTHER`, `) OR (space != "NONE`, `a" OR space = "B`])('keeps hostile filter text %j inside the allowed space', async (fragment) => {
      for (const args of [{ text: fragment }, { title: fragment }]) {
        const result = await call(session, 'search_confluence_pages', args);
        expect(result.isError).toBeFalsy();
        const { results } = result.structuredContent as { results: Array<{ space_key?: string }> };
        expect(results.filter((r) => r.space_key !== spaceA)).toEqual([]);
      }
    });

    it('answers the allowed space and hides the other', async () => {
      const both = await call(session, 'search_confluence_pages', { cql: `space = "${spaceA}" OR space = "${spaceB}"` });
      const { results } = both.structuredContent as { results: Array<{ space_key?: string }> };
      expect(results.length).toBeGreaterThan(0);
      expect(results.every((r) => r.space_key === spaceA)).toBe(true);
      const b = [...emulator.control.world.spaces.values()].find((s) => s.key === spaceB);
      const foreign = [...emulator.control.world.pages.values()].find((p) => p.spaceId === b?.id && p.status === 'current' && p.type === 'page' && !p.restrictions.read);
      expect(foreign).toBeDefined();
      expectError(await call(session, 'get_confluence_page', { page_id: foreign?.id }), 'NOT_FOUND');
    });
  });
});
