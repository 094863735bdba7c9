/**
 * Raw HTML that people and models write in Markdown (CONVENTIONS.md, "Raw HTML"): well-formed blocks and paired
 * inline tags of Confluence's storage elements are written as storage; anything else is escaped as visible text or
 * dropped with a warning, and the storage is always well-formed.
 */
import { encodePlaceholder } from '../placeholder';
import { storageToMarkdown } from '../reader';
import { markdownToStorage } from './index';
import { toStorage } from './spec-helpers';

const warnings = (markdown: string) => markdownToStorage(markdown).warnings.map((w) => `${w.kind}: ${w.message} x${w.count}`);

describe('raw HTML blocks', () => {
  it('writes the issue example as storage, and it reads back as its text', () => {
    const result = markdownToStorage('<p>temporary</p>');
    expect(result).toEqual({ storage: '<p>temporary</p>', warnings: [] });
    expect(storageToMarkdown(result.storage).markdown).toBe('temporary\n');
  });

  it.each([
    ['headings and paragraphs', '<h2>Title</h2>\n<p>One <strong>two</strong> <em>three</em></p>', '<h2>Title</h2><p>One <strong>two</strong> <em>three</em></p>'],
    ['lists', '<ul>\n<li>a</li>\n<li><code>b</code></li>\n</ul>', '<ul>\n<li>a</li>\n<li><code>b</code></li>\n</ul>'],
    ['an ordered list with its start', '<ol start="3"><li>c</li></ol>', '<ol start="3"><li>c</li></ol>'],
    ['a quote, a rule and preformatted text', '<blockquote><p>q</p></blockquote>\n<hr>\n<pre>a  b</pre>', '<blockquote><p>q</p></blockquote><hr/><pre>a  b</pre>'],
    ['underline, sub and superscript, deletions', '<p><u>u</u> H<sub>2</sub>O x<sup>2</sup> <del>d</del> <s>s</s></p>', '<p><u>u</u> H<sub>2</sub>O x<sup>2</sup> <del>d</del> <s>s</s></p>'],
    ['alignment kept as style', '<p style="text-align: center;">centred</p>', '<p style="text-align: center;">centred</p>'],
    ['character references', '<p>a &amp; b &lt; c&nbsp;d &#169;</p>', '<p>a &amp; b &lt; c\u00a0d ©</p>'],
    ['inline content at the top level, in a paragraph', '<span style="color:red">\nred\n</span>', '<p><span style="color:red">\nred\n</span></p>'],
  ])('writes %s as storage', (_name, markdown, storage) => {
    expect(markdownToStorage(markdown)).toEqual({ storage, warnings: [] });
  });

  it('follows the Markdown conventions for links and images', () => {
    expect(toStorage('<p>See <a href="confluence-page:OPS/Run%20book">the <b>book</b></a> and <a href="https://x.io">x</a> <img src="confluence-attachment:a.png" alt="A"></p>')).toBe(
      '<p>See <ac:link><ri:page ri:space-key="OPS" ri:content-title="Run book"/><ac:link-body>the <b>book</b></ac:link-body></ac:link> and ' +
        '<a href="https://x.io">x</a> <ac:image ac:alt="A"><ri:attachment ri:filename="a.png"/></ac:image></p>',
    );
  });

  it('escapes elements Confluence does not keep, with their text, and warns', () => {
    const result = markdownToStorage('<div><script>alert(1)</script><iframe src="x"></iframe>kept</div>');
    expect(result.storage).toBe('<div>&lt;script&gt;alert(1)&lt;/script&gt;&lt;iframe src="x"&gt;&lt;/iframe&gt;kept</div>');
    expect(result.warnings).toEqual([
      { kind: 'raw-html-escaped', message: 'raw HTML (<script>) was escaped as text', count: 2 },
      { kind: 'raw-html-escaped', message: 'raw HTML (<iframe>) was escaped as text', count: 2 },
    ]);
  });

  it('drops attributes Confluence does not keep, with a warning naming them', () => {
    const result = markdownToStorage('<p id="top" onclick="x()" class="lead">a</p>');
    expect(result.storage).toBe('<p class="lead">a</p>');
    expect(result.warnings).toEqual([
      { kind: 'formatting-dropped', message: 'HTML attribute id of <p> dropped', count: 1 },
      { kind: 'formatting-dropped', message: 'HTML attribute onclick of <p> dropped', count: 1 },
    ]);
  });

  it('escapes a block that is not well-formed XHTML, whole', () => {
    const result = markdownToStorage('<p>unclosed <b>bold\n\nnext');
    expect(result.storage).toBe('<p>&lt;p&gt;unclosed &lt;b&gt;bold</p><p>next</p>');
    expect(result.warnings).toEqual([{ kind: 'raw-html-escaped', message: 'raw HTML (<p>) was escaped as text', count: 1 }]);
  });

  it('restores placeholders inside HTML, payloads holding -- included', () => {
    // `?` then U+F8FF encode to `P--` in base64url: the payload holds `--`, which XML comments may not.
    const source = '<ac:structured-macro ac:name="anchor"><ac:parameter ac:name="">?\uf8ff</ac:parameter></ac:structured-macro>';
    const placeholder = encodePlaceholder('anchor', source);
    expect(placeholder.slice(4, -3)).toContain('--');
    expect(toStorage(`<div><p>x</p>${placeholder}</div>`)).toBe(`<div><p>x</p>${source}</div>`);
    expect(toStorage(`<table><tr><td>${placeholder}</td></tr></table>`)).toBe(`<table><tr><td>${source}</td></tr></table>`);
  });
});

