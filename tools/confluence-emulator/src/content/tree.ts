/** The shape of a space's page tree: who is whose parent, how deep, and what kind of page each is. */
import type { PageKind } from './bodies';
import { Rng } from './random';

export interface TreeNode {
  /** Index of the parent node, -1 for the home page. */
  parent: number;
  depth: number;
  kind: PageKind;
  /** The kind of the section this page belongs to (its top-level ancestor's kind of content). */
  section: PageKind;
  position: number;
  childCount: number;
}

/** Kinds of top-level sections, with their conventional titles. */
export const SECTION_TITLES: Readonly<Partial<Record<PageKind, string>>> = {
  runbook: 'Runbooks',
  howto: 'How-to guides',
  design: 'Architecture',
  decision: 'Decision log',
  meeting: 'Meeting notes',
  api: 'API reference',
  onboarding: 'Onboarding',
};
const SECTION_KINDS = Object.keys(SECTION_TITLES) as PageKind[];

/** The deepest a page sits below the home page (the home page is depth 0). */
export const MAX_DEPTH = 5;
const CHILD_CAPACITY = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const CAPACITY_WEIGHTS = [45, 10, 10, 8, 8, 6, 5, 4, 4];

/**
 * Plans `count` pages (home page first, parents always before children). Each page is given a number of
 * children it will take (0-8, mostly leaves); new pages prefer recently opened parents, which is what makes
 * trees deep. When every parent is full (large spaces), a random shallow page takes more children.
 */
export function planTree(rng: Rng, count: number): TreeNode[] {
  const nodes: TreeNode[] = [];
  if (count <= 0) return nodes;
  const sectionKinds = rng.sample(SECTION_KINDS, SECTION_KINDS.length);
  const topCount = Math.min(count - 1, rng.int(3, 7));
  nodes.push({ parent: -1, depth: 0, kind: 'home', section: 'home', position: 0, childCount: 0 });
  const capacity: number[] = [topCount];
  const open: number[] = [];
  for (let i = 1; i < count; i++) {
    let parent: number;
    if (i <= topCount) parent = 0;
    else {
      if (open.length === 0) {
        let j = rng.int(1, i - 1);
        while (nodes[j].depth >= MAX_DEPTH) j = nodes[j].parent;
        capacity[j] += rng.int(1, 8);
        open.push(j);
      }
      const k = rng.chance(0.55) ? Math.max(0, open.length - 1 - rng.int(0, 7)) : rng.int(0, open.length - 1);
      parent = open[k];
      if (--capacity[parent] === 0) {
        open[k] = open[open.length - 1];
        open.pop();
      }
    }
    const depth = nodes[parent].depth + 1;
    const section = parent === 0 ? sectionKinds[(i - 1) % sectionKinds.length] : nodes[parent].section;
    const kind: PageKind = parent === 0 && i <= sectionKinds.length ? 'section' : section;
    nodes.push({ parent, depth, kind, section, position: nodes[parent].childCount++, childCount: 0 });
    capacity.push(depth >= MAX_DEPTH ? 0 : rng.weighted(CHILD_CAPACITY, CAPACITY_WEIGHTS));
    if (capacity[i] > 0) open.push(i);
  }
  reorderSomeSiblings(rng, nodes);
  return nodes;
}

/** Pages get moved: a few sibling pairs swap places, so position order is not always creation order. */
function reorderSomeSiblings(rng: Rng, nodes: TreeNode[]): void {
  const lastChild = new Map<number, number>();
  for (let i = 1; i < nodes.length; i++) {
    const prev = lastChild.get(nodes[i].parent);
    if (prev !== undefined && rng.chance(0.08)) {
      const tmp = nodes[prev].position;
      nodes[prev].position = nodes[i].position;
      nodes[i].position = tmp;
    }
    lastChild.set(nodes[i].parent, i);
  }
}
