/**
 * The stdio server under hostile content and a slow Confluence, as a user meets it: the built app, the SDK client,
 * the emulator in this process (so the server's CPU work never slows the emulator down).
 * - hostile content: a 21 KB heading of non-breaking spaces, a 400 K-character paragraph of them, an element with
 *   539 KB of attributes, and a diff of two 135 KB versions that differ everywhere. For each: how long the call
 *   takes, and how long an unrelated call started just after it waits (the server must not stall).
 * - a slow Confluence: a body that stalls after its headers, one that trickles at 50 bytes/s, a 429 storm under 50
 *   concurrent reads, a comment whose POST is carried out but never confirmed, a Confluence that never answers, and
 *   a call cancelled by the client (requests sent after the cancel).
 * `BENCH_APP=/path/to/main.js` measures another build (an older commit, for before/after figures).
 * Targets: every call ends within the deadline (40 s) with a clear code, unrelated calls wait < 1 s, no read
 * fails in the 429 storm, no request after a cancel, an unconfirmed write is UNKNOWN_OUTCOME.
 */
import { startEmulator } from '@confluence-mcp/confluence-emulator';
import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { report, round } from './report';

const root = join(__dirname, '..', '..', '..');
const app = process.env['BENCH_APP'] ?? join(root, 'dist', 'apps', 'mcp-stdio', 'main.js');
/** Longest the bench waits for one answer: far beyond any deadline, so a hung call is measured, not endless. */
const CLIENT_TIMEOUT_MS = 240_000;

function ensureBuilt(): void {
  if (existsSync(app)) return;
  console.error(`# ${app} missing: building`);
  execFileSync('npx', ['nx', 'build', 'mcp-stdio', '--outputStyle=static'], { cwd: root, stdio: ['ignore', 2, 2] });
}

async function connect(emulator: RunningEmulator, extraEnv: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'hardening-bench', version: '0.0.0' });
  const env = {
    PATH: process.env['PATH'] ?? '',
    CONFLUENCE_URL: `${emulator.url}/wiki`,
    CONFLUENCE_USERNAME: 'alice@example.com',
    CONFLUENCE_API_TOKEN: 'token-alice',
    LOG_LEVEL: 'silent',
    // Every tool: the diff is outside the default toolset.
    CONFLUENCE_TOOLS: 'all',
    ...extraEnv,
  };
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [app], env, stderr: 'ignore' }));
  return client;
}

interface Timed {
  ms: number;
  code: string;
}

/** One call, timed; `code` is the error code of an isError answer, `ok`, or the client's own failure. */
async function timedCall(client: Client, name: string, args: Record<string, unknown>, signal?: AbortSignal): Promise<Timed> {
  const started = performance.now();
  try {
    const result = (await client.callTool({ name, arguments: args }, undefined, { timeout: CLIENT_TIMEOUT_MS, signal })) as CallToolResult;
    const first = result.content[0];
    const text = first && first.type === 'text' ? first.text : '';
    return { ms: performance.now() - started, code: result.isError ? text.split(':')[0] : 'ok' };
  } catch (error) {
    return { ms: performance.now() - started, code: `client: ${error instanceof Error ? error.message.slice(0, 60) : String(error)}` };
  }
}

/** A hostile call, and an unrelated call started 50 ms after it: how long each took. */
async function withBystander(client: Client, name: string, args: Record<string, unknown>): Promise<{ call: Timed; bystander: Timed }> {
  const call = timedCall(client, name, args);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const bystander = await timedCall(client, 'get_confluence_spaces', { limit: 1 });
  return { call: await call, bystander };
}

async function hostileContent(emulator: RunningEmulator, spaceKey: string): Promise<void> {
  const client = await connect(emulator);
  const page = (title: string, body: string) => emulator.control.createPage({ spaceKey, title, body }).id;
  const cases: Array<[string, string, Record<string, unknown>]> = [];
  cases.push(['heading-21kb-nbsp', 'get_confluence_page', { page_id: page('Heading', `<h1>A${'&nbsp;'.repeat(3500)}x</h1><p>after</p>`) }]);
  cases.push(['paragraph-400k-nbsp', 'get_confluence_page', { page_id: page('Paragraph', `<p>${'\u00a0'.repeat(400_000)}x</p>`) }]);
  const attributes = Array.from({ length: 45_000 }, (_, i) => `a${i}="v"`).join(' ');
  cases.push(['element-539kb-attributes', 'get_confluence_page', { page_id: page('Attributes', `<p ${attributes}>x</p>`) }]);
  const lines = (tag: string) => Array.from({ length: 4500 }, (_, i) => `<p>${tag} ${i} ${(i * 7919) % 1000}</p>`).join('');
  const diffPage = page('Rewritten', lines('old'));
  emulator.control.editPage(diffPage, { body: lines('new') });
  cases.push(['diff-two-135kb-versions', 'diff_confluence_page_versions', { page_id: diffPage, from_version: 1 }]);
  for (const [label, tool, args] of cases) {
    const { call, bystander } = await withBystander(client, tool, args);
    report({
      name: `hardening.${label}`,
      inputs: { tool },
      figures: { callMs: round(call.ms), bystanderMs: round(bystander.ms) },
      target: { callMs: '< 40000 (the deadline)', bystanderMs: '< 1000', code: call.code },
      met: call.ms < 40_000 && bystander.ms < 1_000,
    });
  }
  await client.close();
}

