/** The README's example runs as written (against the sources) and prints what it promises. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

describe('README example', () => {
  it('prints the stored document, the 429 with Retry-After and the 413', () => {
    const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toContain("from '@confluence-mcp/llamacloud-emulator'");
    const source = (example ?? '').replace("'@confluence-mcp/llamacloud-emulator'", JSON.stringify(join(__dirname, 'index.ts')));
    const imports = source.split('\n').filter((line) => line.startsWith('import '));
    const body = source.split('\n').filter((line) => !line.startsWith('import '));
    const dir = mkdtempSync(join(tmpdir(), 'llamacloud-readme-'));
    try {
      const file = join(dir, 'example.ts');
      writeFileSync(file, [...imports, '(async () => {', ...body, '})();'].join('\n'));
      const tsx = require.resolve('tsx/cli');
      const result = spawnSync(process.execPath, [tsx, file], { encoding: 'utf8', timeout: 30_000 });
      expect(result.stderr).toBe('');
      expect(result.stdout.trim().split('\n')).toEqual(['200: page-1', '429, Retry-After: 2', '413: {"detail":"Request Entity Too Large"}']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
