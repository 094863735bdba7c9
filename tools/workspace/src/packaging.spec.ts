/**
 * The container files, checked without a Docker engine (there is none here): what hadolint-style rules and a build
 * would catch by reading them. Every file a COPY names exists; the entry point (ENTRYPOINT + CMD) is what the app's
 * build writes (its project.json); the runtime stage installs production dependencies only, runs as a non-root user,
 * has a HEALTHCHECK on /healthz without curl, caps the heap, puts no secret in ENV; the base image is pinned.
 * docker-compose.yml runs the scale-out on PostgreSQL (pinned image, pg_isready, API and worker roles from the sync
 * Dockerfile, mcp-http on the same database); docker-compose.sqlite.yml builds both services onto one data volume;
 * settings come from .env and no secret is written in either file.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, posix } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const APPS = ['sync-worker', 'mcp-http'] as const;

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

/** Instructions of a Dockerfile (continuation lines joined, comments dropped), grouped by stage, with ARG defaults. */
export function parseDockerfile(text: string): { args: Map<string, string>; stages: Stage[] } {
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword, rest] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    if (!keyword) throw new Error(`not an instruction: ${line}`);
    const upper = keyword.toUpperCase();
    if (upper === 'FROM') {
      const [image, as, name] = rest.split(/\s+/);
      stages.push({ from: image.replace(/\$\{(\w+)\}/g, (_, arg: string) => args.get(arg) ?? ''), name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (upper === 'ARG' && !stages.length) {
      const [name, value = ''] = rest.split('=');
      args.set(name, value);
    } else {
      stages[stages.length - 1]?.instructions.push({ keyword: upper, args: rest });
    }
  }
  return { args, stages };
}

/** The exec-form array of an instruction (`CMD ["node", ...]`). */
function execForm(args: string): string[] {
  const json = args.slice(args.indexOf('['));
  return JSON.parse(json) as string[];
}

for (const app of APPS) {
  describe(`apps/${app}/Dockerfile`, () => {
    const dockerfile = parseDockerfile(readFileSync(join(root, 'apps', app, 'Dockerfile'), 'utf8'));
    const build = dockerfile.stages[0];
    const runtime = dockerfile.stages[dockerfile.stages.length - 1];
    const of = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword);
    const project = JSON.parse(readFileSync(join(root, 'apps', app, 'project.json'), 'utf8')) as { targets: { build: { options: { outputPath: string; outputFileName: string } } } };
    const output = posix.join(project.targets.build.options.outputPath, project.targets.build.options.outputFileName);

    it('is multi-stage: npm ci and the Nx build in the first stage, production dependencies only in the last', () => {
      expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
      const runs = (stage: Stage) => of(stage, 'RUN').map((i) => i.args).join('\n');
      expect(runs(build)).toMatch(/\bnpm ci\b/);
      expect(runs(build)).toContain(`nx run ${app}:build`);
      expect(runs(runtime)).toMatch(/\bnpm ci --omit=dev\b/);
      expect(runs(runtime)).not.toMatch(/\bnx\b|npm (?:i|install)\b/);
    });

    it('pins every base image: a versioned tag (no latest), with a sha256 digest', () => {
      for (const stage of dockerfile.stages) {
        const base = dockerfile.stages.find((s) => s.name === stage.from) ? undefined : stage.from;
        if (!base) continue;
        expect(base).toMatch(/^node:20\.20-bookworm-slim@sha256:[0-9a-f]{64}$/);
      }
    });

    it('copies only files that exist, and from the build stage only what the build produces', () => {
      for (const stage of dockerfile.stages) {
        for (const copy of of(stage, 'COPY')) {
          const parts = copy.args.split(/\s+/);
          const from = parts.find((p) => p.startsWith('--from='))?.slice('--from='.length);
          const paths = parts.filter((p) => !p.startsWith('--'));
          const sources = paths.slice(0, -1);
          expect(sources.length).toBeGreaterThan(0);
          for (const source of sources) {
            if (from === undefined) expect({ source, exists: existsSync(join(root, source)) }).toEqual({ source, exists: true });
            else {
              expect(dockerfile.stages.some((s) => s.name === from)).toBe(true);
              // Inside the build stage the repository sits at its WORKDIR.
              const workdir = of(build, 'WORKDIR')[0]?.args ?? '/';
              expect(posix.relative(workdir, source)).toBe(project.targets.build.options.outputPath);
              // ...and lands where the CMD, relative to the runtime WORKDIR, looks for it.
              expect(posix.normalize(paths.at(-1) ?? '')).toBe(project.targets.build.options.outputPath);
            }
          }
        }
      }
    });

    it(`runs ${output}, the file the build writes, with a capped heap`, () => {
      // What the container runs: the ENTRYPOINT (if any) followed by the CMD, its default arguments.
      const entrypoint = execForm(of(runtime, 'ENTRYPOINT').at(-1)?.args ?? '[]');
      const cmd = [...entrypoint, ...execForm(of(runtime, 'CMD').at(-1)?.args ?? '[]')];
      expect(cmd[0]).toBe('node');
      expect(cmd).toContainEqual(expect.stringMatching(/^--max-old-space-size=\d+$/));
      expect(cmd).toContain(output);
      if (app === 'sync-worker') {
        expect(cmd.at(-1)).toBe('serve');
        // compose passes `serve --role api|worker` as the command: the entry point must end at the CLI.
        expect(entrypoint.at(-1)).toBe(output);
      }
    });

    it('runs as a non-root user and checks /healthz with node (slim images have no curl)', () => {
      const users = of(runtime, 'USER').map((i) => i.args.trim());
      expect(users.at(-1)).toBe('node');
      const lastUser = runtime.instructions.map((i) => i.keyword).lastIndexOf('USER');
      expect(lastUser).toBeLessThan(runtime.instructions.map((i) => i.keyword).lastIndexOf('CMD'));
      const health = of(runtime, 'HEALTHCHECK');
      expect(health).toHaveLength(1);
      const check = execForm(health[0].args);
      expect(check[0]).toBe('node');
      expect(check.join(' ')).toContain('/healthz');
      expect(health[0].args).not.toMatch(/\bcurl\b|\bwget\b/);
    });

    it('has a HEALTHCHECK command that exits 0 on a 200 from /healthz and 1 otherwise', async () => {
      const check = execForm(of(runtime, 'HEALTHCHECK')[0].args);
      let status = 200;
      const paths: string[] = [];
      const server = createServer((req, res) => {
        paths.push(req.url ?? '');
        res.writeHead(status).end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = String((server.address() as AddressInfo).port);
      const run = () => new Promise<number | null>((resolve) => execFile(process.execPath, check.slice(1), { env: { PORT: port } }, (error) => resolve(error ? (error.code as number) : 0)));
      try {
        expect(await run()).toBe(0);
        status = 503;
        expect(await run()).toBe(1);
        expect(paths).toEqual(['/healthz', '/healthz']);
      } finally {
        server.close();
      }
    });

    it('puts no secret in ENV or ARG', () => {
      for (const stage of dockerfile.stages) {
        for (const env of [...of(stage, 'ENV'), ...of(stage, 'ARG')]) {
          for (const name of env.args.match(/\b[A-Z][A-Z0-9_]*(?==)/g) ?? []) expect(name).not.toMatch(/TOKEN|SECRET|PASSWORD|API_KEY|SECRET_KEY|CREDENTIAL/);
        }
      }
      for (const name of dockerfile.args.keys()) expect(name).not.toMatch(/TOKEN|SECRET|PASSWORD|KEY/);
    });
  });
}

describe('.dockerignore', () => {
  it('keeps installed, built and secret files out of the build context', () => {
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    for (const entry of ['node_modules', 'dist', '.env', '.git', 'data']) expect(ignored).toContain(entry);
  });
});

/** The lines of one top-level service block of a compose file. */
function serviceBlock(compose: string, name: string): string {
  const start = compose.indexOf(`\n  ${name}:\n`);
  expect({ name, found: start > 0 }).toEqual({ name, found: true });
  const rest = compose.slice(start + 1).split('\n');
  const end = rest.findIndex((line, i) => i > 0 && /^ {0,2}\S/.test(line));
  return rest.slice(0, end < 0 ? undefined : end).join('\n');
}

/** No literal secret: a secret-named variable's value, and a URL's password, can only come from .env (`${...}`). */
function expectNoSecret(compose: string): void {
  const text = compose.replace(/^\s*#.*$/gm, '');
  for (const [, name, value] of text.matchAll(/^[ \t-]*([A-Z0-9_]*(?:TOKEN|SECRET|PASSWORD|API_KEYS?)[A-Z0-9_]*)[ \t]*[:=][ \t]*(.*)$/gm)) {
    expect({ name, value }).toEqual({ name, value: expect.stringMatching(/^(\$\{[^}]*\})?$/) });
  }
  for (const [url, password] of text.matchAll(/[a-z]+:\/\/[^:\s/@]+:(\$\{[^}]*\}|[^@\s]*)@/g)) expect({ url, password }).toEqual({ url, password: expect.stringMatching(/^\$\{/) });
}

describe('docker-compose.yml (scale-out on PostgreSQL)', () => {
  const compose = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
  const service = (name: string) => serviceBlock(compose, name);
  const databaseUrl = /^x-database-url: &database-url postgres:\/\/\w+:\$\{POSTGRES_PASSWORD[^}]*\}@postgres:5432\/\w+$/m;

  it('runs PostgreSQL from the official image pinned by tag, checked with pg_isready, on a volume', () => {
    const postgres = service('postgres');
    expect(postgres).toMatch(/image: postgres:\d+\.\d+(-\w+)?\n/);
    expect(postgres).toMatch(/test: \["CMD-SHELL", "pg_isready\b/);
    expect(postgres).toMatch(/- pgdata:\/var\/lib\/postgresql\n/);
    expect(compose).toMatch(/^volumes:\n {2}pgdata:/m);
  });

  it('builds the API and the workers from the sync service Dockerfile with their role, on the one database, once it is healthy', () => {
    expect(compose).toMatch(databaseUrl);
    for (const [name, role] of [['sync-api', 'api'], ['worker', 'worker']]) {
      const block = service(name);
      expect(block).toContain('dockerfile: apps/sync-worker/Dockerfile');
      expect(block).toContain(`command: ["serve", "--role", "${role}"]`);
      expect(block).toMatch(/env_file: \.env/);
      expect(block).toMatch(/DATABASE_URL: \*database-url/);
      expect(block).toMatch(/depends_on:\n {6}postgres:\n {8}condition: service_healthy/);
    }
    expect(service('sync-api')).toMatch(/- "8001:8001"/);
    expect(service('worker')).toMatch(/deploy:\n {6}replicas: \d+/);
    expect(service('worker')).not.toMatch(/ports:/);
  });

  it('has mcp-http search the same database', () => {
    const block = service('mcp-http');
    expect(block).toContain('dockerfile: apps/mcp-http/Dockerfile');
    expect(block).toMatch(/env_file: \.env/);
    expect(block).toMatch(/SYNC_DATABASE_URL: \*database-url/);
  });

  it('puts no secret in the file itself', () => {
    expectNoSecret(compose);
    expectNoSecret('  PASSWORD: ${POSTGRES_PASSWORD}\n  url: postgres://u:${P}@h/d\n');
    expect(() => expectNoSecret('  POSTGRES_PASSWORD: hunter2\n')).toThrow();
    expect(() => expectNoSecret('  DATABASE_URL: postgres://sync:hunter2@postgres:5432/sync\n')).toThrow();
  });
});

describe('docker-compose.sqlite.yml (one process on SQLite)', () => {
  const compose = readFileSync(join(root, 'docker-compose.sqlite.yml'), 'utf8');
  const service = (name: string) => serviceBlock(compose, name);

  it('builds both services from their Dockerfiles, with settings from .env, on one data volume', () => {
    expect(compose).toMatch(/^services:$/m);
    expect(compose).toMatch(/^volumes:\n {2}data:/m);
    for (const app of APPS) {
      const block = service(app);
      expect(block).toContain(`dockerfile: apps/${app}/Dockerfile`);
      expect(block).toMatch(/env_file: \.env/);
      expect(block).toMatch(/- data:\/data\b/);
    }
    expect(service('sync-worker')).toMatch(/DATABASE_URL: \/data\/sync\.db/);
    expect(service('mcp-http')).toMatch(/SYNC_DATABASE_URL: \/data\/sync\.db/);
  });

  it('puts no secret in the file itself', () => {
    expectNoSecret(compose);
  });
});
