/**
 * `.env.example` documents every variable the apps and libraries read: each one read in their source (`env['X']`,
 * `env.X`, `process.env.X`, and in configuration files the names handed to parsers and zod shapes) must appear as a
 * `X=` line (commented out when optional), right under a comment that says what it is.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..');

/** Read by the apps, but not theirs to document. */
const NOT_CONFIGURATION = new Set(['PATH', 'NODE_ENV', 'HOME']);

/** Source files of the product: no specs, no test helpers. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'testing' || name === 'node_modules' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Environment variable names a file reads. */
export function variablesRead(text: string, isConfigFile: boolean): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\b(?:process\.)?env(?:\?)?(?:\.([A-Z][A-Z0-9_]+)\b|\[['"]([A-Z][A-Z0-9_]+)['"]\])/g)) names.add(m[1] ?? m[2]);
  if (isConfigFile) {
    // Parsers called with the variable's name (`whole('PORT', 8001)`) and zod shapes keyed by it (`PORT: port()`).
    for (const m of text.matchAll(/\w\((?:\s*\w+\s*,)?\s*['"]([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|PORT|HOST)['"]/g)) names.add(m[1]);
    for (const m of text.matchAll(/^\s+([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|PORT|HOST):/gm)) names.add(m[1]);
  }
  return [...names].filter((name) => !NOT_CONFIGURATION.has(name));
}

function readEverywhere(): Map<string, string[]> {
  const where = new Map<string, string[]>();
  for (const file of [...sources(join(root, 'apps')), ...sources(join(root, 'libs'))]) {
    const path = relative(root, file);
    const isConfig = /(?:^|[/-])(?:config|[a-z]+-env|env)\.ts$/.test(path);
    for (const name of variablesRead(readFileSync(file, 'utf8'), isConfig)) where.set(name, [...(where.get(name) ?? []), path]);
  }
  return where;
}

const example = readFileSync(join(root, '.env.example'), 'utf8').split('\n');

describe('.env.example', () => {
  it('finds the variables it checks (the scan works)', () => {
    const read = readEverywhere();
    for (const name of ['CONFLUENCE_URL', 'DATABASE_URL', 'SYNC_DATABASE_URL', 'MCP_API_KEYS', 'PORT', 'LOG_LEVEL', 'CONFLUENCE_READ_ONLY']) expect(read.has(name)).toBe(true);
    expect(variablesRead("const a = env['A_B']; const b = process.env.C_D; whole('E_F', 3);\n  G_H: text(),", true).sort()).toEqual(['A_B', 'C_D', 'E_F', 'G_H']);
    expect(variablesRead("whole('E_F', 3);", false)).toEqual([]);
  });

  it('lists every variable the apps and libraries read, each with a comment above it', () => {
    const missing: string[] = [];
    const uncommented: string[] = [];
    for (const [name, files] of readEverywhere()) {
      const line = example.findIndex((l) => new RegExp(`^(?:# ?)?${name}=`).test(l));
      if (line < 0) missing.push(`${name} (read in ${files.join(', ')})`);
      else if (!example.slice(0, line).reverse().find((l) => !/^(?:# ?)?[A-Z][A-Z0-9_]*=/.test(l))?.startsWith('#')) uncommented.push(name);
    }
    expect(missing).toEqual([]);
    expect(uncommented).toEqual([]);
  });

  it('holds no real secret: only placeholders and the emulator demo credentials', () => {
    for (const line of example.filter((l) => /^[A-Z][A-Z0-9_]*=/.test(l))) {
      const [name, value] = [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)];
      if (/TOKEN|SECRET|PASSWORD|KEY/.test(name)) expect({ name, value }).toEqual({ name, value: expect.stringMatching(/^$|^token-alice$|^change-me/) });
    }
  });
});
