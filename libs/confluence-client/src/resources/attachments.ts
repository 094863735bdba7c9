/** Attachments: list and get (v2 on Cloud, v1 on Data Center), download with a size cap, upload (v1 on both). */
import { V1AttachmentSchema, V2AttachmentSchema, v1ContentArraySchema, v2ListSchema } from '@confluence-mcp/schemas';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { z } from 'zod';
import { CallOptions } from '../core/call';
import { ClientContext, checkId, checkLimit } from '../core/context';
import { ConfluenceError, ConnectionError, ErrorContext, InvalidArgumentError, ResponseTooLargeError, ResponseValidationError } from '../core/errors';
import { PAGE_LIMITS } from '../core/page-limits';
import { Paging, cursorFromNextLink, cursorOf, offsetOf, offsetPage, paginate } from '../core/pagination';
import { Attachment, ListPage } from '../model';

/** Filters and paging of `attachments.list()`. */
export interface ListAttachmentsOptions extends Paging {
  /** Only the attachment with this exact file name. */
  filename?: string;
  /** Only attachments of this media type, e.g. `application/pdf`. */
  mediaType?: string;
  /** Cloud 1-250, Data Center 1-200: `PAGE_LIMITS.attachments`. @default 25 */
  limit?: number;
}

/** What `download()` accepts: an `Attachment`, or a page id and a download path as Confluence gave it. */
export type DownloadSource = Attachment | { pageId: string; downloadPath: string };

/** An attachment's bytes as a stream, and what the server said about them. */
export interface Download {
  /** The file's bytes, streamed. It errors with `ResponseTooLargeError` once more than `maxBytes` arrive. */
  stream: ReadableStream<Uint8Array>;
  mediaType: string;
  /** From `Content-Length`, when the server sent it. */
  size?: number;
  filename: string;
}

/** A file to attach (`attachments.upload()`). */
export interface UploadInput {
  data: Buffer | Uint8Array;
  filename: string;
  /** Guessed by Confluence from the file name when not given. */
  mediaType?: string;
  comment?: string;
  /** Do not notify watchers. @default false */
  minorEdit?: boolean;
}

/** @default 25 MB: a download cap that keeps one call from filling memory or a disk. */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 25 * 1024 * 1024;
/** @default 100 MB: Confluence Cloud's default attachment size limit. */
export const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

const ATTACHMENT_ID = /^att\d{1,20}$/;
/** v1 expansions that give everything `Attachment` holds (the container is the page). */
const V1_EXPAND = 'version,container,extensions';
const v2Attachments = v2ListSchema(V2AttachmentSchema);
const v1Attachments = v1ContentArraySchema(V1AttachmentSchema);

/** `client.attachments`: list, get, download (size-capped) and upload the files attached to pages. */
export class AttachmentsResource {
  constructor(private readonly ctx: ClientContext) {}

  /** One page of a page's attachments (current versions), optionally filtered by file name or media type. */
  async list(pageId: string, options: ListAttachmentsOptions = {}, call?: CallOptions): Promise<ListPage<Attachment>> {
    checkId('pageId', pageId);
    const { transport } = this.ctx;
    const filters = { filename: options.filename || undefined, mediaType: options.mediaType || undefined };
    if (this.ctx.flavor === 'cloud') {
      const limit = checkLimit(options.limit, PAGE_LIMITS.attachments.cloud);
      const cursor = cursorOf(options);
      const data = await transport.json('GET', `/pages/${pageId}/attachments`, v2Attachments, { api: 'v2', call, searchParams: { ...filters, limit, cursor } });
      return { items: data.results.map(fromV2), nextCursor: cursorFromNextLink(data._links?.next) };
    }
    const limit = checkLimit(options.limit, PAGE_LIMITS.attachments.dc);
    const start = offsetOf(options);
    const data = await transport.json('GET', `/content/${pageId}/child/attachment`, v1Attachments, { api: 'v1', call, searchParams: { ...filters, expand: V1_EXPAND, start, limit } });
    return offsetPage(data.results.map((a) => fromV1(a, pageId)), start, data.results.length, Boolean(data._links?.next));
  }

  /** Every attachment of a page, lazily, at the largest page size the API allows; stops when `call.signal` aborts. */
  iterate(pageId: string, options: Omit<ListAttachmentsOptions, 'cursor' | 'start'> = {}, call?: CallOptions): AsyncIterable<Attachment> {
    const limit = options.limit ?? PAGE_LIMITS.attachments[this.ctx.flavor];
    return paginate((cursor) => this.list(pageId, { ...options, limit, cursor }, call));
  }

