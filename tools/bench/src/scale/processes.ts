/**
 * The processes `sync-scale` measures and the figures it reads from /proc: a throwaway PostgreSQL (the supervisor the
 * jest global setup uses), the emulator in its own process, and `serve --role api|worker` processes of the built app.
 */
import type { EmulatorOptions } from '@confluence-mcp/confluence-emulator';
import { ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type { EmulatorReady, EmulatorStats } from './emulator-process';

const root = join(__dirname, '..', '..', '..', '..');
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
/** The built app the containers run. */
export const BUILT_CLI = join(root, 'dist', 'apps', 'sync-worker', 'main.js');
/** How the container runs it (apps/sync-worker/Dockerfile CMD): a capped heap. */
export const SERVICE_NODE_FLAGS = ['--max-old-space-size=256'];

/** The first line a child prints on stdout, parsed with `parse` (rejects when the child exits first). */
function firstLine<T>(child: ChildProcess, what: string, parse: (line: string) => T | undefined, stderr: () => string): Promise<T> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      for (const line of out.split('\n').slice(0, -1)) {
        const value = parse(line);
        if (value === undefined) continue;
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        resolve(value);
        return;
      }
    };
    const onExit = (code: number | null) => reject(new Error(`${what} exited (${code}) before it was ready: ${stderr().slice(-2000)}`));
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Collects a child's stderr, keeping the last 64 kB (enough for the lines a failure needs). */
function tail(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.on('data', (chunk: Buffer) => (text = (text + chunk.toString('utf8')).slice(-65_536)));
  return () => text;
}

/** Ends a child and waits for it. */
async function stopChild(child: ChildProcess, how: 'stdin' | NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  if (how === 'stdin') child.stdin?.end();
  else child.kill(how);
  await exited;
}

/** A throwaway PostgreSQL server (tools/scripts/test-postgres/server.mjs). */
export interface PostgresServer {
  /** Admin URL. */
  url: string;
  /** The postmaster's pid (its backends are its children). */
  pid: number;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<PostgresServer> {
  const child = spawn(process.execPath, [join(root, 'tools', 'scripts', 'test-postgres', 'server.mjs')], { stdio: ['pipe', 'pipe', 'pipe'] });
  const ready = await firstLine(child, 'PostgreSQL', (line) => JSON.parse(line) as { url: string; pid: number }, tail(child));
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: ready.url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    ...ready,
    async createDatabase(name) {
      await admin(`CREATE DATABASE ${name}`);
      const url = new URL(ready.url);
      url.pathname = `/${name}`;
      return url.href;
    },
    stop: () => stopChild(child, 'stdin'),
  };
}

/** The emulator in its own process. */
export interface EmulatorProcess extends EmulatorReady {
  stats(): Promise<EmulatorStats>;
  stop(): Promise<void>;
}

export async function startEmulatorProcess(options: EmulatorOptions): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [tsx, '--tsconfig', join(root, 'tsconfig.base.json'), join(__dirname, 'emulator-process.ts'), JSON.stringify(options)], { stdio: ['pipe', 'pipe', 'pipe'], cwd: root });
  const stderr = tail(child);
  const ready = await firstLine(child, 'the emulator', (line) => JSON.parse(line) as EmulatorReady, stderr);
  let pending = Promise.resolve<unknown>(undefined);
  const stats = () => {
    const next = pending.then(() => {
      const answer = firstLine(child, 'the emulator', (line) => JSON.parse(line) as EmulatorStats, stderr);
      child.stdin?.write('stats\n');
      return answer;
    });
    pending = next.catch(() => undefined);
    return next;
  };
  return { ...ready, stats, stop: () => stopChild(child, 'stdin') };
}

/** A `serve` process of the built app. */
export interface ServiceProcess {
  url: string;
  pid: number;
  stderr(): string;
  /** SIGTERM (graceful) and wait for the exit. */
  stop(): Promise<void>;
}

/** Starts `serve --role <role>` and waits for its `listening on` line; `nodeFlags` go before the app (e.g. `--cpu-prof`). */
export async function startService(env: Record<string, string>, role: 'api' | 'worker', nodeFlags: readonly string[] = []): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, ...nodeFlags, BUILT_CLI, 'serve', '--role', role], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr = tail(child);
  const url = await firstLine(child, `serve --role ${role}`, (line) => /^listening on (http:\/\/\S+)/.exec(line)?.[1], stderr);
  child.stdout?.resume();
  return { url, pid: child.pid as number, stderr, stop: () => stopChild(child, 'SIGTERM') };
}

// ------------------------------------------------------------------------------------------------- /proc

const TICKS_PER_SECOND = 100;

/** Fields of /proc/<pid>/stat after the command name (index 0 is the state). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // gone
  }
}

/** User + system CPU ms of a live process. */
export function cpuMs(pid: number): number {
  const fields = statFields(pid);
  if (!fields) return NaN;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/**
 * CPU ms of a process and its children, alive or ended: its own time, the time of the children it has reaped
 * (cutime/cstime: PostgreSQL's backends that have exited) and that of the children still running.
 */
export function treeCpuMs(pid: number): number {
  const own = statFields(pid);
  if (!own) return NaN;
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields && Number(fields[1]) === pid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/**
 * CPU ms the whole machine has spent busy since boot (every core: user, nice, system, irq, softirq, steal), to tell
 * the benchmark's own processes from anything else running at the same time.
 */
export function machineBusyMs(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return ((user + nice + system + irq + softirq + steal) * 1000) / TICKS_PER_SECOND;
}

/** Peak (VmHWM) and current (VmRSS) resident memory of a live process, in MB. */
export function memoryMb(pid: number): { peak: number; current: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { peak: kb('VmHWM') / 1024, current: kb('VmRSS') / 1024 };
}
