/** Whole page bodies: sections chosen by page kind and size, grown version by version. */
import * as F from './fragments';
import { FragmentContext as Ctx } from './fragments';
import { escapeXml } from './markup';
import { KIND_SECTIONS, PageKind, bulky, filler } from './sections';
import { capitalise } from './text';

export type { PageKind } from './sections';

/** What the generator decided about a body before writing it. */
export interface BodyPlan {
  kind: PageKind;
  /** Approximate size of the current version, in characters. */
  targetSize: number;
  versions: number;
  /** Index into FEATURES: a construct this page is sure to contain (so small worlds still show them all). */
  feature?: number;
  /** Starts with an excerpt macro (other pages excerpt-include it). */
  excerpt: boolean;
  /** The whole body sits in an `ac:layout`. */
  layout: boolean;
  /** Holds an inline comment marker. */
  marker: boolean;
  /** Home pages only: titles of the top-level pages. */
  topLevelTitles?: readonly string[];
}

interface Feature {
  atStart?: boolean;
  build: (f: Ctx) => string;
}

const notes = (inner: string): string => `${F.heading(2, 'Notes')}${inner}`;

/** Constructs guaranteed somewhere in every reasonably sized space, one per page in turn. */
export const FEATURES: readonly Feature[] = [
  { build: (f) => notes(F.codeMacro(f)) },
  { build: (f) => notes(F.noformat(f)) },
  { build: (f) => notes(F.admonition(f, 'info')) },
  { build: (f) => notes(F.admonition(f, 'note')) },
  { build: (f) => notes(F.admonition(f, 'warning')) },
  { build: (f) => notes(F.admonition(f, 'tip')) },
  { build: (f) => notes(F.panel(f)) },
  { build: (f) => notes(F.expand(f)) },
  { build: (f) => notes(`<p>Status: ${F.statusMacro(f)}</p>`) },
  { build: (f) => notes(`<p>Tracked in ${F.jiraKey(f)}</p>`) },
  { build: (f) => notes(F.jiraJql(f)) },
  { atStart: true, build: (f) => F.toc(f) },
  { build: (f) => `${F.heading(2, 'Child pages')}${F.children(f)}` },
  { build: (f) => notes(F.include(f)) },
  { atStart: true, build: (f) => F.excerpt(f) },
  { build: (f) => notes(F.excerptInclude(f)) },
  { build: (f) => notes(F.taskList(f)) },
  { build: (f) => notes(`<p>See ${F.pageLink(f, 1, true)} first.</p>`) },
  { build: (f) => notes(`<p>Read ${F.pageLink(f, 2)}.</p>`) },
  { build: (f) => notes(`<p>Questions go to ${F.mention(f)}.</p>`) },
  { build: (f) => notes(`<p>More in the ${F.spaceLink(f)}.</p>`) },
  { build: (f) => notes(`<p>Tracked in ${F.smartLink(f)}.</p>`) },
  { build: (f) => notes(F.urlImage(f)) },
  { build: (f) => notes(`<p>Nice work everyone ${F.emoticon(f)}</p>`) },
  { build: (f) => notes(`<p>Last reviewed on ${F.time(f)}.</p>`) },
  { build: (f) => notes(F.placeholder(f)) },
  { build: (f) => notes(F.markerParagraph(f)) },
  { build: (f) => notes(F.table(f, 3, true)) },
  { build: (f) => notes(F.details(f)) },
  { build: (f) => notes(F.list(f, false, true)) },
  { build: (f) => notes(`${F.blockquote(f)}<hr />${F.paragraph(f)}`) },
];

/** A section showing the page's attachments the ways editors embed them. */
function attachmentsSection(f: Ctx): string {
  let out = F.heading(2, 'Attachments');
  for (const a of f.attachments) {
    if (a.mediaType.startsWith('image/')) out += F.attachmentImage(f, a.filename);
    else if (a.mediaType === 'application/pdf') out += `<p>${F.viewFile(f, a.filename)}</p>`;
    else out += `<p>Raw data: ${F.attachmentLink(a.filename)}</p>`;
  }
  return out + F.attachmentsMacro(f);
}

function homeBody(f: Ctx, plan: BodyPlan): string {
  const tops = plan.topLevelTitles ?? [];
  let links = '<ul>';
  for (const t of tops) links += `<li><ac:link><ri:page ri:content-title="${escapeXml(t)}" /></ac:link></li>`;
  links += '</ul>';
  const includes = f.excerptTitles.slice(0, 3).map((t) => `${F.heading(3, escapeXml(t))}${F.excerptInclude({ ...f, excerptTitles: [t] })}`);
  const sections: { type: string; cells: string[] }[] = [
    { type: 'two_equal', cells: [`${F.heading(2, 'Welcome')}${F.paragraph(f, 0)}`, `${F.admonition(f, 'info')}<p>✉️ <ac:placeholder>Insert your team's email here</ac:placeholder></p>`] },
    { type: 'fixed-width', cells: [`<h2>📄 Recently updated</h2>${recentlyUpdated(f)}`] },
    { type: 'two_right_sidebar', cells: [`${F.heading(2, 'Sections')}${links}`, `${F.heading(3, 'Page tree')}${F.children(f)}`] },
  ];
  if (includes.length > 0) sections.push({ type: includes.length === 3 ? 'three_equal' : 'single', cells: includes.length === 3 ? includes : [includes.join('')] });
  sections.push({ type: 'single', cells: [`${F.paragraph(f)}${blogPosts(f)}`] });
  return F.layout(sections);
}

