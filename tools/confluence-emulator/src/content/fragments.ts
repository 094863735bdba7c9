/**
 * Storage-format building blocks, in the shapes the Confluence Cloud editor writes (see editor.xml-style pages:
 * structured macros with schema version and macro id, `ac:link` with `ri:` resources, task lists, layouts).
 * Every fragment is well-formed XML given `ac`/`ri` namespace declarations.
 */
import { CODE_SAMPLES, LOG_SAMPLES } from './code-samples';
import { cdata, escapeXml } from './markup';
import { Rng } from './random';
import { TextGen, capitalise } from './text';
import { EMOTICONS, STATUS_VALUES } from './vocabulary';

/** Titles of one space's pages, to link to. */
export interface SpaceTitles {
  key: string;
  titles: readonly string[];
}

export interface AttachmentRef {
  filename: string;
  mediaType: string;
}

/** An `ac:inline-comment-marker` written into a body: `text` is the unescaped highlighted text. */
export interface InlineMarker {
  ref: string;
  text: string;
}

/** What fragments may refer to; `markers` and `taskId` are written as fragments are produced. */
export interface FragmentContext {
  rng: Rng;
  text: TextGen;
  space: SpaceTitles;
  /** Every space of the world (including `space`), for cross-space links. */
  spaces: readonly SpaceTitles[];
  /** The page's own title, never linked to. */
  selfTitle: string;
  userIds: readonly string[];
  attachments: readonly AttachmentRef[];
  /** Pages of this space that carry an excerpt macro. */
  excerptTitles: readonly string[];
  /** Epoch milliseconds bounding the dates written in `<time>` elements. */
  dateFrom: number;
  dateTo: number;
  markers: InlineMarker[];
  taskId: number;
}

const macroId = (f: FragmentContext): string => f.rng.uuid();
const param = (name: string, value: string): string => `<ac:parameter ac:name="${name}">${escapeXml(value)}</ac:parameter>`;

function macro(f: FragmentContext, name: string, params: string, body = '', schemaVersion = '1'): string {
  return `<ac:structured-macro ac:name="${name}" ac:schema-version="${schemaVersion}" ac:macro-id="${macroId(f)}">${params}${body}</ac:structured-macro>`;
}

/** Another page title of the same space (never the page itself), or undefined in a one-page space. */
export function otherTitle(f: FragmentContext): string | undefined {
  const titles = f.space.titles;
  if (titles.length < 2) return undefined;
  for (let i = 0; i < 4; i++) {
    const t = f.rng.pick(titles);
    if (t !== f.selfTitle) return t;
  }
  return undefined;
}

export const heading = (level: number, text: string): string => `<h${level}>${text}</h${level}>`;

export function isoDate(f: FragmentContext): string {
  return new Date(f.dateFrom + Math.floor(f.rng.next() * (f.dateTo - f.dateFrom))).toISOString().slice(0, 10);
}

export const time = (f: FragmentContext): string => `<time datetime="${isoDate(f)}" />`;

export function emoticon(f: FragmentContext): string {
  const e = f.rng.pick(EMOTICONS);
  return `<ac:emoticon ac:name="${e.name}" ac:emoji-shortname="${e.shortname}" ac:emoji-id="${e.id}" ac:emoji-fallback="${e.fallback}" />`;
}

export function mention(f: FragmentContext): string {
  return `<ac:link><ri:user ri:account-id="${f.rng.pick(f.userIds)}" /></ac:link>`;
}

/**
 * A link to another page, in one of the forms the editors write: 0 bare, 1 with a plain-text body, 2 with a rich
 * `ac:link-body`, 3 with an anchor. `withKey` forces `ri:space-key` (cross-space links always have it).
 */
