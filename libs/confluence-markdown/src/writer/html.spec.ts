import { encodePlaceholder } from '../placeholder';
import { markdownToStorage } from './index';
import { toStorage } from './spec-helpers';

const TOC = '<ac:structured-macro ac:name="toc"><ac:parameter ac:name="maxLevel">3</ac:parameter></ac:structured-macro>';
const LAYOUT =
  '<ac:layout><ac:layout-section ac:type="two_equal"><ac:layout-cell><p>a&nbsp;b</p></ac:layout-cell>' +
  '<ac:layout-cell><p>\u00e9 \u{1F600}</p></ac:layout-cell></ac:layout-section></ac:layout>';

describe('placeholders', () => {
  it('restores a block placeholder byte for byte, without a <p>', () => {
    const markdown = `# T\n\n${encodePlaceholder('toc', TOC)}\n\n${encodePlaceholder('ac:layout', LAYOUT)}\n\ntext`;
    const result = markdownToStorage(markdown);
    expect(result.storage).toBe(`<h1>T</h1>${TOC}${LAYOUT}<p>text</p>`);
    expect(result.warnings).toEqual([]);
  });

  it('restores placeholders on consecutive lines', () => {
    const a = encodePlaceholder('toc', TOC);
    expect(toStorage(`${a}\n${a}`)).toBe(`${TOC}${TOC}`);
  });

  it('restores an inline placeholder inside its paragraph', () => {
    const anchor = '<ac:structured-macro ac:name="anchor"><ac:parameter ac:name="">top</ac:parameter></ac:structured-macro>';
    expect(toStorage(`Jump ${encodePlaceholder('anchor', anchor)} here **now**`)).toBe(`<p>Jump ${anchor} here <strong>now</strong></p>`);
  });

  it('restores placeholders inside lists, quotes and alerts', () => {
    const a = encodePlaceholder('toc', TOC);
    expect(toStorage(`- ${a}\n\n> [!NOTE]\n> ${a}`)).toBe(
      `<ul><li>${TOC}</li></ul><ac:structured-macro ac:name="info"><ac:rich-text-body>${TOC}</ac:rich-text-body></ac:structured-macro>`,
    );
  });

  it('keeps an undecodable placeholder as text, with a warning', () => {
    const result = markdownToStorage('<!--confluence:toc:%%%-->\n\nx <!--confluence:toc:A-->');
    expect(result.storage).toBe('<p>&lt;!--confluence:toc:%%%--&gt;</p><p>x &lt;!--confluence:toc:A--&gt;</p>');
    expect(result.warnings).toEqual([
      { kind: 'invalid-placeholder', message: 'a placeholder that could not be decoded was kept as text', count: 2 },
    ]);
  });

  it('keeps a placeholder whose source is not well-formed as text', () => {
    const broken = encodePlaceholder('x', '<ac:structured-macro ac:name="x">');
    const result = markdownToStorage(broken);
    expect(result.storage).toBe(`<p>${broken.replace('<', '&lt;').replace('>', '&gt;')}</p>`);
    expect(result.warnings.map((w) => w.kind)).toEqual(['invalid-placeholder']);
  });
});

describe('other raw HTML', () => {
  it('writes a well-formed block of kept elements as storage, without a warning', () => {
    const result = markdownToStorage('<div class="x">\nhello\n</div>\n\n<div>again</div>');
    expect(result.storage).toBe('<div class="x">\nhello\n</div><div>again</div>');
    expect(result.warnings).toEqual([]);
  });

  it('writes a span pair around Markdown as storage, and escapes a plain comment', () => {
    const result = markdownToStorage('a <span style="color:red">red</span> <!-- note -->');
    expect(result.storage).toBe('<p>a <span style="color:red">red</span> &lt;!-- note --&gt;</p>');
    expect(result.warnings).toEqual([{ kind: 'raw-html-escaped', message: 'raw HTML (comment) was escaped as text', count: 1 }]);
  });

  it('keeps <br> as a line break without a warning', () => {
    expect(markdownToStorage('a<br>b<br/>c<BR />d')).toEqual({ storage: '<p>a<br/>b<br/>c<br/>d</p>', warnings: [] });
  });

  it('does not let raw storage markup through', () => {
    expect(toStorage('<ac:structured-macro ac:name="toc"/>')).toBe('<p>&lt;ac:structured-macro ac:name="toc"/&gt;</p>');
  });
});

describe('placeholders at the start of a paragraph', () => {
  const ANCHOR = '<ac:structured-macro ac:name="anchor"><ac:parameter ac:name="">intro</ac:parameter></ac:structured-macro>';

  it('stay inline when text follows them on their line, and the rest is still Markdown', () => {
    const a = encodePlaceholder('anchor', ANCHOR);
    expect(toStorage(`${a}Some **bold**\ncontinued`)).toBe(`<p>${ANCHOR}Some <strong>bold</strong>\ncontinued</p>`);
    expect(toStorage(`before\n${a} after`)).toBe(`<p>before\n${ANCHOR} after</p>`);
    expect(toStorage(`## ${a}Heading`)).toBe(`<h2>${ANCHOR}Heading</h2>`);
  });
});

describe('a placeholder alone on its line', () => {
  it('is a block even between two lines of a paragraph', () => {
    const toc = '<ac:structured-macro ac:name="toc"/>';
    expect(toStorage(`before\n${encodePlaceholder('toc', toc)}\nafter`)).toBe(`<p>before</p>${toc}<p>after</p>`);
  });
});
