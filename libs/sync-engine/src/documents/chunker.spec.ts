/** The chunker alone: heading paths, stable ids, chunk sizes in tokens, content hashes, linear cost, paragraph pieces. */
import { encode } from 'gpt-tokenizer';
import { Chunker, MAX_PIECE_CHARS, chunkId, contentHash, paragraphPieces } from './chunker';
import type { PageDocument, PageMetadata } from './page-document';

const SITE = 'acme.atlassian.net';
const metadata: PageMetadata = {
  source: 'confluence',
  site: SITE,
  space_key: 'ENG',
  space_name: 'Engineering',
  page_id: '42',
  title: 'Runbook',
  url: `https://${SITE}/wiki/spaces/ENG/pages/42`,
  ancestors: ['Home'],
  labels: ['ops'],
  version: 7,
  created_at: '2024-01-01T00:00:00.000Z',
  updated_at: '2024-03-01T00:00:00.000Z',
  author: 'Alice',
  updated_by: 'Bob',
};
const doc = (markdown: string, extra: Partial<PageMetadata> = {}): PageDocument => ({ pageId: '42', markdown, metadata: { ...metadata, ...extra } });
const tokens = (text: string) => encode(text).length;
const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? [];

describe('Chunker', () => {
  it('gives each chunk the headings above it, outermost first', () => {
    const markdown = 'Intro before any heading.\n\n# Install\n\nGet it.\n\n## On Linux\n\nUse apt.\n\n### Debian\n\nUse apt-get.\n\n## On macOS\n\nUse brew.\n\n# Run\n\nStart it.';
    const chunks = new Chunker().chunk(doc(markdown));
    expect(chunks.map((c) => c.headingPath)).toEqual([[], ['Install'], ['Install', 'On Linux'], ['Install', 'On Linux', 'Debian'], ['Install', 'On macOS'], ['Run']]);
    expect(chunks.map((c) => c.metadata.heading_path)).toEqual(['', 'Install', 'Install > On Linux', 'Install > On Linux > Debian', 'Install > On macOS', 'Run']);
    expect(chunks[2].text).toBe('On Linux\n\nUse apt.');
  });

  it('does not take a # line inside a code block for a heading', () => {
    const chunks = new Chunker().chunk(doc('# Setup\n\n```bash\n# install the tools\nnpm ci\n## not a heading either\n```\n\nDone.'));
    expect(chunks.map((c) => c.headingPath)).toEqual([['Setup']]);
    expect(chunks[0].text).toContain('# install the tools');
  });

  it('numbers chunks with stable ids, carries the page metadata, and gives the same chunks every time', () => {
    const markdown = '# A\n\nOne.\n\n# B\n\nTwo.\n\n# C\n\nThree.';
    const chunks = new Chunker().chunk(doc(markdown));
    expect(chunks.map((c) => c.id)).toEqual([0, 1, 2].map((n) => chunkId(SITE, '42', n)));
    expect(chunks.map((c) => c.id)).toEqual(['confluence:acme.atlassian.net:42:0', 'confluence:acme.atlassian.net:42:1', 'confluence:acme.atlassian.net:42:2']);
    for (const [n, chunk] of chunks.entries()) expect(chunk).toMatchObject({ pageId: '42', metadata: { ...metadata, chunk_index: n, chunk_count: 3 } });
    expect(new Chunker().chunk(doc(markdown))).toEqual(chunks);
  });

  it('gives a page without text one chunk with its title, so it can still be found', () => {
    for (const markdown of ['', '  \n\n \t']) {
      expect(new Chunker().chunk(doc(markdown))).toEqual([
        { id: chunkId(SITE, '42', 0), pageId: '42', text: 'Runbook', headingPath: [], metadata: { ...metadata, heading_path: '', chunk_index: 0, chunk_count: 1 } },
      ]);
    }
  });

  it.each([
    ['English prose', 'The quick brown fox jumps over the lazy dog near the river bank. '.repeat(400)],
    ['Chinese', '漢字は日本語の文字です。中文文本没有空格。'.repeat(300)],
    ['Cyrillic', 'Съешь же ещё этих мягких французских булок, да выпей чаю. '.repeat(300)],
    ['accented words', 'Ærøskøbing façade naïve crème brûlée. '.repeat(300)],
  ])('splits a long section of %s into chunks within the chunk size, losing no word', (_name, text) => {
    const chunkSize = 256;
    const chunks = new Chunker({ chunkSize, chunkOverlap: 16 }).chunk(doc(`# Long\n\n${text}`));
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(tokens(chunk.text)).toBeLessThanOrEqual(chunkSize);
    const held = new Set(chunks.flatMap((c) => words(c.text)));
    expect(words(text).filter((word) => !held.has(word))).toEqual([]);
  });

  it.each([
    ['emoji', '🎉🔥🦓'.repeat(600)],
    ['one long word', 'x'.repeat(20_000)],
  ])('splits a long section of %s without words to cut at, losing no character', (_name, text) => {
    const chunks = new Chunker({ chunkSize: 256, chunkOverlap: 16 }).chunk(doc(text));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.reduce((sum, c) => sum + c.text.length, 0)).toBeGreaterThanOrEqual(text.length);
    expect(new Set(chunks.flatMap((c) => [...c.text]))).toEqual(new Set([...text]));
  });

  it('keeps a short section whole when it fits the chunk size, even in a script with several tokens per character', () => {
    const chunkSize = 1024;
    for (const text of ['漢字'.repeat(200), '🎉'.repeat(150), 'plain words '.repeat(60)]) {
      const chunks = new Chunker({ chunkSize }).chunk(doc(text));
      expect(chunks).toHaveLength(1);
      expect(tokens(chunks[0].text)).toBeLessThanOrEqual(chunkSize);
    }
    // 700 CJK pairs are ~2,100 tokens: more than one chunk, although short in characters.
    expect(new Chunker({ chunkSize }).chunk(doc('漢字'.repeat(700))).length).toBeGreaterThan(1);
  });
});

