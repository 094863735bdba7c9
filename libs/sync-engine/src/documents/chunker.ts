/**
 * Page documents -> chunks: split by headings first (llamaindex's `MarkdownNodeParser`, which keeps the heading path),
 * then any section longer than the chunk size by sentences (`SentenceSplitter`). The sentence splitter is quadratic
 * on long inputs, so a section is first cut at paragraph boundaries into pieces of at most `MAX_PIECE_CHARS`, and a
 * section that fits the chunk size skips it altogether.
 *
 * Tokens are counted with `gpt-tokenizer` (cl100k, the encoding llamaindex uses by default): installed, it is also
 * what llamaindex picks over js-tiktoken, which is 60x slower and holds about 120 MB of rank tables.
 */
import { MarkdownNodeParser, SentenceSplitter } from '@llamaindex/core/node-parser';
import { Document } from '@llamaindex/core/schema';
import { decode, encode } from 'gpt-tokenizer';
import { createHash } from 'node:crypto';
import { PageDocument, PageMetadata } from './page-document';

/** One unit of retrieval. */
export interface Chunk {
  /** `confluence:{site}:{pageId}:{n}`: the same page always gives the same ids, so an upsert replaces. */
  id: string;
  pageId: string;
  text: string;
  /** Headings above the text, outermost first. */
  headingPath: string[];
  metadata: ChunkMetadata;
}

/** Page metadata plus where the chunk sits. */
export interface ChunkMetadata extends PageMetadata {
  heading_path: string;
  chunk_index: number;
  chunk_count: number;
}

/** Sizes of chunks. */
export interface ChunkingOptions {
  /** Tokens per chunk (cl100k). @default 1024 */
  chunkSize?: number;
  /** Tokens repeated between consecutive chunks of one section. @default 64 */
  chunkOverlap?: number;
}

/** Longest text handed to the sentence splitter at once (its cost grows with the square of the input). */
export const MAX_PIECE_CHARS = 8_000;

/** The cl100k tokenizer in the shape llamaindex's splitters take. */
const CL100K = {
  encode: (text: string) => new Uint32Array(encode(text)),
  decode: (tokens: Uint32Array) => decode(Array.from(tokens)),
};

/** The stable id of chunk `n` of a page. */
export function chunkId(site: string, pageId: string, n: number): string {
  return `confluence:${site}:${pageId}:${n}`;
}

/** Splits page documents into chunks; one instance per run (the parsers are reusable). */
export class Chunker {
  private readonly headings = new MarkdownNodeParser();
  private readonly sentences: SentenceSplitter;
  private readonly chunkSize: number;

  constructor(options: ChunkingOptions = {}) {
    this.chunkSize = options.chunkSize ?? 1024;
    this.sentences = new SentenceSplitter({ chunkSize: this.chunkSize, chunkOverlap: options.chunkOverlap ?? 64, tokenizer: CL100K });
  }

  /** The chunks of one page, in reading order. A page without text gets one chunk with its title, so it can still be found. */
  chunk(doc: PageDocument): Chunk[] {
    const pieces: Array<{ text: string; headingPath: string[] }> = [];
    const sections = doc.markdown.trim() ? this.headings.getNodesFromDocuments([new Document({ text: doc.markdown })]) : [];
    for (const section of sections) {
      const headingPath = headingPathOf(section.metadata);
      for (const text of this.splitSection(section.text)) pieces.push({ text, headingPath });
    }
    if (pieces.length === 0) pieces.push({ text: doc.metadata.title, headingPath: [] });
    return pieces.map((piece, n) => ({
      id: chunkId(doc.metadata.site, doc.pageId, n),
      pageId: doc.pageId,
      text: piece.text,
      headingPath: piece.headingPath,
      metadata: { ...doc.metadata, heading_path: piece.headingPath.join(' > '), chunk_index: n, chunk_count: pieces.length },
    }));
  }

  private splitSection(text: string): string[] {
    const trimmed = text.trim();
    if (!trimmed) return [];
    // A byte-level BPE token is at least one UTF-8 byte, so a text of at most chunkSize bytes surely fits without
    // counting its tokens. Characters are no such bound: a CJK character or an emoji is often two or more tokens.
    if (Buffer.byteLength(trimmed, 'utf8') <= this.chunkSize) return [trimmed];
    if (trimmed.length <= MAX_PIECE_CHARS && encode(trimmed).length <= this.chunkSize) return [trimmed];
    return paragraphPieces(trimmed, MAX_PIECE_CHARS).flatMap((piece) => this.sentences.splitText(piece)).map((t) => t.trim()).filter(Boolean);
  }
}

/** `Header_1`, `Header_2`, ... of a MarkdownNodeParser node, outermost first. */
function headingPathOf(metadata: Record<string, unknown>): string[] {
  const path: string[] = [];
  for (let level = 1; level <= 6; level++) {
    const heading = metadata[`Header_${level}`];
    if (typeof heading === 'string' && heading.trim()) path.push(heading.trim());
  }
  return path;
}

/**
 * Cuts text at blank lines into pieces of at most `max` characters (a longer paragraph is cut at the last space
 * before the limit, or hard at the limit). Linear in the text length.
 */
export function paragraphPieces(text: string, max: number): string[] {
  const out: string[] = [];
  let current = '';
  const flush = () => {
    if (current) out.push(current);
    current = '';
  };
  for (const paragraph of text.split(/\n{2,}/)) {
    if (current && current.length + 2 + paragraph.length > max) flush();
    if (paragraph.length <= max) {
      current = current ? `${current}\n\n${paragraph}` : paragraph;
      continue;
    }
    flush();
    let rest = paragraph;
    while (rest.length > max) {
      const space = rest.lastIndexOf(' ', max);
      const cut = space > max / 2 ? space : max;
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut).trimStart();
    }
    current = rest;
  }
  flush();
  return out;
}

/** sha256 of what is written for a page: equal hashes mean the destination already holds exactly this. */
export function contentHash(chunks: readonly Chunk[]): string {
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(JSON.stringify([chunk.id, chunk.text, chunk.metadata])).update('\n');
  return hash.digest('hex');
}
