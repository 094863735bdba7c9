/**
 * `nx release` as nx.json configures it, in dry-run mode only: one version for every package with the internal
 * dependency ranges moved along, a changelog preview, and `npm publish --dry-run` of each dist/ folder to the
 * registry named by NPM_REGISTRY through `npm run release:publish`. Nothing is written, tagged or sent.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PACKAGES, workspaceRoot } from './consumer';

/** The environment of a fresh shell: this jest runs inside an Nx task, whose variables must not leak into nested runs. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^NX_/.test(key) && !/^npm_/i.test(key)));
  return { ...clean, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0', ...extra };
}

function exec(command: string, args: string[], extra: Record<string, string> = {}): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: workspaceRoot, env: env(extra), stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}
const nx = (...args: string[]) => exec(process.execPath, [join(workspaceRoot, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), ...args]);

const manifests = () => PACKAGES.map((p) => readFileSync(join(workspaceRoot, p.project, 'package.json'), 'utf8'));
const current = (JSON.parse(manifests()[0]) as { version: string }).version;
const [major, minor] = current.split('.').map(Number);
/** Explicit: a `minor` specifier on 0.x is applied as a patch by nx release. */
const next = `${major}.${minor + 1}.0`;

it('versions every package together and moves the internal dependency ranges along, without writing', async () => {
  const before = manifests();
  const { status, output } = await nx('release', 'version', next, '--dry-run');
  expect(status).toBe(0);
  for (const p of PACKAGES) expect(output).toContain(`New version ${next} written to manifest: ${p.project}/package.json`);
  expect(output).toContain(`+     "@confluence-mcp/confluence-client": "${next}"`);
  expect(output).toContain(`+     "@confluence-mcp/schemas": "${next}"`);
  expect(manifests()).toEqual(before);
});

it('previews the changelog entry', async () => {
  const { status, output } = await nx('release', 'changelog', next, '--dry-run');
  expect(status).toBe(0);
  expect(output).toContain('CHANGELOG.md');
  expect(output).toContain(`## ${next}`);
  expect(existsSync(join(workspaceRoot, 'CHANGELOG.md')) && readFileSync(join(workspaceRoot, 'CHANGELOG.md'), 'utf8').includes(`## ${next}`)).toBe(false);
});

it('publishes the built packages to the registry named by NPM_REGISTRY (dry run)', async () => {
  // A stand-in registry on loopback: npm's dry run still asks it whether the version exists (404: it does not).
  const asked: string[] = [];
  const registry = createServer((request, response) => {
    asked.push(decodeURIComponent(request.url ?? ''));
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
  });
  await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`;
  try {
    const { status, output } = await exec('npm', ['run', 'release:publish', '--', '--dry-run', '--excludeTaskDependencies'], { NPM_REGISTRY: url });
    expect(status).toBe(0);
    for (const p of PACKAGES) expect(output).toContain(`name:          ${p.name}`);
    expect(output.split(`Would publish to ${url}`).length - 1).toBe(PACKAGES.length);
    expect([...new Set(asked)].sort()).toEqual(PACKAGES.map((p) => `/${p.name}`).sort());
  } finally {
    await new Promise((resolve) => registry.close(resolve));
  }
});

it('refuses to publish when NPM_REGISTRY is not set', async () => {
  const { status, output } = await exec('npm', ['run', 'release:publish', '--', '--dry-run', '--excludeTaskDependencies']);
  expect(status).not.toBe(0);
  expect(output).toContain('set NPM_REGISTRY to the URL of the registry to publish to');
});
