/**
 * The Streamable HTTP server under load, as a team would run it: `node dist/apps/mcp-http/main.js` in API-key mode
 * (stateless), 50 SDK clients each calling `get_confluence_page` back to back for 20 s, the emulator at 0 latency
 * in this process. The clients run in a child process (this file again, with `load` as its first argument), so
 * generating load does not slow the emulator's event loop. Figures: calls/s, p50 and p99 latency, errors, and the
 * server's RSS after a 20 s warm-up (the capped heap reaches its plateau) and at the end, and the server's CPU time per call. The reference is the stdio app driven by one client with the same
 * 50 calls in flight. Targets: >= 800 calls/s, p99 <= 150 ms, no errors, RSS flat (end <= start + 20%).
 * `BENCH_HTTP_APP` / `BENCH_STDIO_APP` measure other builds; `BENCH_SECONDS` shortens the run.
 */
import { startEmulator } from '@confluence-mcp/confluence-emulator';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { percentile, report, round } from './report';

const root = join(__dirname, '..', '..', '..');
const httpApp = process.env['BENCH_HTTP_APP'] ?? join(root, 'dist', 'apps', 'mcp-http', 'main.js');
const stdioApp = process.env['BENCH_STDIO_APP'] ?? join(root, 'dist', 'apps', 'mcp-stdio', 'main.js');
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const WARM_UP_SECONDS = 20;
/**
 * Both servers run with a capped old space, as a container would: uncapped, V8 grows the heap lazily under load
 * (RSS climbed ~7 MB/s at 190 calls/s without a leak; capped at 96 MB it stayed flat, at a CPU cost).
 */
const SERVER_NODE_OPTIONS = process.env['BENCH_SERVER_NODE_OPTIONS'] ?? '--max-old-space-size=192';
const CLIENTS = 50;
const CORES = availableParallelism();
/**
 * `BENCH_CPU_PROF=<dir>` writes a V8 CPU profile of the HTTP server (`--cpu-prof`) and one of this process (the
 * emulator) into `<dir>`, for `tools/bench/src/profile-summary.mjs`.
 */
const CPU_PROF_DIR = process.env['BENCH_CPU_PROF'];
const API_KEY = 'bench-api-key-0123456789abcdef';
const ALICE = { CONFLUENCE_USERNAME: 'alice@example.com', CONFLUENCE_API_TOKEN: 'token-alice' };

/** What the load child reports. */
interface LoadResult {
  calls: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
  rssStartMb: number;
  rssEndMb: number;
  /** CPU time of the server process, of the load child and of the emulator's process while measuring. */
  serverCpuSeconds: number;
  loadCpuSeconds: number;
  emulatorCpuSeconds: number;
  firstError?: string;
}

/** The load child's instructions (JSON in argv). */
interface LoadPlan {
  target: { kind: 'http'; url: string } | { kind: 'stdio'; env: Record<string, string> };
  /** The server process whose RSS is sampled (http: spawned by the parent; stdio: by the child itself). */
  serverPid?: number;
  /** The process hosting the emulator (the parent), whose CPU time per call is part of the breakdown. */
  emulatorPid: number;
  clients: number;
  inFlightPerClient: number;
  pageIds: string[];
  seconds: number;
  warmUpSeconds: number;
}

