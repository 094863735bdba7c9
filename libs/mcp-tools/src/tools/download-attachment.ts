/** download_confluence_attachment: an attachment's content: text as text, images as image content, other files described. */
import type { Attachment } from '@confluence-mcp/confluence-client';
import { NotFoundError, ResponseTooLargeError } from '@confluence-mcp/confluence-client';
import { z } from 'zod';
import { MAX_RESULT_BYTES } from '../call';
import { ToolFailure, success } from '../results';
import { defineTool } from '../tool';

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const TEXT_TYPES = new Set(['application/json', 'application/xml', 'application/x-yaml', 'application/yaml', 'application/javascript', 'application/csv', 'application/x-ndjson']);

/** How a media type is returned: `text`, `image`, or `binary` (metadata only). */
export function kindOf(mediaType: string): 'text' | 'image' | 'binary' {
  const type = mediaType.split(';')[0].trim().toLowerCase();
  if (IMAGE_TYPES.has(type)) return 'image';
  if (type.startsWith('text/') || TEXT_TYPES.has(type) || type.endsWith('+json') || type.endsWith('+xml')) return 'text';
  return 'binary';
}

const TOO_LARGE_ADVICE = 'Pass a larger max_bytes (up to the server limit), or open download_url in a browser.';

/**
 * Largest image returned: base64 makes it 4/3 larger, and the answer must stay under `MAX_RESULT_BYTES`
 * (a 9 MB image inside the 10 MiB attachment cap once became a 12 MB answer and ended the client's session).
 */
export const MAX_IMAGE_BYTES = Math.floor(((MAX_RESULT_BYTES - 64 * 1024) * 3) / 4);

export const downloadAttachmentTool = defineTool({
  name: 'download_confluence_attachment',
  title: 'Download attachment',
  description:
    'Read one attachment by id (get_confluence_page_attachments lists ids like "att123"). Text files (text/*, JSON, XML, CSV, Markdown) come back as text, ' +
    'images (PNG, JPEG, GIF, WebP) as image content; other files only as metadata with a download URL. Files over max_bytes are refused with TOO_LARGE.',
  toolsets: ['attachments'],
  inputSchema: {
    attachment_id: z.string().max(23).regex(/^att\d{1,20}$/, 'must be an attachment id like "att123456"').describe('Attachment id, e.g. "att123456".'),
    max_bytes: z.number().int().min(1).optional().describe("Largest file to return, in bytes; defaults to (and cannot exceed) the server's attachment limit."),
  },
  outputSchema: {
    id: z.string(),
    title: z.string(),
    media_type: z.string(),
    file_size: z.number(),
    page_id: z.string(),
    version: z.number(),
    download_url: z.string(),
    content_kind: z.enum(['text', 'image', 'binary']).describe('text: the file is in the text content; image: an image content item follows; binary: not returned.'),
    message: z.string().optional(),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(args, ctx) {
    const attachment = await ctx.client.attachments.get(args.attachment_id).catch((error: unknown) => {
      if (error instanceof NotFoundError) throw notFound(args.attachment_id);
      throw error;
    });
    // The page check applies the space allow-list; a hidden page's attachment answers like a missing one.
    await ctx.getPage(attachment.pageId).catch((error: unknown) => {
      if (error instanceof ToolFailure && error.code === 'NOT_FOUND') throw notFound(args.attachment_id);
      throw error;
    });
    const kind = kindOf(attachment.mediaType);
    const serverCap = kind === 'image' ? Math.min(ctx.maxAttachmentBytes, MAX_IMAGE_BYTES) : ctx.maxAttachmentBytes;
    const cap = Math.min(args.max_bytes ?? serverCap, serverCap);
    const base = {
      id: attachment.id,
      title: attachment.title,
      media_type: attachment.mediaType,
      file_size: attachment.fileSize,
      page_id: attachment.pageId,
      version: attachment.version,
      download_url: `${ctx.client.siteUrl.replace(/\/$/, '')}${attachment.downloadPath.startsWith('/') ? '' : '/'}${attachment.downloadPath}`,
      content_kind: kind,
    };
    const header = `${attachment.title} (${attachment.id}, ${attachment.mediaType}, ${attachment.fileSize} bytes, page ${attachment.pageId})`;
    if (kind === 'binary') {
      const message = `This ${attachment.mediaType} file is not returned: only text files and PNG, JPEG, GIF or WebP images are. Download it from download_url.`;
      return success({ ...base, message }, `${header}\n${message}\n${base.download_url}`);
    }
    if (attachment.fileSize > cap) throw tooLarge(attachment.fileSize, cap);
    const data = await download(ctx.client.attachments, attachment, cap);
    if (kind === 'image') {
      return success(base, header, [{ type: 'image', data: data.toString('base64'), mimeType: attachment.mediaType.split(';')[0].trim().toLowerCase() }]);
    }
    return success(base, `${header}\n\n${data.toString('utf8')}`);
  },
});

async function download(attachments: { downloadBuffer(source: Attachment, options: { maxBytes?: number }): Promise<Buffer> }, attachment: Attachment, cap: number): Promise<Buffer> {
  try {
    return await attachments.downloadBuffer(attachment, { maxBytes: cap });
  } catch (error) {
    // The metadata said it fits, the bytes said otherwise: report what arrived, not the metadata's size.
    if (error instanceof ResponseTooLargeError) {
      throw new ToolFailure('TOO_LARGE', `The download of this attachment passed the ${cap}-byte limit (its metadata said ${attachment.fileSize} bytes). ${TOO_LARGE_ADVICE}`, { maxBytes: cap });
    }
    throw error;
  }
}

function tooLarge(size: number, cap: number): ToolFailure {
  return new ToolFailure('TOO_LARGE', `The attachment is ${size} bytes, over the ${cap}-byte limit. ${TOO_LARGE_ADVICE}`, { size, maxBytes: cap });
}

function notFound(id: string): ToolFailure {
  return new ToolFailure('NOT_FOUND', `Attachment ${id} not found, or not visible to this user. get_confluence_page_attachments lists a page's attachments.`);
}
