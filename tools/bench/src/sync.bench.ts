/**
 * Sync of one large space into the local index at 30 ms emulator latency: a full sync, then an incremental one after
 * 1 % of the pages changed, 0.5 % deleted and 0.5 % moved; then local search latency on the result.
 *
 * Targets (issue 11): full-sync requests <= 2 x ceil(N/250) + 10; incremental <= ceil(N/250) + ceil(changed/250) + 10;
 * incremental wall time <= 10 % of the full sync; full-sync wall time <= 1.5 x (requests x latency + the Markdown
 * conversion time measured alone); peak RSS <= 300 MB and not growing with N (2,500 vs 10,000 pages); search p50 <= 10 ms.
 *
 * It measures the built CLI as `npm run sync-worker` runs it (`npm run build` first), wall time including process
 * start-up, peak RSS of the CLI process alone.
 */
import { startEmulator, RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { storageToMarkdown } from '@confluence-mcp/confluence-markdown';
import { LocalIndex, openDatabase } from '@confluence-mcp/sync-engine';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile, report, round } from './report';

const LATENCY_MS = 30;
/** Content items per space; the generator makes 5 % of them blog posts, so these give about 2,500 and 10,000 pages. */
const SIZES = [2_632, 10_527];
const root = join(__dirname, '..', '..', '..');

interface WorkerResult {
  summary: { listed: number; new: number; changed: number; unchanged: number; deleted: number; failed: number; requests: number; bytes: number };
  wallMs: number;
  peakRssMb: number;
}

/** The built CLI, run the way `npm run sync-worker` runs it (its node flags are read from package.json). */
const BUILT_CLI = join(root, 'dist', 'apps', 'sync-worker', 'main.js');
const NODE_FLAGS: string[] = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts['sync-worker'] as string).split(/\s+/).filter((arg) => arg.startsWith('--'));

function runWorker(emulator: RunningEmulator, spaceKey: string, dbPath: string): Promise<WorkerResult> {
  const env = { PATH: process.env['PATH'] ?? '', CONFLUENCE_URL: `${emulator.url}/wiki`, CONFLUENCE_USERNAME: 'alice@example.com', CONFLUENCE_API_TOKEN: 'token-alice', DATABASE_URL: dbPath };
  const args = [...NODE_FLAGS, '-r', join(__dirname, 'workers', 'report-rss.cjs'), BUILT_CLI, 'sync', '--spaces', spaceKey, '--json'];
  const started = performance.now();
  // Async child: the emulator in this process must keep answering while the CLI runs.
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: root, env, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(stderr || error.message));
      const summary = JSON.parse(stdout.trim().split('\n').pop() as string) as WorkerResult['summary'];
      const rss = /MAXRSS_MB ([\d.]+)/.exec(stderr);
      resolve({ summary, wallMs: performance.now() - started, peakRssMb: Number(rss?.[1] ?? NaN) });
    });
  });
}

/** The conversion alone: every current page's storage to Markdown, in this process, timed. */
function conversionMs(emulator: RunningEmulator): number {
  const bodies = [...emulator.control.world.pages.values()].filter((p) => p.type === 'page' && p.status === 'current').map((p) => p.versions[p.versions.length - 1].body);
  storageToMarkdown(bodies[0] ?? '<p>warm</p>');
  const started = performance.now();
  for (const body of bodies) storageToMarkdown(body);
  return performance.now() - started;
}

/** Edits 1 %, deletes 0.5 %, moves 0.5 % of the pages (deterministically). */
function mutate(emulator: RunningEmulator, spaceId: string): { changed: number; deleted: number; moved: number } {
  const { control } = emulator;
  const pages = [...control.world.pages.values()].filter((p) => p.spaceId === spaceId && p.type === 'page' && p.status === 'current');
  const n = pages.length;
  const edit = pages.filter((_, i) => i % 100 === 1).slice(0, Math.round(n * 0.01));
  const remove = pages.filter((_, i) => i % 200 === 3).slice(0, Math.round(n * 0.005));
  const move = pages.filter((_, i) => i % 200 === 7).slice(0, Math.round(n * 0.005));
  for (const page of edit) control.editPage(page.id, { body: `<p>Edited for the benchmark: ${page.id}.</p>${page.versions[page.versions.length - 1].body}` });
  // Leaves only, so that a deletion or move does not drag a subtree along (the counts stay what they say).
  const isParent = new Set(pages.map((p) => p.parentId));
  for (const page of remove) if (!isParent.has(page.id)) control.deletePage(page.id);
  const target = pages.find((p) => p.parentId === null) ?? pages[0];
  for (const page of move) if (!isParent.has(page.id) && page.id !== target.id) control.movePage(page.id, target.id);
  return { changed: edit.length, deleted: remove.length, moved: move.length };
}

