/**
 * Where the shared reference material lives: `<repo root>/../shared/reference`, the repository root being the
 * first directory above this file that holds `nx.json` (so the contract test works from any checkout).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export function repoRoot(from: string = __dirname): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`contract: no nx.json above ${from}`);
  }
}

/** LlamaCloud's OpenAPI document (3.1), parsed. */
export function readLlamaCloudSpec<T>(): T {
  const path = join(repoRoot(), '..', 'shared', 'reference', 'llamacloud-openapi', 'openapi.json');
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}