export function pageLink(f: FragmentContext, form = f.rng.int(0, 3), withKey = f.rng.chance(0.3)): string {
  const crossSpace = f.spaces.length > 1 && f.rng.chance(0.15);
  const space = crossSpace ? f.rng.pick(f.spaces) : f.space;
  const title = space === f.space ? otherTitle(f) : space.titles.length ? f.rng.pick(space.titles) : undefined;
  if (title === undefined) return 'the space overview';
  const keyAttr = space !== f.space || withKey ? ` ri:space-key="${space.key}"` : '';
  const page = `<ri:page${keyAttr} ri:content-title="${escapeXml(title)}" />`;
  switch (form) {
    case 0:
      return `<ac:link>${page}</ac:link>`;
    case 1:
      return `<ac:link>${page}<ac:plain-text-link-body>${cdata(capitalise(title.toLowerCase()))}</ac:plain-text-link-body></ac:link>`;
    case 2:
      return `<ac:link>${page}<ac:link-body>the <strong>${escapeXml(title)}</strong> page</ac:link-body></ac:link>`;
    default:
      return `<ac:link ac:anchor="Rollback">${page}</ac:link>`;
  }
}

export function spaceLink(f: FragmentContext): string {
  const key = f.rng.pick(f.spaces).key;
  return `<ac:link><ri:space ri:space-key="${key}" /><ac:plain-text-link-body>${cdata(`${key} space`)}</ac:plain-text-link-body></ac:link>`;
}

export function smartLink(f: FragmentContext): string {
  const url = f.rng.pick([
    `https://github.com/acme/${f.text.raw('service')}/pull/${f.rng.int(100, 4999)}`,
    `https://acme.atlassian.net/browse/${f.space.key}-${f.rng.int(1, 999)}`,
    `https://grafana.example.com/d/${f.rng.hex(8)}/${f.text.raw('service')}?orgId=1&refresh=30s`,
  ]);
  return `<a href="${escapeXml(url)}" data-card-appearance="inline">${escapeXml(url)}</a>`;
}

export function externalLink(f: FragmentContext): string {
  const target = f.rng.pick([
    ['https://sre.google/sre-book/handling-overload/', 'the SRE book chapter'],
    ['https://12factor.net/config', 'the twelve-factor guide'],
    ['https://www.postgresql.org/docs/current/warm-standby.html', 'the Postgres docs'],
    ['https://example.com/status', 'the status page'],
  ]);
  return `<a href="${target[0]}">${target[1]}</a>`;
}

export function statusMacro(f: FragmentContext): string {
  const s = f.rng.pick(STATUS_VALUES);
  const subtle = f.rng.chance(0.2) ? param('subtle', 'true') : '';
  return macro(f, 'status', `${param('colour', s.colour)}${param('title', s.title)}${subtle}`);
}

/** An inline construct for the end of a paragraph. */
export function inlineExtra(f: FragmentContext): string {
  switch (f.rng.int(0, 8)) {
    case 0:
      return ` See ${pageLink(f)} for the details.`;
    case 1:
      return ` Owner: ${mention(f)}.`;
    case 2:
      return ` Next review on ${time(f)}.`;
    case 3:
      return ` ${emoticon(f)}`;
    case 4:
      return ` Tracked in ${smartLink(f)}.`;
    case 5:
      return ` Background: ${externalLink(f)}.`;
    case 6:
      return ` Current state: ${statusMacro(f)}`;
    case 7:
      return ` Ask in the ${spaceLink(f)} if unsure.`;
    default:
      return '';
  }
}

export function paragraph(f: FragmentContext, extra = 0.45): string {
  return `<p>${f.text.sentences(1, 4)}${f.rng.chance(extra) ? inlineExtra(f) : ''}</p>`;
}

export function markerParagraph(f: FragmentContext): string {
  const text = f.text.raw('action');
  const ref = f.rng.uuid();
  f.markers.push({ ref, text });
  return `<p>${f.text.sentence()} Next we will <ac:inline-comment-marker ac:ref="${ref}">${escapeXml(text)}</ac:inline-comment-marker> and ${f.text.sentence(false).toLowerCase()}</p>`;
}