async function slowConfluence(emulator: RunningEmulator, spaceKey: string, pageId: string): Promise<void> {
  const client = await connect(emulator);
  await timedCall(client, 'get_confluence_page', { page_id: pageId }); // warm: space key cached

  emulator.control.injectFault({ kind: 'slow', bytesPerSecond: 1, times: 1, match: { path: `/pages/${pageId}` } });
  const stalled = await timedCall(client, 'get_confluence_page', { page_id: pageId });
  emulator.control.clearFaults();
  emulator.control.setSlowBody(50);
  const trickle = await timedCall(client, 'get_confluence_page', { page_id: pageId });
  emulator.control.setSlowBody(null);
  report({
    name: 'hardening.slow-bodies',
    inputs: { timeoutMs: 'default (30000)' },
    figures: { stalledBodyMs: round(stalled.ms), trickle50BpsMs: round(trickle.ms) },
    target: { bothMs: '<= timeout + 1000', codes: `${stalled.code}, ${trickle.code}` },
    met: stalled.ms <= 31_000 && trickle.ms <= 31_000,
  });

  emulator.control.setRateLimit({ capacity: 5, refillPerSecond: 10 });
  const started = performance.now();
  const storm = await Promise.all(Array.from({ length: 50 }, () => timedCall(client, 'get_confluence_page', { page_id: pageId, max_chars: 200 })));
  const stormMs = performance.now() - started;
  emulator.control.setRateLimit(null);
  const failed = storm.filter((r) => r.code !== 'ok').length;
  report({
    name: 'hardening.429-storm',
    inputs: { concurrentReads: 50, rateLimit: '5 burst, 10/s' },
    figures: { failed, wallMs: round(stormMs) },
    target: { failed: 0 },
    met: failed === 0,
  });

  const target = emulator.control.createPage({ spaceKey, title: 'Slow comments' }).id;
  // Carried out, headers sent, then the body stalls: the server cannot know whether the comment was added.
  emulator.control.injectFault({ kind: 'stall', times: 1, match: { method: 'POST', path: 'comment' } });
  const comment = await timedCall(client, 'add_confluence_comment', { page_id: target, body: 'Deploy is done.' });
  const landed = [...emulator.control.world.comments.values()].filter((c) => c.pageId === target).length;
  report({
    name: 'hardening.unconfirmed-write',
    inputs: { post: 'carried out, body stalled', timeoutMs: 'default (30000)' },
    figures: { callMs: round(comment.ms), commentsLanded: landed },
    target: { code: `UNKNOWN_OUTCOME (got ${comment.code})` },
    met: comment.code === 'UNKNOWN_OUTCOME',
  });
  await client.close();
}

async function unresponsive(emulator: RunningEmulator, spaceKey: string, pageId: string): Promise<void> {
  const client = await connect(emulator);
  await timedCall(client, 'get_confluence_page', { page_id: pageId });
  // Longer than the deadline (40 s), short enough that the emulator can close once the answer is sent.
  emulator.control.setLatency(45_000);
  const silent = await timedCall(client, 'get_confluence_page', { page_id: pageId });
  emulator.control.setLatency(400);
  const controller = new AbortController();
  const cancelled = timedCall(client, 'get_confluence_space_page_tree', { space_key: spaceKey, max_depth: 3 }, controller.signal);
  await new Promise((resolve) => setTimeout(resolve, 150));
  controller.abort();
  await cancelled;
  const atCancel = emulator.control.requestCount();
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const afterCancel = emulator.control.requestCount() - atCancel;
  emulator.control.setLatency(0);
  report({
    name: 'hardening.unresponsive-and-cancelled',
    inputs: { deadline: 'default', cancelAfterMs: 150, latencyMs: 400 },
    figures: { neverAnsweringMs: round(silent.ms), requestsAfterCancel: afterCancel },
    target: { neverAnsweringMs: '<= 41000 and < the SDK client default of 60000', requestsAfterCancel: 0, code: silent.code },
    met: silent.ms <= 41_000 && afterCancel === 0,
  });
  await client.close();
}

async function main(): Promise<void> {
  ensureBuilt();
  const emulator = await startEmulator({ spaces: 2, pagesPerSpace: 30, seed: 1, latencyMs: 0 });
  try {
    const space = [...emulator.control.world.spaces.values()].find((s) => s.permissions.read === '*');
    if (!space) throw new Error('no open space');
    const pageId = [...emulator.control.world.pages.values()].find((p) => p.spaceId === space.id && p.type === 'page' && !p.restrictions.read)?.id;
    if (!pageId) throw new Error('no readable page');
    await hostileContent(emulator, space.key);
    await slowConfluence(emulator, space.key, pageId);
    await unresponsive(emulator, space.key, pageId);
  } finally {
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
