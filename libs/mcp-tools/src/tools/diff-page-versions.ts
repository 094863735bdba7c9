/** diff_confluence_page_versions: a unified diff of two versions of a page, both converted to Markdown. */
import { NotFoundError } from '@confluence-mcp/confluence-client';
import { createTwoFilesPatch } from 'diff';
import { z } from 'zod';
import { conversions } from '../conversions';
import { ToolFailure, success } from '../results';
import { defineTool } from '../tool';
import { pageIdSchema } from './shared';

/** Longest diff text returned; a longer one is cut at a line break and flagged `truncated`. */
export const MAX_DIFF_CHARS = 50_000;
/**
 * Line edits the diff may need. Myers' algorithm costs O(N x D): two large versions that differ everywhere took
 * 18.8 s (and held every other call) before this bound. Past it, the answer is TOO_LARGE with what to do instead.
 */
export const MAX_DIFF_EDITS = 1_000;
/** Longest the diff may compute, in ms; it yields to other calls between steps. */
export const DIFF_TIMEOUT_MS = 2_000;

export const diffPageVersionsTool = defineTool({
  name: 'diff_confluence_page_versions',
  title: 'Diff page versions',
  description:
    'Compare two versions of a page: a unified diff of their Markdown (--- older, +++ newer). to_version defaults to the current version. ' +
    `Diffs longer than max_chars (default ${MAX_DIFF_CHARS}) are cut and flagged truncated. get_confluence_page_versions lists the version numbers.`,
  toolsets: ['pages'],
  inputSchema: {
    page_id: pageIdSchema.describe('Id of the page.'),
    from_version: z.number().int().min(1).describe('The older version number, e.g. 3.'),
    to_version: z.number().int().min(1).optional().describe('The newer version number; the current version when left out.'),
    context_lines: z.number().int().min(0).max(20).default(3).describe('Unchanged lines shown around each change (default 3).'),
    max_chars: z.number().int().min(500).max(MAX_DIFF_CHARS).default(MAX_DIFF_CHARS).describe(`Cut the diff text at this many characters (default and maximum ${MAX_DIFF_CHARS}).`),
  },
  outputSchema: {
    page_id: z.string(),
    title: z.string(),
    from_version: z.number(),
    to_version: z.number(),
    diff: z.string().describe('Unified diff of the Markdown; empty when the bodies are the same.'),
    added_lines: z.number(),
    removed_lines: z.number(),
    total_chars: z.number().describe('Length of the whole diff text.'),
    truncated: z.boolean(),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(args, ctx) {
    const current = await ctx.getPage(args.page_id, { bodyFormat: 'storage' });
    const latest = current.version.number;
    const to = args.to_version ?? latest;
    for (const [field, value] of [['from_version', args.from_version], ['to_version', to]] as const) {
      if (value > latest) throw new ToolFailure('INVALID_ARGUMENT', `${field}: the page has versions 1 to ${latest}.`);
    }
    if (args.from_version >= to) throw new ToolFailure('INVALID_ARGUMENT', `from_version (${args.from_version}) must be lower than to_version (${to}).`);
    const markdownOf = async (version: number): Promise<string> => {
      const storage =
        version === latest
          ? current.body?.storage
          : (
              await ctx.client.pages.get(current.id, { bodyFormat: 'storage', version }).catch((error: unknown) => {
                if (error instanceof NotFoundError) throw new ToolFailure('NOT_FOUND', `Version ${version} of page ${current.id} is not available. get_confluence_page_versions lists its versions.`);
                throw error;
              })
            ).body?.storage;
      return conversions.convert(storage ?? '', { spaceKey: current.spaceKey }).markdown;
    };
    const [before, after] = await Promise.all([markdownOf(args.from_version), markdownOf(to)]);
    const patch = before === after ? '' : await unifiedDiff(`v${args.from_version}`, `v${to}`, before, after, args.context_lines);
    if (patch === undefined) {
      throw new ToolFailure(
        'TOO_LARGE',
        `Versions ${args.from_version} and ${to} differ in too many lines to diff here (over ${MAX_DIFF_EDITS} changed lines). ` +
          'Compare versions closer together (get_confluence_page_versions lists them), or read each version with get_confluence_page.',
      );
    }
    const whole = patch.replace(/^=+\n/, '');
    let added = 0;
    let removed = 0;
    for (const line of whole.split('\n')) {
      if (line.startsWith('+') && !line.startsWith('+++')) added++;
      else if (line.startsWith('-') && !line.startsWith('---')) removed++;
    }
    const diff = cut(whole, args.max_chars);
    const truncated = diff.length < whole.length;
    const structured = { page_id: current.id, title: current.title, from_version: args.from_version, to_version: to, diff, added_lines: added, removed_lines: removed, total_chars: whole.length, truncated };
    const header = `Diff of "${current.title}" (id ${current.id}) v${args.from_version} -> v${to}: +${added} -${removed} lines`;
    const body = whole ? `\n\n${diff}${truncated ? `\n[Diff cut at ${diff.length} of ${whole.length} characters: compare closer versions, or read a version with get_confluence_page.]` : ''}` : '\n\nThe two versions have the same content.';
    return success(structured, `${header}${body}`);
  },
});

/**
 * A unified diff of two texts, or `undefined` when it needs more than `MAX_DIFF_EDITS` line edits or
 * `DIFF_TIMEOUT_MS`. jsdiff's callback mode runs one edit length per macrotask, so other calls keep being served.
 */
function unifiedDiff(fromName: string, toName: string, before: string, after: string, context: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    createTwoFilesPatch(fromName, toName, ensureNewline(before), ensureNewline(after), undefined, undefined, {
      context,
      maxEditLength: MAX_DIFF_EDITS,
      timeout: DIFF_TIMEOUT_MS,
      callback: resolve,
    });
  });
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** The first `max` characters, ending at a line break when one is in the second half. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const newline = text.lastIndexOf('\n', max - 1);
  return text.slice(0, newline > max / 2 ? newline + 1 : max);
}
