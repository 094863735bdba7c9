#!/usr/bin/env node
// npm run demo:sync (after `npm run build`): the sync job end to end on the embedded default, no account needed.
// Starts the Confluence emulator, syncs two spaces into the local index (./data/demo.db), changes a few pages in the
// emulator, syncs again (incremental: only those pages are fetched), then searches. Every step is the real CLI.

import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'dist', 'apps', 'sync-worker', 'main.js');
const emulatorPackage = join(root, 'dist', 'tools', 'confluence-emulator', 'index.js');
if (!existsSync(cli) || !existsSync(emulatorPackage)) {
  console.error('Build first: npm run build');
  process.exit(2);
}
const { startEmulator } = createRequire(import.meta.url)(emulatorPackage);
const database = join(root, 'data', 'demo.db');
for (const suffix of ['', '-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true });

const emulator = await startEmulator({ spaces: 3, pagesPerSpace: 60, seed: 1, latencyMs: 20 });
const env = {
  PATH: process.env.PATH,
  CONFLUENCE_URL: `${emulator.url}/wiki`,
  CONFLUENCE_USERNAME: 'alice@example.com',
  CONFLUENCE_API_TOKEN: 'token-alice',
  DATABASE_URL: database,
};
// The emulator answers from this process's event loop, so the CLI runs as an async child (spawnSync would block it).
async function run(...args) {
  console.log(`\n$ sync-worker ${args.join(' ')}`);
  const code = await new Promise((resolve) => spawn(process.execPath, [cli, ...args], { env, stdio: 'inherit' }).on('exit', resolve));
  if (code !== 0) throw new Error(`sync-worker ${args[0]} exited with ${code}`);
}
try {
  await run('sync', '--spaces', 'ENG,OPS');
  const { control } = emulator;
  const pages = [...control.world.pages.values()].filter((p) => p.type === 'page' && p.status === 'current' && !p.restrictions.read);
  control.editPage(pages[3].id, { body: '<p>The on-call rota moved to a weekly rotation on Mondays.</p>' });
  control.renamePage(pages[5].id, 'Incident review checklist');
  control.trashPage(pages[7].id);
  console.log(`\n(changed in Confluence: edited "${pages[3].versions.at(-1).title}", renamed one page, trashed one)`);
  await run('sync', '--spaces', 'ENG,OPS');
  await run('search', 'on-call rotation', '--limit', '3');
  await run('runs', '--limit', '2');
} finally {
  await emulator.close();
}