function searchLatencies(dbPath: string, indexName: string, titles: string[]): { p50: number; p99: number; queries: number } {
  const db = openDatabase({ url: dbPath });
  const row = db.$client.prepare('SELECT id FROM indexes WHERE name = ?').get(indexName) as { id: string };
  const local = new LocalIndex(db, row.id);
  const queries = titles.slice(0, 300).map((title, i) => (i % 3 === 0 ? title : title.split(/\s+/).slice(0, 2).join(' ')));
  local.search('warm up');
  const times = queries.map((q) => {
    const started = performance.now();
    local.search(q, { limit: 10 });
    return performance.now() - started;
  });
  db.$client.close();
  return { p50: percentile(times, 50), p99: percentile(times, 99), queries: queries.length };
}

async function measure(pagesPerSpace: number, incremental: boolean) {
  const emulator = await startEmulator({ spaces: 1, pagesPerSpace, seed: 1, latencyMs: LATENCY_MS });
  const dir = mkdtempSync(join(tmpdir(), 'bench-sync-'));
  try {
    const space = [...emulator.control.world.spaces.values()][0];
    const dbPath = join(dir, 'sync.db');
    const convertMs = conversionMs(emulator);
    const full = await runWorker(emulator, space.key, dbPath);
    const pages = full.summary.listed;
    const batches = Math.ceil(pages / 250);
    const fullBudget = 2 * batches + 10;
    const fullWallBudget = 1.5 * (full.summary.requests * LATENCY_MS + convertMs);
    report({
      name: 'sync.full',
      inputs: { pages, latencyMs: LATENCY_MS, sink: 'local', nodeFlags: NODE_FLAGS.join(' ') },
      figures: { pages, requests: full.summary.requests, wallMs: round(full.wallMs, 0), pagesPerSecond: round(pages / (full.wallMs / 1000), 0), peakRssMb: round(full.peakRssMb, 0), conversionAloneMs: round(convertMs, 0), bytes: full.summary.bytes },
      target: { requestsAtMost: fullBudget, wallMsAtMost: round(fullWallBudget, 0), peakRssMbAtMost: 300 },
      met: full.summary.requests <= fullBudget && full.wallMs <= fullWallBudget && full.peakRssMb <= 300,
    });
    if (!incremental) return { pages, peakRssMb: full.peakRssMb };

    const mutation = mutate(emulator, space.id);
    const inc = await runWorker(emulator, space.key, dbPath);
    const incBudget = batches + Math.ceil((inc.summary.new + inc.summary.changed) / 250) + 10;
    report({
      name: 'sync.incremental',
      inputs: { pages, latencyMs: LATENCY_MS, edited: mutation.changed, deleted: mutation.deleted, moved: mutation.moved },
      figures: { pages: inc.summary.listed, changed: inc.summary.changed, new: inc.summary.new, deleted: inc.summary.deleted, requests: inc.summary.requests, wallMs: round(inc.wallMs, 0), pagesPerSecond: round(inc.summary.listed / (inc.wallMs / 1000), 0), peakRssMb: round(inc.peakRssMb, 0), percentOfFull: round((100 * inc.wallMs) / full.wallMs, 1) },
      target: { requestsAtMost: incBudget, wallMsAtMost: round(full.wallMs * 0.1, 0), peakRssMbAtMost: 300 },
      met: inc.summary.requests <= incBudget && inc.wallMs <= full.wallMs * 0.1 && inc.peakRssMb <= 300,
    });

    const titles = [...emulator.control.world.pages.values()].filter((p) => p.type === 'page').map((p) => p.versions[p.versions.length - 1].title);
    const search = searchLatencies(dbPath, space.key, titles);
    report({
      name: 'sync.local-search',
      inputs: { pages, queries: search.queries, limit: 10 },
      figures: { p50Ms: round(search.p50, 2), p99Ms: round(search.p99, 2) },
      target: { p50MsAtMost: 10 },
      met: search.p50 <= 10,
    });
    return { pages, peakRssMb: full.peakRssMb };
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run \`npm run build\` (or \`npx nx build sync-worker\`) first`);
  const small = await measure(SIZES[0], false);
  const large = await measure(SIZES[1], true);
  report({
    name: 'sync.memory-vs-size',
    inputs: { smallPages: small.pages, largePages: large.pages },
    figures: { smallPeakRssMb: round(small.peakRssMb, 0), largePeakRssMb: round(large.peakRssMb, 0), ratio: round(large.peakRssMb / small.peakRssMb, 2) },
    target: { peakRssMbAtMost: 300, ratioAtMost: 1.5 },
    met: large.peakRssMb <= 300 && large.peakRssMb / small.peakRssMb <= 1.5,
  });
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
