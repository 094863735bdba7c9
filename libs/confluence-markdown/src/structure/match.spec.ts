import { findHeadings, lookupHeading } from './match';
import { outlineOf } from './outline';

const PAGE = '# Guide\n## Setup\nx\n## SETUP\ny\n## Set\u00a0\u00a0up\nz\n## Notes\na\n## Notes\nb\n## C#\n## # Literal';
const outline = outlineOf(PAGE);
const texts = (found: { matches: Array<{ text: string }> }) => found.matches.map((h) => h.text);

describe('the heading-match rule', () => {
  it('prefers exact matches: a loose match counts only when nothing matches exactly', () => {
    expect(findHeadings(outline, 'Setup')).toEqual({ matches: [outline[1]], exact: true });
    expect(findHeadings(outline, 'SETUP')).toEqual({ matches: [outline[2]], exact: true });
    expect(texts(findHeadings(outline, 'setup'))).toEqual(['Setup', 'SETUP']);
    expect(findHeadings(outline, 'setup').exact).toBe(false);
  });

  it('loosely, collapses Unicode whitespace and ignores case', () => {
    expect(texts(findHeadings(outline, '  set UP '))).toEqual(['Set\u00a0\u00a0up']);
    expect(texts(findHeadings(outline, 'guide'))).toEqual(['Guide']);
  });

  it('takes a heading line for its text, and a text that starts with # as it is', () => {
    expect(texts(findHeadings(outline, '## Setup'))).toEqual(['Setup']);
    expect(texts(findHeadings(outline, '## Setup ##'))).toEqual(['Setup']);
    expect(texts(findHeadings(outline, 'C#'))).toEqual(['C#']);
    expect(texts(findHeadings(outline, '# Literal'))).toEqual(['# Literal']);
    expect(texts(findHeadings(outline, 'Literal'))).toEqual([]);
  });

  it('finds nothing for a text no heading has', () => {
    expect(findHeadings(outline, 'Rollback')).toEqual({ matches: [], exact: false });
  });
});

describe('lookupHeading', () => {
  it('returns the one match, or says why there is none', () => {
    expect(lookupHeading(outline, 'Guide')).toEqual({ kind: 'found', heading: outline[0], exact: true });
    expect(lookupHeading(outline, 'Rollback')).toEqual({ kind: 'missing' });
    expect(lookupHeading(outline, 'setup')).toEqual({ kind: 'ambiguous', candidates: [outline[1], outline[2]], exact: false });
  });

  it('picks one of several matches by occurrence, counting from 1 in text order', () => {
    const notes = outline.filter((h) => h.text === 'Notes');
    expect(lookupHeading(outline, 'Notes')).toEqual({ kind: 'ambiguous', candidates: notes, exact: true });
    expect(lookupHeading(outline, 'Notes', 2)).toEqual({ kind: 'found', heading: notes[1], exact: true });
    expect(lookupHeading(outline, 'Notes', 3)).toEqual({ kind: 'no-such-occurrence', candidates: notes, exact: true });
    expect(lookupHeading(outline, 'Guide', 1)).toMatchObject({ kind: 'found', heading: outline[0] });
  });

  it('refuses an occurrence that is not a whole number from 1, naming it', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => lookupHeading(outline, 'Notes', bad)).toThrow(/^occurrence: must be a whole number from 1/);
  });
});
