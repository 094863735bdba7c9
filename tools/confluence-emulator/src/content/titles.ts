/** Page titles by kind, unique within a space as Confluence requires. */
import type { PageKind } from './bodies';
import { Rng } from './random';
import { TextGen, capitalise } from './text';
import { SECTION_TITLES } from './tree';

const RESOURCES = ['Orders', 'Invoices', 'Customers', 'Refunds', 'Webhooks', 'Tokens', 'Events', 'Exports'];

export class TitleMaker {
  private readonly used = new Set<string>();
  private adr = 0;

  constructor(
    private readonly rng: Rng,
    private readonly text: TextGen,
  ) {}

  /** Reserves a title chosen elsewhere (it must be free). */
  reserve(title: string): string {
    this.used.add(title);
    return title;
  }

  has(title: string): boolean {
    return this.used.has(title);
  }

  /** A fresh title for a page of `kind`; `date` (YYYY-MM-DD) dates meeting notes. */
  make(kind: PageKind, section: PageKind, date: string): string {
    if (kind === 'section') {
      const t = SECTION_TITLES[section];
      if (t && !this.used.has(t)) return this.reserve(t);
    }
    for (let attempt = 0; attempt < 4; attempt++) {
      const t = this.candidate(kind === 'section' ? section : kind, date);
      if (!this.used.has(t)) return this.reserve(t);
    }
    const base = this.candidate(kind === 'section' ? section : kind, date);
    const withTeam = `${base} (${this.text.raw('team')})`;
    if (!this.used.has(withTeam)) return this.reserve(withTeam);
    for (let n = 2; ; n++) if (!this.used.has(`${base} ${n}`)) return this.reserve(`${base} ${n}`);
  }

  private candidate(kind: PageKind, date: string): string {
    const r = this.rng;
    const t = this.text;
    const topic = capitalise(t.raw('topic'));
    switch (kind) {
      case 'runbook':
        return r.pick([`Runbook: ${topic}`, `${topic} runbook`, `Restart ${t.raw('service')}`, `Runbook: ${t.raw('alert')} alert`, `Runbook: ${t.raw('service')} ${t.raw('topic')}`]);
      case 'howto':
        return r.pick([`How to ${t.raw('action')}`, `How to set up ${t.raw('topic')}`, `How to debug ${t.raw('service')}`, `How-to: ${topic} in ${t.raw('env')}`]);
      case 'design':
        return r.pick([`Design: ${topic} for ${t.raw('service')}`, `RFC-${r.int(1, 400)}: ${topic}`, `${t.raw('service')} architecture`, `Architecture: ${t.raw('topic')} in ${t.raw('env')}`]);
      case 'decision':
        return `ADR-${String(++this.adr).padStart(3, '0')}: ${r.pick([`Use ${t.raw('tool')} for ${t.raw('topic')}`, `Move ${t.raw('topic')} to ${t.raw('service')}`, `Adopt ${t.raw('topic')}`])}`;
      case 'meeting':
        return r.pick([`${date} ${t.raw('team')} sync`, `${date} Meeting notes`, `${date} ${topic} review`, `Retro ${date}`]);
      case 'api':
        return r.pick([`${t.raw('service')} API: ${r.pick(RESOURCES)}`, `API reference: ${t.raw('service')} v${r.int(1, 3)}`, `${r.pick(RESOURCES)} endpoints`, `Webhooks for ${t.raw('service')}`]);
      case 'onboarding':
        return r.pick([`Onboarding: ${t.raw('topic')}`, `Week one checklist for ${t.raw('team')}`, `Getting access to ${t.raw('tool')}`, `${t.raw('team')} team onboarding`]);
      case 'blog':
        return r.pick([`Release ${r.int(1, 9)}.${r.int(0, 20)} is out`, `Q${r.int(1, 4)} ${t.raw('team')} retrospective`, `What we learned from the ${t.raw('topic')} incident`, `Welcome to the ${t.raw('team')} team`, `Shipping ${t.raw('topic')} in ${t.raw('env')}`]);
      default:
        return `${topic} overview`;
    }
  }
}
