/** update_confluence_page: a new version of a page, guarded by the version number the model read. */
import { z } from 'zod';
import { storageForWrite } from '../body';
import { ToolFailure, success } from '../results';
import { defineTool } from '../tool';
import { LIMITS, assertNextVersion, duplicateTitle, pageIdSchema, pageSummary, pageSummaryShape, warningSchema } from './shared';

export const updatePageTool = defineTool({
  name: 'update_confluence_page',
  title: 'Update Confluence page',
  description:
    'Save a new version of a page: a new title, body and/or parent (at least one). Read the page first with get_confluence_page and pass ' +
    'new_version_number = its version + 1, so that an edit made in between is not overwritten. Keep every <!--confluence:...--> placeholder ' +
    'of the Markdown you read exactly where it belongs: the content it stands for is restored from it. A body the converter cannot write without loss is refused.',
  toolsets: ['pages'],
  inputSchema: {
    page_id: pageIdSchema.describe('Id of the page to update.'),
    new_version_number: z.number().int().min(2).optional().describe('The version this save creates: the version you read + 1. Strongly recommended.'),
    title: z.string().min(1).max(255).regex(/^[^\r\n]*$/, 'must be one line (no line breaks)').optional().describe('New title; unchanged when left out.'),
    body: z.string().max(LIMITS.bodyChars).optional().describe(`New content, in body_format; unchanged when left out. Replaces the whole body (at most ${LIMITS.bodyChars} characters).`),
    body_format: z
      .enum(['markdown', 'storage'])
      .optional()
      .describe('markdown or storage (Confluence XHTML). Left out: Markdown, unless the body is plainly HTML/XHTML (starts with a block tag such as <p>), which is saved as storage.'),
    parent_page_id: pageIdSchema.optional().describe('Move the page under this parent (same space).'),
    update_message: z.string().max(500).optional().describe('Version comment shown in the page history.'),
    allow_lossy: z.boolean().default(false).describe('Save even when the Markdown converter reports content it cannot write (default false: refuse).'),
  },
  outputSchema: { ...pageSummaryShape, previous_version: z.number(), warnings: z.array(warningSchema).optional() },
  unknownOutcome: 'Read the page (get_confluence_page) and compare its version and content with your change before saving again.',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async handler(args, ctx) {
    if (args.title === undefined && args.body === undefined && args.parent_page_id === undefined) {
      throw new ToolFailure('INVALID_ARGUMENT', 'Give at least one of title, body or parent_page_id.');
    }
    // Both APIs need title and body on every update: read what the caller keeps once, here, not again in the client.
    const current = await ctx.getPage(args.page_id, args.body === undefined ? { bodyFormat: 'storage' } : {});
    const currentVersion = current.version.number;
    assertNextVersion(currentVersion, args.new_version_number);
    if (args.parent_page_id) {
      const parent = await ctx.getPage(args.parent_page_id);
      if (parent.spaceKey !== current.spaceKey) throw new ToolFailure('INVALID_ARGUMENT', `parent_page_id: page ${parent.id} is in space ${parent.spaceKey}, not ${current.spaceKey}.`);
    }
    const converted = args.body === undefined ? undefined : storageForWrite(args.body, args.body_format, args.allow_lossy);
    const updated = await ctx.client.pages
      .update(args.page_id, {
        expectedVersion: currentVersion,
        title: args.title ?? current.title,
        body: converted?.storage ?? current.body?.storage ?? '',
        parentId: args.parent_page_id,
        message: args.update_message,
      })
      .catch((error: unknown) => {
        throw duplicateTitle(error, args.title ?? current.title, current.spaceKey);
      });
    const summary = pageSummary({ ...updated, spaceKey: current.spaceKey });
    return success(
      { ...summary, previous_version: currentVersion, warnings: converted?.warnings.length ? converted.warnings : undefined },
      `Updated "${summary.title}" (id ${summary.id}) to version ${summary.version}: ${summary.url}${converted?.note ? `\n${converted.note}` : ''}`,
    );
  },
});
