/** Planning a space before writing it: which pages exist, their titles, dates, restrictions and extras. */
import type { PageKind } from './bodies';
import { FileKind } from './records';
import { Rng } from './random';
import { TextGen } from './text';
import { TitleMaker } from './titles';
import { planTree } from './tree';

export interface PagePlan {
  type: 'page' | 'blogpost';
  kind: PageKind;
  /** The kind of content of the page's section (titles of section pages follow it). */
  section: PageKind;
  /** Index of the parent in the space's plan list, -1 for roots (home page, blog posts). */
  parent: number;
  depth: number;
  position: number;
  title: string;
  createdAt: number;
  /** Epoch ms of each version, ascending; the first is `createdAt`. */
  versionTimes: number[];
  restriction?: 'read' | 'update';
  files: FileKind[];
  excerpt: boolean;
}

export interface SpacePlan {
  key: string;
  name: string;
  createdAt: number;
  pages: PagePlan[];
}

const SPACE_NAMES: Record<string, string> = { ENG: 'Engineering', OPS: 'Operations', DOCS: 'Documentation', HR: 'Human Resources' };
const DAY = 86_400_000;

export function spaceKey(index: number): string {
  return Object.keys(SPACE_NAMES)[index] ?? `S${index + 1}`;
}

/** Blog posts are about 5% of a space's entries (pagesPerSpace counts pages and blog posts together). */
export function blogCount(pagesPerSpace: number): number {
  return pagesPerSpace >= 20 ? Math.round(pagesPerSpace * 0.05) : pagesPerSpace >= 6 ? 1 : 0;
}

function versionTimes(rng: Rng, createdAt: number, now: number): number[] {
  const times = [createdAt];
  const count = rng.weighted([1, 2, 3, 4], [40, 30, 20, 10]);
  for (let v = 1; v < count; v++) {
    const last = times[v - 1];
    times.push(last + 60_000 + Math.floor(rng.next() * (now - last - 60_000) * 0.4));
  }
  return times;
}

/** Chooses the restricted pages: leaves below the top level where possible, never the home page. */
function pickRestricted(rng: Rng, pages: PagePlan[], childCount: number[]): void {
  const ranked = pages
    .map((p, i) => ({ p, i }))
    .filter(({ p, i }) => i > 0 && p.type === 'page')
    .sort((a, b) => rank(a.p, childCount[a.i]) - rank(b.p, childCount[b.i]) || a.i - b.i);
  const pool = ranked.slice(0, Math.max(2, Math.min(ranked.length, 20)));
  const chosen = rng.sample(pool, 2);
  if (chosen[0]) chosen[0].p.restriction = 'read';
  if (chosen[1]) chosen[1].p.restriction = 'update';
}

const rank = (p: PagePlan, children: number): number => (children === 0 ? 0 : 2) + (p.depth >= 2 ? 0 : 1);

export function planSpace(rng: Rng, text: TextGen, index: number, pagesPerSpace: number, now: number): SpacePlan {
  const key = spaceKey(index);
  const name = SPACE_NAMES[key] ?? `Space ${index + 1}`;
  const start = now - 730 * DAY;
  const createdAt = start + index * 3 * DAY + rng.int(0, 8 * 3_600_000);
  const blogs = blogCount(pagesPerSpace);
  const tree = planTree(rng, pagesPerSpace - blogs);
  const pages: PagePlan[] = [];
  const childCount: number[] = [];
  const planIndex: number[] = [];
  let blogsLeft = blogs;
  const entry = (type: PagePlan['type'], kind: PageKind, section: PageKind, parent: number, depth: number, position: number): PagePlan => ({
    type, kind, section, parent, depth, position, title: '', createdAt: 0, versionTimes: [], files: [], excerpt: false,
  });
  tree.forEach((node, i) => {
    planIndex.push(pages.length);
    pages.push(entry('page', node.kind, node.section, node.parent < 0 ? -1 : planIndex[node.parent], node.depth, node.position));
    childCount.push(node.childCount);
    const remaining = tree.length - i;
    while (blogsLeft > 0 && i > 0 && rng.next() < blogsLeft / remaining) {
      pages.push(entry('blogpost', 'blog', 'blog', -1, 0, blogs - blogsLeft--));
      childCount.push(0);
    }
  });
  while (blogsLeft > 0) {
    pages.push(entry('blogpost', 'blog', 'blog', -1, 0, blogs - blogsLeft--));
    childCount.push(0);
  }
  const step = ((now - createdAt) * 0.9) / Math.max(1, pages.length);
  const titles = new TitleMaker(rng, text);
  if (pagesPerSpace >= 5) pickRestricted(rng, pages, childCount);
  let firstRegular = true;
  pages.forEach((p, i) => {
    p.createdAt = Math.floor(createdAt + i * step + rng.next() * step * 0.5);
    p.versionTimes = versionTimes(rng, p.createdAt, now);
    if (p.restriction === 'read') p.title = titles.reserve(`Security review: ${name} (restricted)`);
    else if (p.restriction === 'update') p.title = titles.reserve(`${name} release policy (locked)`);
    else if (i === 0) p.title = titles.reserve(`${name} Home`);
    p.excerpt = p.kind === 'section' || (p.type === 'page' && i > 0 && rng.chance(0.15));
    if (i > 0 && p.type === 'page' && firstRegular) {
      p.files = ['image', 'pdf', 'text'];
      firstRegular = false;
    } else if (i > 0 && rng.chance(0.2)) {
      p.files = rng.sample(['image', 'pdf', 'text', 'text', 'image'] as FileKind[], rng.int(1, 3));
    }
  });
  for (const p of pages) {
    if (!p.title) p.title = titles.make(p.kind, p.section, new Date(p.createdAt).toISOString().slice(0, 10));
  }
  return { key, name, createdAt, pages };
}
