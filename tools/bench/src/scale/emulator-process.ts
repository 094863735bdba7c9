/**
 * The Confluence emulator in a process of its own, for `sync-scale`: the sync workers' requests then never wait on
 * the benchmark's event loop, and its CPU time is its own. Run as `tsx emulator-process.ts '<EmulatorOptions json>'`.
 * Prints one JSON line when listening (`EmulatorReady`), then answers each `stats` line on stdin with an
 * `EmulatorStats` line; exits when stdin closes.
 */
import { startEmulator } from '@confluence-mcp/confluence-emulator';
import type { EmulatorOptions } from '@confluence-mcp/confluence-emulator';
import { createInterface } from 'node:readline';

/** The first line the process prints. */
export interface EmulatorReady {
  url: string;
  pid: number;
  generateMs: number;
  /** Per space key: current pages (not blog posts), what a full sync of the space lists. */
  pagesBySpace: Record<string, number>;
}

/** The answer to `stats`. */
export interface EmulatorStats {
  requests: number;
  cpuMs: number;
  rssMb: number;
}

async function main(options: EmulatorOptions): Promise<void> {
  const started = performance.now();
  const emulator = await startEmulator(options);
  const pagesBySpace: Record<string, number> = {};
  const keyOf = new Map([...emulator.control.world.spaces.values()].map((space) => [space.id, space.key]));
  for (const page of emulator.control.world.pages.values()) {
    if (page.type !== 'page' || page.status !== 'current') continue;
    const key = keyOf.get(page.spaceId) ?? page.spaceId;
    pagesBySpace[key] = (pagesBySpace[key] ?? 0) + 1;
  }
  const ready: EmulatorReady = { url: emulator.url, pid: process.pid, generateMs: Math.round(performance.now() - started), pagesBySpace };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.trim() !== 'stats') return;
    const cpu = process.cpuUsage();
    const stats: EmulatorStats = { requests: emulator.control.requestCount(), cpuMs: (cpu.user + cpu.system) / 1000, rssMb: process.memoryUsage().rss / 2 ** 20 };
    process.stdout.write(`${JSON.stringify(stats)}\n`);
  });
  lines.on('close', () => {
    emulator.close().then(() => process.exit(0), () => process.exit(1));
  });
}

main(JSON.parse(process.argv[2] ?? '{}') as EmulatorOptions).catch((error: unknown) => {
  process.stderr.write(`emulator process: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
