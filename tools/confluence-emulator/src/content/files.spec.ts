import * as zlib from 'node:zlib';
import { generateWorld } from './generate';
import { buildPdf, buildPng, crc32 } from './files';

/** Checks a PDF's header, cross-reference table, trailer and stream lengths; returns the problems found. */
function pdfProblems(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const problems: string[] = [];
  if (!text.startsWith('%PDF-1.')) problems.push('header');
  if (!text.trimEnd().endsWith('%%EOF')) problems.push('%%EOF');
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!start) return [...problems, 'startxref'];
  const xref = Number(start[1]);
  if (!text.startsWith('xref', xref)) return [...problems, 'startxref offset'];
  const head = /^xref\s+0 (\d+)\s+/.exec(text.slice(xref));
  if (!head) return [...problems, 'xref header'];
  const count = Number(head[1]);
  const entries = text.slice(xref + head[0].length, xref + head[0].length + count * 20);
  for (let n = 0; n < count; n++) {
    const entry = entries.slice(n * 20, n * 20 + 20);
    if (!/^\d{10} \d{5} [nf](?: \n|\r\n| \r)$/.test(entry)) problems.push(`xref entry ${n} format`);
    if (n > 0 && !text.startsWith(`${n} 0 obj`, Number(entry.slice(0, 10)))) problems.push(`xref entry ${n} offset`);
  }
  const trailer = /trailer\s*<<([^]*?)>>/.exec(text.slice(xref));
  if (!trailer || !trailer[1].includes(`/Size ${count}`) || !/\/Root \d+ 0 R/.test(trailer[1])) problems.push('trailer');
  for (const m of text.matchAll(/\/Length (\d+) >>\nstream\n/g)) {
    const dataStart = (m.index ?? 0) + m[0].length;
    if (!text.startsWith('\nendstream', dataStart + Number(m[1]))) problems.push('stream length');
  }
  return problems;
}

/** Reads PNG chunks, checking each CRC independently (zlib's CRC-32); returns chunk types and problems. */
function readPng(png: Buffer): { types: string[]; problems: string[]; width: number; height: number; raw: Buffer } {
  const problems: string[] = [];
  if (!png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) problems.push('signature');
  const types: string[] = [];
  const idat: Buffer[] = [];
  let width = 0;
  let height = 0;
  const zcrc = (zlib as unknown as { crc32?: (d: Uint8Array) => number }).crc32;
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    const expected = zcrc ? zcrc(png.subarray(at + 4, at + 8 + length)) : crc32(png.subarray(at + 4, at + 8 + length));
    if (png.readUInt32BE(at + 8 + length) !== expected) problems.push(`${type} crc`);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
    }
    if (type === 'IDAT') idat.push(data);
    types.push(type);
    at += 12 + length;
  }
  return { types, problems, width, height, raw: idat.length ? zlib.inflateSync(Buffer.concat(idat)) : Buffer.alloc(0) };
}

describe('attachment files', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it('builds a valid PDF with a correct cross-reference table', () => {
    const pdf = buildPdf('Design review (v2) \\ final', ['First line', 'Second line with ünïcode']);
    expect(pdfProblems(pdf)).toEqual([]);
    const text = pdf.toString('latin1');
    expect(text).toContain('(Design review \\(v2\\) \\\\ final) Tj');
    expect(text).toContain('(Second line with ?n?code) \'');
  });

  it('detects a broken PDF (the checker can fail)', () => {
    const pdf = buildPdf('x', ['y']);
    const shifted = Buffer.concat([Buffer.from('%PDF-1.4\n%extra\n'), pdf.subarray(9)]);
    expect(pdfProblems(shifted)).toContain('startxref offset');
  });

  it('builds a valid PNG with correct CRCs and pixel data', () => {
    const png = buildPng(64, 48, 1);
    const { types, problems, width, height, raw } = readPng(png);
    expect(problems).toEqual([]);
    expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([width, height]).toEqual([64, 48]);
    expect(raw.length).toBe((64 * 3 + 1) * 48);
    for (let y = 0; y < 48; y++) expect(raw[y * (64 * 3 + 1)]).toBe(0);
    const corrupt = Buffer.from(png);
    corrupt[20] ^= 0xff;
    expect(readPng(corrupt).problems).toContain('IHDR crc');
  });

  it('hands out independent copies of cached images', () => {
    const a = buildPng(32, 32, 0);
    a.fill(0);
    expect(readPng(buildPng(32, 32, 0)).problems).toEqual([]);
  });

  it('gives every generated attachment valid contents for its media type', () => {
    const world = generateWorld({ spaces: 2, pagesPerSpace: 120, seed: 4 });
    const seen = new Set<string>();
    for (const a of world.attachments.values()) {
      seen.add(a.mediaType);
      if (a.mediaType === 'application/pdf') expect(pdfProblems(a.data)).toEqual([]);
      else if (a.mediaType === 'image/png') expect(readPng(a.data).problems).toEqual([]);
      else expect(a.data.toString('utf8').length).toBeGreaterThan(10);
      expect(a.fileId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(seen).toEqual(new Set(['application/pdf', 'image/png', 'text/plain', 'text/csv', 'text/markdown']));
  });
});