export function list(f: FragmentContext, ordered = false, nested = false): string {
  const tag = ordered ? 'ol' : 'ul';
  const n = f.rng.int(2, 5);
  let out = `<${tag}>`;
  for (let i = 0; i < n; i++) {
    const item = f.rng.chance(0.3) ? `<p>${f.text.sentence()}</p>` : f.text.sentence();
    const sub = nested && i === 1 ? list(f, !ordered && f.rng.chance(0.3), f.rng.chance(0.3)) : '';
    out += `<li>${item}${sub}</li>`;
  }
  return `${out}</${tag}>`;
}

export function codeMacro(f: FragmentContext, service = f.text.raw('service'), repeat = 1): string {
  const sample = f.rng.pick(CODE_SAMPLES);
  let code = sample.code(service);
  for (let i = 1; i < repeat; i++) code += '\n\n' + sample.code(service);
  const title = f.rng.chance(0.6) ? param('title', sample.title) : '';
  const lines = f.rng.chance(0.3) ? param('linenumbers', 'true') : '';
  const collapse = f.rng.chance(0.15) ? param('collapse', 'true') : '';
  return macro(f, 'code', `${param('language', sample.language)}${title}${lines}${collapse}`, `<ac:plain-text-body>${cdata(code)}</ac:plain-text-body>`);
}

export function noformat(f: FragmentContext): string {
  const log = f.rng.pick(LOG_SAMPLES)(f.text.raw('service'));
  return macro(f, 'noformat', f.rng.chance(0.5) ? param('nopanel', 'true') : '', `<ac:plain-text-body>${cdata(log)}</ac:plain-text-body>`);
}

export type Admonition = 'info' | 'note' | 'warning' | 'tip';

export function admonition(f: FragmentContext, kind: Admonition = f.rng.pick(['info', 'note', 'warning', 'tip'] as const)): string {
  const title = f.rng.chance(0.4) ? param('title', f.rng.pick(['Heads up', 'Before you start', 'Important', 'Good to know'])) : '';
  return macro(f, kind, `${param('icon', 'true')}${title}`, `<ac:rich-text-body>${paragraph(f, 0.3)}</ac:rich-text-body>`);
}

export function panel(f: FragmentContext): string {
  const params = `${param('title', f.rng.pick(['Summary', 'Contacts', 'At a glance', 'Escalation']))}${param('bgColor', f.rng.pick(['#DEEBFF', '#E3FCEF', '#FFFAE6']))}`;
  return macro(f, 'panel', params, `<ac:rich-text-body>${paragraph(f)}${list(f)}</ac:rich-text-body>`);
}

export function expand(f: FragmentContext, inner?: string): string {
  const title = param('title', f.rng.pick(['Show the full log', 'Details & caveats', 'Raw output', 'Previous approach']));
  return macro(f, 'expand', title, `<ac:rich-text-body>${inner ?? paragraph(f) + noformat(f)}</ac:rich-text-body>`);
}

export function jiraKey(f: FragmentContext): string {
  const params = `${param('server', 'System Jira')}${param('serverId', '8f3a1c2e-5b7d-3f9a-a1b2-c3d4e5f60718')}${param('key', `${f.space.key}-${f.rng.int(1, 999)}`)}`;
  return macro(f, 'jira', params);
}

export function jiraJql(f: FragmentContext): string {
  const jql = `project = ${f.space.key} AND status in ("In Progress", "To Do") AND labels = "${f.rng.pick(['runbook', 'tech-debt', 'incident'])}" ORDER BY priority DESC`;
  const params = `${param('server', 'System Jira')}${param('columns', 'key,summary,type,assignee,priority,status')}${param('maximumIssues', '20')}${param('jqlQuery', jql)}${param('serverId', '8f3a1c2e-5b7d-3f9a-a1b2-c3d4e5f60718')}`;
  return macro(f, 'jira', params);
}

export function toc(f: FragmentContext): string {
  return macro(f, 'toc', `${param('minLevel', '1')}${param('maxLevel', '3')}${param('style', 'disc')}`);
}

