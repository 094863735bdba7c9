import { atxHeading, outlineOf } from './outline';

describe('atxHeading', () => {
  it('reads levels, text and closing sequences as CommonMark does', () => {
    expect(atxHeading('## Rollback plan')).toEqual({ level: 2, text: 'Rollback plan' });
    expect(atxHeading('   ### Title ###  ')).toEqual({ level: 3, text: 'Title' });
    expect(atxHeading('# C#')).toEqual({ level: 1, text: 'C#' });
    expect(atxHeading('## Title #not-closing')).toEqual({ level: 2, text: 'Title #not-closing' });
    expect(atxHeading('#\tTabbed')).toEqual({ level: 1, text: 'Tabbed' });
    expect(atxHeading('## ##')).toEqual({ level: 2, text: '' });
    expect(atxHeading('#NoSpace')).toBeUndefined();
    expect(atxHeading('    # four spaces is code')).toBeUndefined();
    expect(atxHeading('####### seven')).toBeUndefined();
    expect(atxHeading('#')).toBeUndefined();
  });
});

describe('outlineOf', () => {
  it('lists headings outside fenced code only, with their offsets and line numbers', () => {
    const md = '# One\n```\n# not a heading\n```\n## Two\n~~~\n# nor this\n```\n~~~\n### Three';
    expect(outlineOf(md)).toEqual([
      { level: 1, text: 'One', offset: 0, line: 1 },
      { level: 2, text: 'Two', offset: md.indexOf('## Two'), line: 5 },
      { level: 3, text: 'Three', offset: md.indexOf('### Three'), line: 10 },
    ]);
  });

  it('treats an unclosed fence as code to the end, and an empty text as no headings', () => {
    expect(outlineOf('# Before\n```\n# inside\n## still inside').map((h) => h.text)).toEqual(['Before']);
    expect(outlineOf('')).toEqual([]);
    expect(outlineOf('\n\n')).toEqual([]);
  });

  it('matches the example in its documentation', () => {
    expect(outlineOf('# Guide\n```\n# not a heading\n```\n## Setup')).toEqual([
      { level: 1, text: 'Guide', offset: 0, line: 1 },
      { level: 2, text: 'Setup', offset: 32, line: 5 },
    ]);
  });
});
