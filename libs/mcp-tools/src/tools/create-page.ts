/** create_confluence_page: a new page from Markdown (default) or storage format. */
import { z } from 'zod';
import { storageForWrite } from '../body';
import { ToolFailure, success } from '../results';
import { defineTool } from '../tool';
import { LIMITS, duplicateTitle, pageIdSchema, pageSummary, pageSummaryShape, spaceKeySchema, warningSchema } from './shared';

export const createPageTool = defineTool({
  name: 'create_confluence_page',
  title: 'Create Confluence page',
  description:
    'Create a page in a space, optionally under a parent page. The body is Markdown by default (GitHub-flavoured: headings, lists, task lists, tables, ' +
    'code fences, > [!NOTE] alerts); use body_format "storage" for Confluence XHTML. A body the converter cannot write without loss is refused.',
  toolsets: ['pages'],
  inputSchema: {
    space_key: spaceKeySchema.describe('Key of the space to create the page in, e.g. "ENG".'),
    title: z.string().min(1).max(255).regex(/^[^\r\n]*$/, 'must be one line (no line breaks)').describe('Page title; must be unique in the space.'),
    body: z.string().max(LIMITS.bodyChars).describe(`Page content, in body_format (at most ${LIMITS.bodyChars} characters).`),
    body_format: z
      .enum(['markdown', 'storage'])
      .optional()
      .describe('markdown or storage (Confluence XHTML). Left out: Markdown, unless the body is plainly HTML/XHTML (starts with a block tag such as <p>), which is saved as storage.'),
    parent_page_id: pageIdSchema.optional().describe('Id of the parent page; the space home page when left out.'),
    update_message: z.string().max(500).optional().describe('Accepted for symmetry with update; Confluence records no message on a first version.'),
    allow_lossy: z.boolean().default(false).describe('Save even when the Markdown converter reports content it cannot write (default false: refuse).'),
  },
  outputSchema: { ...pageSummaryShape, warnings: z.array(warningSchema).optional() },
  unknownOutcome: 'Search for the title in the space (search_confluence_pages with title) before creating the page again.',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async handler(args, ctx) {
    ctx.requireSpace(args.space_key);
    if (args.parent_page_id) {
      const parent = await ctx.getPage(args.parent_page_id);
      if (parent.spaceKey.toUpperCase() !== args.space_key.toUpperCase()) {
        throw new ToolFailure('INVALID_ARGUMENT', `parent_page_id: page ${parent.id} is in space ${parent.spaceKey}, not ${args.space_key}.`);
      }
    }
    const { storage, warnings, note } = storageForWrite(args.body, args.body_format, args.allow_lossy);
    const saved = await ctx.client.pages.create({ spaceKey: args.space_key, title: args.title, body: storage, parentId: args.parent_page_id }).catch((error: unknown) => {
      throw duplicateTitle(error, args.title, args.space_key);
    });
    const created = await ctx.visiblePage(saved);
    const summary = pageSummary(created);
    return success(
      { ...summary, warnings: warnings.length ? warnings : undefined },
      `Created "${summary.title}" (id ${summary.id}, version ${summary.version}) in ${summary.space_key}: ${summary.url}${note ? `\n${note}` : ''}`,
    );
  },
});
