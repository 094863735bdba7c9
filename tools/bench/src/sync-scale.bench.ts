/**
 * Scale-out of the sync service on PostgreSQL (issue 14): 20 indexes of one 2,000-page space each, the emulator at
 * 30 ms latency, synced by 1, 2 and 4 `serve --role worker` processes of the built app (as the container runs it).
 *
 * Each worker count gets a fresh database, one `--role api` process, a user with 20 indexes (no interval) and 20
 * manual syncs queued through the API (POST /api/indexes/:id/sync, 202) before any worker starts; then N workers
 * start and the benchmark polls history until every run has finished. Every run must have succeeded and the runs
 * together must have listed and written every page (20 x 2,000), else the benchmark fails.
 *
 * Figures per worker count: wall time (first run start to last run end from history, and the benchmark's clock from
 * starting the workers until it saw the last run finish), emulator requests (its counter, and the runs' own sum),
 * pages/s, speed-up over one worker, CPU ms per page of the workers, PostgreSQL (server and backends), the emulator
 * (its own process) and the API process, and the workers' peak RSS. Target: 4 workers >= 3x the pages/s of 1
 * worker, with the same number of requests.
 *
 * Knobs: `BENCH_SCALE_WORKERS` (default `1,2,4`), `BENCH_SCALE_CONCURRENCY` (SYNC_CONCURRENCY per worker, default 2),
 * `BENCH_SCALE_INDEXES` (20), `BENCH_SCALE_PAGES` (pages per space, 2,000), `BENCH_SCALE_LATENCY_MS` (30);
 * `BENCH_CPU_PROF=<dir>` writes a V8 CPU profile of every worker there (`--cpu-prof`, for profile-summary.mjs).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { report, round } from './report';
import { api, Run, signUp, waitForRuns } from './scale/api';
import { BUILT_CLI, EmulatorProcess, PostgresServer, SERVICE_NODE_FLAGS, ServiceProcess, cpuMs, machineBusyMs, memoryMb, startEmulatorProcess, startPostgres, startService, treeCpuMs } from './scale/processes';

const numberList = (name: string, fallback: string) => (process.env[name] ?? fallback).split(',').map(Number);
const WORKER_COUNTS = numberList('BENCH_SCALE_WORKERS', '1,2,4');
const [CONCURRENCY] = numberList('BENCH_SCALE_CONCURRENCY', '2');
const [INDEXES] = numberList('BENCH_SCALE_INDEXES', '20');
const [PAGES] = numberList('BENCH_SCALE_PAGES', '2000');
const [LATENCY_MS] = numberList('BENCH_SCALE_LATENCY_MS', '30');
const WORKER_NODE_FLAGS = process.env['BENCH_CPU_PROF'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_CPU_PROF']}`] : [];
const ROUND_TIMEOUT_MS = 15 * 60_000;
const SECRET_KEY = randomBytes(32).toString('hex');

/** The emulator's `pagesPerSpace` counts blog posts too (about 5 %); this is the count that gives `pages` pages. */
function entriesFor(pages: number): number {
  let entries = pages;
  while (entries - (entries >= 20 ? Math.round(entries * 0.05) : 0) < pages) entries += 1;
  return entries;
}

interface Round {
  workers: number;
  runs: Run[];
  benchWallMs: number;
  emulatorRequests: number;
  emulatorCpuMs: number;
  postgresCpuMs: number;
  apiCpuMs: number;
  /** Busy CPU of the whole machine over the round, but for this process (the measured processes and anything else). */
  machineCpuMs: number;
  workerCpuMs: number[];
  workerStartCpuMs: number[];
  workerPeakRssMb: number[];
  jobsPerWorker: number[];
}

