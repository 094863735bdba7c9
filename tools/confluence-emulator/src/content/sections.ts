/** The sections each kind of page is written with, in reading order: headings over a few blocks each. */
import * as F from './fragments';
import { FragmentContext as Ctx } from './fragments';
import { escapeXml } from './markup';
import { capitalise } from './text';

export type PageKind =
  | 'home' | 'section' | 'runbook' | 'howto' | 'design' | 'decision' | 'meeting' | 'api' | 'onboarding' | 'blog';

type Section = (f: Ctx) => string;

const h2 = (text: string): string => F.heading(2, escapeXml(text));
const p = (f: Ctx): string => F.paragraph(f);

function participants(f: Ctx): string {
  let out = '<ul>';
  for (const id of f.rng.sample(f.userIds, f.rng.int(2, 4))) out += `<li><p><ac:link><ri:user ri:account-id="${id}" /></ac:link></p></li>`;
  return `${out}</ul>`;
}

function agenda(f: Ctx): string {
  let out = '<table data-layout="default"><colgroup><col style="width: 80.0px;" /><col style="width: 260.0px;" /><col style="width: 160.0px;" /><col style="width: 260.0px;" /></colgroup><tbody><tr><th><p>Time</p></th><th><p>Item</p></th><th><p>Who</p></th><th><p>Notes</p></th></tr>';
  const n = f.rng.int(2, 4);
  for (let i = 0; i < n; i++) {
    out += `<tr><td><p>${5 + i * 10} min</p></td><td><p>${escapeXml(capitalise(f.text.raw('topic')))}</p></td><td><p>${F.mention(f)}</p></td><td><p>${f.text.sentence()}</p></td></tr>`;
  }
  return `${out}</tbody></table>`;
}

function readingList(f: Ctx): string {
  let out = '<ul>';
  for (let i = 0; i < 3; i++) out += `<li>${F.pageLink(f)}</li>`;
  return `${out}</ul>`;
}

const decisionTable = (f: Ctx): string =>
  `<table><tbody><tr><th><p>Status</p></th><td><p>${F.statusMacro(f)}</p></td></tr><tr><th><p>Owner</p></th><td><p>${F.mention(f)}</p></td></tr><tr><th><p>Decided</p></th><td><p>${F.time(f)}</p></td></tr></tbody></table>`;