  /** One attachment by id (`att` + digits). Throws `NotFoundError` when missing or not visible. */
  async get(attachmentId: string, call?: CallOptions): Promise<Attachment> {
    checkId('attachmentId', attachmentId, ATTACHMENT_ID);
    if (this.ctx.flavor === 'cloud') return fromV2(await this.ctx.transport.json('GET', `/attachments/${attachmentId}`, V2AttachmentSchema, { api: 'v2', call }));
    return fromV1(await this.ctx.transport.json('GET', `/content/${attachmentId}`, V1AttachmentSchema, { api: 'v1', call, searchParams: { expand: V1_EXPAND } }));
  }

  /**
   * Stream an attachment's bytes. Refuses at once (`ResponseTooLargeError`) when `Content-Length` is over
   * `maxBytes`; otherwise counts the bytes as they arrive and errors the stream once they pass it, since a
   * server may omit or misstate the length. The caller must read or cancel `stream`.
   *
   * Credentials go only to the site: Cloud answers with a redirect to a short-lived media URL, which is
   * requested without the `Authorization` header.
   *
   * `call.timeoutMs` (default: the client's) covers the whole download, until the stream ends: give a large
   * file more time. A stalled or trickling stream errors with `TimeoutError`, an aborted one with `AbortError`.
   *
   * @example
   * const [attachment] = (await confluence.attachments.list(pageId, { filename: 'report.pdf' })).items;
   * const { stream } = await confluence.attachments.download(attachment, { maxBytes: 10_000_000 });
   * await pipeline(Readable.fromWeb(stream), createWriteStream('report.pdf'));
   */
  async download(source: DownloadSource, options: { maxBytes?: number } = {}, call?: CallOptions): Promise<Download> {
    const maxBytes = checkMaxBytes(options.maxBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES);
    const path = checkDownloadPath(source);
    const context: ErrorContext = { method: 'GET', path: path.split('?')[0] };
    const response = await this.ctx.transport.send('GET', path, { api: 'site', call, headers: { accept: '*/*' }, redirect: 'withoutCredentials' });
    const length = response.headers.get('content-length');
    const size = length !== null && /^\d+$/.test(length) ? Number(length) : undefined;
    if (size !== undefined && size > maxBytes) {
      await response.body?.cancel();
      throw new ResponseTooLargeError(`Attachment is ${size} bytes, over the ${maxBytes}-byte cap`, context);
    }
    if (!response.body) throw new ResponseValidationError(context, ['body: the download has no body'], response.status);
    return {
      stream: capped(response.body, maxBytes, context),
      mediaType: response.headers.get('content-type') ?? ('mediaType' in source ? source.mediaType : 'application/octet-stream'),
      size,
      filename: 'title' in source ? source.title : decodeURIComponent(basename(path.split('?')[0])),
    };
  }

  /** `download()` collected into one Buffer, still capped at `maxBytes` (default 25 MB). */
  async downloadBuffer(source: DownloadSource, options: { maxBytes?: number } = {}, call?: CallOptions): Promise<Buffer> {
    const { stream } = await this.download(source, options, call);
    const reader = stream.getReader();
    const chunks: Uint8Array[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
    return Buffer.concat(chunks);
  }

  /**
   * Add a file to a page, or save a new version of the page's attachment with the same file name. Sent once:
   * retried only when the server said it did not process the request (429, 503). After an error with
   * `outcomeUnknown`, list the page's attachments before uploading again.
   */
  async upload(pageId: string, input: UploadInput, call?: CallOptions): Promise<Attachment> {
    checkId('pageId', pageId);
    if (!(input?.data instanceof Uint8Array)) throw new InvalidArgumentError('data: must be a Buffer or Uint8Array');
    if (typeof input.filename !== 'string' || !input.filename.trim() || input.filename.length > 255) throw new InvalidArgumentError('filename: must be 1 to 255 characters');
    if (input.comment !== undefined && typeof input.comment !== 'string') throw new InvalidArgumentError('comment: must be a string');
    const form = new FormData();
    form.append('file', new Blob([input.data], { type: input.mediaType ?? '' }), input.filename);
    if (input.comment) form.append('comment', input.comment);
    form.append('minorEdit', String(input.minorEdit ?? false));
    const data = await this.ctx.transport.json('PUT', `/content/${pageId}/child/attachment`, v1Attachments, {
      api: 'v1',
      call,
      body: form,
      // Confluence's XSRF guard refuses multipart requests without it.
      headers: { 'X-Atlassian-Token': 'no-check' },
      searchParams: { expand: V1_EXPAND },
      retry: 'unprocessed',
    });
    const saved = data.results[0];
    if (!saved) throw new ResponseValidationError({ method: 'PUT', path: `/content/${pageId}/child/attachment` }, ['results: empty']);
    return fromV1(saved, pageId);
  }

  /**
   * Upload a file from disk (see `upload`). Refuses directories and files over `maxBytes` (default 100 MB) with a
   * `TypeError` naming the path. `filename` defaults to the file's base name.
   */
  async uploadFile(pageId: string, path: string, options: Omit<UploadInput, 'data' | 'filename'> & { filename?: string; maxBytes?: number } = {}, call?: CallOptions): Promise<Attachment> {
    checkId('pageId', pageId);
    const { maxBytes: cap, filename, ...rest } = options;
    const maxBytes = checkMaxBytes(cap ?? DEFAULT_MAX_UPLOAD_BYTES);
    // One handle for the checks and the read, so the file cannot be swapped in between.
    const handle = await open(path, 'r');
    let data: Buffer;
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw new InvalidArgumentError(`uploadFile: '${path}' is ${stat.isDirectory() ? 'a directory' : 'not a regular file'}`);
      if (stat.size > maxBytes) throw new InvalidArgumentError(`uploadFile: '${path}' is ${stat.size} bytes, over the ${maxBytes}-byte cap`);
      data = await handle.readFile();
    } finally {
      await handle.close();
    }
    if (data.length > maxBytes) throw new InvalidArgumentError(`uploadFile: '${path}' grew past the ${maxBytes}-byte cap while being read`);
    return this.upload(pageId, { ...rest, data, filename: filename ?? basename(path) }, call);
  }
}