async function measure(workers: number, pg: PostgresServer, emulator: EmulatorProcess): Promise<Round> {
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    PORT: '0',
    DATABASE_URL: await pg.createDatabase(`bench_scale_${workers}w_${randomBytes(4).toString('hex')}`),
    SECRET_KEY,
    // Server-wide credentials: the indexes of a user without an OAuth connection sync as alice.
    CONFLUENCE_URL: `${emulator.url}/wiki`,
    CONFLUENCE_USERNAME: 'alice@example.com',
    CONFLUENCE_API_TOKEN: 'token-alice',
    SYNC_CONCURRENCY: String(CONCURRENCY),
    LOG_LEVEL: 'info',
  };
  const apiProcess = await startService(env, 'api');
  const running: ServiceProcess[] = [];
  try {
    const token = await signUp(apiProcess.url);
    const ids: string[] = [];
    for (const key of Object.keys(emulator.pagesBySpace).slice(0, INDEXES)) {
      const created = await api(`${apiProcess.url}/api/indexes`, { method: 'POST', token, body: { name: `space-${key}`, confluence_spaces: [key] } });
      if (created.status !== 201) throw new Error(`create index ${key}: ${created.status} ${created.text}`);
      ids.push(created.body.id);
    }
    for (const id of ids) {
      const queued = await api(`${apiProcess.url}/api/indexes/${id}/sync`, { method: 'POST', token });
      if (queued.status !== 202) throw new Error(`queue a sync of ${id}: ${queued.status} ${queued.text}`);
    }
    const emulatorBefore = await emulator.stats();
    const postgresBefore = treeCpuMs(pg.pid);
    const apiBefore = cpuMs(apiProcess.pid);
    const machineBefore = machineBusyMs();
    const benchBefore = process.cpuUsage();
    const started = performance.now();
    const workerStartCpuMs: number[] = [];
    await Promise.all(
      Array.from({ length: workers }, async () => {
        const worker = await startService(env, 'worker', WORKER_NODE_FLAGS);
        running.push(worker);
        workerStartCpuMs.push(cpuMs(worker.pid));
      }),
    );
    const runs = await waitForRuns(apiProcess.url, token, ids, ROUND_TIMEOUT_MS);
    const benchWallMs = performance.now() - started;
    const emulatorAfter = await emulator.stats();
    const round: Round = {
      workers,
      runs,
      benchWallMs,
      emulatorRequests: emulatorAfter.requests - emulatorBefore.requests,
      emulatorCpuMs: emulatorAfter.cpuMs - emulatorBefore.cpuMs,
      postgresCpuMs: treeCpuMs(pg.pid) - postgresBefore,
      apiCpuMs: cpuMs(apiProcess.pid) - apiBefore,
      // Less this process's own polling: what is left ran outside the benchmark.
      machineCpuMs: machineBusyMs() - machineBefore - (process.cpuUsage(benchBefore).user + process.cpuUsage(benchBefore).system) / 1000,
      workerCpuMs: running.map((worker) => cpuMs(worker.pid)),
      workerStartCpuMs,
      workerPeakRssMb: running.map((worker) => memoryMb(worker.pid).peak),
      jobsPerWorker: running.map((worker) => worker.stderr().split('\n').filter((line) => line.includes('"msg":"sync job done"')).length),
    };
    return round;
  } finally {
    await Promise.all(running.map((worker) => worker.stop()));
    await apiProcess.stop();
  }
}

/** Every run succeeded, once per index, and together they wrote every page; throws naming what is wrong. */
function verify(result: Round, expectedPages: Record<string, number>): { pages: number; runRequests: number; spanMs: number } {
  const problems: string[] = [];
  if (result.runs.length !== INDEXES) problems.push(`${result.runs.length} runs for ${INDEXES} indexes`);
  for (const run of result.runs) if (run.status !== 'succeeded') problems.push(`run ${run.id}: ${run.status} (${run.error ?? 'no error'})`);
  const pages = result.runs.reduce((sum, run) => sum + run.counts.new, 0);
  const listed = result.runs.reduce((sum, run) => sum + run.counts.listed, 0);
  const expected = Object.values(expectedPages).slice(0, INDEXES).reduce((a, b) => a + b, 0);
  if (pages !== expected || listed !== expected) problems.push(`pages written ${pages}, listed ${listed}, expected ${expected}`);
  if (problems.length) throw new Error(`sync-scale with ${result.workers} worker(s) is wrong: ${problems.join('; ')}`);
  const starts = result.runs.map((run) => Date.parse(run.started_at));
  const ends = result.runs.map((run) => Date.parse(run.finished_at ?? ''));
  return { pages, runRequests: result.runs.reduce((sum, run) => sum + run.requests, 0), spanMs: Math.max(...ends) - Math.min(...starts) };
}

