/**
 * The stdio MCP server as Claude Desktop runs it: `node dist/apps/mcp-stdio/main.js`, the SDK client on the other
 * end, the emulator at 0 latency behind it.
 * - Cold start: spawn until `tools/list` is answered, 10 runs after one untimed run that warms the file cache.
 *   Target: median at most 500 ms.
 * - Overhead: 200 `get_confluence_page` calls through MCP against 200 direct `client.pages.get` +
 *   `storageToMarkdown` calls on the same pages, interleaved so drift hits both alike. Target: the difference of
 *   the medians at most 2 ms.
 */
import { createConfluenceClient } from '@confluence-mcp/confluence-client';
import { startEmulator } from '@confluence-mcp/confluence-emulator';
import { storageToMarkdown } from '@confluence-mcp/confluence-markdown';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { median, percentile, report, round } from './report';

const root = join(__dirname, '..', '..', '..');
/** `BENCH_APP=/path/to/main.js` measures another build (an older commit, for before/after figures). */
const app = process.env['BENCH_APP'] ?? join(root, 'dist', 'apps', 'mcp-stdio', 'main.js');
const COLD_RUNS = 10;
const CALLS = 200;
const WARM_UP_CALLS = 20;

function ensureBuilt(): void {
  if (existsSync(app)) return;
  console.error(`# ${app} missing: building`);
  // Build output goes to stderr: stdout is for BENCH lines only.
  execFileSync('npx', ['nx', 'build', 'mcp-stdio', '--outputStyle=static'], { cwd: root, stdio: ['ignore', 2, 2] });
}

async function connect(env: Record<string, string>): Promise<Client> {
  const client = new Client({ name: 'mcp-stdio-bench', version: '0.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [app], env, stderr: 'ignore' }));
  return client;
}

async function coldStart(env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const client = await connect(env);
  const { tools } = await client.listTools();
  const elapsed = performance.now() - started;
  if (tools.length === 0) throw new Error('tools/list answered with no tools');
  await client.close();
  return elapsed;
}

async function main(): Promise<void> {
  ensureBuilt();
  const emulator = await startEmulator({ spaces: 1, pagesPerSpace: 40, seed: 1, latencyMs: 0 });
  try {
    const env = {
      PATH: process.env['PATH'] ?? '',
      CONFLUENCE_URL: `${emulator.url}/wiki`,
      CONFLUENCE_USERNAME: 'alice@example.com',
      CONFLUENCE_API_TOKEN: 'token-alice',
      LOG_LEVEL: 'warn',
    };

    await coldStart(env);
    const starts: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) starts.push(await coldStart(env));
    const startMedian = median(starts);
    report({
      name: 'mcp-stdio.cold-start',
      inputs: { runs: COLD_RUNS, node: process.version, measured: 'spawn -> initialize -> tools/list answered' },
      figures: { medianMs: round(startMedian), p90Ms: round(percentile(starts, 90)), minMs: round(Math.min(...starts)), maxMs: round(Math.max(...starts)) },
      target: { medianMs: '<= 500' },
      met: startMedian <= 500,
    });

    const pageIds = [...emulator.control.world.pages.values()].filter((p) => p.type === 'page' && p.status === 'current' && !p.restrictions.read).map((p) => p.id).slice(0, 20);
    const direct = createConfluenceClient({ baseUrl: `${emulator.url}/wiki`, auth: { type: 'basic', email: 'alice@example.com', apiToken: 'token-alice' } });
    const mcp = await connect(env);
    try {
      const viaDirect = async (id: string) => {
        const page = await direct.pages.get(id, { bodyFormat: 'storage' });
        return storageToMarkdown(page.body?.storage ?? '').markdown.length;
      };
      const viaMcp = async (id: string) => {
        const result = await mcp.callTool({ name: 'get_confluence_page', arguments: { page_id: id } });
        if (result.isError) throw new Error(`get_confluence_page failed: ${JSON.stringify(result.content)}`);
        return (result.structuredContent as { body: string }).body.length;
      };
      for (let i = 0; i < WARM_UP_CALLS; i++) {
        await viaDirect(pageIds[i % pageIds.length]);
        await viaMcp(pageIds[i % pageIds.length]);
      }
      const directMs: number[] = [];
      const mcpMs: number[] = [];
      for (let i = 0; i < CALLS; i++) {
        const id = pageIds[i % pageIds.length];
        let t = performance.now();
        await viaDirect(id);
        directMs.push(performance.now() - t);
        t = performance.now();
        await viaMcp(id);
        mcpMs.push(performance.now() - t);
      }
      const overhead = median(mcpMs) - median(directMs);
      await answerSizes(mcp, pageIds);
      report({
        name: 'mcp-stdio.get-page-overhead',
        inputs: { calls: CALLS, distinctPages: pageIds.length, latencyMs: 0, direct: 'client.pages.get + storageToMarkdown' },
        figures: {
          mcpMedianMs: round(median(mcpMs)),
          directMedianMs: round(median(directMs)),
          overheadMedianMs: round(overhead),
          mcpP90Ms: round(percentile(mcpMs, 90)),
          directP90Ms: round(percentile(directMs, 90)),
        },
        target: { overheadMedianMs: '<= 2' },
        met: overhead <= 2,
      });
    } finally {
      await mcp.close();
    }
  } finally {
    await emulator.close();
  }
}

/**
 * What a model reads: the text of a typical page read against its Markdown body, the text per hit of a 25-hit
 * search, and the size of `tools/list` as offered by default (what every conversation pays for).
 */
async function answerSizes(mcp: Client, pageIds: string[]): Promise<void> {
  const textOf = (result: Record<string, unknown>) => ((result['content'] as Array<{ type: string; text?: string }>)[0]?.text ?? '');
  let textChars = 0;
  let bodyChars = 0;
  for (const id of pageIds) {
    const result = await mcp.callTool({ name: 'get_confluence_page', arguments: { page_id: id } });
    textChars += textOf(result).length;
    bodyChars += (result.structuredContent as { body: string }).body.length;
  }
  const search = await mcp.callTool({ name: 'search_confluence_pages', arguments: { cql: 'type = page', limit: 25 } });
  const hits = (search.structuredContent as { results: unknown[] }).results.length;
  const searchChars = textOf(search).length;
  const toolListChars = JSON.stringify(await mcp.listTools()).length;
  const overheadPerPage = (textChars - bodyChars) / pageIds.length;
  const perHit = searchChars / Math.max(hits, 1);
  report({
    name: 'mcp-stdio.answer-size',
    inputs: { pages: pageIds.length, searchHits: hits, toolList: 'default configuration' },
    figures: { pageTextChars: round(textChars / pageIds.length), pageBodyChars: round(bodyChars / pageIds.length), pageOverheadChars: round(overheadPerPage), searchTextChars: searchChars, searchCharsPerHit: round(perHit), toolListChars },
    target: { pageOverheadChars: '<= 300 (text <= 1.0x body + 300)', searchCharsPerHit: '<= 250', toolListChars: '<= 20000' },
    met: overheadPerPage <= 300 && perHit <= 250 && toolListChars <= 20_000,
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
