/** Schemas and renderings several tools share. */
import type { ListKind, Page } from '@confluence-mcp/confluence-client';
import { BadRequestError, PAGE_LIMITS } from '@confluence-mcp/confluence-client';
import { z } from 'zod';
import { echo } from '../body';
import { ToolFailure } from '../results';

export const pageIdSchema = z.string().max(20).regex(/^\d{1,20}$/, 'must be a numeric Confluence page id');

/**
 * Upper bounds of every argument, documented in the schemas: a model (or an attacker) that sends a million space
 * keys gets a clear error naming the field instead of a multi-megabyte URL, a 431 and 900 MB of memory.
 */
export const LIMITS = {
  /** Storage or Markdown body of a write, in characters. */
  bodyChars: 2_000_000,
  /** Space keys, labels and similar lists. */
  listItems: 50,
  /** Search words, titles, names. */
  textChars: 500,
  /** Cursors Confluence hands out (Cloud's are opaque base64). */
  cursorChars: 2_000,
} as const;

/** A space key: at most 255 characters, as Confluence allows. */
export const spaceKeySchema = z.string().min(1).max(255);
/** A list of space keys, at most `LIMITS.listItems`. */
export const spaceKeysSchema = z.array(spaceKeySchema).max(LIMITS.listItems);

export const warningSchema = z.object({ kind: z.string(), message: z.string(), count: z.number() });

export const pageSummaryShape = {
  id: z.string(),
  title: z.string(),
  status: z.string(),
  space_key: z.string(),
  version: z.number(),
  url: z.string(),
  parent_id: z.string().nullable(),
};

export function pageSummary(page: Page & { spaceKey: string }) {
  return { id: page.id, title: page.title, status: page.status, space_key: page.spaceKey, version: page.version.number, url: page.webUrl, parent_id: page.parentId };
}

/**
 * The largest page a list answers with, whatever the API allows: a model reads every item, and long answers cost
 * it context. Smaller API limits (`PAGE_LIMITS`) still apply.
 */
export const MAX_ITEMS_PER_ANSWER = 100;

/**
 * The largest `limit` a tool can offer for a kind of list on every flavour: the client's `PAGE_LIMITS` (the same
 * tool schema serves Cloud and Data Center), and at most `cap`.
 */
export function pageLimit(kind: ListKind, cap = Number.POSITIVE_INFINITY): number {
  return Math.min(PAGE_LIMITS[kind].cloud, PAGE_LIMITS[kind].dc, cap);
}

export const limitSchema = (max: number, fallback: number) => z.number().int().min(1).max(max).default(fallback).describe(`Results per call, 1-${max} (default ${fallback}).`);
export const cursorSchema = z.string().min(1).max(LIMITS.cursorChars).optional().describe('Continuation cursor: the next_cursor of the previous call. Omit for the first page.');

export const startSchema = z
  .number()
  .int()
  .min(0)
  .optional()
  .describe('Offset of the first result (e.g. the next_start_offset of the previous call), instead of cursor. Omit for the first page.');

/**
 * Confluence's answer to a title the space already has (a 400 on create or rename), in words that say what to do;
 * any other error is returned unchanged.
 */
export function duplicateTitle(error: unknown, title: string, spaceKey: string): unknown {
  if (error instanceof BadRequestError && /already exists/i.test(error.serverMessage ?? '')) {
    return new ToolFailure(
      'INVALID_ARGUMENT',
      `title: space ${spaceKey} already has a page titled "${echo(title)}". Choose another title, or update that page (search_confluence_pages with title finds it).`,
    );
  }
  return error;
}

/**
 * The version guard of every write: `requested` (when given) must be the current version + 1, else a
 * VERSION_CONFLICT that tells the model what is there now.
 */
export function assertNextVersion(currentVersion: number, requested: number | undefined): void {
  if (requested === undefined || requested === currentVersion + 1) return;
  throw new ToolFailure(
    'VERSION_CONFLICT',
    `The page is at version ${currentVersion}, so new_version_number must be ${currentVersion + 1} (got ${requested}). ` +
      'Re-read the page with get_confluence_page, apply your change to what is there now, and retry.',
    { currentVersion },
  );
}
