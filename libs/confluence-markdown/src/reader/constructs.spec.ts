/**
 * Every text, list, link and media construct of CONVENTIONS.md, with the Markdown written out by hand.
 * Macros, tables, layouts and placeholders are in macros.spec.ts.
 */
import { storageToMarkdown } from './storage-to-markdown';

const md = (storage: string, options = {}) => storageToMarkdown(storage, options).markdown;
const kinds = (storage: string) => storageToMarkdown(storage).warnings.map((w) => `${w.kind}: ${w.message} x${w.count}`);

describe('storageToMarkdown: text', () => {
  it.each([
    ['headings', '<h1>One</h1><h3>Three</h3><h6>Six</h6>', '# One\n\n### Three\n\n###### Six\n'],
    ['paragraphs and a hard break', '<p>First<br/>second</p><p>Next</p>', 'First\\\nsecond\n\nNext\n'],
    ['a trailing break is dropped', '<p>Text<br/></p>', 'Text\n'],
    ['inline formatting', '<p><strong>b</strong> <em>i</em> <s>s</s> <del>d</del> <code>c</code> <b>b2</b> <i>i2</i></p>', '**b** *i* ~~s~~ ~~d~~ `c` **b2** *i2*\n'],
    ['code span holding backticks', '<p><code>a `b` c</code> <code>`x</code></p>', '``a `b` c`` `` `x ``\n'],
    ['blockquote', '<blockquote><p>Quoted</p><p>Twice</p></blockquote>', '> Quoted\n>\n> Twice\n'],
    ['thematic break', '<p>a</p><hr/><p>b</p>', 'a\n\n---\n\nb\n'],
    ['entities decoded', '<p>Release&nbsp;notes &ndash; it&rsquo;s &amp; &lt;ok&gt;</p>', 'Release\u00a0notes \u2013 it\u2019s & \\<ok>\n'],
    ['a fragment with bare text', 'loose text<p>para</p>tail', 'loose text\n\npara\n\ntail\n'],
  ])('%s', (_name, storage, expected) => {
    expect(md(storage)).toBe(expected);
  });

  it('keeps the text of underline, superscript, subscript and coloured spans, one warning per kind', () => {
    const storage = '<p><u>u</u> x<sup>2</sup> H<sub>2</sub>O <span style="color: red;">red</span> <u>again</u></p>';
    expect(md(storage)).toBe('u x2 H2O red again\n');
    expect(kinds(storage)).toEqual([
      'formatting-dropped: Underline dropped x2',
      'formatting-dropped: Superscript dropped x1',
      'formatting-dropped: Subscript dropped x1',
      'formatting-dropped: Text colour dropped x1',
    ]);
  });

  it('escapes only what Markdown would read as syntax', () => {
    const storage =
      '<p># not a heading<br/>1. not a list<br/>- not a bullet<br/>&gt; not a quote<br/>---</p>' +
      '<p>*stars* [brackets] `ticks` back\\slash snake_case _lead &amp;copy; &lt;div&gt; ~~x~~ a ~ b</p>' +
      '<p>https://example.com www.example.com a@b.io 3.5 C# + -</p>';
    expect(md(storage)).toBe(
      '\\# not a heading\\\n1\\. not a list\\\n\\- not a bullet\\\n\\> not a quote\\\n\\---\n\n' +
        '\\*stars\\* \\[brackets\\] \\`ticks\\` back\\\\slash snake_case \\_lead \\&copy; \\<div> \\~\\~x\\~\\~ a ~ b\n\n' +
        'https\\://example.com www\\.example.com a\\@b.io 3.5 C# + -\n',
    );
  });

  it('escapes a closing hash sequence at the end of a heading', () => {
    expect(md('<h2>Heading ending in #</h2><h2>C#</h2>')).toBe('## Heading ending in \\#\n\n## C#\n');
  });

  it('drops emphasis that Markdown cannot delimit, keeping the text', () => {
    const storage = '<p><strong>"quoted"</strong>next and <strong>a</strong><strong>b</strong></p>';
    expect(md(storage)).toBe('"quoted"next and **ab**\n');
    expect(kinds(storage)).toEqual(['formatting-dropped: Bold that Markdown cannot delimit here dropped x1']);
  });
});

