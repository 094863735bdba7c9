/** Builds a whole deterministic world from a seed. */
import type { ContentVersion, Page, Space, World } from '../model';
import { FEATURES, buildBodies } from './bodies';
import { FragmentContext, SpaceTitles } from './fragments';
import { PagePlan, SpacePlan, planSpace } from './plan';
import { Rng } from './random';
import { makeAttachments, makeComments, pageLabels } from './records';
import { TextGen } from './text';
import { makeUser } from './users';

export interface GenerateOptions {
  spaces: number;
  /** Pages and blog posts per space, the home page included (about 5% are blog posts). */
  pagesPerSpace: number;
  seed: number;
  /** How many users (default 4): alice, bob, carol, dave, ... */
  users?: number;
  /** The world's "now" (ISO); every date lies in the two years before it. Default 2026-01-15T12:00:00.000Z. */
  now?: string;
}

/** The first id: Confluence ids are one numeric sequence across spaces, pages, comments and attachments. */
export const FIRST_ID = 65537;
const DAY = 86_400_000;
const MESSAGES = ['', '', '', 'Updated steps', 'Fixed typos', 'Added rollback section', 'Reviewed', 'Clarified ownership'];

function sizeTarget(rng: Rng, plan: PagePlan): number {
  if (plan.kind === 'section') return rng.int(600, 1500);
  if (plan.type === 'blogpost') return rng.int(1000, 4000);
  const r = rng.next();
  if (r < 0.015) return rng.int(30_000, 60_000);
  if (r < 0.08) return rng.int(6_000, 12_000);
  if (r < 0.38) return rng.int(2_200, 5_500);
  return rng.int(700, 2_200);
}

function checkOptions(o: GenerateOptions): void {
  for (const [name, value] of Object.entries({ spaces: o.spaces, pagesPerSpace: o.pagesPerSpace, users: o.users ?? 4 })) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`generateWorld: ${name} must be a non-negative integer`);
  }
  if ((o.users ?? 4) < 1) throw new RangeError('generateWorld: users must be at least 1');
  if (!Number.isFinite(o.seed)) throw new RangeError('generateWorld: seed must be a number');
  if (o.now !== undefined && Number.isNaN(Date.parse(o.now))) throw new RangeError('generateWorld: now must be an ISO date');
}

/**
 * A deterministic world: the same options always give a deep-equal world. Users are alice, bob, carol, ...
 * (see WELL_KNOWN_USERS); spaces are ENG, OPS, DOCS, HR, S5, ...; the last space (when there are two or more)
 * is readable and writable only by alice and bob. With 5+ pages per space, one page per space is readable only
 * by alice (`restrictions.read`) and one editable only by alice (`restrictions.update`).
 */
export function generateWorld(options: GenerateOptions): World {
  checkOptions(options);
  const rng = new Rng((Math.floor(options.seed) ^ 0x5bd1e995) >>> 0);
  const text = new TextGen(rng);
  const now = Date.parse(options.now ?? '2026-01-15T12:00:00.000Z');
  const world: World = {
    siteName: 'emulator',
    cloudId: rng.uuid(),
    users: new Map(),
    spaces: new Map(),
    pages: new Map(),
    comments: new Map(),
    attachments: new Map(),
    nextId: FIRST_ID,
  };
  for (let i = 0; i < (options.users ?? 4); i++) {
    const user = makeUser(i);
    world.users.set(user.accountId, user);
  }
  const everyone = [...world.users.keys()];
  const plans: SpacePlan[] = [];
  for (let s = 0; s < options.spaces; s++) plans.push(planSpace(rng, text, s, options.pagesPerSpace, now));
  const titles: SpaceTitles[] = plans.map((p) => ({ key: p.key, titles: p.pages.map((pg) => pg.title) }));
  plans.forEach((plan, s) => {
    const restricted = options.spaces >= 2 && s === options.spaces - 1;
    const readers = restricted ? everyone.slice(0, 2) : everyone;
    writeSpace(world, rng, text, { plan, titles, index: s, readers, restricted, now });
  });
  return world;
}

