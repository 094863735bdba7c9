/** replace_confluence_page_section: new content under one heading of a page, the rest of the page left as it is. */
import { storageToMarkdown } from '@confluence-mcp/confluence-markdown';
import { z } from 'zod';
import type { Heading } from '../body';
import { echo, listHeadings, outlineOf, storageForWrite } from '../body';
import { ToolFailure, success } from '../results';
import { defineTool } from '../tool';
import { LIMITS, assertNextVersion, pageIdSchema, pageSummary, pageSummaryShape, warningSchema } from './shared';

/**
 * Replace what follows the heading line of `heading` up to the next heading of its level or above (or the end).
 * The heading line and everything outside the section are kept character for character.
 */
export function replaceSection(markdown: string, heading: Heading, content: string): string {
  const outline = outlineOf(markdown);
  const index = outline.findIndex((h) => h.offset === heading.offset);
  const lineEnd = markdown.indexOf('\n', heading.offset);
  const bodyStart = lineEnd < 0 ? markdown.length : lineEnd + 1;
  const end = outline.slice(index + 1).find((h) => h.level <= heading.level)?.offset ?? markdown.length;
  const before = markdown.slice(0, bodyStart);
  const after = markdown.slice(end);
  const trimmed = content.replace(/^\s*\n/, '').trimEnd();
  const middle = trimmed ? `\n${trimmed}\n${after ? '\n' : ''}` : after ? '\n' : '';
  return `${before.endsWith('\n') ? before : `${before}\n`}${middle}${after}`;
}

/** Headings whose text is exactly `wanted` (leading #s and surrounding spaces ignored). */
export function headingsNamed(markdown: string, wanted: string): Heading[] {
  const text = wanted.trim().replace(/^#+\s+/, '').trim();
  return outlineOf(markdown).filter((h) => h.text === text);
}

export const replacePageSectionTool = defineTool({
  name: 'replace_confluence_page_section',
  title: 'Replace page section',
  description:
    'Replace the content under one heading of a page (up to the next heading of the same or a higher level), leaving the heading itself and ' +
    'the rest of the page as they are. Read the page first (get_confluence_page, its outline lists the headings) and pass new_version_number = ' +
    'its version + 1. new_content is Markdown and may contain sub-headings; keep any <!--confluence:...--> placeholders of the section you read. ' +
    'When several headings have the same text, pick one with occurrence. A write the converter cannot make without loss is refused.',
  toolsets: ['pages'],
  inputSchema: {
    page_id: pageIdSchema.describe('Id of the page.'),
    heading: z.string().trim().min(1).max(500).describe('Exact text of the heading, e.g. "Rollback plan" (without the #s).'),
    occurrence: z.number().int().min(1).optional().describe('Which of several headings with this exact text, counting from 1 in page order; needed only when the text is ambiguous.'),
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
    const markdown = storageToMarkdown(current.body?.storage ?? '', { spaceKey: current.spaceKey }).markdown;
    const matches = headingsNamed(markdown, args.heading);
    if (!matches.length) {
      throw new ToolFailure('NOT_FOUND', `No heading "${echo(args.heading)}" on this page (the text must match exactly). Its headings: ${listHeadings(outlineOf(markdown))}`);
    }
    if (matches.length > 1 && args.occurrence === undefined) {
      const lines = lineNumbers(markdown, matches.slice(0, MAX_LISTED_MATCHES).map((h) => h.offset));
      const listed = matches.slice(0, MAX_LISTED_MATCHES).map((h, i) => `${i + 1}: ${'#'.repeat(h.level)} ${echo(h.text)} (line ${lines[i]})`).join('; ');
      const more = matches.length > MAX_LISTED_MATCHES ? `; … ${matches.length - MAX_LISTED_MATCHES} more` : '';
      throw new ToolFailure('INVALID_ARGUMENT', `heading: ${matches.length} headings read "${echo(args.heading)}" (${listed}${more}). Pass occurrence to pick one.`, { matches: matches.length });
    }
    const target = matches[(args.occurrence ?? 1) - 1];
    if (!target) throw new ToolFailure('INVALID_ARGUMENT', `occurrence: the page has only ${matches.length} heading(s) reading "${args.heading}".`);
    const next = replaceSection(markdown, target, args.new_content);
    const converted = storageForWrite(next, 'markdown', args.allow_lossy);
    const updated = await ctx.client.pages.update(current.id, { expectedVersion: currentVersion, title: current.title, body: converted.storage, message: args.update_message });
    const summary = pageSummary({ ...updated, spaceKey: current.spaceKey });
    return success(
      { ...summary, previous_version: currentVersion, heading: target.text, heading_level: target.level, warnings: converted.warnings.length ? converted.warnings : undefined },
      `Replaced section "${target.text}" of "${summary.title}" (id ${summary.id}); now version ${summary.version}: ${summary.url}`,
    );
  },
});

/** Matches listed when a heading is ambiguous. */
const MAX_LISTED_MATCHES = 20;

/** 1-based line numbers of ascending `offsets`, in one pass over the text. */
function lineNumbers(text: string, offsets: readonly number[]): number[] {
  const lines: number[] = [];
  let line = 1;
  let from = 0;
  for (const offset of offsets) {
    for (let i = text.indexOf('\n', from); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    from = offset;
    lines.push(line);
  }
  return lines;
}
