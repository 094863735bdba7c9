/** Labels, attachments and comments of generated pages. */
import type { Attachment, Comment, Label, World } from '../model';
import { InlineMarker } from './fragments';
import { buildPdf, buildPng } from './files';
import { escapeXml } from './markup';
import { Rng } from './random';
import { TextGen } from './text';
import { LABELS } from './vocabulary';
import type { PageKind } from './bodies';

/** Label ids are stable per name: the vocabulary's order, from 1001 (a range content ids never reach). */
export function labelFor(name: string): Label {
  const index = LABELS.indexOf(name as (typeof LABELS)[number]);
  return { id: String(1001 + (index < 0 ? LABELS.length : index)), name, prefix: 'global' };
}

const KIND_LABEL: Partial<Record<PageKind, string>> = {
  runbook: 'runbook', meeting: 'meeting-notes', design: 'architecture', decision: 'decision', api: 'api',
  howto: 'how-to', onboarding: 'onboarding', blog: 'release-notes',
};

/** 0-3 labels: usually the kind's own, plus a few from the vocabulary. */
export function pageLabels(rng: Rng, kind: PageKind): Label[] {
  const names: string[] = [];
  const own = KIND_LABEL[kind];
  if (own && rng.chance(0.6)) names.push(own);
  const extra = rng.weighted([0, 1, 2], [50, 35, 15]);
  for (const name of rng.sample(LABELS, extra)) if (!names.includes(name) && names.length < 3) names.push(name);
  return names.map(labelFor);
}

export type FileKind = 'image' | 'pdf' | 'text';

const NAMES: Record<FileKind, readonly string[]> = {
  image: ['architecture-diagram.png', 'dashboard.png', 'sequence-diagram.png', 'topology.png'],
  pdf: ['design-review.pdf', 'postmortem.pdf', 'vendor-contract.pdf', 'runbook-printout.pdf'],
  text: ['notes.txt', 'incident-timeline.csv', 'config-dump.txt', 'README.md', 'metrics-export.csv'],
};

const MEDIA_TYPES: Record<string, string> = { png: 'image/png', pdf: 'application/pdf', txt: 'text/plain', md: 'text/markdown', csv: 'text/csv' };

function textFile(rng: Rng, text: TextGen, filename: string): string {
  if (filename.endsWith('.csv')) {
    let out = 'timestamp,service,latency_ms,status\n';
    for (let i = 0; i < rng.int(5, 20); i++) {
      out += `2025-0${rng.int(1, 9)}-1${rng.int(0, 9)}T${10 + rng.int(0, 9)}:${rng.int(10, 59)}:00Z,${text.raw('service')},${rng.int(20, 900)},${rng.pick([200, 200, 200, 503])}\n`;
    }
    return out;
  }
  if (filename.endsWith('.md')) return `# ${text.raw('topic')}\n\n- ${text.plainSentence()}\n- ${text.plainSentence()}\n`;
  return `${text.plainSentence()}\n${text.plainSentence()}\n${text.plainSentence()}\n`;
}

export interface AttachmentSpec {
  kind: FileKind;
}

/** Builds attachments for a page (ids from `world.nextId`), with distinct file names. */
export function makeAttachments(
  world: World, rng: Rng, text: TextGen, pageId: string, kinds: readonly FileKind[], authors: readonly string[], from: number, to: number,
): Attachment[] {
  const used = new Set<string>();
  return kinds.map((kind) => {
    let title = rng.pick(NAMES[kind]);
    for (let n = 2; used.has(title); n++) title = title.replace(/(-\d+)?(\.\w+)$/, `-${n}$2`);
    used.add(title);
    const ext = title.slice(title.lastIndexOf('.') + 1);
    const data =
      kind === 'image'
        ? buildPng(rng.pick([64, 96, 128]), rng.pick([48, 64]), rng.int(0, 3))
        : kind === 'pdf'
          ? buildPdf(text.raw('topic'), [text.plainSentence(), text.plainSentence(), text.plainSentence()])
          : Buffer.from(textFile(rng, text, title), 'utf8');
    return {
      id: `att${world.nextId++}`,
      pageId,
      title,
      mediaType: MEDIA_TYPES[ext],
      comment: rng.chance(0.3) ? rng.pick(['Exported from Grafana', 'Latest revision', 'Signed copy']) : '',
      status: 'current',
      authorId: rng.pick(authors),
      createdAt: new Date(from + Math.floor(rng.next() * (to - from))).toISOString(),
      versionNumber: rng.chance(0.1) ? 2 : 1,
      fileId: rng.uuid(),
      data,
      labels: [],
    };
  });
}

const OPENERS = ['Thanks for writing this up.', 'Small nit:', 'Question:', 'I think this is outdated.', '+1, this saved me an hour.', 'Can we link the dashboard here?', 'Updated after the last incident.'];

interface CommentTarget {
  pageId: string;
  pageTitle: string;
  createdAt: number;
  authors: readonly string[];
  markers: readonly InlineMarker[];
}

/** Footer comments (some with replies) on about 30% of pages, and one inline comment per marker in the body. */
export function makeComments(world: World, rng: Rng, text: TextGen, target: CommentTarget, now: number): Comment[] {
  const out: Comment[] = [];
  const add = (kind: Comment['kind'], parent: Comment | null, after: number, inline?: Comment['inline']): Comment => {
    const authorId = rng.pick(target.authors);
    const at = Math.min(now - 2_000, after + 60_000 + Math.floor(rng.next() * Math.max(0, now - after) * 0.3));
    const body = `<p>${escapeXml(rng.pick(OPENERS))} ${text.sentence()}${rng.chance(0.2) ? ` <ac:link><ri:user ri:account-id="${rng.pick(target.authors)}" /></ac:link>` : ''}</p>`;
    const version = { number: 1, createdAt: new Date(at).toISOString(), message: '', minorEdit: false, authorId, title: `Re: ${target.pageTitle}`, body };
    const versions = [version];
    if (rng.chance(0.1)) versions.push({ ...version, number: 2, createdAt: new Date(at + Math.min(120_000, Math.floor((now - at) / 2))).toISOString(), body: body.replace('</p>', ' (edited)</p>') });
    const comment: Comment = {
      id: String(world.nextId++), kind, pageId: target.pageId, parentCommentId: parent ? parent.id : null,
      status: 'current', authorId, createdAt: version.createdAt, versions,
    };
    if (inline) comment.inline = inline;
    out.push(comment);
    return comment;
  };
  if (rng.chance(0.3)) {
    for (let i = rng.int(1, 3); i > 0; i--) {
      const top = add('footer', null, target.createdAt);
      if (rng.chance(0.35)) for (let r = rng.int(1, 2); r > 0; r--) add('footer', top, Date.parse(top.createdAt));
    }
  }
  for (const m of target.markers) {
    const inline = { textSelection: m.text, markerRef: m.ref, resolutionStatus: rng.chance(0.25) ? 'resolved' : 'open' } as const;
    const top = add('inline', null, target.createdAt, { ...inline });
    if (rng.chance(0.3)) add('inline', top, Date.parse(top.createdAt), { ...inline });
  }
  return out;
}