/** Count bytes as the consumer pulls them; error (and stop the download) past `maxBytes`. */
function capped(body: ReadableStream<Uint8Array>, maxBytes: number, context: ErrorContext): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let received = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch (error) {
          // The transport already named a stall, an abort or a broken connection; anything else is named here.
          controller.error(error instanceof ConfluenceError ? error : new ConnectionError(`Download interrupted after ${received} bytes (${(error as Error)?.name ?? 'error'})`, context, { cause: error }));
          return;
        }
        if (chunk.done) return controller.close();
        received += chunk.value.byteLength;
        if (received > maxBytes) {
          await reader.cancel().catch(() => undefined);
          controller.error(new ResponseTooLargeError(`Attachment passed the ${maxBytes}-byte cap while downloading`, context));
          return;
        }
        controller.enqueue(chunk.value);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    // Pull one chunk at a time, only when the consumer asks: nothing is buffered ahead.
    { highWaterMark: 0 },
  );
}

function checkMaxBytes(maxBytes: number): number {
  if (!Number.isInteger(maxBytes) || maxBytes < 1) throw new InvalidArgumentError('maxBytes: must be a positive integer');
  return maxBytes;
}

/**
 * The path must be a download link of that page: it is appended to the site URL and sent with credentials, so a
 * crafted one (`@evil.example/`, `/rest/api/...`, `..` or `%2e%2e`, which URL parsing also resolves) must never get through.
 */
function checkDownloadPath(source: DownloadSource): string {
  if (typeof source !== 'object' || source === null) throw new InvalidArgumentError('download: give an Attachment or { pageId, downloadPath }');
  checkId('pageId', source.pageId);
  const path = source.downloadPath;
  const prefix = `/download/attachments/${source.pageId}/`;
  if (typeof path !== 'string' || !path.startsWith(prefix) || /[\\#\s]|%2e|\/\.{1,2}(?=[/?]|$)|\/\//i.test(path) || path.length <= prefix.length) {
    throw new InvalidArgumentError(`downloadPath: must be a download link of page ${source.pageId} (${prefix}...)`);
  }
  return path;
}

/** The download link relative to the site; built from the parts when an older response has none. */
function downloadPathOf(pageId: string, title: string, version: number, link: string | undefined): string {
  return link ?? `/download/attachments/${pageId}/${encodeURIComponent(title)}?version=${version}&api=v2`;
}

function fromV2(a: z.infer<typeof V2AttachmentSchema>): Attachment {
  const pageId = a.pageId ?? a.blogPostId ?? '';
  const version = a.version?.number ?? 1;
  return {
    id: a.id,
    title: a.title,
    mediaType: a.mediaType,
    fileSize: a.fileSize,
    comment: a.comment ?? '',
    pageId,
    version,
    createdAt: a.createdAt ?? a.version?.createdAt ?? '',
    downloadPath: downloadPathOf(pageId, a.title, version, a.downloadLink ?? a._links?.download),
  };
}

function fromV1(a: z.infer<typeof V1AttachmentSchema>, knownPageId?: string): Attachment {
  // The container is the page; without that expansion the id is in the download link.
  const pageId = a.container?.id !== undefined ? String(a.container.id) : knownPageId ?? /^\/download\/attachments\/(\d+)\//.exec(a._links.download)?.[1] ?? '';
  const version = a.version?.number ?? 1;
  return {
    id: a.id,
    title: a.title,
    mediaType: a.extensions.mediaType,
    fileSize: a.extensions.fileSize,
    comment: a.extensions.comment ?? a.metadata?.comment ?? '',
    pageId,
    version,
    createdAt: a.version?.when ?? '',
    downloadPath: downloadPathOf(pageId, a.title, version, a._links.download),
  };
}