export function children(f: FragmentContext): string {
  return macro(f, 'children', `${param('all', 'true')}${param('sort', 'title')}`, '', '2');
}

const pageParam = (title: string, spaceKey?: string): string =>
  `<ac:parameter ac:name=""><ac:link><ri:page${spaceKey ? ` ri:space-key="${spaceKey}"` : ''} ri:content-title="${escapeXml(title)}" /></ac:link></ac:parameter>`;

export function include(f: FragmentContext): string {
  const title = otherTitle(f);
  return title === undefined ? '' : macro(f, 'include', pageParam(title, f.rng.chance(0.5) ? f.space.key : undefined));
}

export function excerpt(f: FragmentContext): string {
  return macro(f, 'excerpt', param('hidden', 'false'), `<ac:rich-text-body><p>${f.text.sentences(1, 2)}</p></ac:rich-text-body>`);
}

export function excerptInclude(f: FragmentContext): string {
  const titles = f.excerptTitles;
  let title = titles.length > 0 ? f.rng.pick(titles) : undefined;
  if (title === f.selfTitle) title = titles.length > 1 ? titles[(titles.indexOf(title) + 1) % titles.length] : undefined;
  if (title === undefined) return '';
  return macro(f, 'excerpt-include', `${param('nopanel', 'true')}${pageParam(title)}`);
}

export function attachmentsMacro(f: FragmentContext): string {
  return macro(f, 'attachments', `${param('upload', 'false')}${param('old', 'false')}`);
}

export function viewFile(f: FragmentContext, filename: string): string {
  return macro(f, 'view-file', `<ac:parameter ac:name="name"><ri:attachment ri:filename="${escapeXml(filename)}" /></ac:parameter>${param('height', '250')}`);
}

export function attachmentLink(filename: string): string {
  return `<ac:link><ri:attachment ri:filename="${escapeXml(filename)}" /><ac:plain-text-link-body>${cdata(filename)}</ac:plain-text-link-body></ac:link>`;
}

export function attachmentImage(f: FragmentContext, filename: string): string {
  const alt = f.rng.pick(['Architecture diagram', 'Dashboard screenshot', 'Sequence diagram']);
  return `<p><ac:image ac:align="center" ac:layout="center" ac:original-height="48" ac:original-width="64" ac:alt="${alt}"><ri:attachment ri:filename="${escapeXml(filename)}" /></ac:image></p>`;
}

export function urlImage(f: FragmentContext): string {
  const url = `https://diagrams.example.com/render/${f.rng.hex(10)}.png?theme=light&amp;scale=2`;
  return `<p><ac:image ac:width="600" ac:alt="Rendered diagram"><ri:url ri:value="${url}" /></ac:image></p>`;
}

export function taskList(f: FragmentContext): string {
  const n = f.rng.int(2, 5);
  const localId = f.rng.chance(0.5) ? ` ac:local-id="${f.rng.uuid()}"` : '';
  let out = `<ac:task-list${localId}>`;
  for (let i = 0; i < n; i++) {
    const id = ++f.taskId;
    const uuid = f.rng.chance(0.4) ? `<ac:task-uuid>${f.rng.uuid()}</ac:task-uuid>` : '';
    const status = f.rng.chance(0.4) ? 'complete' : 'incomplete';
    let body = capitalise(f.text.raw('action'));
    if (f.rng.chance(0.5)) body = `<span class="placeholder-inline-tasks">${mention(f)} ${escapeXml(body.toLowerCase())} by ${time(f)}</span>`;
    else body = escapeXml(body);
    out += `<ac:task><ac:task-id>${id}</ac:task-id>${uuid}<ac:task-status>${status}</ac:task-status><ac:task-body>${body}</ac:task-body></ac:task>`;
  }
  return `${out}</ac:task-list>`;
}

export function placeholder(f: FragmentContext): string {
  const hint = f.rng.pick(["Insert your team's email here", 'Describe the rollback plan', 'Add links to dashboards', 'Type /date to add the meeting date']);
  return `<p><ac:placeholder>${hint}</ac:placeholder></p>`;
}

