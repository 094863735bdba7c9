/**
 * Proves `@nx/dependency-checks` bites on the packages' manifests: a package.json that misses a dependency, keeps
 * an unused one, or declares a range without the installed version fails lint with the workspace's own config.
 */
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from './consumer';

const eslintBin = join(workspaceRoot, 'node_modules', 'eslint', 'bin', 'eslint.js');

/** Messages of the rule for `manifest` linted as `<project>/package.json`, from the project's folder as `nx lint` runs. */
function dependencyErrors(project: string, manifest: Record<string, unknown>): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [eslintBin, '--stdin', '--stdin-filename', join(workspaceRoot, project, 'package.json'), '--format', 'json'],
      { cwd: join(workspaceRoot, project), maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && error.code !== 1) return reject(new Error(`eslint failed: ${stderr || error.message}`));
        const [result] = JSON.parse(stdout.slice(stdout.indexOf('[{'))) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
        resolve(result.messages.filter((m) => m.ruleId === '@nx/dependency-checks').map((m) => m.message));
      },
    );
    child.stdin?.end(JSON.stringify(manifest, null, 2));
  });
}

const manifestOf = (project: string) => JSON.parse(readFileSync(join(workspaceRoot, project, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

jest.setTimeout(60_000);

// The rule skips itself when Nx has no cached project graph, so make sure one exists (as `nx lint` does).
beforeAll(() => {
  execFileSync(process.execPath, [join(workspaceRoot, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), 'show', 'projects'], { cwd: workspaceRoot, stdio: 'ignore' });
});

it('accepts the manifests as committed', async () => {
  expect(await dependencyErrors('libs/confluence-client', manifestOf('libs/confluence-client'))).toEqual([]);
  expect(await dependencyErrors('libs/mcp-tools', manifestOf('libs/mcp-tools'))).toEqual([]);
});

it('reports a missing dependency and an unused one', async () => {
  const manifest = manifestOf('libs/confluence-client');
  const { ky: _ky, ...rest } = manifest.dependencies;
  const errors = await dependencyErrors('libs/confluence-client', { ...manifest, dependencies: { ...rest, pino: '^9.14.0' } });
  expect(errors.join('\n')).toMatch(/missing from "dependencies":\s+- ky/);
  expect(errors.join('\n')).toMatch(/"pino" package is not used/);
});

it('reports a range that does not contain the installed version', async () => {
  const manifest = manifestOf('libs/confluence-markdown');
  const errors = await dependencyErrors('libs/confluence-markdown', { ...manifest, dependencies: { ...manifest.dependencies, turndown: '^6.0.0' } });
  expect(errors.join('\n')).toMatch(/does not contain the installed version of "turndown"/);
});
