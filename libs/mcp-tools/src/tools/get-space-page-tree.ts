/**
 * get_confluence_space_page_tree: the page hierarchy of a space from its homepage, breadth-first, cut at a depth
 * and a page count so that one call stays small and costs a bounded number of requests.
 */
import { NotFoundError } from '@confluence-mcp/confluence-client';
import type { Space } from '@confluence-mcp/confluence-client';
import { z } from 'zod';
import type { ToolContext } from '../context';
import { ToolFailure, success } from '../results';
import { spaceKeySchema } from './shared';
import { defineTool } from '../tool';

/** Deepest `max_depth` accepted: the output schema is nested this many levels below the homepage. */
const MAX_DEPTH = 5;
/** Hard cap on `max_pages`. */
const MAX_PAGES = 1000;

interface TreeNode {
  id: string;
  title: string;
  position: number | null;
  /** Left out when the level was not read (below `max_depth`, or cut by `max_pages`). */
  children?: TreeNode[];
}

/** The node schema `levels` deep, spelled out rather than recursive so every client can validate it. */
function nodeSchema(levels: number): z.ZodType<TreeNode> {
  const base = { id: z.string(), title: z.string(), position: z.number().nullable() };
  if (levels === 0) return z.object(base);
  return z.object({ ...base, children: z.array(nodeSchema(levels - 1)).optional() });
}

export const getSpacePageTreeTool = defineTool({
  name: 'get_confluence_space_page_tree',
  title: 'Get Confluence space page tree',
  description:
    "The page hierarchy of a space as a nested tree starting at the space's homepage, read breadth-first down to max_depth levels " +
    'and at most max_pages pages. A node without "children" was not expanded (too deep, or cut): call get_confluence_page_children ' +
    'for it. truncated is true when max_pages cut the tree short.',
  toolsets: ['pages', 'spaces'],
  inputSchema: {
    space_key: spaceKeySchema.describe('Space key, e.g. "ENG".'),
    max_depth: z.number().int().min(1).max(MAX_DEPTH).default(2).describe(`Levels below the homepage to read, 1-${MAX_DEPTH} (default 2).`),
    max_pages: z.number().int().min(1).max(MAX_PAGES).default(200).describe(`Most pages in the tree, homepage included, 1-${MAX_PAGES} (default 200).`),
  },
  outputSchema: {
    space_key: z.string(),
    root: nodeSchema(MAX_DEPTH),
    page_count: z.number().describe('Pages in the tree, homepage included.'),
    truncated: z.boolean().describe('True when max_pages stopped the walk before every level up to max_depth was read.'),
    requests: z.number().describe('Confluence requests the walk made.'),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(args, ctx) {
    ctx.requireSpace(args.space_key);
    const space = await spaceOf(ctx, args.space_key);
    if (!space.homepageId) throw new ToolFailure('NOT_FOUND', `Space ${space.key} has no homepage to start the tree from. search_confluence_pages can list its pages.`);
    const home = await ctx.getPage(space.homepageId);
    const root: TreeNode = { id: home.id, title: home.title, position: home.position ?? null };
    let requests = 2;
    let count = 1;
    let truncated = false;
    let level: TreeNode[] = [root];
    walk: for (let depth = 0; depth < args.max_depth && level.length; depth++) {
      const next: TreeNode[] = [];
      for (const node of level) {
        if (count >= args.max_pages) {
          truncated = true;
          break walk;
        }
        node.children = [];
        requests++;
        let seen = 0;
        for await (const child of ctx.client.pages.iterateChildren(node.id)) {
          // iterateChildren fetches a further page of children (250 on Cloud, 200 on Data Center) as needed.
          if (++seen > 1 && (seen - 1) % pageSizeOf(ctx) === 0) requests++;
          if (count >= args.max_pages) {
            truncated = true;
            break walk;
          }
          const childNode: TreeNode = { id: child.id, title: child.title, position: child.position };
          node.children.push(childNode);
          next.push(childNode);
          count++;
        }
      }
      level = next;
    }
    return success(
      { space_key: space.key, root, page_count: count, truncated, requests },
      `Page tree of space ${space.key} (${count} pages${truncated ? `, cut at max_pages ${args.max_pages}` : ''})\n${render(root, 0).join('\n')}`,
    );
  },
});

async function spaceOf(ctx: ToolContext, key: string): Promise<Space> {
  try {
    return await ctx.client.spaces.get(key);
  } catch (error) {
    if (error instanceof NotFoundError) throw new ToolFailure('NOT_FOUND', `Space ${key} not found, or not visible to this user. get_confluence_spaces lists the spaces you can use.`);
    throw error;
  }
}

function pageSizeOf(ctx: ToolContext): number {
  return ctx.client.flavor === 'cloud' ? 250 : 200;
}

function render(node: TreeNode, depth: number): string[] {
  const more = node.children === undefined ? ' …' : '';
  return [`${'  '.repeat(depth)}- ${node.title} (id ${node.id})${more}`, ...(node.children ?? []).flatMap((c) => render(c, depth + 1))];
}
