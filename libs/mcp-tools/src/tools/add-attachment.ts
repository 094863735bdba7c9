/** add_confluence_page_attachment: upload a local file, read only below the configured directories. */
import { constants } from 'node:fs';
import type { Stats } from 'node:fs';
import { open, readlink, realpath, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, isAbsolute, relative, sep } from 'node:path';
import { z } from 'zod';
import type { ToolContext } from '../context';
import { ToolFailure, success } from '../results';
import { defineTool } from '../tool';
import { attachmentShape } from './get-attachments';
import { pageIdSchema } from './shared';

export const addAttachmentTool = defineTool({
  name: 'add_confluence_page_attachment',
  title: 'Attach a file to a page',
  description:
    'Upload a local file to a page (a new version when the page already has a file of that name). Only files below the directories the user configured can be read.',
  toolsets: ['attachments'],
  inputSchema: {
    page_id: pageIdSchema.describe('Id of the page.'),
    file_path: z.string().min(1).max(4096).describe('Absolute path of the file on this machine.'),
    comment: z.string().max(500).optional().describe('Attachment comment shown in Confluence.'),
    content_type: z.string().max(255).regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a media type such as "image/png"').optional().describe('Media type, e.g. "application/pdf"; guessed from the name when left out.'),
  },
  outputSchema: attachmentShape,
  unknownOutcome: "List the page's attachments (get_confluence_page_attachments) before uploading again: a second upload adds another version.",
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async handler(args, ctx) {
    // The file is opened and read before anything else: what is checked is the file that is sent, so swapping a
    // folder for a symlink while Confluence answers cannot change which file is uploaded.
    const file = await readAllowedFile(args.file_path, ctx);
    const page = await ctx.getPage(args.page_id);
    const saved = await ctx.client.attachments.upload(page.id, {
      data: file,
      filename: basename(args.file_path),
      comment: args.comment,
      mediaType: args.content_type,
    });
    const structured = {
      id: saved.id,
      title: saved.title,
      media_type: saved.mediaType,
      file_size: saved.fileSize,
      comment: saved.comment,
      version: saved.version,
      created_date: saved.createdAt,
      download_url: `${ctx.client.siteUrl.replace(/\/$/, '')}${saved.downloadPath.startsWith('/') ? '' : '/'}${saved.downloadPath}`,
    };
    return success(structured, `Attached ${saved.title} (${saved.fileSize} bytes, version ${saved.version}) to "${page.title}".`);
  },
});

/** `open()` flags: read only, never through a symlink as the last component, never blocking on a FIFO. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * The bytes of a regular file below an allowed directory, within the size cap. The file is opened first
 * (a symlink as its last component is refused), then the opened file itself is checked: its real path (what
 * the descriptor points at, so symlinked folders on the way are resolved) must lie below an allowed directory.
 */
async function readAllowedFile(filePath: string, ctx: ToolContext): Promise<Buffer> {
  if (!isAbsolute(filePath)) throw new ToolFailure('INVALID_ARGUMENT', 'file_path: must be an absolute path.');
  if (!ctx.attachmentDirectories.length) {
    throw new ToolFailure('FORBIDDEN', 'No attachment directories are configured, so no file can be uploaded. The user must configure the directories this server may read.');
  }
  let handle: FileHandle;
  try {
    handle = await open(filePath, OPEN_FLAGS);
  } catch (error) {
    throw openFailure(filePath, error);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new ToolFailure('INVALID_ARGUMENT', `file_path: ${filePath} is a directory; give the path of a file.`);
    if (!info.isFile()) throw new ToolFailure('INVALID_ARGUMENT', `file_path: ${filePath} is not a regular file.`);
    const real = await realPathOfOpened(handle, filePath, info);
    const roots = await Promise.all(ctx.attachmentDirectories.map((d) => realpath(d).catch(() => undefined)));
    if (!roots.some((root) => root !== undefined && isBelow(root, real))) {
      throw new ToolFailure('FORBIDDEN', `file_path: ${filePath} is outside the directories this server may read (${ctx.attachmentDirectories.join(', ')}).`);
    }
    if (info.size > ctx.maxAttachmentBytes) throw tooLarge(filePath, info.size, ctx.maxAttachmentBytes);
    // Read at most one byte over the cap: a file that grows after the check is still refused, never read whole.
    const buffer = Buffer.alloc(Math.min(info.size, ctx.maxAttachmentBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) break;
    }
    if (length > ctx.maxAttachmentBytes) throw tooLarge(filePath, length, ctx.maxAttachmentBytes);
    return buffer.subarray(0, Math.min(length, info.size));
  } finally {
    await handle.close();
  }
}

/**
 * Where an open file really is. Linux names it in /proc/self/fd; elsewhere the path is resolved and must lead to
 * the same file (device and inode) as the descriptor, else it changed between open and check.
 */
async function realPathOfOpened(handle: FileHandle, filePath: string, info: Stats): Promise<string> {
  const viaProc = await readlink(`/proc/self/fd/${handle.fd}`).catch(() => undefined);
  if (viaProc && isAbsolute(viaProc)) return viaProc;
  const real = await realpath(filePath).catch(() => undefined);
  const again = real ? await stat(real).catch(() => undefined) : undefined;
  if (!real || !again || again.dev !== info.dev || again.ino !== info.ino) {
    throw new ToolFailure('FORBIDDEN', `file_path: ${filePath} changed while it was being opened. Try again once it is stable.`);
  }
  return real;
}

function isBelow(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function openFailure(filePath: string, error: unknown): ToolFailure {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new ToolFailure('NOT_FOUND', `file_path: ${filePath} does not exist. Check the path.`);
  if (code === 'ELOOP') return new ToolFailure('FORBIDDEN', `file_path: ${filePath} is a symbolic link; give the path of the file itself.`);
  if (code === 'EACCES' || code === 'EPERM') return new ToolFailure('FORBIDDEN', `file_path: ${filePath} cannot be read by this server (permission denied).`);
  if (code === 'EISDIR') return new ToolFailure('INVALID_ARGUMENT', `file_path: ${filePath} is a directory; give the path of a file.`);
  return new ToolFailure('INVALID_ARGUMENT', `file_path: ${filePath} cannot be opened${typeof code === 'string' ? ` (${code})` : ''}.`);
}

function tooLarge(filePath: string, size: number, max: number): ToolFailure {
  return new ToolFailure('TOO_LARGE', `file_path: ${filePath} is ${size} bytes, over the ${max}-byte limit of this server.`, { size, maxBytes: max });
}
