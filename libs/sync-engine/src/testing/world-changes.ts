/** Random edits of an emulator's world between sync runs, as people make them in Confluence. */
import { Random, between, pick, shuffled, storageParagraphs } from './random';
import { SyncWorld, visiblePages } from './sync-world';

/** What `changeWorld` did, by page id (for messages when an iteration fails). */
export interface WorldChanges {
  resized: string[];
  renamed: string[];
  moved: string[];
  trashed: string[];
  deleted: string[];
  restricted: string[];
  created: string[];
}

/**
 * A few changes in the world's space: pages grown or shrunk (1 to `maxParagraphs` paragraphs, so their chunk count
 * changes), a rename above other pages, a move, a page trashed, one deleted for good, one restricted from alice, and a
 * new page. Leaves are trashed and deleted so the rest of the tree stays put.
 */
export function changeWorld(world: SyncWorld, random: Random, options: { resize?: number; maxParagraphs?: number } = {}): WorldChanges {
  const { control } = world.emulator;
  const pages = shuffled(random, visiblePages(world.emulator, world.spaceKey));
  const hasChildren = (id: string) => pages.some((p) => p.parentId === id);
  const leaves = pages.filter((p) => !hasChildren(p.id));
  const parents = pages.filter((p) => hasChildren(p.id));
  const changes: WorldChanges = { resized: [], renamed: [], moved: [], trashed: [], deleted: [], restricted: [], created: [] };
  const maxParagraphs = options.maxParagraphs ?? 8;

  for (const page of pages.slice(0, options.resize ?? 3)) {
    control.editPage(page.id, { body: storageParagraphs(random, between(random, 1, maxParagraphs)) });
    changes.resized.push(page.id);
  }
  if (parents.length) {
    const parent = pick(random, parents);
    control.renamePage(parent.id, `Renamed ${Math.floor(random() * 1e9)}`);
    changes.renamed.push(parent.id);
  }
  const [trashed, deleted, moved, restricted] = leaves;
  if (trashed) {
    control.trashPage(trashed.id);
    changes.trashed.push(trashed.id);
  }
  if (deleted) {
    control.deletePage(deleted.id);
    changes.deleted.push(deleted.id);
  }
  if (moved && parents.length) {
    const target = pick(random, parents);
    if (target.id !== moved.parentId && target.id !== moved.id) {
      control.movePage(moved.id, target.id);
      changes.moved.push(moved.id);
    }
  }
  if (restricted && random() < 0.5) {
    control.restrictPage(restricted.id, { read: [control.user('bob').accountId] });
    changes.restricted.push(restricted.id);
  }
  const created = control.createPage({
    spaceKey: world.spaceKey,
    title: `New page ${Math.floor(random() * 1e9)}`,
    body: storageParagraphs(random, between(random, 1, maxParagraphs)),
    parentId: parents.length ? pick(random, parents).id : null,
  });
  changes.created.push(created.id);
  return changes;
}