/** Core sections per kind; pages take as many as their target size needs, then fillers. */
export const KIND_SECTIONS: Record<PageKind, readonly Section[]> = {
  home: [],
  section: [(f) => `${p(f)}${F.admonition(f, 'info')}`, (f) => `${h2('Pages in this section')}${F.children(f)}`],
  runbook: [
    (f) => `${h2('Overview')}${p(f)}${F.admonition(f, 'info')}`,
    (f) => `${h2('Symptoms')}${F.list(f)}${F.noformat(f)}`,
    (f) => `${h2('Diagnosis')}${p(f)}${F.codeMacro(f)}`,
    (f) => `${h2('Mitigation')}${F.list(f, true, true)}${F.admonition(f, 'warning')}`,
    (f) => `${h2('Rollback')}${p(f)}${F.codeMacro(f)}`,
    (f) => `${h2('Escalation')}${F.table(f)}`,
    (f) => `${h2('Follow-up')}${F.taskList(f)}`,
  ],
  howto: [
    (f) => `${h2('Prerequisites')}${F.list(f)}${F.admonition(f, 'tip')}`,
    (f) => `${h2('Steps')}${F.list(f, true, true)}${F.codeMacro(f)}`,
    (f) => `${h2('Verify')}${p(f)}${F.noformat(f)}`,
    (f) => `${h2('Troubleshooting')}${p(f)}${F.expand(f)}`,
  ],
  design: [
    (f) => `${h2('Context')}${p(f)}${p(f)}`,
    (f) => `${h2('Goals')}${F.list(f)}${F.heading(3, 'Non-goals')}${F.list(f)}`,
    (f) => `${h2('Proposal')}${p(f)}${F.urlImage(f)}${F.codeMacro(f)}`,
    (f) => `${h2('Alternatives considered')}${F.details(f)}${F.expand(f)}`,
    (f) => `${h2('Rollout plan')}${F.table(f)}`,
    (f) => `${h2('Risks')}${F.admonition(f, 'warning')}${F.list(f)}`,
    (f) => `${h2('Open questions')}${F.taskList(f)}`,
  ],
  decision: [
    (f) => `${decisionTable(f)}`,
    (f) => `${h2('Context')}${p(f)}${p(f)}`,
    (f) => `${h2('Decision')}${p(f)}${F.blockquote(f)}`,
    (f) => `${h2('Consequences')}${F.list(f)}`,
  ],
  meeting: [
    (f) => `${h2('Date')}<p>${F.time(f)}</p>`,
    (f) => `${h2('Participants')}${participants(f)}`,
    (f) => `${h2('Goals')}${F.list(f)}`,
    (f) => `${h2('Discussion topics')}${agenda(f)}`,
    (f) => `${h2('Action items')}${F.taskList(f)}`,
    (f) => `${h2('Decisions')}${p(f)}`,
  ],
  api: [
    (f) => `${h2('Authentication')}${p(f)}${F.codeMacro(f)}`,
    (f) => `${h2('Endpoints')}${F.endpointTable(f, f.rng.int(4, 10))}`,
    (f) => `${h2('Example request')}${F.codeMacro(f)}`,
    (f) => `${h2('Pagination')}${p(f)}${F.admonition(f, 'note')}`,
    (f) => `${h2('Errors')}${F.table(f)}`,
    (f) => `${h2('Rate limits')}${p(f)}`,
  ],
  onboarding: [
    (f) => `${h2('Welcome')}<p>${f.text.sentences(2, 3)} ${F.emoticon(f)}</p>`,
    (f) => `${h2('First week')}${F.taskList(f)}`,
    (f) => `${h2('People to meet')}${participants(f)}`,
    (f) => `${h2('Reading list')}${readingList(f)}`,
    (f) => `${h2('Accounts')}${F.table(f)}`,
  ],
  blog: [
    (f) => `${p(f)}<p>${f.text.sentence()} ${F.emoticon(f)}</p>`,
    (f) => `${h2('What changed')}${F.list(f)}`,
    (f) => `${h2('What is next')}${p(f)}`,
  ],
};

const FILLER_HEADINGS = ['Background', 'Notes', 'FAQ', 'Details', 'Appendix', 'History', 'Examples', 'Related work'];

/** A generic section to grow a page to its target size. */
export function filler(f: Ctx): string {
  const head = F.heading(f.rng.chance(0.7) ? 2 : 3, f.rng.pick(FILLER_HEADINGS));
  switch (f.rng.int(0, 6)) {
    case 0:
      return `${head}${p(f)}${p(f)}`;
    case 1:
      return `${head}${p(f)}${F.list(f, f.rng.chance(0.5), f.rng.chance(0.4))}`;
    case 2:
      return `${head}${F.table(f)}`;
    case 3:
      return `${head}${p(f)}${F.codeMacro(f)}`;
    case 4:
      return `${head}${F.admonition(f)}${p(f)}`;
    case 5:
      return `${head}${p(f)}${F.panel(f)}`;
    default:
      return `${head}${p(f)}${F.expand(f)}`;
  }
}

/** A section that makes a page large: long tables and code listings, as on real reference pages. */
export function bulky(f: Ctx): string {
  return f.rng.chance(0.5)
    ? `${h2('Endpoint reference')}${F.endpointTable(f, f.rng.int(40, 80))}`
    : `${h2('Full listing')}${F.codeMacro(f, undefined, f.rng.int(8, 16))}`;
}
