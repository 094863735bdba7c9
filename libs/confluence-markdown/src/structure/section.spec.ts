import { lookupHeading } from './match';
import type { Heading } from './outline';
import { outlineOf } from './outline';
import { replaceSection, sectionOf, sectionRange } from './section';

const PAGE = '# Guide\nIntro\n\n## Setup\n\nOld setup\n\n### Details\n\nOld details\n\n## Rollback\n\n- one\n\n## Notes\n\nFirst\n\n## Notes\n\nSecond';

function heading(markdown: string, text: string, occurrence?: number): Heading {
  const found = lookupHeading(outlineOf(markdown), text, occurrence);
  if (found.kind !== 'found') throw new Error(`no single heading ${text}: ${found.kind}`);
  return found.heading;
}

describe('sectionOf', () => {
  it('runs from the heading line to the next heading of its level or above, sub-sections included', () => {
    expect(sectionOf(PAGE, heading(PAGE, 'Setup'))).toBe('## Setup\n\nOld setup\n\n### Details\n\nOld details');
    expect(sectionOf(PAGE, heading(PAGE, 'Details'))).toBe('### Details\n\nOld details');
    expect(sectionOf(PAGE, heading(PAGE, 'Notes', 2))).toBe('## Notes\n\nSecond');
    expect(sectionOf(PAGE, heading(PAGE, 'Guide'))).toBe(PAGE);
  });

  it('matches the example in its documentation', () => {
    const markdown = '# Guide\n## Setup\nRun it.\n### Linux\napt\n## Rollback\nUndo.';
    expect(sectionOf(markdown, heading(markdown, 'setup'))).toBe('## Setup\nRun it.\n### Linux\napt');
  });

  it('refuses a heading that is not one of the text', () => {
    expect(() => sectionOf(PAGE, { level: 2, text: 'Setup', offset: 3, line: 1 })).toThrow(/^heading: no level 2 heading starts at offset 3/);
  });
});

describe('replaceSection', () => {
  it('replaces the body under the heading, sub-sections included, and keeps everything else byte for byte', () => {
    const next = replaceSection(PAGE, heading(PAGE, 'Setup'), 'New **setup**\n\n- a\n- b');
    const cut = (md: string) => [md.slice(0, md.indexOf('## Setup\n') + '## Setup\n'.length), md.slice(md.indexOf('## Rollback'))];
    expect(cut(next)).toEqual(cut(PAGE));
    expect(next).toContain('## Setup\n\nNew **setup**\n\n- a\n- b\n\n## Rollback');
    expect(next).not.toContain('Details');
  });

  it('replaces the chosen occurrence and the last section without a trailing blank line', () => {
    const next = replaceSection(PAGE, heading(PAGE, 'Notes', 2), '\n\n  Replaced\n\n\n');
    expect(next).toBe(PAGE.replace(/Second$/, '  Replaced\n'));
  });

  it('empties a section for empty content, and handles a heading on the last line', () => {
    expect(replaceSection(PAGE, heading(PAGE, 'Rollback'), '')).toContain('## Rollback\n\n## Notes\n\nFirst');
    expect(replaceSection('# A\n## B', heading('# A\n## B', 'B'), 'text')).toBe('# A\n## B\n\ntext\n');
  });

  it('agrees with sectionRange on where the body starts and ends', () => {
    const target = heading(PAGE, 'Setup');
    const range = sectionRange(PAGE, target);
    expect(PAGE.slice(range.start, range.bodyStart)).toBe('## Setup\n');
    expect(PAGE.slice(range.end).startsWith('## Rollback')).toBe(true);
  });
});