describe('contentHash', () => {
  it('is equal for the same chunks and differs when a text, a metadata value or the order changes', () => {
    const chunker = new Chunker();
    const base = chunker.chunk(doc('# A\n\nOne.\n\n# B\n\nTwo.'));
    expect(contentHash(chunker.chunk(doc('# A\n\nOne.\n\n# B\n\nTwo.')))).toBe(contentHash(base));
    expect(contentHash(chunker.chunk(doc('# A\n\nOne!\n\n# B\n\nTwo.')))).not.toBe(contentHash(base));
    expect(contentHash(chunker.chunk(doc('# A\n\nOne.\n\n# B\n\nTwo.', { version: 8 })))).not.toBe(contentHash(base));
    expect(contentHash(chunker.chunk(doc('# A\n\nOne.\n\n# B\n\nTwo.', { ancestors: ['Home', 'Ops'] })))).not.toBe(contentHash(base));
    expect(contentHash([...base].reverse())).not.toBe(contentHash(base));
    expect(contentHash(base)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('paragraphPieces', () => {
  it('keeps text within the limit as one piece, and nothing as nothing', () => {
    expect(paragraphPieces('One.\n\nTwo.', 100)).toEqual(['One.\n\nTwo.']);
    expect(paragraphPieces('', 100)).toEqual([]);
  });

  it('cuts at blank lines, packing whole paragraphs into pieces of at most the limit', () => {
    const paragraphs = Array.from({ length: 10 }, (_, n) => `Paragraph ${n} ${'word '.repeat(6).trim()}.`);
    const pieces = paragraphPieces(paragraphs.join('\n\n\n'), 100);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(100);
    expect(pieces.flatMap((piece) => piece.split('\n\n'))).toEqual(paragraphs);
    expect(pieces.length).toBeLessThan(paragraphs.length);
  });

  it('cuts a paragraph longer than the limit at the last space before it, never inside a word', () => {
    const paragraph = Array.from({ length: 200 }, (_, n) => `w${n}`).join(' ');
    const pieces = paragraphPieces(paragraph, 50);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(50);
    expect(pieces.join(' ').split(' ')).toEqual(paragraph.split(' '));
  });

  it('cuts text without spaces hard at the limit', () => {
    const pieces = paragraphPieces('y'.repeat(250), 100);
    expect(pieces.map((piece) => piece.length)).toEqual([100, 100, 50]);
  });

  it('is linear: 20 MB of one paragraph are cut in well under a second', () => {
    const started = performance.now();
    const pieces = paragraphPieces('word '.repeat(4_000_000), MAX_PIECE_CHARS);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(pieces.length).toBeGreaterThan(2_000);
  });
});

describe('the chunker stays linear', () => {
  /** Largest accepted t(large) / t(small) for inputs 10 times apart: 10 is linear, 100 quadratic; the slack absorbs GC and other processes. */
  const MAX_RATIO = 30;
  /** Small times count as at least this (ms): tiny inputs run from the caches, which alone makes large ones slower per character. */
  const SMALL_FLOOR_MS = 15;

  /** A realistic page: sections with headings, paragraphs, a list, a table and a code block. */
  const page = (size: number) => {
    const section = (n: number) =>
      `## Section ${n}\n\n${'The service restarts nightly; check the dashboard before you page anyone. '.repeat(8)}\n\n- first step\n- second step\n\n| Host | Role |\n| --- | --- |\n| web-${n} | frontend |\n\n\`\`\`bash\n# restart\nsystemctl restart app\n\`\`\`\n\n`;
    let out = '';
    for (let n = 0; out.length < size; n++) out += section(n);
    return out.slice(0, size);
  };
  const paragraph = (size: number) => 'The quick brown fox jumps over the lazy dog. '.repeat(Math.ceil(size / 45)).slice(0, size);
  const emoji = (size: number) => '🎉🔥'.repeat(Math.ceil(size / 4)).slice(0, size);

  /** Milliseconds to chunk a fresh `make(size)`, the median of three. */
  const time = (make: (size: number) => string, size: number) => {
    const runs = [0, 1, 2].map(() => {
      const input = make(size);
      const started = performance.now();
      new Chunker().chunk(doc(input));
      return performance.now() - started;
    });
    return runs.sort((a, b) => a - b)[1];
  };

  /** The best t(large) / t(small) of up to three tries: a super-linear path is slow every time, a busy machine only now and then. */
  const bestRatio = (make: (size: number) => string, small: number) => {
    time(make, small / 10); // warm-up
    let best = Infinity;
    for (let attempt = 0; attempt < 3 && best > MAX_RATIO; attempt++) best = Math.min(best, time(make, small * 10) / Math.max(time(make, small), SMALL_FLOOR_MS));
    return best;
  };

  it('a 1 MB page splits in well under a second, and 100 KB in a tenth of that', () => {
    expect(bestRatio(page, 100_000)).toBeLessThan(MAX_RATIO);
    let best = Infinity;
    for (let attempt = 0; attempt < 3 && best >= 1_000; attempt++) best = Math.min(best, time(page, 1_000_000));
    expect(best).toBeLessThan(1_000);
  }, 60_000);

  it.each([
    ['one paragraph of prose', paragraph],
    ['emoji without spaces', emoji],
  ])('%s: 200 KB cost about ten times 20 KB', (_name, make) => {
    expect(bestRatio(make, 20_000)).toBeLessThan(MAX_RATIO);
  }, 60_000);
});
