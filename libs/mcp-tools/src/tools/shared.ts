/** Schemas and renderings several tools share. */
import type { Page } from '@confluence-mcp/confluence-client';
import { z } from 'zod';

export const pageIdSchema = z.string().regex(/^\d{1,20}$/, 'must be a numeric Confluence page id');

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

export const limitSchema = (max: number, fallback: number) => z.number().int().min(1).max(max).default(fallback).describe(`Results per call, 1-${max} (default ${fallback}).`);
export const cursorSchema = z.string().min(1).optional().describe('Continuation cursor: the next_cursor of the previous call. Omit for the first page.');
