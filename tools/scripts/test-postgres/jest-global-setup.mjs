// Jest `globalSetup`: one throwaway PostgreSQL per jest run of a project, its admin URL in `TEST_POSTGRES_URL` (spec
// files create their own database on it; see libs/sync-engine/src/testing/pg-database.ts). A PostgreSQL given in the
// environment is used instead: `TEST_POSTGRES_URL`, or `DATABASE_URL` when it is a postgres:// URL.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER = join(dirname(fileURLToPath(import.meta.url)), 'server.mjs');
/** initdb plus start take 1-5 s on a loaded 2-core machine; this is only a bound for a server that never comes up. */
const START_TIMEOUT_MS = 120_000;

export default async function globalSetup() {
  const given = process.env.TEST_POSTGRES_URL || (/^postgres(ql)?:\/\//i.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL : undefined);
  if (given) {
    process.env.TEST_POSTGRES_URL = given;
    return;
  }
  // stdin stays a pipe the child watches: when this process ends in any way, the pipe closes and the server stops.
  const child = spawn(process.execPath, [SERVER], { stdio: ['pipe', 'pipe', 'inherit'] });
  globalThis.__TEST_POSTGRES__ = child;
  const ready = await new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`test PostgreSQL did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    child.stdout.on('data', (data) => {
      buffer += data;
      const line = buffer.split('\n')[0];
      if (buffer.includes('\n')) {
        clearTimeout(timer);
        resolve(JSON.parse(line));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`test PostgreSQL exited before it was ready (code ${code})`));
    });
  });
  process.env.TEST_POSTGRES_URL = ready.url;
  if (process.env.TEST_POSTGRES_VERBOSE) process.stderr.write(`\ntest PostgreSQL ready in ${ready.startMs} ms (pid ${ready.pid})\n`);
}
