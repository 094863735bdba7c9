/**
 * Emulator URL -> spec operation. Cloud v2 `/wiki/api/v2/pages/123/children` is `/pages/{id}/children` in
 * openapi-v2 (its server URL ends in `/wiki/api/v2`); Cloud v1 paths are in swagger.v3.json as they are
 * (`/wiki/rest/api/...`); Data Center's `/rest/api/...` has the same shapes under `/wiki/rest/api/...`. The
 * api.atlassian.com gateway prefix `/ex/confluence/{cloudId}` is dropped first.
 */
import type { SpecName } from './openapi';

/** The spec and spec path that describe an emulator URL. */
export interface SpecRoute {
  spec: SpecName;
  specPath: string;
}

const GATEWAY = /^\/ex\/confluence\/[^/]+/;

/** Map an emulator path (query allowed) to the spec path among `paths`, or undefined when no spec covers it. */
export function matchSpecRoute(url: string, specs: Record<SpecName, readonly string[]>): SpecRoute | undefined {
  const path = url.split('?')[0].replace(GATEWAY, '');
  if (path.startsWith('/wiki/api/v2/')) return match('v2', path.slice('/wiki/api/v2'.length), specs.v2);
  if (path.startsWith('/wiki/rest/api/')) return match('v1', path, specs.v1);
  if (path.startsWith('/rest/api/')) return match('v1', `/wiki${path}`, specs.v1);
  return undefined;
}

function match(spec: SpecName, path: string, paths: readonly string[]): SpecRoute | undefined {
  const segments = path.split('/').map(safeDecode);
  let best: { specPath: string; literals: number } | undefined;
  for (const specPath of paths) {
    const template = specPath.split('/');
    if (template.length !== segments.length) continue;
    let literals = 0;
    let ok = true;
    for (let index = 0; index < template.length && ok; index++) {
      const part = template[index];
      if (/^\{[^}]+\}$/.test(part)) continue;
      if (part === segments[index]) literals += 1;
      else ok = false;
    }
    // The most literal template wins: `/pages/{id}/children` over a hypothetical `/pages/{id}/{kind}`.
    if (ok && (!best || literals > best.literals)) best = { specPath, literals };
  }
  return best && { spec, specPath: best.specPath };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
