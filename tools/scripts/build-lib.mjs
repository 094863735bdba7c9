#!/usr/bin/env node
// Builds one publishable package: `node tools/scripts/build-lib.mjs <projectRoot> [asset ...]`
// (the `build` target of each lib and of the emulator). Emits CommonJS + .d.ts for what the package's entry points
// reach (the `files` of <projectRoot>/tsconfig.lib.json) into dist/<projectRoot>, with its package.json, README.md
// and the listed assets (files or folders relative to the project root).
//
// Why not @nx/js:tsc: it compiles a lib against the built .d.ts of the libs it imports. Those are lossy for our
// recursive zod schemas (TypeScript elides deep inferred types to `any`), so the client stopped type-checking
// against them. Here every lib compiles against the others' sources, exactly as `typecheck` and the apps do; only
// the package's own files are kept, and its imports of other libs stay `@confluence-mcp/<lib>` package imports.
//
// A declaration TypeScript cannot write (an inferred type it cannot name) fails the build when the package's
// public types reach it. When no entry point's types reach it, it only warns: nobody can import that file's types.
import { createRequire } from 'node:module';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const workspaceRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(workspaceRoot, 'package.json'));
const ts = require('typescript');

const [projectRoot, ...assets] = process.argv.slice(2);
if (!projectRoot) {
  console.error('usage: build-lib.mjs <projectRoot> [asset ...]');
  process.exit(2);
}
const projectDir = join(workspaceRoot, projectRoot);
const srcDir = join(projectDir, 'src');
const tmpDir = join(workspaceRoot, 'tmp', 'build-lib', projectRoot);
const outDir = join(workspaceRoot, 'dist', projectRoot);

const host = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => workspaceRoot,
  getNewLine: () => '\n',
};
function fail(diagnostics, title) {
  console.error(`${title}\n${ts.formatDiagnosticsWithColorAndContext(diagnostics, host)}`);
  process.exit(1);
}

const parsed = ts.getParsedCommandLineOfConfigFile(join(projectDir, 'tsconfig.lib.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => fail([d], 'tsconfig.lib.json') });
if (parsed.errors.length) fail(parsed.errors, 'tsconfig.lib.json');
const options = {
  ...parsed.options,
  // The whole workspace is the root so that other libs' sources can be part of the program; their output is dropped.
  rootDir: workspaceRoot,
  outDir: tmpDir,
  declaration: true,
  declarationMap: false,
  sourceMap: false,
  noEmit: false,
  noEmitOnError: false,
  emitDeclarationOnly: false,
  composite: false,
  incremental: false,
};
rmSync(tmpDir, { recursive: true, force: true });
const program = ts.createProgram({ rootNames: parsed.fileNames, options });
// Type errors block the build; declaration-emit errors (TS4xxx) are judged below by what the entry points reach.
const errors = [
  ...program.getOptionsDiagnostics(),
  ...program.getGlobalDiagnostics(),
  ...program.getSyntacticDiagnostics(),
  ...program.getSemanticDiagnostics(),
].filter((d) => d.category === ts.DiagnosticCategory.Error);
if (errors.length) fail(errors, `${projectRoot}: type errors`);
const emitted = program.emit();

const ownOut = join(tmpDir, projectRoot, 'src');
const entries = parsed.fileNames.map((f) => join(ownOut, relative(srcDir, f)).replace(/\.ts$/, '.d.ts'));

/** Relative imports of a declaration file (`from './x'`, `import('./x')`), resolved to .d.ts paths. */
function relativeImports(file) {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\(\s*)['"](\.{1,2}\/[^'"]*)['"]/g)].map((m) => m[1]);
  return specifiers.map((s) => {
    const base = resolve(dirname(file), s.replace(/\.js$/, ''));
    return existsSync(`${base}.d.ts`) || !existsSync(join(base, 'index.d.ts')) ? `${base}.d.ts` : join(base, 'index.d.ts');
  });
}

// The declaration files the package's entry points reach, and what is wrong with them.
const reached = new Set();
const problems = [];
const queue = [...entries];
while (queue.length) {
  const file = queue.pop();
  if (reached.has(file)) continue;
  reached.add(file);
  if (!file.startsWith(ownOut + sep)) {
    problems.push(`${relative(tmpDir, file)} is outside ${projectRoot}/src: a public type points into another lib's sources instead of its package`);
    continue;
  }
  if (!existsSync(file)) {
    problems.push(`${relative(ownOut, file)} is reached by the public types but TypeScript could not write it`);
    continue;
  }
  queue.push(...relativeImports(file));
}
const declarationErrors = emitted.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
// Declarations of other libs' files are dropped here (their own build reports them).
const ownDeclarationErrors = declarationErrors.filter((d) => !d.file || d.file.fileName.startsWith(srcDir + sep));
const blocking = ownDeclarationErrors.filter((d) => !d.file || reached.has(join(ownOut, relative(srcDir, d.file.fileName)).replace(/\.ts$/, '.d.ts')));
if (problems.length || blocking.length) {
  if (blocking.length) console.error(ts.formatDiagnosticsWithColorAndContext(blocking, host));
  console.error(problems.map((p) => `${projectRoot}: ${p}`).join('\n'));
  process.exit(1);
}
for (const d of ownDeclarationErrors) {
  console.warn(`warning: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')} (${relative(workspaceRoot, d.file.fileName)}; no entry point's types reach it, so the package omits that .d.ts)`);
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
cpSync(ownOut, outDir, { recursive: true });
for (const file of ['package.json', 'README.md', ...assets]) {
  const from = join(projectDir, file);
  if (!existsSync(from)) {
    console.error(`${projectRoot}: ${file} is missing`);
    process.exit(1);
  }
  cpSync(from, join(outDir, file), { recursive: true });
}
rmSync(tmpDir, { recursive: true, force: true });

const count = (dir, suffix) =>
  readdirSync(dir).reduce((n, name) => {
    const path = join(dir, name);
    return n + (statSync(path).isDirectory() ? count(path, suffix) : name.endsWith(suffix) ? 1 : 0);
  }, 0);
console.log(`${projectRoot} -> ${relative(workspaceRoot, outDir)}: ${count(outDir, '.js')} .js, ${count(outDir, '.d.ts')} .d.ts`);
