/** add_confluence_page_attachment: upload a local file, read only below the configured directories. */
import { realpath, stat } from 'node:fs/promises';
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
    file_path: z.string().min(1).describe('Absolute path of the file on this machine.'),
    comment: z.string().max(500).optional().describe('Attachment comment shown in Confluence.'),
    content_type: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a media type such as "image/png"').optional().describe('Media type, e.g. "application/pdf"; guessed from the name when left out.'),
  },
  outputSchema: attachmentShape,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async handler(args, ctx) {
    const path = await allowedFile(args.file_path, ctx);
    const page = await ctx.getPage(args.page_id);
    const saved = await ctx.client.attachments.uploadFile(page.id, path, {
      filename: basename(args.file_path),
      comment: args.comment,
      mediaType: args.content_type,
      maxBytes: ctx.maxAttachmentBytes,
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

/**
 * The real path of a regular file below an allowed directory, within the size cap. Symlinks are resolved on both
 * sides first, so a link inside an allowed directory cannot lead outside it.
 */
async function allowedFile(filePath: string, ctx: ToolContext): Promise<string> {
  if (!isAbsolute(filePath)) throw new ToolFailure('INVALID_ARGUMENT', 'file_path: must be an absolute path.');
  if (!ctx.attachmentDirectories.length) {
    throw new ToolFailure('FORBIDDEN', 'No attachment directories are configured, so no file can be uploaded. The user must configure the directories this server may read.');
  }
  let real: string;
  try {
    real = await realpath(filePath);
  } catch {
    throw new ToolFailure('NOT_FOUND', `file_path: ${filePath} does not exist. Check the path.`);
  }
  const roots = await Promise.all(ctx.attachmentDirectories.map((d) => realpath(d).catch(() => undefined)));
  const inside = roots.some((root) => {
    if (!root) return false;
    const rel = relative(root, real);
    return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
  });
  if (!inside) throw new ToolFailure('FORBIDDEN', `file_path: ${filePath} is outside the directories this server may read (${ctx.attachmentDirectories.join(', ')}).`);
  const info = await stat(real);
  if (info.isDirectory()) throw new ToolFailure('INVALID_ARGUMENT', `file_path: ${filePath} is a directory; give the path of a file.`);
  if (!info.isFile()) throw new ToolFailure('INVALID_ARGUMENT', `file_path: ${filePath} is not a regular file.`);
  if (info.size > ctx.maxAttachmentBytes) throw new ToolFailure('TOO_LARGE', `file_path: ${filePath} is ${info.size} bytes, over the ${ctx.maxAttachmentBytes}-byte limit of this server.`);
  return real;
}
