/**
 * Input nobody should write but someone will: huge pages, pathological nesting, broken markup. Conversion must
 * finish (linear time, bounded stack) and keep what it can. Timing belongs to the benchmark.
 */
import { decodePlaceholder } from '../placeholder';
import { storageToMarkdown } from './storage-to-markdown';
import { referenceFiles } from './spec-helpers';

const nest = (open: string, close: string, depth: number, inner = 'deep') => open.repeat(depth) + inner + close.repeat(depth);
const kinds = (storage: string) => storageToMarkdown(storage).warnings.map((w) => w.kind);

describe('storageToMarkdown on hostile input', () => {
  it('converts a 5 MB page', () => {
    const page = referenceFiles('mark-testdata/storage-to-md', /^editor\.xml$/)[0][1];
    const big = page.repeat(Math.ceil(5e6 / page.length));
    const { markdown } = storageToMarkdown(big);
    expect(markdown.match(/^# Release\u00a0process$/gm)).toHaveLength(Math.ceil(5e6 / page.length));
  });

  it.each([
    ['div', '<div>', '</div>'],
    ['span', '<span>', '</span>'],
    ['strong', '<strong>', '</strong>'],
    ['list', '<ul><li>', '</li></ul>'],
    ['quote', '<blockquote>', '</blockquote>'],
    ['table', '<table><tr><td>', '</td></tr></table>'],
    ['unknown element', '<x-foo>', '</x-foo>'],
  ])('survives 20 000 nested %s elements and keeps the text', (name, open, close) => {
    const storage = nest(open, close, 20_000);
    const { markdown, warnings } = storageToMarkdown(storage);
    if (name === 'unknown element') expect(decodePlaceholder(markdown)?.source).toBe(storage);
    // Spans are unwrapped anyway (Markdown has no syntax for them): no depth to limit.
    else if (name === 'span') expect(markdown).toBe('deep\n');
    else {
      expect(markdown).toContain('deep');
      expect(warnings.map((w) => w.kind)).toContain('depth-limited');
    }
  });

  it.each([
    ['bullet', '<ul><li>', '</li></ul>', '- '],
    ['ordered', '<ol><li>', '</li></ol>', '1. '],
  ])('keeps one item per level of %s lists nested past the depth limit', (_name, open, close, marker) => {
    // Items past the limit sit in the deepest written item: none may close it and start the levels over.
    expect(storageToMarkdown(nest(open, close, 20_000)).markdown).toBe(`${marker.repeat(100)}deep\n`);
  });

  it('keeps macros nested past the depth limit as a placeholder', () => {
    const info = ['<ac:structured-macro ac:name="info"><ac:rich-text-body>', '</ac:rich-text-body></ac:structured-macro>'];
    const { markdown } = storageToMarkdown(nest(info[0], info[1], 2_000));
    expect(markdown.startsWith('> [!NOTE]\n>\n> > [!NOTE]')).toBe(true);
    expect(markdown).toMatch(/<!--confluence:info:/);
  });

  it('closes unclosed tags where their parent ends, or at the end', () => {
    // Read as XML: the second paragraph is inside the bold, which then cannot be delimited.
    expect(storageToMarkdown('<p>one <strong>two<p>three').markdown).toBe('one two\n\nthree\n');
    // Unclosed list items and cells end where the next one starts, as in HTML.
    expect(storageToMarkdown('<ul><li>a<li>b</ul><p>c').markdown).toBe('- a\n- b\n\nc\n');
    expect(storageToMarkdown('<table><tr><td>a<td>b<tr><td>c</table>').markdown).toBe('| a | b |\n| --- | --- |\n| c |  |\n');
    expect(kinds('<p>one <strong>two')).toEqual(['invalid-markup']);
  });

  it('treats stray CDATA ends, stray end tags and lone < as text', () => {
    expect(storageToMarkdown('<p>a ]]> b</p></div><p>1 < 2 <3</p>').markdown).toBe('a \\]\\]> b\n\n1 < 2 <3\n');
  });

  it('keeps a cut-off tag, comment or CDATA section as text', () => {
    expect(storageToMarkdown('<p>ok</p><a href="x').markdown).toBe('ok\n\n\\<a href="x\n');
    expect(storageToMarkdown('<p>ok</p><!-- never closed').markdown).toBe('ok\n\n\\<!-- never closed\n');
    expect(storageToMarkdown('<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[x < y').markdown).toBe('```\nx < y\n```\n');
  });

  it('decodes HTML entities, numeric references and keeps unknown ones', () => {
    expect(storageToMarkdown('<p>&nbsp;a&hellip;&#x1F600;&#169;&bogus;&amp;lt;</p>').markdown).toBe('\u00a0a\u2026\u{1F600}\u00a9\\&bogus;\\&lt;\n');
  });

  it('replaces characters XML forbids, as the writer does', () => {
    const { markdown, warnings } = storageToMarkdown('<p>a\u0001b\uffffc</p>');
    expect(markdown).toBe('a\ufffdb\ufffdc\n');
    expect(warnings.map((w) => w.kind)).toEqual(['invalid-markup']);
  });

  it('keeps a paragraph of 500 000 no-break spaces', () => {
    expect(storageToMarkdown(`<p>${'&nbsp;'.repeat(500_000)}x</p>`).markdown).toBe(`${'\u00a0'.repeat(500_000)}x\n`);
  });

  it('keeps what the reader reads of elements with thousands of attributes, and all of a placeholder', () => {
    const junk = Array.from({ length: 5_000 }, (_, i) => `data-x${i}="v"`).join(' ');
    const link = `<a ${junk} href="https://example.com/">link</a>`;
    const image = `<ac:image ${junk} ac:alt="Alt"><ri:url ri:value="https://example.com/a.png"/></ac:image>`;
    const { markdown, warnings } = storageToMarkdown(`<p>${link} ${image}</p>`);
    expect(markdown).toBe('[link](https://example.com/) ![Alt](https://example.com/a.png)\n');
    expect(warnings).toEqual([{ kind: 'formatting-dropped', message: 'Unused attributes of elements with more than 100 attributes dropped', count: 2 }]);
    const toc = `<ac:structured-macro ac:name="toc" ${junk}/>`;
    expect(decodePlaceholder(storageToMarkdown(toc).markdown)?.source).toBe(toc);
  });

  it('ignores attributes that imitate the pre-processor marks', () => {
    const secret = '<ac:structured-macro ac:name="toc"/>';
    const { markdown } = storageToMarkdown(`${secret}<div data-cf="ac:structured-macro" data-cf-index="0" ac:name="jira"><p>text</p></div>`);
    expect(markdown).toBe(`<!--confluence:toc:${Buffer.from(secret).toString('base64url')}-->\n\ntext\n`);
  });

  it('stays linear on inputs that make naive scanners quadratic', () => {
    const inputs = [
      '<a b="'.repeat(50_000),
      '<!--'.repeat(50_000),
      '<![CDATA['.repeat(50_000),
      `<p>${':status['.repeat(50_000)}</p>`,
      `<p>${'a '.repeat(100_000)}${'<strong>b</strong> '.repeat(20_000)}</p>`,
      `<p>${'x<br/>'.repeat(50_000)}</p>`,
      `${'</p>'.repeat(50_000)}<p>end</p>`,
      `<p>${'_*`['.repeat(50_000)}</p>`,
    ];
    for (const input of inputs) expect(typeof storageToMarkdown(input).markdown).toBe('string');
  });
});