const recentlyUpdated = (f: Ctx): string =>
  `<ac:structured-macro ac:name="recently-updated" ac:schema-version="1" ac:macro-id="${f.rng.hex(32)}"><ac:parameter ac:name="max">5</ac:parameter></ac:structured-macro>`;

const blogPosts = (f: Ctx): string =>
  `<ac:structured-macro ac:name="blog-posts" ac:schema-version="1" ac:macro-id="${f.rng.uuid()}"><ac:parameter ac:name="max">5</ac:parameter><ac:parameter ac:name="content">titles</ac:parameter></ac:structured-macro>`;

/** The sections of the current version, in order. */
function sections(f: Ctx, plan: BodyPlan): { head: string; body: string[] } {
  let head = plan.excerpt ? F.excerpt(f) : '';
  const body: string[] = [];
  let size = head.length;
  const add = (s: string): void => {
    body.push(s);
    size += s.length;
  };
  const core = KIND_SECTIONS[plan.kind];
  for (let i = 0; i < core.length && (i < 1 || size < plan.targetSize); i++) add(core[i](f));
  if (plan.targetSize > 20_000) while (size < plan.targetSize * 0.7) add(bulky(f));
  while (size < plan.targetSize) add(filler(f));
  if (plan.marker) body.splice(Math.min(1, body.length), 0, F.markerParagraph(f));
  if (f.attachments.length > 0) body.splice(Math.min(body.length, 1 + f.rng.int(0, 2)), 0, attachmentsSection(f));
  if (plan.feature !== undefined) {
    const feature = FEATURES[plan.feature % FEATURES.length];
    if (feature.atStart) head = feature.build(f) + head;
    else add(feature.build(f));
  }
  return { head, body };
}

function layoutSection(f: Ctx, section: string): string {
  if (f.rng.chance(0.25)) {
    return `<ac:layout-section ac:type="two_equal"><ac:layout-cell>${section}</ac:layout-cell><ac:layout-cell>${F.panel(f)}</ac:layout-cell></ac:layout-section>`;
  }
  return `<ac:layout-section ac:type="${f.rng.pick(['single', 'fixed-width'])}"><ac:layout-cell>${section}</ac:layout-cell></ac:layout-section>`;
}

/**
 * The body of every version, oldest first. Older versions are prefixes of the newest (pages grow), sometimes
 * with a TODO the next edit removed. The newest is one flat string and older ones are slices of it: V8 shares
 * the characters, which keeps large worlds small and cheap to garbage-collect.
 */
export function buildBodies(f: Ctx, plan: BodyPlan): string[] {
  if (plan.kind === 'home') {
    const body = homeBody(f, plan);
    const out: string[] = [];
    for (let v = 1; v < plan.versions; v++) out.push(`<p>${f.text.sentence()}</p>`);
    out.push(body);
    return out;
  }
  const { head, body } = sections(f, plan);
  const parts = plan.layout ? body.map((s) => layoutSection(f, s)) : body;
  const close = plan.layout ? '</ac:layout>' : '';
  const start = plan.layout ? `<ac:layout>${head ? `<ac:layout-section ac:type="single"><ac:layout-cell>${head}</ac:layout-cell></ac:layout-section>` : ''}` : head;
  const current = start + parts.join('') + close;
  const cuts: number[] = [parts.length];
  for (let v = plan.versions - 1; v >= 1; v--) cuts.unshift(Math.max(1, cuts[0] - f.rng.int(1, 2)));
  const versions: string[] = [];
  let offset = start.length;
  let done = 0;
  for (let v = 0; v < cuts.length - 1; v++) {
    while (done < cuts[v]) offset += parts[done++].length;
    const todo = f.rng.chance(0.5) ? todoParagraph(f, plan.layout) : '';
    versions.push(current.slice(0, offset) + todo + close);
  }
  versions.push(current);
  return versions;
}

function todoParagraph(f: Ctx, inLayout: boolean): string {
  const p = `<p>TODO: ${escapeXml(capitalise(f.text.raw('topic')))} still needs a section.</p>`;
  return inLayout ? `<ac:layout-section ac:type="single"><ac:layout-cell>${p}</ac:layout-cell></ac:layout-section>` : p;
}
