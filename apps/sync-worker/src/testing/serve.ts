/** Test helpers: the built `serve` as a child process on a free port, a small JSON client, polling. */
import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BUILT_CLI } from './cli';

/** Fails the suite at once when the app is not built (Nx builds it before `test`). */
export function assertBuilt(): void {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run \`npx nx build sync-worker\` first`);
}

/** A SECRET_KEY for tests (never a real one). */
export const TEST_SECRET_KEY = 'test-secret-key-0123456789abcdef-0123456789';

/** A running `serve` process. */
export interface ServiceProcess {
  url: string;
  child: ChildProcessWithoutNullStreams;
  /** Everything written to stderr so far (log lines). */
  stderr(): string;
  /** SIGTERM and wait for the exit; resolves to the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Environment of a service using `emulator` as Atlassian (OAuth) and `databaseUrl` as its store; nothing inherited. */
export function serviceEnv(emulator: RunningEmulator, databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    SECRET_KEY: TEST_SECRET_KEY,
    CONFLUENCE_CLIENT_ID: 'emulator-client',
    CONFLUENCE_CLIENT_SECRET: 'emulator-secret',
    ATLASSIAN_AUTH_URL: emulator.url,
    ATLASSIAN_API_URL: emulator.url,
    LOG_LEVEL: 'info',
    ...extra,
  };
}

/** Starts `node dist/apps/sync-worker/main.js serve [args]` and waits for its `listening on` line. */
export function startService(env: Record<string, string>, args: readonly string[] = []): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [BUILT_CLI, 'serve', ...args], { env });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const fail = () => reject(new Error(`serve exited before listening: ${stderr.slice(-2000)}`));
    child.once('exit', fail);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)\n/.exec(stdout);
      if (!match) return;
      child.off('exit', fail);
      resolve({
        url: match[1],
        child,
        stderr: () => stderr,
        stop: async (signal = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    });
  });
}

/** A parsed JSON value, as loosely typed as `JSON.parse` returns it (tests read fields they assert on). */
export type Json = ReturnType<typeof JSON.parse>;

/** A JSON answer. */
export interface Answer<T = Json> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** Calls the API: JSON in, JSON (or text) out; `token` becomes the bearer. */
export async function api<T = Json>(url: string, options: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, { method: options.method ?? 'GET', headers, body: options.body === undefined ? undefined : JSON.stringify(options.body), redirect: 'manual' });
  const text = await response.text();
  let body: Json = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: the text stays
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** Registers and signs in; resolves to the access token. */
export async function signUp(url: string, username: string, password = `${username}-Pa55word!`): Promise<string> {
  const registered = await api(`${url}/api/auth/register`, { method: 'POST', body: { username, email: `${username}@example.com`, password } });
  if (registered.status !== 201) throw new Error(`register ${username}: ${registered.status} ${registered.text}`);
  const login = await api(`${url}/api/auth/login`, { method: 'POST', body: { username, password } });
  if (login.status !== 200) throw new Error(`login ${username}: ${login.status} ${login.text}`);
  return login.body.access_token as string;
}

/** Polls `check` until it returns a value (the sync engine's test kit, re-exported for the serve specs). */
export { until } from '@confluence-mcp/sync-engine/testing';