function ensureBuilt(app: string, project: string): void {
  if (existsSync(app)) return;
  console.error(`# ${app} missing: building`);
  execFileSync('npx', ['nx', 'build', project, '--outputStyle=static'], { cwd: root, stdio: ['ignore', 2, 2] });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

/** User + system CPU seconds of a process so far (Linux clock ticks, 100 per second). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

// ---------------------------------------------------------------------------------------------- load child

async function connect(plan: LoadPlan): Promise<{ client: Client; pid?: number }> {
  const client = new Client({ name: 'mcp-http-bench', version: '0.0.0' });
  if (plan.target.kind === 'http') {
    await client.connect(new StreamableHTTPClientTransport(new URL(plan.target.url), { requestInit: { headers: { Authorization: `Bearer ${API_KEY}` } } }));
    return { client };
  }
  const transport = new StdioClientTransport({ command: process.execPath, args: [stdioApp], env: plan.target.env, stderr: 'ignore' });
  await client.connect(transport);
  return { client, pid: transport.pid ?? undefined };
}

async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const sessions = await Promise.all(Array.from({ length: plan.clients }, () => connect(plan)));
  const pid = plan.serverPid ?? sessions[0].pid;
  if (pid === undefined) throw new Error('no server pid to sample');
  let measuring = false;
  let stop = false;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const worker = async (client: Client) => {
    while (!stop) {
      const id = plan.pageIds[next++ % plan.pageIds.length];
      const started = performance.now();
      try {
        const result = await client.callTool({ name: 'get_confluence_page', arguments: { page_id: id } });
        if (result.isError) throw new Error(JSON.stringify(result.content).slice(0, 200));
        if (measuring) latencies.push(performance.now() - started);
      } catch (error) {
        if (measuring) errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  const workers = sessions.flatMap(({ client }) => Array.from({ length: plan.inFlightPerClient }, () => worker(client)));
  await new Promise((resolve) => setTimeout(resolve, plan.warmUpSeconds * 1000));
  const rssStartMb = rssMb(pid);
  const serverCpuStart = cpuSeconds(pid);
  const emulatorCpuStart = cpuSeconds(plan.emulatorPid);
  const loadCpuStart = process.cpuUsage();
  const stopProfile = CPU_PROF_DIR ? await profileThisProcess(CPU_PROF_DIR, `clients-${plan.target.kind}`) : undefined;
  measuring = true;
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, plan.seconds * 1000));
  measuring = false;
  await stopProfile?.();
  const seconds = (performance.now() - started) / 1000;
  const rssEndMb = rssMb(pid);
  const serverCpuSeconds = cpuSeconds(pid) - serverCpuStart;
  const emulatorCpuSeconds = cpuSeconds(plan.emulatorPid) - emulatorCpuStart;
  const loadCpu = process.cpuUsage(loadCpuStart);
  const loadCpuSeconds = (loadCpu.user + loadCpu.system) / 1e6;
  stop = true;
  await Promise.all(workers);
  await Promise.all(sessions.map(({ client }) => client.close()));
  return { calls: latencies.length, errors, seconds, latenciesMs: latencies, rssStartMb, rssEndMb, serverCpuSeconds, loadCpuSeconds, emulatorCpuSeconds, firstError };
}

// ---------------------------------------------------------------------------------------------- parent

function loadChild(plan: LoadPlan): Promise<LoadResult> {
  const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [tsx, '--tsconfig', join(root, 'tsconfig.base.json'), __filename, 'load', JSON.stringify(plan)], { cwd: root, maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      error ? reject(new Error(stderr || error.message)) : resolve(JSON.parse(stdout.trim().split('\n').pop() as string) as LoadResult),
    );
  });
}

async function startHttpApp(env: Record<string, string>, nodeArgs: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...nodeArgs, httpApp], { env, stdio: ['ignore', 'pipe', process.env['BENCH_SERVER_STDERR'] ? 'inherit' : 'ignore'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`mcp-http exited with ${code} before listening`)));
  });
  return { child, url };
}

function figures(result: LoadResult): Record<string, number> {
  const perCall = (cpuSeconds: number) => round((cpuSeconds * 1000) / Math.max(result.calls, 1));
  return {
    callsPerSecond: round(result.calls / result.seconds, 1),
    p50Ms: round(percentile(result.latenciesMs, 50)),
    p99Ms: round(percentile(result.latenciesMs, 99)),
    errors: result.errors,
    rssStartMb: round(result.rssStartMb, 1),
    rssEndMb: round(result.rssEndMb, 1),
    // Where the time went: on a shared machine these say whether the server or its neighbours were short of CPU.
    // The breakdown: CPU ms per call in each of the three processes sharing the machine's cores. Their sum bounds
    // the throughput: calls/s <= cores * 1000 / (server + emulator + clients), however fast the server gets.
    serverCpuMsPerCall: perCall(result.serverCpuSeconds),
    emulatorCpuMsPerCall: perCall(result.emulatorCpuSeconds),
    clientsCpuMsPerCall: perCall(result.loadCpuSeconds),
    serverCpuShare: round(result.serverCpuSeconds / result.seconds),
    emulatorCpuShare: round(result.emulatorCpuSeconds / result.seconds),
    loadCpuShare: round(result.loadCpuSeconds / result.seconds),
    cpuBoundCallsPerSecond: round((CORES * 1000) / Math.max(perCall(result.serverCpuSeconds + result.emulatorCpuSeconds + result.loadCpuSeconds), 0.001), 0),
  };
}

async function main(): Promise<void> {
  ensureBuilt(httpApp, 'mcp-http');
  ensureBuilt(stdioApp, 'mcp-stdio');
  const emulator = await startEmulator({ spaces: 1, pagesPerSpace: 40, seed: 1, latencyMs: 0 });
  try {
    const pageIds = [...emulator.control.world.pages.values()].filter((p) => p.type === 'page' && p.status === 'current' && !p.restrictions.read).map((p) => p.id).slice(0, 20);
    const base = { PATH: process.env['PATH'] ?? '', CONFLUENCE_URL: `${emulator.url}/wiki`, ...ALICE, LOG_LEVEL: 'info', NODE_OPTIONS: SERVER_NODE_OPTIONS };
    // The limiter stays in the path, set far above what one key sends here.
    // `--cpu-prof` is refused in NODE_OPTIONS: it goes on the command line.
    const nodeArgs = CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`] : [];
    const { child, url } = await startHttpApp({ ...base, PORT: '0', MCP_API_KEYS: API_KEY, MCP_RATE_LIMIT_PER_MINUTE: '100000000' }, nodeArgs);
    const stopProfile = CPU_PROF_DIR ? await profileThisProcess(CPU_PROF_DIR, 'emulator') : undefined;
    let http: LoadResult;
    try {
      http = await loadChild({ target: { kind: 'http', url: `${url}/mcp` }, serverPid: child.pid, emulatorPid: process.pid, clients: CLIENTS, inFlightPerClient: 1, pageIds, seconds: SECONDS, warmUpSeconds: WARM_UP_SECONDS });
    } finally {
      await stopProfile?.();
      child.kill('SIGTERM');
      // The server writes its profile as it exits.
      // A server that already ended (a signal leaves exitCode null) must not be waited for again.
      await new Promise((resolve) => (child.exitCode === null && child.signalCode === null ? child.once('exit', resolve) : resolve(undefined)));
      if (child.signalCode && child.signalCode !== 'SIGTERM') console.error(`# mcp-http ended by ${child.signalCode}`);
    }
    const httpFigures = figures(http);
    if (http.firstError) console.error(`# first error: ${http.firstError}`);
    report({
      name: 'mcp-http.get-page-load',
      inputs: { clients: CLIENTS, seconds: SECONDS, warmUpSeconds: WARM_UP_SECONDS, mode: 'api-keys, stateless', logLevel: 'info', nodeOptions: SERVER_NODE_OPTIONS, emulatorLatencyMs: 0, distinctPages: pageIds.length, node: process.version },
      figures: httpFigures,
      target: { callsPerSecond: '>= 800', p99Ms: '<= 150', errors: 0, rssEndMb: '<= rssStartMb * 1.2' },
      met: httpFigures.callsPerSecond >= 800 && httpFigures.p99Ms <= 150 && http.errors === 0 && http.rssEndMb <= http.rssStartMb * 1.2,
    });

    const stdio = await loadChild({ target: { kind: 'stdio', env: base }, emulatorPid: process.pid, clients: 1, inFlightPerClient: CLIENTS, pageIds, seconds: SECONDS, warmUpSeconds: WARM_UP_SECONDS });
    if (stdio.firstError) console.error(`# first error (stdio): ${stdio.firstError}`);
    report({
      name: 'mcp-http.stdio-reference',
      inputs: { clients: 1, inFlight: CLIENTS, seconds: SECONDS, warmUpSeconds: WARM_UP_SECONDS, app: 'mcp-stdio', logLevel: 'info', nodeOptions: SERVER_NODE_OPTIONS, emulatorLatencyMs: 0 },
      figures: figures(stdio),
      target: { reference: 'none (for comparison)' },
      met: true,
    });
  } finally {
    await emulator.close();
  }
}

/** Profile this process until the returned function is called; the profile goes into `dir` as `<name>-<pid>`. */
async function profileThisProcess(dir: string, name: string): Promise<() => Promise<void>> {
  const { Session } = await import('node:inspector');
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    writeFileSync(join(dir, `${name}-${process.pid}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  };
}

if (process.argv[2] === 'load') {
  runLoad(JSON.parse(process.argv[3]) as LoadPlan).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
