/**
 * The built emulator (`nx build`, which the test target depends on) starts with plain node, prints where it
 * listens, serves the API, and refuses bad flags naming the flag.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { call } from './testing';

const main = join(__dirname, '..', '..', '..', 'dist', 'tools', 'llamacloud-emulator', 'main.js');

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

  it('starts on a free port with the keys and projects asked for', async () => {
    const { child, url } = await start(['--port', '0', '--api-key', 'llx-ci', '--project', 'Docs']);
    try {
      const answer = await call(`${url}/api/v1/projects`, { authorization: 'Bearer llx-ci' });
      expect(answer.status).toBe(200);
      expect(answer.body.map((project: { name: string }) => project.name)).toEqual(['Docs']);
      expect((await call(`${url}/api/v1/projects`)).status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('refuses a bad flag value, naming the flag, with exit code 2', () => {
    const result = spawnSync(process.execPath, [main, '--max-body-bytes', 'lots'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--max-body-bytes');
  });
});
