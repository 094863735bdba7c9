/** get_confluence_page: one page by id, space key + title, or URL, as Markdown by default, cut to size. */
import type { Page } from '@confluence-mcp/confluence-client';
import { NotFoundError } from '@confluence-mcp/confluence-client';
import { outlineOf, sectionOf } from '@confluence-mcp/confluence-markdown';
import { z } from 'zod';
import { DEFAULT_MAX_CHARS, MAX_MAX_CHARS, decodeBodyCursor, encodeBodyCursor, headingFor, listHeadings, sliceBody } from '../body';
import type { ToolContext } from '../context';
import { conversions } from '../conversions';
import { PAGE_NOT_FOUND, ToolFailure, success } from '../results';
import { defineTool } from '../tool';
import { pageIdSchema, spaceKeySchema, warningSchema } from './shared';

const outlineEntry = z.object({ level: z.number(), text: z.string() });

export const getPageTool = defineTool({
  name: 'get_confluence_page',
  title: 'Get Confluence page',
  description:
    'Read one Confluence page, identified by page_id, by space_key + title, or by url (exactly one). The body is Markdown by default; ' +
    'Confluence-only content appears as <!--confluence...--> comments (placeholders, and begin/end markers around macro bodies you may edit between) that must be kept as they are when the page is updated. ' +
    `At most max_chars characters of the body come back (default ${DEFAULT_MAX_CHARS}); a longer body ends with next_cursor to read on, and the outline of its headings, so one section can be read by heading.`,
  toolsets: ['pages'],
  inputSchema: {
    page_id: pageIdSchema.optional().describe('Numeric page id, e.g. "123456".'),
    space_key: spaceKeySchema.optional().describe('Space key, e.g. "ENG"; with title.'),
    title: z.string().min(1).max(255).optional().describe('Exact page title; with space_key.'),
    url: z.string().url().max(2000).optional().describe('A link to the page on this Confluence site.'),
    body_format: z.enum(['markdown', 'storage', 'view']).default('markdown').describe('markdown (default), storage (Confluence XHTML, for exact edits) or view (rendered HTML).'),
    expand: z.array(z.enum(['labels'])).max(1).optional().describe('Extra data: "labels".'),
    max_chars: z
      .number()
      .int()
      .min(200)
      .max(MAX_MAX_CHARS)
      .default(DEFAULT_MAX_CHARS)
      .describe(`Return at most this many characters of the body (default ${DEFAULT_MAX_CHARS}, at most ${MAX_MAX_CHARS}); when cut, next_cursor continues and outline lists the headings.`),
    cursor: z.string().max(100).optional().describe('next_cursor from the previous call, to read the next part of the body.'),
    section: z
      .string()
      .min(1)
      .max(1000)
      .optional()
      .describe('Return only the section under this heading (Markdown only), e.g. "Rollback plan"; matched exactly, else ignoring case and spacing.'),
    occurrence: z.number().int().min(1).optional().describe('With section: which of several headings matching it, counting from 1 in page order; needed only when it is ambiguous.'),
  },
  outputSchema: {
    id: z.string(),
    status: z.string(),
    title: z.string(),
    space_key: z.string(),
    version: z.number(),
    url: z.string(),
    body: z.string(),
    body_format: z.enum(['markdown', 'storage', 'view']),
    author_id: z.string().nullable(),
    created_date: z.string(),
    last_modified_date: z.string(),
    parent_id: z.string().nullable(),
    labels: z.array(z.string()).optional(),
    total_chars: z.number().describe('Length of the whole body (or section) in characters.'),
    truncated: z.boolean(),
    next_cursor: z.string().optional(),
    outline: z.array(outlineEntry).optional(),
    warnings: z.array(warningSchema).optional(),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(args, ctx) {
    const ways = [args.page_id !== undefined, args.space_key !== undefined || args.title !== undefined, args.url !== undefined].filter(Boolean).length;
    if (ways !== 1) throw new ToolFailure('INVALID_ARGUMENT', 'Give exactly one of page_id, space_key + title, or url.');
    if (args.section && args.body_format !== 'markdown') throw new ToolFailure('INVALID_ARGUMENT', 'section works with body_format "markdown" only.');
    if (args.occurrence !== undefined && !args.section) throw new ToolFailure('INVALID_ARGUMENT', 'occurrence: picks one of several headings matching section; pass section too.');
    const apiFormat = args.body_format === 'view' ? 'view' : 'storage';
    const page = await locate(args, ctx, apiFormat);
    let body = (apiFormat === 'view' ? page.body?.view : page.body?.storage) ?? '';
    let warnings: Array<{ kind: string; message: string; count: number }> | undefined;
    if (args.body_format === 'markdown') {
      const resolveUser = await ctx.userResolver([body]);
      const converted = conversions.convert(body, { spaceKey: page.spaceKey, resolveUser });
      body = converted.markdown;
      warnings = converted.warnings.length ? converted.warnings : undefined;
    }
    const outline = args.body_format === 'markdown' ? outlineOf(body) : [];
    const fullOutline = outline.map(({ level, text }) => ({ level, text }));
    if (args.section) body = sectionOf(body, headingFor(outline, args.section, args.occurrence, 'section'), outline);
    const offset = args.cursor ? decodeBodyCursor(args.cursor, page.version.number) : 0;
    const total = body.length;
    const { chunk, next } = sliceBody(body, offset, args.max_chars);
    const truncated = next !== undefined || offset > 0;
    const structured = {
      id: page.id,
      status: page.status,
      title: page.title,
      space_key: page.spaceKey,
      version: page.version.number,
      url: page.webUrl,
      body: chunk,
      body_format: args.body_format,
      author_id: page.authorId,
      created_date: page.createdAt,
      last_modified_date: page.version.createdAt,
      parent_id: page.parentId,
      labels: page.labels?.map((l) => l.name),
      total_chars: total,
      truncated,
      next_cursor: next !== undefined ? encodeBodyCursor(next, page.version.number) : undefined,
      outline: truncated && fullOutline.length ? fullOutline : undefined,
      warnings,
    };
    const header = `${statusNote(page.status)}# ${page.title}\nid ${page.id} · space ${page.spaceKey} · version ${page.version.number} · ${page.webUrl}`;
    const headings = fullOutline.length ? ` Headings: ${listHeadings(fullOutline, 50, true)}` : '';
    const more = structured.next_cursor
      ? `\n\n[Body cut at ${next} of ${total} characters: call again with cursor "${structured.next_cursor}" for the rest, or pass section to read one part.${headings}]`
      : '';
    return success(structured, `${header}\n\n${chunk}${more}`);
  },
});

/** A first line for a page that is not simply current, so a model never takes a deleted page for a live one. */
function statusNote(status: string): string {
  if (status === 'trashed') return 'This page is in the trash (deleted): readers no longer see it. A space admin can restore it.\n';
  if (status === 'archived') return 'This page is archived: it is kept for reference and hidden from normal navigation.\n';
  if (status === 'draft') return 'This page is an unpublished draft.\n';
  return '';
}

async function locate(
  args: { page_id?: string; space_key?: string; title?: string; url?: string; expand?: string[] },
  ctx: ToolContext,
  bodyFormat: 'storage' | 'view',
): Promise<Page & { spaceKey: string }> {
  const includeLabels = args.expand?.includes('labels');
  if (args.page_id) return ctx.getPage(args.page_id, { bodyFormat, includeLabels });
  if (args.url) {
    try {
      const found = await ctx.client.pages.getByUrl(args.url);
      return ctx.getPage(found.id, { bodyFormat, includeLabels });
    } catch (error) {
      if (error instanceof NotFoundError) throw new ToolFailure('NOT_FOUND', PAGE_NOT_FOUND);
      throw error;
    }
  }
  if (!args.space_key || !args.title) throw new ToolFailure('INVALID_ARGUMENT', 'space_key and title go together: give both.');
  if (!ctx.allowsSpace(args.space_key)) throw new ToolFailure('NOT_FOUND', PAGE_NOT_FOUND);
  const found = await ctx.client.pages.getByTitle(args.space_key, args.title).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!found) throw new ToolFailure('NOT_FOUND', `No page titled "${args.title}" in space ${args.space_key} visible to this user. search_confluence_pages can find it by words of the title.`);
  return ctx.getPage(found.id, { bodyFormat, includeLabels });
}
