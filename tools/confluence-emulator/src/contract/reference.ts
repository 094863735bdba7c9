/**
 * Where the shared reference material lives: `<repo root>/../shared/reference`, the repository root being the
 * first directory above this file that holds `nx.json` (so the contract test works from any checkout).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root: the nearest ancestor of `from` containing `nx.json`. */
export function repoRoot(from: string = __dirname): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`contract: no nx.json above ${from}`);
  }
}

/** Absolute path of a file under `shared/reference/`. */
export function referencePath(...segments: string[]): string {
  return join(repoRoot(), '..', 'shared', 'reference', ...segments);
}

/** Parse a JSON file under `shared/reference/`. */
export function readReferenceJson<T>(...segments: string[]): T {
  return JSON.parse(readFileSync(referencePath(...segments), 'utf8')) as T;
}
