/**
 * The packages as another project gets them: `npm pack` of dist/, unpacked into a fresh project in the OS temp
 * folder, compiled with `tsc --strict` as an ESM consumer (nodenext) and as a CommonJS one (node16, and the
 * legacy node10 resolution), and every README example run with plain node in both. The README examples are the
 * programs, so the documentation cannot drift from the packages.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGES, PackedPackage, asCommonJs, install, packAll, readmeExamples, run, tsc, writeProject } from './consumer';

/** What each README example must print (beyond exiting 0 with the same output as ESM and as CommonJS). */
const EXPECTED: Record<string, RegExp[]> = {
  'schemas-1': [/^Runbook v3$/m, /^NOT_FOUND: Not Found$/m, /^CONFLUENCE_URL: /m],
  'confluence-client-1': [/\(version \d+\): [1-9]\d* characters of storage format/, /^not found: /m],
  'confluence-client-2': [/^dc as \S.+; 1 secret to redact$/m, /^CONFLUENCE_URL: must be an http\(s\) URL$/m, /^CONFLUENCE_TIMEOUT_MS: /m],
  'confluence-client-3': [/^dc: \S.+/m, /^waited 30000 ms on the fake clock$/m],
  'confluence-markdown-1': [/^## Deploy$/m, /\[@Ada Lovelace\]\(confluence-user:42\)/, /^```bash$/m, /<!--confluence:toc/, /^toc kept$/m],
  'confluence-markdown-2': [/^line 3: ## Deploy\nline 7: ### Checks$/m, /^## Deploy\n\nRun the pipeline\.\n\n### Checks\n\nWatch the dashboard\.\n# Runbook$/m, /^Run the pipeline with --canary first\.\n\n## Rollback$/m, /^missing$/m],
  'mcp-tools-1': [/^# \S/m, /^\d+ read-only tools: .*get_confluence_page/m, /^get_confluence_page: isError=false$/m],
  'mcp-tools-2': [/\S/],
  'sync-engine-1': [
    /^first run: succeeded, [1-9]\d* pages listed, [1-9]\d* new, [1-9]\d* requests$/m,
    /^Deployment checklist > Before: Before Freeze the \[release\] \[branch\]\. \(page \d+\)$/m,
    /^second run: 0 new, 0 changed, [1-9]\d* unchanged$/m,
  ],
  'logging-1': [/^\{"msg":"signed in","user":"ana","apiToken":"\[Redacted\]","note":"used \[Redacted\]"\}$/m, /"tool":"get_confluence_page","ms":1200/, /^start-up failed with \[Redacted\]$/m],
  'confluence-emulator-1': [/^200: \S+, \S+$/m, /^503, Retry-After: 1$/m],
};

const examples = PACKAGES.flatMap((p) => {
  const short = p.name.split('/')[1];
  return readmeExamples(p.project).map((code, i) => ({ id: `${short}-${i + 1}`, package: p.name, code }));
});

let root: string;
let packed: PackedPackage[];
/** The three compilations run side by side (the one that checks every .d.ts takes the longest). */
let compiled: Record<'esm' | 'cjs' | 'cjsNode10', ReturnType<typeof tsc>>;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'confluence-mcp-consumer-'));
  packed = packAll(join(root, 'tarballs'));
  install(root, packed, join(root, 'tarballs'), ['@types/node']);
  const esm = Object.fromEntries(examples.map((e) => [`${e.id}.ts`, e.code]));
  const cjs = Object.fromEntries(examples.map((e) => [`${e.id}.ts`, asCommonJs(e.code)]));
  writeProject(join(root, 'esm'), 'module', { module: 'nodenext', moduleResolution: 'nodenext' }, esm);
  writeProject(join(root, 'cjs'), 'commonjs', { module: 'node16', moduleResolution: 'node16' }, cjs);
  writeProject(join(root, 'cjs-node10'), 'commonjs', { module: 'commonjs', moduleResolution: 'node10', esModuleInterop: true, noEmit: true }, cjs);
  compiled = { esm: tsc(join(root, 'esm')), cjs: tsc(join(root, 'cjs'), '--skipLibCheck', 'false'), cjsNode10: tsc(join(root, 'cjs-node10')) };
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

it('every package has a README example, and every example has expectations', () => {
  for (const p of PACKAGES) expect(examples.some((e) => e.package === p.name)).toBe(true);
  expect(examples.map((e) => e.id).sort()).toEqual(Object.keys(EXPECTED).sort());
});

it('each tarball holds the built entry points, their types and the README, and no sources or tests', () => {
  for (const p of packed) {
    const files = p.files.map((f) => f.path);
    const manifest = JSON.parse(readFileSync(join(root, 'node_modules', p.name, 'package.json'), 'utf8')) as { exports: Record<string, string | { types: string; default: string }> };
    for (const [entry, target] of Object.entries(manifest.exports)) {
      const targets = typeof target === 'string' ? [target] : [target.types, target.default];
      for (const t of targets) expect({ entry, file: files.includes(t.replace(/^\.\//, '')) }).toEqual({ entry, file: true });
    }
    expect(files).toContain('README.md');
    expect(files.filter((f) => /\.spec\.|spec-helper|(?<!\.d)\.ts$|^contract\//.test(f))).toEqual([]);
  }
});

it('type-checks every example as an ES module (module nodenext, strict)', async () => {
  const { status, output } = await compiled.esm;
  expect(output).toBe('');
  expect(status).toBe(0);
});

it("type-checks every example as CommonJS (module node16, strict), our packages' .d.ts files included", async () => {
  const { errors } = await compiled.cjs;
  expect(errors).toEqual([]);
});

it('type-checks every example as CommonJS with the legacy node10 resolution (the ./testing entries via typesVersions)', async () => {
  const { status, output } = await compiled.cjsNode10;
  expect(output).toBe('');
  expect(status).toBe(0);
});

it.each(examples.map((e) => [e.id, e] as const))('runs README example %s with plain node, as ESM and as CommonJS', (_id, example) => {
  const esm = run(join(root, 'esm'), `${example.id}.js`);
  expect({ status: esm.status, stderr: esm.stderr }).toEqual({ status: 0, stderr: '' });
  for (const pattern of EXPECTED[example.id] ?? []) expect(esm.stdout).toMatch(pattern);
  const cjs = run(join(root, 'cjs'), `${example.id}.js`);
  expect({ status: cjs.status, stderr: cjs.stderr }).toEqual({ status: 0, stderr: '' });
  expect(cjs.stdout).toBe(esm.stdout);
});
