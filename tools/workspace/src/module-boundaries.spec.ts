/**
 * Proves the module-boundary rules bite: each forbidden import below must fail lint with the workspace's own
 * ESLint config, and an allowed import must pass (so the rule is not just failing everything).
 */
import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const eslintBin = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');

/**
 * Lint `code` as if it were the file at `filePath`, through the ESLint CLI and the workspace's real config
 * (the flat config is ESM, which jest's module sandbox cannot load in-process).
 */
function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [eslintBin, '--stdin', '--stdin-filename', join(root, filePath), '--format', 'json'],
      // From the project's folder with its own config, as `nx lint` runs it.
      { cwd: join(root, filePath.split('/').slice(0, 2).join('/')), maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // ESLint exits 1 when it reports lint errors; anything else (or no JSON) is a broken setup.
        if (error && error.code !== 1) return reject(new Error(`eslint failed: ${stderr || error.message}`));
        try {
          // The rule may print a warning line before the JSON report.
          const [result] = JSON.parse(stdout.slice(stdout.indexOf('[{'))) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
          resolve(result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries' || m.ruleId === 'no-restricted-imports').map((m) => m.message));
        } catch {
          reject(new Error(`eslint printed no JSON: ${stderr.slice(0, 500)}`));
        }
      },
    );
    child.stdin?.end(code);
  });
}

jest.setTimeout(60_000);

// The rule silently skips itself when Nx has no cached project graph, so make sure one exists (as `nx lint` does).
beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), 'show', 'projects'], { cwd: root, stdio: 'ignore' });
});

describe('module boundaries', () => {
  it('forbids the emulator from importing the Confluence client', async () => {
    const errors = await boundaryErrors(
      'tools/confluence-emulator/src/boundary-probe.ts',
      "import * as client from '@confluence-mcp/confluence-client';\nexport const probe = client;\n",
    );
    // The client's specs start the emulator, so Nx may report the cycle first; either way the import fails.
    expect(errors.join('\n')).toMatch(/tagged with "type:emulator" can only depend on libs tagged with "type:emulator"|Circular dependency between "confluence-emulator" and "confluence-client"/);
  });

  it('forbids the emulator from importing our schemas (it is written from the public specs)', async () => {
    const errors = await boundaryErrors(
      'tools/confluence-emulator/src/boundary-probe.ts',
      "import * as schemas from '@confluence-mcp/schemas';\nexport const probe = schemas;\n",
    );
    expect(errors).toHaveLength(1);
  });

  it('forbids schemas from importing an I/O library', async () => {
    const errors = await boundaryErrors('libs/schemas/src/boundary-probe.ts', "import ky from 'ky';\nexport const probe = ky;\n");
    expect(errors.join('\n')).toMatch(/"type:schemas" is not allowed to import "ky"/);
  });

  it('forbids schemas from importing Node I/O built-ins', async () => {
    const errors = await boundaryErrors('libs/schemas/src/boundary-probe.ts', "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n");
    expect(errors.join('\n')).toMatch(/schemas must stay free of I\/O/);
  });

  it('forbids data flowing upwards: schemas may not import the client', async () => {
    const errors = await boundaryErrors(
      'libs/schemas/src/boundary-probe.ts',
      "import * as client from '@confluence-mcp/confluence-client';\nexport const probe = client;\n",
    );
    // Once the client imports schemas, Nx reports the cycle first; either way the import must fail.
    expect(errors.join('\n')).toMatch(/tagged with "type:schemas" can only depend on libs tagged with "type:schemas"|Circular dependency between "schemas" and "confluence-client"/);
  });

  it('lets specs start the emulator, but not library code', async () => {
    const code = "import { startEmulator } from '@confluence-mcp/confluence-emulator';\nexport const probe = startEmulator;\n";
    expect(await boundaryErrors('libs/confluence-client/src/boundary-probe.spec.ts', code)).toEqual([]);
    expect((await boundaryErrors('libs/confluence-client/src/boundary-probe.ts', code)).length).toBeGreaterThan(0);
  });

  it('allows the client to import schemas', async () => {
    const errors = await boundaryErrors(
      'libs/confluence-client/src/boundary-probe.ts',
      "import * as schemas from '@confluence-mcp/schemas';\nexport const probe = schemas;\n",
    );
    expect(errors).toEqual([]);
  });

  it('lets the MCP apps read the synced index, but keeps mcp-tools off the sync engine', async () => {
    const code = "import { openIndexReader } from '@confluence-mcp/sync-engine';\nexport const probe = openIndexReader;\n";
    expect(await boundaryErrors('apps/mcp-http/src/boundary-probe.ts', code)).toEqual([]);
    expect((await boundaryErrors('libs/mcp-tools/src/boundary-probe.ts', code)).join('\n')).toMatch(/tagged with "type:feature" can only depend on libs tagged with/);
  });
});
