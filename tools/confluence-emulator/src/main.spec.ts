/**
 * The built emulator (`npm run build`, which `npm test` runs first) starts with plain node, prints where it
 * listens, serves requests, and refuses bad flags naming the flag.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ALICE, getJson } from './testing';

const main = join(__dirname, '..', '..', '..', 'dist', 'tools', 'confluence-emulator', 'main.js');

function start(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve({ child, url: match[1] });
    });
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code} before listening`)));
  });
}

describe('built emulator', () => {
  it('exists after the build', () => {
    expect(existsSync(main)).toBe(true);
  });

  it('starts on a free port with --port 0 and serves the flavour asked for', async () => {
    const { child, url } = await start(['--port', '0', '--flavor', 'dc', '--spaces', '2', '--pages-per-space', '10']);
    try {
      const { status, body } = await getJson(`${url}/rest/api/space`, 'Bearer pat-alice');
      expect(status).toBe(200);
      expect(body.size).toBe(2);
      expect((await getJson(`${url}/wiki/api/v2/spaces`, ALICE)).status).toBe(404);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('refuses a bad flag value, naming the flag, with exit code 2', () => {
    const result = spawnSync(process.execPath, [main, '--error-rate', '7'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--error-rate');
  });
});
