/** Spec helper: starts `service-child.ts` against a world's emulator and a database file, and talks to it. */
import { authFor } from '@confluence-mcp/confluence-client/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { TickReport } from '../service/scheduler';
import type { SyncWorld } from './sync-world';

const WORKSPACE = resolve(__dirname, '../../../..');
const CHILD = join(__dirname, 'service-child.ts');

/** A running service child. */
export interface ServiceProcess {
  readonly child: ChildProcess;
  /** Every line it printed so far. */
  readonly lines: string[];
  /** Resolves once it printed `count` lines matching `pattern` (rejects if it exits first, with its output). */
  waitFor(pattern: RegExp, count?: number): Promise<void>;
  /** One scheduler pass and the runs it started; the report. */
  tick(): Promise<TickReport>;
  advance(ms: number): void;
  /** Drains and waits for the exit code. */
  stop(): Promise<number | null>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a service child; resolves once it is ready. */
export async function startServiceChild(world: SyncWorld, databaseFile: string, batchSize: number): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: WORKSPACE,
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: join(WORKSPACE, 'tsconfig.base.json'),
      CONFLUENCE_URL: world.client.siteUrl,
      CONFLUENCE_FLAVOR: world.client.flavor,
      SYNC_CHILD_AUTH: JSON.stringify(authFor(world.client.flavor)),
      DATABASE_URL: databaseFile,
      SYNC_BATCH_SIZE: String(batchSize),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
  child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()));
  child.stdout?.on('data', (data: Buffer) => {
    const parts = (partial + data.toString()).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const listener of [...listeners]) listener();
  });
  const waitFor = (pattern: RegExp, count = 1) =>
    new Promise<void>((ok, fail) => {
      const check = () => {
        if (lines.filter((line) => pattern.test(line)).length < count) return;
        listeners.delete(check);
        ok();
      };
      listeners.add(check);
      check();
      void exited.then(() => {
        if (listeners.delete(check)) fail(new Error(`the service child exited before printing ${pattern}: ${lines.join('\n')}\n${stderr}`));
      });
    });
  await waitFor(/^ready$/);
  return {
    child,
    lines,
    waitFor,
    exited,
    advance: (ms) => void child.stdin?.write(`advance ${ms}\n`),
    async tick() {
      const before = lines.filter((line) => line.startsWith('ticked ')).length;
      child.stdin?.write('tick\n');
      await waitFor(/^ticked /, before + 1);
      return JSON.parse(lines.filter((line) => line.startsWith('ticked '))[before].slice('ticked '.length)) as TickReport;
    },
    async stop() {
      child.stdin?.end('drain\n');
      const { code } = await exited;
      if (code !== 0) throw new Error(`the service child failed (${code}): ${stderr}`);
      return code;
    },
  };
}
