/** Attachment file contents: small but valid PDF and PNG files, and text files. */
import { deflateSync } from 'node:zlib';

/** Escapes a PDF literal string and keeps it to printable ASCII (the standard fonts are Latin-only). */
function pdfString(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, (c) => `\\${c}`);
}

/** A one-page PDF 1.4 showing `lines` in Helvetica, with a correct cross-reference table. */
export function buildPdf(title: string, lines: readonly string[]): Buffer {
  let content = 'BT\n/F1 18 Tf\n72 720 Td\n';
  content += `(${pdfString(title)}) Tj\n/F1 11 Tf\n0 -28 Td\n14 TL\n`;
  for (const line of lines) content += `(${pdfString(line)}) '\n`;
  content += 'ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    // The end-of-line before `endstream` is not part of the stream's /Length.
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    `<< /Title (${pdfString(title)}) /Producer (confluence-emulator) >>`,
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  // latin1 keeps one byte per character, so the string offsets above are byte offsets.
  return Buffer.from(out, 'latin1');
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG (and zip) define it. */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const pngCache = new Map<string, Buffer>();

/**
 * An RGB PNG of boxes on a light background (a "diagram"), `variant` picking the colours. Cached per shape,
 * since deflating is the costly part; callers get their own copy.
 */
export function buildPng(width: number, height: number, variant: number): Buffer {
  const key = `${width}x${height}:${variant}`;
  let png = pngCache.get(key);
  if (!png) {
    const hue = [[0x00, 0x52, 0xcc], [0x36, 0xb3, 0x7e], [0xff, 0x8b, 0x00], [0x65, 0x54, 0xc0]][variant % 4];
    const raw = Buffer.alloc((width * 3 + 1) * height);
    for (let y = 0; y < height; y++) {
      const row = y * (width * 3 + 1);
      raw[row] = 0; // filter type None
      for (let x = 0; x < width; x++) {
        const inBox = y > height / 4 && y < (3 * height) / 4 && (x % 24) > 3 && (x % 24) < 20;
        const px = row + 1 + x * 3;
        raw[px] = inBox ? hue[0] : 0xf4;
        raw[px + 1] = inBox ? hue[1] : 0xf5;
        raw[px + 2] = inBox ? hue[2] : 0xf7;
      }
    }
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(width, 0);
    ihdr.writeUInt32BE(height, 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 2; // colour type RGB
    png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    pngCache.set(key, png);
  }
  return Buffer.from(png);
}
