#!/usr/bin/env node
// npm run bench [-- <name> ...]: runs tools/bench/src/<name>.bench.ts (all of them when no name is given),
// each in its own process so one benchmark's memory never skews another's.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const available = readdirSync(join(here, 'src'))
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''));
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length) {
  console.error(`unknown benchmark: ${unknown.join(', ')}. Available: ${available.join(', ')}`);
  process.exit(2);
}
let failed = false;
for (const name of wanted.length ? wanted : available) {
  console.error(`# ${name}`);
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), '--tsconfig', join(root, 'tsconfig.base.json'), join(here, 'src', `${name}.bench.ts`)],
    { stdio: 'inherit', cwd: root },
  );
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
