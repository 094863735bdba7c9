/** get_confluence_page_attachments: a page's attachments, optionally by file name or media type. */
import { z } from 'zod';
import { plural, success } from '../results';
import { defineTool } from '../tool';
import { MAX_ITEMS_PER_ANSWER, cursorSchema, limitSchema, pageIdSchema, pageLimit, startSchema } from './shared';

export const attachmentShape = {
  id: z.string(),
  title: z.string(),
  media_type: z.string(),
  file_size: z.number(),
  comment: z.string(),
  version: z.number(),
  created_date: z.string(),
  download_url: z.string(),
};

export const getAttachmentsTool = defineTool({
  name: 'get_confluence_page_attachments',
  title: 'Get page attachments',
  description: 'List the files attached to a page, optionally only one file name or one media type (e.g. "application/pdf").',
  toolsets: ['attachments'],
  inputSchema: {
    page_id: pageIdSchema.describe('Id of the page.'),
    filename: z.string().min(1).max(255).optional().describe('Only the attachment with this exact file name.'),
    media_type: z.string().min(1).max(255).optional().describe('Only attachments of this media type, e.g. "image/png".'),
    limit: limitSchema(pageLimit('attachments', MAX_ITEMS_PER_ANSWER), 25),
    cursor: cursorSchema,
    start: startSchema.describe('Data Center only: offset of the first attachment (the next_start_offset of the previous call), instead of cursor. On Cloud use cursor.'),
  },
  outputSchema: {
    attachments: z.array(z.object(attachmentShape)),
    next_cursor: z.string().optional(),
    next_start_offset: z.number().optional().describe('Data Center, when more attachments exist: the start of the next page.'),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(args, ctx) {
    const page = await ctx.getPage(args.page_id);
    const list = await ctx.client.attachments.list(page.id, { filename: args.filename, mediaType: args.media_type, limit: args.limit, cursor: args.cursor, start: args.start });
    const attachments = list.items.map((a) => ({
      id: a.id,
      title: a.title,
      media_type: a.mediaType,
      file_size: a.fileSize,
      comment: a.comment,
      version: a.version,
      created_date: a.createdAt,
      download_url: `${ctx.client.siteUrl.replace(/\/$/, '')}${a.downloadPath.startsWith('/') ? '' : '/'}${a.downloadPath}`,
    }));
    const more = list.nextCursor ? `\nMore: call again with cursor "${list.nextCursor}".` : '';
    return success(
      { attachments, next_cursor: list.nextCursor, next_start_offset: list.nextStart },
      `${plural(attachments.length, 'attachment')} on "${page.title}"\n${attachments.map((a) => `- ${a.title} (${a.id}, ${a.media_type}, ${a.file_size} bytes)`).join('\n')}${more}`,
    );
  },
});