/** A table with a colgroup, header cells and (optionally) merged cells, the way the Cloud editor writes it. */
export function table(f: FragmentContext, rows = f.rng.int(2, 6), merged = f.rng.chance(0.3)): string {
  const cols = f.rng.int(3, 4);
  const width = 760;
  let out = `<table data-layout="default" data-table-width="${width}"${f.rng.chance(0.5) ? ` ac:local-id="${f.rng.uuid()}"` : ''}><colgroup>`;
  for (let c = 0; c < cols; c++) out += `<col style="width: ${(width / cols).toFixed(1)}px;" />`;
  out += '</colgroup><tbody>';
  const headers = ['Owner', 'Service', 'Status', 'Notes', 'Environment', 'Due'];
  if (merged) out += `<tr><th colspan="${cols}"><p><strong>${escapeXml(f.text.raw('team'))} overview</strong></p></th></tr>`;
  out += '<tr>';
  for (let c = 0; c < cols; c++) out += `<th><p><strong>${headers[c]}</strong></p></th>`;
  out += '</tr>';
  for (let r = 0; r < rows; r++) {
    const spanned = merged && r === 0 && rows > 1;
    const skipFirst = merged && r === 1;
    out += '<tr>';
    for (let c = 0; c < cols; c++) {
      if (c === 0 && skipFirst) continue;
      const attrs = c === 0 && spanned ? ' rowspan="2"' : '';
      out += `<td${attrs}>${tableCell(f, c)}</td>`;
    }
    out += '</tr>';
  }
  return `${out}</tbody></table>`;
}

function tableCell(f: FragmentContext, column: number): string {
  switch (column) {
    case 0:
      return `<p>${mention(f)}</p>`;
    case 1:
      return `<p><code>${escapeXml(f.text.raw('service'))}</code></p>`;
    case 2:
      return `<p>${statusMacro(f)}</p>`;
    default:
      return `<p>${f.text.sentence()}</p>`;
  }
}

/** A long reference table (API endpoints), for the few large pages. */
export function endpointTable(f: FragmentContext, rows: number): string {
  const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
  const resources = ['orders', 'invoices', 'customers', 'refunds', 'webhooks', 'tokens', 'events', 'exports'];
  let out = '<table data-layout="wide"><colgroup><col style="width: 90.0px;" /><col style="width: 260.0px;" /><col style="width: 410.0px;" /></colgroup><tbody><tr><th><p>Method</p></th><th><p>Path</p></th><th><p>Description</p></th></tr>';
  for (let i = 0; i < rows; i++) {
    const resource = f.rng.pick(resources);
    const path = f.rng.chance(0.5) ? `/api/v2/${resource}` : `/api/v2/${resource}/{id}`;
    out += `<tr><td><p><code>${f.rng.pick(methods)}</code></p></td><td><p><code>${path}</code></p></td><td><p>${f.text.sentence()}</p></td></tr>`;
  }
  return `${out}</tbody></table>`;
}

export function details(f: FragmentContext): string {
  return `<details><summary>${escapeXml(f.rng.pick(['Why not a cron job?', 'Show the raw numbers', 'Alternatives considered']))}</summary><p>${f.text.sentences(1, 3)}</p></details>`;
}

export function blockquote(f: FragmentContext): string {
  return `<blockquote><p>${f.text.sentence()}</p></blockquote>`;
}

/** Wraps blocks into a layout: each entry is one section with its cells. */
export function layout(sections: readonly { type: string; cells: readonly string[] }[]): string {
  let out = '<ac:layout>';
  for (const s of sections) {
    out += `<ac:layout-section ac:type="${s.type}">`;
    for (const c of s.cells) out += `<ac:layout-cell>${c}</ac:layout-cell>`;
    out += '</ac:layout-section>';
  }
  return `${out}</ac:layout>`;
}
