/** Test helpers: run the built CLI against an emulator and a temporary database. */
import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The esbuild output the specs run (Nx runs `build` before `test`). */
export const BUILT_CLI = join(__dirname, '..', '..', '..', '..', 'dist', 'apps', 'sync-worker', 'main.js');

/** Environment pointing the CLI at `emulator` as alice, with its store at `databaseUrl`; nothing inherited from the shell. */
export function cliEnv(emulator: RunningEmulator, databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  const auth: Record<string, string> =
    emulator.control.flavor === 'cloud'
      ? { CONFLUENCE_URL: `${emulator.url}/wiki`, CONFLUENCE_USERNAME: 'alice@example.com', CONFLUENCE_API_TOKEN: 'token-alice' }
      : { CONFLUENCE_URL: emulator.url, CONFLUENCE_PERSONAL_TOKEN: 'pat-alice', CONFLUENCE_FLAVOR: 'dc' };
  return { PATH: process.env['PATH'] ?? '', DATABASE_URL: databaseUrl, ...auth, ...extra };
}

/** Runs the CLI to completion, in `cwd` (default: this process's, where a default `./data/sync.db` would land). */
export function runBuiltCli(args: string[], env: Record<string, string>, cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run \`npx nx build sync-worker\` first`);
  return new Promise((resolve) => {
    execFile(process.execPath, [BUILT_CLI, ...args], { env, cwd, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The JSON lines of a `--json` output. */
export function jsonLines(stdout: string): Array<Record<string, unknown>> {
  return stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
}