describe('inline HTML around Markdown', () => {
  it.each([
    ['underline around emphasis', 'a <u>under *lined*</u> b', '<p>a <u>under <em>lined</em></u> b</p>'],
    ['a coloured span', '<span style="color:red">red **bold**</span> text', '<p><span style="color:red">red <strong>bold</strong></span> text</p>'],
    ['nested pairs', '<sup><u>x</u></sup> and <sub>2</sub>', '<p><sup><u>x</u></sup> and <sub>2</sub></p>'],
    ['inside emphasis and links', '**a <u>b</u> c** [d <u>e</u>](https://x.io)', '<p><strong>a <u>b</u> c</strong> <a href="https://x.io">d <u>e</u></a></p>'],
    ['in a heading and a table cell', '# T <u>u</u>\n\n| <u>a</u> |\n| --- |\n| <sub>b</sub> |', '<h1>T <u>u</u></h1><table><tbody><tr><th><u>a</u></th></tr><tr><td><sub>b</sub></td></tr></tbody></table>'],
    ['a link', 'see <a href="https://x.io">x</a>', '<p>see <a href="https://x.io">x</a></p>'],
    ['a page link with Markdown inside', '<a href="confluence-page:Run">the *book*</a>', '<p><ac:link><ri:page ri:content-title="Run"/><ac:link-body>the <em>book</em></ac:link-body></ac:link></p>'],
    ['a mention', '<a href="confluence-user:key:abc">@Bob</a>', '<p><ac:link><ri:user ri:userkey="abc"/></ac:link></p>'],
    ['an image', '<img src="https://x.io/a.png" alt="A">', '<p><ac:image ac:alt="A"><ri:url ri:value="https://x.io/a.png"/></ac:image></p>'],
  ])('writes %s as storage', (_name, markdown, storage) => {
    expect(markdownToStorage(markdown)).toEqual({ storage, warnings: [] });
  });

  it.each([
    ['an unclosed tag', 'a <u>b', '<p>a &lt;u&gt;b</p>', 1],
    ['a stray end tag', 'a</u> b', '<p>a&lt;/u&gt; b</p>', 1],
    ['a pair crossing emphasis', 'x <u>open **bold</u> close** y', '<p>x &lt;u&gt;open <strong>bold&lt;/u&gt; close</strong> y</p>', 2],
    ['a pair crossing a link', '<u>[a</u>](https://x.io)', '<p>&lt;u&gt;<a href="https://x.io">a&lt;/u&gt;</a></p>', 2],
  ])('escapes %s as text, with a warning', (_name, markdown, storage, count) => {
    expect(markdownToStorage(markdown)).toEqual({ storage, warnings: [{ kind: 'raw-html-escaped', message: 'raw HTML (<u>) was escaped as text', count }] });
  });

  it('pairs the outer tag of a mismatch and escapes the inner one', () => {
    const result = markdownToStorage('<span>a <b>b</span> c');
    expect(result.storage).toBe('<p><span>a &lt;b&gt;b</span> c</p>');
    expect(result.warnings).toEqual([{ kind: 'raw-html-escaped', message: 'raw HTML (<b>) was escaped as text', count: 1 }]);
  });

  it('escapes elements Confluence does not keep', () => {
    expect(warnings('a <mark>b</mark> <font color="red">c</font>')).toEqual(['raw-html-escaped: raw HTML (<mark>) was escaped as text x2', 'raw-html-escaped: raw HTML (<font>) was escaped as text x2']);
  });

  it('keeps the text of links it cannot write, and says so', () => {
    const result = markdownToStorage('<a href="javascript:alert(1)">bad</a> <a name="x">anchor</a> [<a href="https://x.io">in</a>](https://y.io) <a href="https://x.io" target="_blank">t</a>');
    expect(result.storage).toBe('<p>bad anchor <a href="https://y.io">in</a> <a href="https://x.io">t</a></p>');
    expect(result.warnings).toEqual([
      { kind: 'formatting-dropped', message: 'HTML links without a usable href (none, an unsafe URL, or inside another link) dropped, their text kept', count: 3 },
      { kind: 'formatting-dropped', message: 'HTML attribute name of <a> dropped', count: 1 },
      { kind: 'formatting-dropped', message: 'HTML attribute target of <a> dropped', count: 1 },
    ]);
  });

  it('reads back as the same text', () => {
    const { storage } = markdownToStorage('Some <u>underlined *and* emphasised</u> words.');
    const { markdown, warnings: read } = storageToMarkdown(storage);
    expect(markdown).toBe('Some underlined *and* emphasised words.\n');
    expect(read).toEqual([{ kind: 'formatting-dropped', message: 'Underline dropped', count: 1 }]);
  });
});