interface SpaceJob {
  plan: SpacePlan;
  titles: SpaceTitles[];
  index: number;
  /** Users who can see the space: they author its content. */
  readers: string[];
  restricted: boolean;
  now: number;
}

function writeSpace(world: World, rng: Rng, text: TextGen, job: SpaceJob): void {
  const { plan, readers, now } = job;
  const alice = readers[0];
  const access = job.restricted ? readers.slice() : '*';
  const space: Space = {
    id: String(world.nextId++),
    key: plan.key,
    name: plan.name,
    type: 'global',
    status: 'current',
    authorId: alice,
    createdAt: new Date(plan.createdAt).toISOString(),
    homepageId: null,
    description: `${plan.name}: ${text.plainSentence()}`,
    permissions: { read: access, write: job.restricted ? readers.slice() : '*' },
    labels: [],
  };
  world.spaces.set(space.id, space);
  const ids: string[] = [];
  const excerptTitles = plan.pages.filter((p) => p.excerpt).map((p) => p.title);
  const topLevelTitles = plan.pages.filter((p) => p.parent === 0).map((p) => p.title);
  let regular = 0;
  plan.pages.forEach((p, i) => {
    const id = String(world.nextId++);
    ids.push(id);
    if (i === 0) space.homepageId = id;
    const authors = p.restriction ? [alice] : readers;
    const authorId = rng.pick(authors);
    const attachments = makeAttachments(world, rng, text, id, p.files, authors, p.createdAt, now);
    const f: FragmentContext = {
      rng, text, space: job.titles[job.index], spaces: job.titles, selfTitle: p.title, userIds: readers,
      attachments: attachments.map((a) => ({ filename: a.title, mediaType: a.mediaType })),
      excerptTitles, dateFrom: p.createdAt - 30 * DAY, dateTo: now + 90 * DAY, markers: [], taskId: 0,
    };
    const isRegular = p.type === 'page' && i > 0;
    const bodies = buildBodies(f, {
      kind: p.kind,
      targetSize: sizeTarget(rng, p),
      versions: p.versionTimes.length,
      feature: isRegular ? regular++ % FEATURES.length : undefined,
      excerpt: p.excerpt,
      layout: isRegular && rng.chance(0.05),
      marker: i > 0 && rng.chance(0.08),
      topLevelTitles: i === 0 ? topLevelTitles : undefined,
    });
    const renamed = bodies.length > 1 && rng.chance(0.25);
    const earlier = renamed ? rng.pick([`${p.title} (draft)`, `WIP - ${p.title}`, `Draft: ${p.title}`]) : p.title;
    const versions: ContentVersion[] = bodies.map((body, v) => ({
      number: v + 1,
      createdAt: new Date(p.versionTimes[v]).toISOString(),
      message: v === 0 ? '' : rng.pick(MESSAGES),
      minorEdit: v > 0 && rng.chance(0.2),
      authorId: v === 0 ? authorId : rng.pick(authors),
      title: v === 0 && renamed ? earlier : p.title,
      body,
    }));
    const page: Page = {
      id,
      type: p.type,
      spaceId: space.id,
      status: 'current',
      parentId: p.parent < 0 ? null : ids[p.parent],
      position: p.position,
      authorId,
      ownerId: rng.chance(0.1) ? rng.pick(authors) : authorId,
      createdAt: versions[0].createdAt,
      versions,
      restrictions: p.restriction === 'read' ? { read: [alice] } : p.restriction === 'update' ? { update: [alice] } : {},
      labels: pageLabels(rng, p.kind),
    };
    world.pages.set(id, page);
    for (const a of attachments) world.attachments.set(a.id, a);
    const target = { pageId: id, pageTitle: p.title, createdAt: p.createdAt, authors, markers: f.markers };
    for (const c of makeComments(world, rng, text, target, now)) world.comments.set(c.id, c);
  });
}
