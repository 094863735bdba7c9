import { MARK, escapeInline, escapeTextNode, finalize, lineStartEscapeAt } from './escape';

describe('escapeInline', () => {
  it.each([
    ['plain text', 'Plain text, with punctuation: (ok) #1 + 2 = 3!', 'Plain text, with punctuation: (ok) #1 + 2 = 3!'],
    ['emphasis and code characters', '*a* `b` [c] \\d', '\\*a\\* \\`b\\` \\[c\\] \\\\d'],
    ['underscores only at word edges', 'snake_case _x_ 1_000 é_à', 'snake_case \\_x\\_ 1_000 é_à'],
    ['tildes only in runs', '~5 ~~x~~', '~5 \\~\\~x\\~\\~'],
    ['what could start HTML or an autolink', '<div> </x> <!-- <?php a < b <3', '\\<div> \\</x> \\<!-- \\<?php a < b <3'],
    ['character references, not bare ampersands', '&copy; &#169; &#x1F; a & b &nope', '\\&copy; \\&#169; \\&#x1F; a & b &nope'],
    ['bare URLs, www. and e-mail addresses', 'see https://a.io and www.b.io, mail x.y@z.io; @mention', 'see https\\://a.io and www\\.b.io, mail x.y\\@z.io; @mention'],
  ])('%s', (_name, text, expected) => {
    expect(escapeInline(text)).toBe(expected);
  });
});

describe('line starts', () => {
  it.each([
    ['# h', 0],
    ['###### h', 0],
    ['####### h', -1],
    ['#hashtag', -1],
    ['- a', 0],
    ['+', 0],
    ['-5 degrees', -1],
    ['12. a', 2],
    ['3) b', 1],
    ['1.5 litres', -1],
    ['> q', 0],
    ['---', 0],
    ['=== ', 0],
    ['| --- | :-: |', 0],
    ['a - b', -1],
  ])('%s', (line, at) => {
    expect(lineStartEscapeAt(line)).toBe(at);
  });

  it('escapes where text starts a line, after container prefixes only', () => {
    const text = (s: string) => escapeTextNode(s);
    const markdown = `${text('# not a heading')}\n\n- ${text('1. item text')}\n  > ${text('- quoted')}\n\n## ${text('# in a heading')} ${text('- mid-line')}`;
    expect(finalize(markdown)).toBe('\\# not a heading\n\n- 1\\. item text\n  > \\- quoted\n\n## # in a heading - mid-line\n');
  });

  it('counts the characters of a marker split over text runs', () => {
    expect(finalize(`${MARK}1${MARK}2. x`)).toBe('12\\. x\n');
  });

  it('ends with exactly one newline and leaves an empty document empty', () => {
    expect(finalize('\n\nText\n\n\n')).toBe('Text\n');
    expect(finalize('\n')).toBe('');
  });
});
