#!/usr/bin/env node
// npm run demo (after npm ci): the whole product on this machine, no account and no network. Builds the apps,
// starts the Confluence emulator with a realistic sample, syncs it into the local index (progress bar on a
// terminal), starts the remote MCP server (API-key mode, index search on) and the sync service against the emulator,
// and prints how to connect. Ctrl-C stops everything and exits 0.
//
//   DEMO_SKIP_BUILD=1   use what dist/ holds (the demo test builds once beforehand)
//   DEMO_DATA_DIR=dir   where the database and the logs go (default ./data/demo)
//   DEMO_PORTS=0        free ports instead of 8090 (emulator), 3000 (MCP) and 8001 (sync service)
//   DEMO_PAGES=60       pages per space of the sample (the demo test uses fewer)

import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = (...parts) => join(root, 'dist', ...parts);
const APPS = { worker: dist('apps', 'sync-worker', 'main.js'), http: dist('apps', 'mcp-http', 'main.js'), stdio: dist('apps', 'mcp-stdio', 'main.js') };
const EMULATOR = dist('tools', 'confluence-emulator', 'index.js');
const dataDir = resolve(process.env.DEMO_DATA_DIR || join(root, 'data', 'demo'));
const database = join(dataDir, 'sync.db');
const INDEX = 'confluence';
const children = [];
let emulator;
let stopping = false;

const say = (line = '') => process.stdout.write(`${line}\n`);

/** Stop the children (SIGTERM, then SIGKILL after 10 s) and the emulator; exit with `code`. */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  say('\nStopping...');
  await Promise.all(
    children.map(
      (child) =>
        new Promise((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => (clearTimeout(timer), done()));
          child.kill('SIGTERM');
        }),
    ),
  );
  await emulator?.close();
  say('Stopped.');
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

/** `preferred` when it is free (and DEMO_PORTS is not 0), else a free port. */
async function port(preferred) {
  const attempt = (p) =>
    new Promise((done) => {
      const probe = createServer().once('error', () => done(undefined));
      probe.listen(p, '127.0.0.1', () => probe.close(() => done(probe.address()?.port ?? p)));
    });
  if (process.env.DEMO_PORTS !== '0') {
    const free = await attempt(preferred);
    if (free) return preferred;
  }
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = probe.address();
      probe.close(() => done(p));
    });
  });
}

/** Start a long-running app; resolves with its URL once it prints `listening on URL`. Its output goes to a log file. */
function startApp(name, file, args, env) {
  const log = createWriteStream(join(dataDir, `${name}.log`));
  const child = spawn(process.execPath, ['--max-old-space-size=192', file, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  child.stderr.pipe(log);
  return new Promise((done, fail) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      log.write(chunk);
      seen += chunk;
      const match = /listening on (\S+)/.exec(seen);
      if (match) done(match[1]);
    });
    child.once('exit', (code) => {
      if (!stopping) fail(new Error(`${name} exited with ${code}: see ${join(dataDir, `${name}.log`)}`));
    });
  });
}

/** One JSON request to the sync service. */
async function api(base, method, path, body, token) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

