/**
 * Test-only access to the shared reference data (real Confluence responses) in `../shared/reference/` next to the
 * repository root. Resolved from this file, not the working directory, so jest can run from anywhere.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder above this file holding `nx.json`. */
export function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no nx.json above ${__dirname}`);
  }
}

/** Absolute path of a file or folder under `shared/reference/`. */
export function referencePath(...parts: string[]): string {
  return join(repoRoot(), '..', 'shared', 'reference', ...parts);
}

/** The text of a reference file. */
export function readReferenceText(...parts: string[]): string {
  return readFileSync(referencePath(...parts), 'utf8');
}

/** A reference file parsed as JSON. */
export function readReferenceJson(...parts: string[]): unknown {
  return JSON.parse(readReferenceText(...parts));
}

/** The names of the files in a reference folder that end with `suffix`, sorted. */
export function listReferenceFiles(folder: string, suffix: string): string[] {
  return readdirSync(referencePath(folder))
    .filter((name) => name.endsWith(suffix))
    .sort();
}
