/**
 * Storage <-> Markdown over the corpus (mark's storage fixtures, the Airbyte pages, the emulator's generated
 * pages). Figures: each construct counted in the input storage and again in the storage written back from our
 * Markdown (target: 100 % kept, a placeholder counting as kept), and throughput in MB/s both ways next to plain
 * turndown (no custom rules) on the same input (target: at least 0.8x plain turndown's speed).
 */
import { startEmulator } from '@confluence-mcp/confluence-emulator';
import { markdownToStorage, storageToMarkdown } from '@confluence-mcp/confluence-markdown';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import TurndownService from 'turndown';
import { report, round } from './report';

const reference = join(__dirname, '..', '..', '..', '..', 'shared', 'reference');

function referenceCorpus(): string[] {
  const files = [
    ...readdirSync(join(reference, 'mark-testdata', 'storage-to-md')).filter((f) => f.endsWith('.xml')).map((f) => join(reference, 'mark-testdata', 'storage-to-md', f)),
    ...readdirSync(join(reference, 'mark-testdata', 'md-to-storage')).filter((f) => f.endsWith('.html')).map((f) => join(reference, 'mark-testdata', 'md-to-storage', f)),
    ...readdirSync(join(reference, 'airbyte-confluence-records')).filter((f) => f.endsWith('.storage.xml')).map((f) => join(reference, 'airbyte-confluence-records', f)),
  ];
  return files.map((file) => readFileSync(file, 'utf8'));
}

/** Constructs counted in storage. Macros are counted by name so a lost one shows. */
const COUNTERS: Record<string, (storage: string) => number> = {
  links: (s) => count(s, /<ac:link\b|<a\s[^>]*href=/g),
  codeBlocksWithLanguage: (s) => count(s, /<ac:structured-macro[^>]*ac:name="code"[^>]*>(?:(?!<\/ac:structured-macro>)[\s\S])*?<ac:parameter ac:name="language">[^<]/g),
  codeBlocks: (s) => count(s, /ac:name="(?:code|noformat)"/g),
  tables: (s) => count(s, /<table\b/g),
  taskItems: (s) => count(s, /<ac:task>/g),
  headings: (s) => count(s, /<h[1-6]\b/g),
  macros: (s) => count(s, /<ac:structured-macro\b/g),
};

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

function throughput(inputs: string[], convert: (input: string) => unknown, repeats: number): number {
  const bytes = inputs.reduce((sum, s) => sum + Buffer.byteLength(s), 0) * repeats;
  for (const input of inputs.slice(0, 20)) convert(input); // warm up
  const started = performance.now();
  for (let r = 0; r < repeats; r++) for (const input of inputs) convert(input);
  return bytes / 1e6 / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ spaces: 2, pagesPerSpace: 150, seed: 3 });
  const generated = [...emulator.control.world.pages.values()].map((p) => p.versions[p.versions.length - 1].body);
  await emulator.close();
  const corpus = [...referenceCorpus(), ...generated];

  const totals: Record<string, { input: number; output: number }> = {};
  let placeholders = 0;
  let failures = 0;
  for (const storage of corpus) {
    try {
      const { markdown } = storageToMarkdown(storage);
      placeholders += count(markdown, /<!--confluence:/g);
      const { storage: written } = markdownToStorage(markdown);
      for (const [name, counter] of Object.entries(COUNTERS)) {
        totals[name] ??= { input: 0, output: 0 };
        totals[name].input += counter(storage);
        totals[name].output += counter(written);
      }
    } catch {
      failures++;
    }
  }
  const figures: Record<string, number> = { documents: corpus.length, failures, placeholders };
  let allKept = failures === 0;
  for (const [name, { input, output }] of Object.entries(totals)) {
    figures[`${name}In`] = input;
    figures[`${name}KeptPct`] = input ? round((Math.min(input, output) / input) * 100, 1) : 100;
    if (output < input) allKept = false;
  }
  report({ name: 'markdown.constructs-kept', inputs: { corpus: 'mark storage fixtures + Airbyte pages + 300 generated pages' }, figures, target: { keptPct: 100, failures: 0 }, met: allKept });

  const plain = new TurndownService();
  const repeats = 5;
  const oursToMd = throughput(corpus, (s) => storageToMarkdown(s), repeats);
  const plainToMd = throughput(corpus, (s) => plain.turndown(s), repeats);
  const markdowns = corpus.map((s) => storageToMarkdown(s).markdown);
  const oursToStorage = throughput(markdowns, (m) => markdownToStorage(m), repeats);
  report({
    name: 'markdown.throughput',
    inputs: { documents: corpus.length, megabytes: round(corpus.reduce((n, s) => n + Buffer.byteLength(s), 0) / 1e6, 2), repeats },
    figures: { storageToMarkdownMBps: round(oursToMd), plainTurndownMBps: round(plainToMd), ratioToPlainTurndown: round(oursToMd / plainToMd), markdownToStorageMBps: round(oursToStorage) },
    target: { ratioToPlainTurndown: '>= 0.8' },
    met: oursToMd / plainToMd >= 0.8,
  });

  const big = generated.join('').repeat(Math.ceil(5e6 / generated.join('').length)).slice(0, 5e6);
  const started = performance.now();
  storageToMarkdown(`<p>start</p>${big}`);
  const bigMs = performance.now() - started;
  report({ name: 'markdown.five-megabyte-page', inputs: { megabytes: 5 }, figures: { storageToMarkdownMs: round(bigMs) }, target: { storageToMarkdownMs: '< 2000' }, met: bigMs < 2000 });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
