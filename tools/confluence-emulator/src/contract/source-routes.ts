/**
 * The routes the emulator's source registers, read from `src/routes/**` with regular expressions, so that a
 * route added without a contract call fails the coverage check even if nobody updates the contract's lists.
 *
 * Understood forms: `route(app, prefixes | ['/a', '/b'], 'METHOD', '/path' | `/${name}-x`, ...)`,
 * `route(app, prefixes, method, path, ...)` over a table of `['METHOD', '/path']` tuples,
 * `app.get|post|put|delete('/path', ...)` and `app.route({ method: 'X', url: '/path' })`. A template literal's
 * `${name}` is expanded from a `for (const name of ['a', 'b'])` loop in the same file.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One registration: each alternative is a full template (`GET /wiki/api/v2/pages/:id`), without the gateway. */
export interface SourceRoute {
  file: string;
  /** The same registration under each non-gateway prefix it may get; at least one must be served. */
  alternatives: string[];
}

/**
 * What a `prefixes` parameter stands for, by folder: `routes/index.ts` passes these (gateway prefixes aside).
 * REST v1 is registered under Cloud's and Data Center's prefix; some routes exist on one flavour only.
 */
const PREFIXES_BY_FOLDER: Record<string, string[]> = {
  v2: ['/wiki/api/v2'],
  v1: ['/wiki/rest/api', '/rest/api'],
};
const GATEWAY = /^\/ex\/confluence\/:cloudId/;

/** Every route registration under `routesDir` (default: this package's `src/routes`). */
export function sourceRoutes(routesDir: string = join(__dirname, '..', 'routes')): SourceRoute[] {
  return listTsFiles(routesDir).flatMap((file) => parseFile(readFileSync(file, 'utf8'), relative(routesDir, file)));
}

/** Parse one source file; `file` is relative to the routes folder (its first segment picks the prefixes). */
export function parseFile(source: string, file: string): SourceRoute[] {
  const loops = loopValues(source);
  const found: SourceRoute[] = [];
  const routeCall = /\broute\(\s*\w+\s*,\s*(\w+|\[[^\]]*\])\s*,\s*'(GET|POST|PUT|DELETE|PATCH)'\s*,\s*('[^']*'|`[^`]*`)/g;
  for (const match of source.matchAll(routeCall)) {
    const prefixes = match[1].startsWith('[') ? stringLiterals(match[1]).filter((p) => !GATEWAY.test(p)) : folderPrefixes(file, match[1]);
    // Each loop value is its own registration; the prefixes are alternatives of one.
    for (const path of expand(match[3], loops, file)) found.push({ file, alternatives: prefixes.map((prefix) => `${match[2]} ${prefix}${path}`) });
  }
  // `route(app, prefixes, method, path, ...)` in a loop over `['GET', '/content']` tuples (v1/gone.ts).
  const tableCall = /\broute\(\s*\w+\s*,\s*(\w+)\s*,\s*[a-z]\w*\s*,\s*[a-z]\w*\s*,/;
  const tableMatch = tableCall.exec(source);
  if (tableMatch) {
    for (const tuple of source.matchAll(/\[\s*'(GET|POST|PUT|DELETE|PATCH)'\s*,\s*'([^']+)'\s*\]/g)) {
      found.push({ file, alternatives: folderPrefixes(file, tableMatch[1]).map((prefix) => `${tuple[1]} ${prefix}${tuple[2]}`) });
    }
  }
  const shorthand = /\bapp\.(get|post|put|delete|patch)\(\s*('[^']*'|`[^`]*`)/g;
  for (const match of source.matchAll(shorthand)) {
    for (const path of expand(match[2], loops, file)) found.push({ file, alternatives: [`${match[1].toUpperCase()} ${path}`] });
  }
  const full = /\bapp\.route\(\{[^}]*?method:\s*'(\w+)'[^}]*?url:\s*('[^']*'|`[^`]*`)/g;
  for (const match of source.matchAll(full)) {
    // `http/context.ts`'s own `app.route` (url: prefix + path) is not under routes/, so every match here is literal.
    for (const path of expand(match[2], loops, file)) found.push({ file, alternatives: [`${match[1].toUpperCase()} ${path}`] });
  }
  return found;
}

function folderPrefixes(file: string, name: string): string[] {
  const folder = file.split(/[\\/]/)[0];
  const prefixes = PREFIXES_BY_FOLDER[folder];
  if (!prefixes) throw new Error(`contract: ${file} registers routes under '${name}', but the contract does not know which prefixes '${folder}/' gets; update PREFIXES_BY_FOLDER`);
  return prefixes;
}

/** `for (const kind of ['footer', 'inline'] as const)` -> kind: [footer, inline]. */
function loopValues(source: string): Map<string, string[]> {
  const loops = new Map<string, string[]>();
  for (const match of source.matchAll(/for\s*\(\s*const\s+(\w+)\s+of\s+(\[[^\]]*\])/g)) loops.set(match[1], stringLiterals(match[2]));
  return loops;
}

function expand(literal: string, loops: Map<string, string[]>, file: string): string[] {
  let paths = [literal.slice(1, -1)];
  for (const placeholder of literal.matchAll(/\$\{\s*(\w+)\s*\}/g)) {
    const values = loops.get(placeholder[1]);
    if (!values?.length) throw new Error(`contract: cannot expand \${${placeholder[1]}} in ${literal} (${file})`);
    paths = paths.flatMap((path) => values.map((value) => path.replace(placeholder[0], value)));
  }
  return paths;
}

function stringLiterals(list: string): string[] {
  return [...list.matchAll(/'([^']*)'/g)].map((match) => match[1]);
}

function listTsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listTsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}
