/**
 * A consumer of the published packages, built the way another project would build it: the `npm pack` tarballs of
 * dist/, unpacked into a fresh project outside the workspace, compiled with `tsc --strict` and run with plain node.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';

export const workspaceRoot = join(__dirname, '..', '..', '..');

/** The published packages: where each is built and whose README examples must run. */
export const PACKAGES = [
  { name: '@confluence-mcp/schemas', project: 'libs/schemas' },
  { name: '@confluence-mcp/confluence-client', project: 'libs/confluence-client' },
  { name: '@confluence-mcp/confluence-markdown', project: 'libs/confluence-markdown' },
  { name: '@confluence-mcp/mcp-tools', project: 'libs/mcp-tools' },
  { name: '@confluence-mcp/logging', project: 'libs/logging' },
  { name: '@confluence-mcp/sync-engine', project: 'libs/sync-engine' },
  { name: '@confluence-mcp/confluence-emulator', project: 'tools/confluence-emulator' },
] as const;

export interface PackedPackage {
  name: string;
  version: string;
  filename: string;
  /** Bytes of the .tgz. */
  size: number;
  files: Array<{ path: string }>;
}

/** `npm pack` every built package into `destination`. */
export function packAll(destination: string): PackedPackage[] {
  mkdirSync(destination, { recursive: true });
  const dirs = PACKAGES.map((p) => join(workspaceRoot, 'dist', p.project));
  for (const dir of dirs) if (!existsSync(join(dir, 'package.json'))) throw new Error(`${dir} is not built (run nx build first)`);
  const out = execFileSync('npm', ['pack', ...dirs, '--pack-destination', destination, '--json', '--silent'], { encoding: 'utf8', cwd: destination });
  return JSON.parse(out) as PackedPackage[];
}

/**
 * Install the tarballs into `root/node_modules` as npm lays out a package (its tarball's `package/` folder), and
 * link each third-party package they declare (dependencies and peer dependencies) to the workspace's copy: the
 * registry is not reachable here, and `npm ci` already installed exactly those versions. Nothing else is linked,
 * so code that needs an undeclared package fails to load.
 *
 * Native and heavy packages work the same way: node follows a symlink to its real path, so `better-sqlite3` (for
 * sync-engine) loads the `build/Release/better_sqlite3.node` that `npm ci` compiled for this Node in the workspace,
 * and finds its own dependencies (`bindings`) beside it there; a fresh install would have to download a prebuilt
 * binary or compile one. `drizzle-orm`, `@llamaindex/core`, `@llamaindex/llama-cloud` and `gpt-tokenizer` resolve
 * their dependencies from the workspace alike.
 */
export function install(root: string, tarballs: PackedPackage[], tarballDir: string, extra: string[]): string[] {
  const modules = join(root, 'node_modules');
  const thirdParty = new Set(extra);
  for (const tarball of tarballs) {
    const target = join(modules, tarball.name);
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', join(tarballDir, tarball.filename), '-C', target, '--strip-components=1']);
    const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    for (const name of [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]) {
      if (!name.startsWith('@confluence-mcp/')) thirdParty.add(name);
    }
  }
  for (const name of thirdParty) {
    const source = join(workspaceRoot, 'node_modules', name);
    if (!existsSync(source)) throw new Error(`${name} is declared by a package but not installed in the workspace`);
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(source, join(modules, name), 'dir');
  }
  return [...thirdParty].sort();
}

/** The ```ts blocks of a README, in order: each one is a complete program. */
export function readmeExamples(project: string): string[] {
  const readme = readFileSync(join(workspaceRoot, project, 'README.md'), 'utf8');
  return [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

/**
 * The same program for a CommonJS module, which has no top-level await: the imports stay on top, the statements
 * after them run in `main()`. Nothing else changes.
 */
export function asCommonJs(code: string): string {
  const source = ts.createSourceFile('example.ts', code, ts.ScriptTarget.ES2022, true);
  const firstOther = source.statements.findIndex((s) => !ts.isImportDeclaration(s));
  const lastImport = source.statements.map((s) => ts.isImportDeclaration(s)).lastIndexOf(true);
  if (firstOther !== -1 && lastImport > firstOther) throw new Error('a README example must put its imports first');
  const cut = lastImport === -1 ? 0 : source.statements[lastImport].end;
  return `${code.slice(0, cut)}\n\nasync function main(): Promise<void> {${code.slice(cut)}}\n\nmain().catch((error: unknown) => {\n  console.error(error);\n  process.exitCode = 1;\n});\n`;
}

/** A consumer project: `package.json` with its module type, and a strict tsconfig. */
export function writeProject(dir: string, type: 'module' | 'commonjs', compilerOptions: Record<string, unknown>, files: Record<string, string>): void {
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${type}`, private: true, type }, null, 2));
  for (const [name, code] of Object.entries(files)) writeFileSync(join(dir, 'src', name), code);
  const tsconfig = {
    compilerOptions: {
      target: 'es2022',
      lib: ['es2023'],
      types: ['node'],
      strict: true,
      skipLibCheck: true,
      rootDir: 'src',
      outDir: 'dist',
      ...compilerOptions,
    },
    include: ['src/**/*.ts'],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
}

/**
 * Run the workspace's TypeScript (the consumer's own, in real life) on a project. `errors` are those in the
 * consumer's code and in our packages' .d.ts (checked when `skipLibCheck` is off); third-party declarations are
 * not ours to judge (the MCP SDK's, for one, need the DOM lib).
 */
export function tsc(dir: string, ...args: string[]): Promise<{ status: number | null; errors: string[]; output: string }> {
  return new Promise((resolve) => {
    const tscBin = join(workspaceRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    execFile(process.execPath, [tscBin, '-p', dir, '--pretty', 'false', ...args], { cwd: dir, maxBuffer: 10 * 1024 * 1024 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      const errors = output.split('\n').filter((line) => /error TS\d+/.test(line) && (line.startsWith('src/') || line.includes('node_modules/@confluence-mcp/')));
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, errors, output });
    });
  });
}

/** Run a compiled program with plain node from its project folder. */
export function run(dir: string, file: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(dir, 'dist', file)], { encoding: 'utf8', cwd: dir, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
