/** replace_confluence_page_section: new content under one heading of a page, the rest of the page left as it is. */
import { outlineOf, replaceSection } from '@confluence-mcp/confluence-markdown';
import { z } from 'zod';
import { echo, headingFor, storageForWrite } from '../body';
import { conversions } from '../conversions';
import { success } from '../results';
import { defineTool } from '../tool';
import { LIMITS, assertNextVersion, pageIdSchema, pageSummary, pageSummaryShape, warningSchema } from './shared';

export const replacePageSectionTool = defineTool({
  name: 'replace_confluence_page_section',
  title: 'Replace page section',
  description:
    'Replace the content under one heading of a page (up to the next heading of the same or a higher level), leaving the heading itself and ' +
    'the rest of the page as they are. Read the page first (get_confluence_page, its outline lists the headings) and pass new_version_number = ' +
    'its version + 1. new_content is Markdown and may contain sub-headings; keep any <!--confluence:...--> placeholders of the section you read. ' +
    'When several headings match, pick one with occurrence. A write the converter cannot make without loss is refused.',
  toolsets: ['pages'],
  inputSchema: {
    page_id: pageIdSchema.describe('Id of the page.'),
    heading: z.string().trim().min(1).max(500).describe('Text of the heading, e.g. "Rollback plan" (without the #s); matched exactly, else ignoring case and spacing.'),
    occurrence: z.number().int().min(1).optional().describe('Which of several headings matching this text, counting from 1 in page order; needed only when the text is ambiguous.'),
    new_content: z.string().max(LIMITS.bodyChars).describe('Markdown that replaces the section body (everything below the heading line); an empty string empties the section.'),
    new_version_number: z.number().int().min(2).describe('The version this save creates: the version you read + 1.'),
    update_message: z.string().max(500).optional().describe('Version comment shown in the page history.'),
    allow_lossy: z.boolean().default(false).describe('Save even when the Markdown converter reports content it cannot write (default false: refuse).'),
  },
  outputSchema: { ...pageSummaryShape, previous_version: z.number(), heading: z.string(), heading_level: z.number(), warnings: z.array(warningSchema).optional() },
  unknownOutcome: 'Read the page (get_confluence_page) and compare its version and that section with your change before saving again.',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async handler(args, ctx) {
    const current = await ctx.getPage(args.page_id, { bodyFormat: 'storage' });
    const currentVersion = current.version.number;
    assertNextVersion(currentVersion, args.new_version_number);
    const markdown = conversions.convert(current.body?.storage ?? '', { spaceKey: current.spaceKey }).markdown;
    const outline = outlineOf(markdown);
    const target = headingFor(outline, args.heading, args.occurrence, 'heading');
    const next = replaceSection(markdown, target, args.new_content, outline);
    const converted = storageForWrite(next, 'markdown', args.allow_lossy);
    const updated = await ctx.client.pages.update(current.id, { expectedVersion: currentVersion, title: current.title, body: converted.storage, message: args.update_message });
    const summary = pageSummary({ ...updated, spaceKey: current.spaceKey });
    return success(
      { ...summary, previous_version: currentVersion, heading: target.text, heading_level: target.level, warnings: converted.warnings.length ? converted.warnings : undefined },
      `Replaced section "${echo(target.text)}" of "${summary.title}" (id ${summary.id}); now version ${summary.version}: ${summary.url}`,
    );
  },
});
