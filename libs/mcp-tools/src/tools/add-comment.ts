/** add_confluence_comment: a footer comment on a page, or a reply to a comment, written in Markdown. */
import { NotFoundError } from '@confluence-mcp/confluence-client';
import { z } from 'zod';
import { storageForWrite } from '../body';
import { ToolFailure, success } from '../results';
import { defineTool } from '../tool';
import { pageIdSchema, warningSchema } from './shared';

export const addCommentTool = defineTool({
  name: 'add_confluence_comment',
  title: 'Add comment',
  description:
    'Add a footer comment to a page, or reply to an existing comment (footer or inline) of that page with reply_to_comment_id. The body is Markdown; ' +
    'a body the converter cannot write without loss is refused (nothing is posted). get_confluence_page_comments lists comment ids.',
  toolsets: ['comments'],
  inputSchema: {
    page_id: pageIdSchema.describe('Id of the page the comment belongs to.'),
    body: z.string().trim().min(1).max(100_000).describe('The comment, in Markdown.'),
    reply_to_comment_id: z.string().max(20).regex(/^\d{1,20}$/, 'must be a numeric comment id').optional().describe('Reply to this comment of the page instead of adding a new footer comment.'),
    allow_lossy: z.boolean().default(false).describe('Post even when the Markdown converter reports content it cannot write (default false: refuse).'),
  },
  outputSchema: {
    id: z.string(),
    page_id: z.string(),
    location: z.string(),
    parent_comment_id: z.string().nullable(),
    created_date: z.string(),
    warnings: z.array(warningSchema).optional(),
  },
  unknownOutcome: 'List the comments (get_confluence_page_comments) before retrying, so the comment is not added twice.',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async handler(args, ctx) {
    const page = await ctx.getPage(args.page_id);
    const { storage, warnings } = storageForWrite(args.body, 'markdown', args.allow_lossy);
    let comment;
    if (args.reply_to_comment_id) {
      const parent = await ctx.client.comments.get(args.reply_to_comment_id).catch((error: unknown) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      });
      if (!parent || parent.pageId !== page.id) {
        throw new ToolFailure('NOT_FOUND', `No comment ${args.reply_to_comment_id} on page ${page.id}. get_confluence_page_comments lists the page's comments and their ids.`);
      }
      comment = await ctx.client.comments.reply(parent.id, storage, { location: parent.location });
    } else {
      comment = await ctx.client.comments.create(page.id, storage);
    }
    const structured = {
      id: comment.id,
      page_id: page.id,
      location: comment.location,
      parent_comment_id: comment.parentCommentId,
      created_date: comment.version.createdAt,
      warnings: warnings.length ? warnings : undefined,
    };
    const what = comment.parentCommentId ? `Replied to comment ${comment.parentCommentId}` : 'Added a footer comment';
    return success(structured, `${what} on "${page.title}" (comment id ${comment.id}).`);
  },
});
