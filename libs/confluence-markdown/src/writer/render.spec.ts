import { markdownToStorage } from './index';
import { toStorage } from './spec-helpers';

describe('markdownToStorage: CommonMark basics', () => {
  it('writes headings, paragraphs and inline formatting', () => {
    expect(toStorage('# One\n\n###### Six\n\nSome *em* **strong** ~~gone~~ `co<de>`')).toBe(
      '<h1>One</h1><h6>Six</h6><p>Some <em>em</em> <strong>strong</strong> <s>gone</s> <code>co&lt;de&gt;</code></p>',
    );
  });

  it('writes setext headings like ATX ones', () => {
    expect(toStorage('Title\n=====\n\nSub\n---')).toBe('<h1>Title</h1><h2>Sub</h2>');
  });

  it('keeps soft breaks as newlines and writes hard breaks as <br/>', () => {
    expect(toStorage('a\nb\\\nc  \nd')).toBe('<p>a\nb<br/>c<br/>d</p>');
  });

  it('writes nested lists, tight without <p> and loose with', () => {
    expect(toStorage('- a\n  - b\n- c')).toBe('<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>');
    expect(toStorage('1. a\n\n2. b')).toBe('<ol><li><p>a</p></li><li><p>b</p></li></ol>');
  });

  it('keeps an ordered list start number', () => {
    expect(toStorage('3. three\n4. four')).toBe('<ol start="3"><li>three</li><li>four</li></ol>');
  });

  it('writes quotes and rules', () => {
    expect(toStorage('> quoted\n\n---')).toBe('<blockquote><p>quoted</p></blockquote><hr/>');
  });

  it('escapes text and writes character references as characters, never as HTML named entities', () => {
    expect(toStorage('a & b < c > d "e" &amp; &nbsp;&copy; &#65; &#x263A;')).toBe(
      '<p>a &amp; b &lt; c &gt; d "e" &amp; \u00a0© A ☺</p>',
    );
  });

  it('keeps backslash escapes as the literal character', () => {
    expect(toStorage('\\*not em\\* \\<b\\>')).toBe('<p>*not em* &lt;b&gt;</p>');
  });

  it('writes plain links and autolinks as <a href>, escaping attributes', () => {
    expect(toStorage('[t](https://e.com/?a=1&b="2" "ti&tle") <https://x.org> me@example.com https://y.org')).toBe(
      '<p><a href="https://e.com/?a=1&amp;b=%222%22" title="ti&amp;tle">t</a> ' +
        '<a href="https://x.org">https://x.org</a> <a href="mailto:me@example.com">me@example.com</a> ' +
        '<a href="https://y.org">https://y.org</a></p>',
    );
  });

  it("links GFM's www. autolinks but not bare file names", () => {
    expect(toStorage('see www.example.com/a, README.md and setup.py')).toBe(
      '<p>see <a href="http://www.example.com/a">www.example.com/a</a>, README.md and setup.py</p>',
    );
  });

  it('lets escapes keep URL-like text as text', () => {
    expect(toStorage('http\\://example.com www\\.example.com me\\@example.com')).toBe(
      '<p>http://example.com www.example.com me@example.com</p>',
    );
  });

  it('returns no warnings for plain Markdown', () => {
    expect(markdownToStorage('# Title\n\ntext').warnings).toEqual([]);
  });

  it('converts an empty document to empty storage', () => {
    expect(markdownToStorage('')).toEqual({ storage: '', warnings: [] });
  });
});