describe('storageToMarkdown: lists', () => {
  it.each([
    ['bullets', '<ul><li>a</li><li>b</li></ul>', '- a\n- b\n'],
    ['numbers', '<ol><li>a</li><li>b</li></ol>', '1. a\n1. b\n'],
    ['start number kept on every item', '<ol start="3"><li>a</li><li>b</li></ol>', '3. a\n3. b\n'],
    ['nested by the marker width', '<ul><li>a<ol><li>b<ul><li>c</li></ul></li></ol></li></ul>', '- a\n  1. b\n     - c\n'],
    ['one paragraph per item stays tight', '<ul><li><p>a</p></li><li><p>b</p></li></ul>', '- a\n- b\n'],
    ['two paragraphs make it loose', '<ul><li><p>a</p><p>more</p></li><li><p>b</p></li></ul>', '- a\n\n  more\n\n- b\n'],
    ['adjacent lists switch marker', '<ul><li>a</li></ul><ul><li>b</li></ul><ol><li>c</li></ol><ol><li>d</li></ol>', '- a\n\n* b\n\n1. c\n\n1) d\n'],
    ['a code block in a tight item', '<ul><li>run<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[make]]></ac:plain-text-body></ac:structured-macro></li></ul>', '- run\n  ```\n  make\n  ```\n'],
    ['text after a nested list gets a blank line', '<ul><li>a<ul><li>b</li></ul>after</li></ul>', '- a\n\n  - b\n\n  after\n'],
  ])('%s', (_name, storage, expected) => {
    expect(md(storage)).toBe(expected);
  });

  it('writes task lists with their status', () => {
    const storage =
      '<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>Done <strong>now</strong></ac:task-body></ac:task>' +
      '<ac:task><ac:task-id>2</ac:task-id><ac:task-uuid>u</ac:task-uuid><ac:task-status>incomplete</ac:task-status><ac:task-body><span class="placeholder-inline-tasks">Later</span></ac:task-body></ac:task>' +
      '<ac:task><ac:task-id>3</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body></ac:task-body></ac:task></ac:task-list>';
    expect(md(storage)).toBe('- [x] Done **now**\n- [ ] Later\n- [ ]\n');
  });
});