async function main(): Promise<void> {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run \`npx nx build sync-worker\` first`);
  const cores = availableParallelism();
  const pgStarted = performance.now();
  const pg = await startPostgres();
  const pgStartMs = performance.now() - pgStarted;
  const emulator = await startEmulatorProcess({ spaces: INDEXES, pagesPerSpace: entriesFor(PAGES), seed: 14, latencyMs: LATENCY_MS });
  const generated = await emulator.stats();
  console.error(`# PostgreSQL up in ${Math.round(pgStartMs)} ms; emulator: ${INDEXES} spaces x ${PAGES} pages generated in ${emulator.generateMs} ms, RSS ${Math.round(generated.rssMb)} MB`);
  const wrong = Object.entries(emulator.pagesBySpace).filter(([, pages]) => pages !== PAGES);
  if (wrong.length) throw new Error(`the emulator generated ${wrong.map(([key, pages]) => `${pages} pages in ${key}`).join(', ')}, not ${PAGES}`);
  const results: Array<{ workers: number; pagesPerSecond: number; requests: number }> = [];
  try {
    for (const workers of WORKER_COUNTS) {
      const result = await measure(workers, pg, emulator);
      const { pages, runRequests, spanMs } = verify(result, emulator.pagesBySpace);
      const pagesPerSecond = pages / (spanMs / 1000);
      const base = results[0];
      const workerCpu = result.workerCpuMs.reduce((a, b) => a + b, 0);
      const workerStartCpu = result.workerStartCpuMs.reduce((a, b) => a + b, 0);
      const perPage = (ms: number) => round(ms / pages, 3);
      const totalCpu = workerCpu - workerStartCpu + result.postgresCpuMs + result.emulatorCpuMs + result.apiCpuMs;
      const speedUp = base ? pagesPerSecond / base.pagesPerSecond : 1;
      results.push({ workers, pagesPerSecond, requests: result.emulatorRequests });
      report({
        name: `sync-scale.workers-${workers}`,
        inputs: { workers, syncConcurrencyPerWorker: CONCURRENCY, indexes: INDEXES, pagesPerIndex: PAGES, latencyMs: LATENCY_MS, queuedBy: 'manual POST /sync before the workers start', store: 'postgres (embedded, fsync off)', cores, nodeFlags: SERVICE_NODE_FLAGS.join(' ') },
        figures: {
          pages,
          runSpanMs: Math.round(spanMs),
          benchWallMs: Math.round(result.benchWallMs),
          emulatorRequests: result.emulatorRequests,
          runRequests,
          pagesPerSecond: round(pagesPerSecond, 0),
          speedUp: round(speedUp),
          workerCpuMsPerPage: perPage(workerCpu - workerStartCpu),
          workerStartCpuMs: Math.round(workerStartCpu),
          postgresCpuMsPerPage: perPage(result.postgresCpuMs),
          emulatorCpuMsPerPage: perPage(result.emulatorCpuMs),
          apiCpuMsPerPage: perPage(result.apiCpuMs),
          // Busy cores over the run: at `cores` the machine, not the design, is the limit. `otherCoresBusy`: what
          // else ran on the machine meanwhile (another benchmark or test run skews every figure; rerun then).
          coresBusy: round(totalCpu / spanMs),
          otherCoresBusy: round(Math.max(0, result.machineCpuMs - totalCpu - workerStartCpu) / result.benchWallMs),
          cpuBoundPagesPerSecond: round((cores * 1000 * pages) / totalCpu, 0),
          workerPeakRssMbMax: round(Math.max(...result.workerPeakRssMb), 0),
          jobsPerWorkerMin: Math.min(...result.jobsPerWorker),
          jobsPerWorkerMax: Math.max(...result.jobsPerWorker),
        },
        target: base ? { requestsEqualTo: base.requests, ...(workers === 4 ? { speedUpAtLeast: 3 } : {}) } : { reference: 'one worker' },
        met: !base || (result.emulatorRequests === base.requests && (workers !== 4 || speedUp >= 3)),
      });
    }
  } finally {
    await emulator.stop();
    await pg.stop();
  }
  const base = results[0];
  const four = results.find((result) => result.workers === 4);
  report({
    name: 'sync-scale.summary',
    inputs: { workers: WORKER_COUNTS.join(','), syncConcurrencyPerWorker: CONCURRENCY, indexes: INDEXES, pagesPerIndex: PAGES, latencyMs: LATENCY_MS, cores },
    figures: Object.fromEntries(results.flatMap((result) => [[`speedUp${result.workers}`, round(result.pagesPerSecond / base.pagesPerSecond)], [`requests${result.workers}`, result.requests]])),
    target: { speedUp4AtLeast: 3, requestsEqual: true },
    met: Boolean(four && four.pagesPerSecond >= 3 * base.pagesPerSecond) && results.every((result) => result.requests === base.requests),
  });
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