async function main() {
  if (process.env.DEMO_SKIP_BUILD !== '1') {
    say('Building the apps and the emulator (npx nx run-many -t build)...');
    const built = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'sync-worker', 'mcp-http', 'mcp-stdio', 'confluence-emulator', '--outputStyle=static'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    });
    if (built.status !== 0) throw new Error('the build failed (run `npx nx run-many -t build` to see why)');
  }
  for (const file of [...Object.values(APPS), EMULATOR]) if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build`);

  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const { startEmulator } = createRequire(import.meta.url)(EMULATOR);
  // A realistic sample: three spaces of 60 pages (macros, tables, code, attachments, restrictions), 20 ms per request.
  const pagesPerSpace = Number(process.env.DEMO_PAGES) > 0 ? Number(process.env.DEMO_PAGES) : 60;
  emulator = await startEmulator({ spaces: 3, pagesPerSpace, seed: 1, latencyMs: 20, port: await port(8090) });
  const spaces = [...emulator.control.world.spaces.values()].map((space) => space.key);
  const confluence = { CONFLUENCE_URL: `${emulator.url}/wiki`, CONFLUENCE_USERNAME: 'alice@example.com', CONFLUENCE_API_TOKEN: 'token-alice' };
  const base = { PATH: process.env.PATH ?? '', ...confluence, DATABASE_URL: database };
  say(`Confluence emulator on ${emulator.url}/wiki: spaces ${spaces.join(', ')}`);

  say(`\nSyncing ${spaces.join(', ')} into the local index (${database})...`);
  const interactive = Boolean(process.stderr.isTTY);
  const sync = spawn(process.execPath, [APPS.worker, 'sync', '--spaces', spaces.join(','), '--index', INDEX], {
    env: base,
    // On a terminal the CLI draws a progress bar on stderr and a summary on stdout; otherwise it prints JSON lines.
    stdio: interactive ? 'inherit' : ['ignore', 'ignore', 'inherit'],
  });
  children.push(sync);
  const synced = await new Promise((done) => sync.once('exit', done));
  if (synced !== 0) throw new Error(`the sync failed (exit ${synced})`);
  if (!interactive) say('Synced.');

  const apiKey = randomBytes(24).toString('hex');
  const [mcpUrl, serviceUrl] = await Promise.all([
    startApp('mcp-http', APPS.http, [], { ...base, PORT: String(await port(3000)), MCP_API_KEYS: apiKey, SYNC_DATABASE_URL: database, SYNC_INDEXES: INDEX, LOG_LEVEL: 'info' }),
    startApp('sync-worker', APPS.worker, ['serve'], {
      ...base,
      PORT: String(await port(8001)),
      SECRET_KEY: randomBytes(36).toString('base64'),
      // The emulator's OAuth 3LO server stands in for Atlassian's (its demo app: emulator-client).
      CONFLUENCE_CLIENT_ID: 'emulator-client',
      CONFLUENCE_CLIENT_SECRET: 'emulator-secret',
      ATLASSIAN_AUTH_URL: emulator.url,
      ATLASSIAN_API_URL: emulator.url,
      LOG_LEVEL: 'info',
    }),
  ]);

  // The sync service's own flow: an account, a token, an index of one space, a run on demand.
  const password = randomBytes(12).toString('base64url');
  await api(serviceUrl, 'POST', '/api/auth/register', { username: 'demo', email: 'demo@example.com', password });
  const { access_token: token } = await api(serviceUrl, 'POST', '/api/auth/login', { username: 'demo', password });
  const index = await api(serviceUrl, 'POST', '/api/indexes', { name: 'eng-docs', confluence_spaces: [spaces[0]], interval_minutes: 60, destination: 'local' }, token);
  const { run_id: runId } = await api(serviceUrl, 'POST', `/api/indexes/${index.id}/sync`, undefined, token);
  for (let i = 0; i < 240; i++) {
    const history = await api(serviceUrl, 'GET', `/api/indexes/${index.id}/sync-history`, undefined, token);
    const run = (history.runs ?? history).find((r) => String(r.id) === String(runId));
    if (run && ['succeeded', 'failed', 'cancelled'].includes(run.status)) {
      if (run.status !== 'succeeded') throw new Error(`the sync service's run ended ${run.status}: ${run.error ?? ''}`);
      break;
    }
    await new Promise((done) => setTimeout(done, 500));
  }

  const claude = {
    mcpServers: {
      confluence: {
        command: 'node',
        args: [APPS.stdio],
        env: { ...confluence, SYNC_DATABASE_URL: database },
      },
    },
  };
  const mcpCall = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'search_confluence_index', arguments: { query: 'on-call rotation', limit: 3 } } });
  say(`
Ready. Everything runs on this machine against the Confluence emulator.

  Confluence emulator    ${emulator.url}/wiki   (alice@example.com / token-alice)
  MCP server (HTTP)      ${mcpUrl}/mcp   API key: ${apiKey}
  Sync service           ${serviceUrl}   API docs: ${serviceUrl}/docs   (user demo / ${password})

Claude Desktop (claude_desktop_config.json; the stdio server, with the synced index):
${JSON.stringify(claude, null, 2)}

MCP Inspector (choose Streamable HTTP, URL ${mcpUrl}/mcp, header Authorization: Bearer ${apiKey}), or its CLI:
  npx @modelcontextprotocol/inspector --cli ${mcpUrl}/mcp --transport http --header "Authorization: Bearer ${apiKey}" --method tools/list

Search the synced index over MCP:
  curl -s ${mcpUrl}/mcp -H 'Authorization: Bearer ${apiKey}' -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' -d '${mcpCall}'

Search through the sync service's API (index eng-docs, synced by the service itself):
  curl -s '${serviceUrl}/api/indexes/${index.id}/search?q=on-call+rotation' -H 'Authorization: Bearer ${token}'

Logs: ${dataDir}/*.log. Press Ctrl-C to stop everything.`);
}

main().catch((error) => {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  void stop(1);
});