describe('storageToMarkdown: links', () => {
  const resolvers = {
    resolveUser: (id: string) => (id === 'u1' ? 'Ada Lovelace' : undefined),
    resolvePageUrl: (ref: { spaceKey?: string; title: string }) => (ref.title === 'Known' ? `https://wiki.example.com/${ref.spaceKey}/Known` : undefined),
    resolveAttachmentUrl: (file: string) => (file === 'known.pdf' ? 'https://wiki.example.com/download/known.pdf' : undefined),
    spaceKey: 'ENG',
  };

  it.each([
    ['HTML link', '<p><a href="https://example.com/a">text</a></p>', '[text](https://example.com/a)\n'],
    ['autolink when the text is the URL', '<p><a href="https://example.com/a">https://example.com/a</a></p>', '<https://example.com/a>\n'],
    ['smart link', '<p><a href="https://x.io/1" data-card-appearance="inline">https://x.io/1</a></p>', '<https://x.io/1>\n'],
    ['mention resolved', '<p><ac:link><ri:user ri:account-id="u1"/></ac:link></p>', '[@Ada Lovelace](confluence-user:u1)\n'],
    ['mention falling back to the id', '<p><ac:link><ri:user ri:account-id="557058:ab-c"/></ac:link></p>', '[@557058:ab-c](confluence-user:557058:ab-c)\n'],
    ['page in the current space', '<p><ac:link><ri:page ri:space-key="ENG" ri:content-title="On-call rota"/><ac:plain-text-link-body><![CDATA[the rota]]></ac:plain-text-link-body></ac:link></p>', '[the rota](confluence-page:On-call%20rota)\n'],
    ['page in another space, no body', '<p><ac:link><ri:page ri:space-key="OPS" ri:content-title="Run/book"/></ac:link></p>', '[Run/book](confluence-page:OPS/Run%2Fbook)\n'],
    ['page resolved to its URL, rich body', '<p><ac:link><ri:page ri:content-title="Known"/><ac:link-body>the <strong>known</strong> page</ac:link-body></ac:link></p>', '[the **known** page](https://wiki.example.com/ENG/Known)\n'],
    ['page with an anchor', '<p><ac:link ac:anchor="Roll back"><ri:page ri:content-title="Known"/></ac:link></p>', '[Known](confluence-page:Known#Roll%20back)\n'],
    ['attachment', '<p><ac:link><ri:attachment ri:filename="notes v2.pdf"/></ac:link> <ac:link><ri:attachment ri:filename="known.pdf"/><ac:plain-text-link-body><![CDATA[Known]]></ac:plain-text-link-body></ac:link></p>', '[notes v2.pdf](confluence-attachment:notes%20v2.pdf) [Known](https://wiki.example.com/download/known.pdf)\n'],
    ['space', '<p><ac:link><ri:space ri:space-key="OPS"/><ac:plain-text-link-body><![CDATA[Ops space]]></ac:plain-text-link-body></ac:link></p>', '[Ops space](confluence-space:OPS)\n'],
    ['spaces around a mention survive', '<p>Owner: <ac:link><ri:user ri:account-id="u1"/></ac:link></p>', 'Owner: [@Ada Lovelace](confluence-user:u1)\n'],
  ])('%s', (_name, storage, expected) => {
    expect(md(storage, resolvers)).toBe(expected);
  });

  it('warns about references a resolver did not know', () => {
    const { warnings } = storageToMarkdown('<p><ac:link><ri:user ri:account-id="u2"/></ac:link></p>', resolvers);
    expect(warnings).toEqual([{ kind: 'unresolved-link', message: 'Users without a display name shown by id', count: 1 }]);
  });

  it('keeps links Markdown cannot express as placeholders', () => {
    const blogPost = '<ac:link><ri:blog-post ri:content-title="News" ri:posting-day="2024/01/02"/></ac:link>';
    expect(md(`<p>See ${blogPost}.</p>`)).toBe(`See <!--confluence:ac:link:${Buffer.from(blogPost).toString('base64url')}-->.\n`);
  });
});

describe('storageToMarkdown: images, emoticons, dates', () => {
  it.each([
    ['attachment image with alt', '<p><ac:image ac:alt="Pipeline"><ri:attachment ri:filename="pipe line.png"/></ac:image></p>', '![Pipeline](confluence-attachment:pipe%20line.png)\n'],
    ['URL image with title', '<p><ac:image ac:title="T"><ri:url ri:value="https://x.io/a.png?s=1&amp;t=2"/></ac:image></p>', '![](https://x.io/a.png?s=1&t=2 "T")\n'],
    ['HTML image', '<p><img src="a.png" alt="A"/></p>', '![A](a.png)\n'],
    ['emoticon fallback', '<p>ok <ac:emoticon ac:name="tick" ac:emoji-fallback="✅"/></p>', 'ok ✅\n'],
    ['emoticon by name', '<p><ac:emoticon ac:name="light-on"/> <ac:emoticon ac:name="made-up"/></p>', '💡 :made-up:\n'],
    ['date', '<p>Due <time datetime="2024-05-01"/>.</p>', 'Due :time[2024-05-01].\n'],
  ])('%s', (_name, storage, expected) => {
    expect(md(storage)).toBe(expected);
  });

  it('warns once per image about dropped size attributes', () => {
    const storage = '<p><ac:image ac:width="200" ac:align="center"><ri:attachment ri:filename="a.png"/></ac:image></p>';
    expect(kinds(storage)).toEqual(['formatting-dropped: Image size and layout dropped x1']);
  });
});
