/** Change detection: the listing of a space against what the destination holds. Pure, so it is tested alone. */
import type { SyncedPage } from '../store/types';

/** What the listing says about a page (no body). */
export interface ListedPage {
  id: string;
  spaceKey: string;
  title: string;
  version: number;
  parentId: string | null;
  position: number | null;
  /** Ancestor titles joined by ' / '. */
  ancestry: string;
}

/** Pages to write, and pages to remove. */
export interface PageDiff {
  new: ListedPage[];
  changed: ListedPage[];
  unchanged: ListedPage[];
  /** Recorded pages no longer listed (deleted, trashed, moved out of the spaces, or no longer visible). */
  gone: SyncedPage[];
}

/**
 * New: not recorded, or recorded only as a pending first write. Changed: version, title, parent, position or ancestry
 * differ, or a write was interrupted (pending chunk ids left). Gone: recorded but not listed.
 */
export function diffPages(listed: Iterable<ListedPage>, recorded: readonly SyncedPage[]): PageDiff {
  const byId = new Map(recorded.map((page) => [page.pageId, page]));
  const out: PageDiff = { new: [], changed: [], unchanged: [], gone: [] };
  const seen = new Set<string>();
  for (const page of listed) {
    if (seen.has(page.id)) continue;
    seen.add(page.id);
    const stored = byId.get(page.id);
    if (!stored || stored.version === 0) out.new.push(page);
    else if (stored.pendingChunkIds !== null || isDifferent(page, stored)) out.changed.push(page);
    else out.unchanged.push(page);
  }
  for (const page of recorded) if (!seen.has(page.pageId)) out.gone.push(page);
  return out;
}

function isDifferent(page: ListedPage, stored: SyncedPage): boolean {
  return (
    page.version !== stored.version ||
    page.title !== stored.title ||
    page.parentId !== stored.parentId ||
    page.position !== stored.position ||
    page.ancestry !== stored.ancestry ||
    page.spaceKey !== stored.spaceKey
  );
}

/** Ancestor titles of every listed page, from the parent links of the listing (a parent outside it ends the chain). */
export function ancestryOf(pages: ReadonlyMap<string, Pick<ListedPage, 'title' | 'parentId'>>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const resolve = (id: string, below: Set<string>): string[] => {
    const known = out.get(id);
    if (known) return known;
    const page = pages.get(id);
    const parent = page?.parentId ? pages.get(page.parentId) : undefined;
    below.add(id);
    // A parent cycle in bad data (or a listing taken during moves) ends the chain where a page would repeat; the
    // depth guard keeps the recursion well inside the stack.
    const chain = page?.parentId && parent && !below.has(page.parentId) && below.size < 200 ? [...resolve(page.parentId, below), parent.title] : [];
    out.set(id, chain);
    return chain;
  };
  for (const id of pages.keys()) resolve(id, new Set());
  return out;
}
