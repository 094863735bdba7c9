/** Macros, tables, layouts and placeholders (CONVENTIONS.md), with the Markdown written out by hand. */
import { decodePlaceholder, encodePlaceholder } from '../placeholder';
import { storageToMarkdown } from './storage-to-markdown';

const md = (storage: string, options = {}) => storageToMarkdown(storage, options).markdown;
const warnings = (storage: string) => storageToMarkdown(storage).warnings.map((w) => `${w.kind}: ${w.message} x${w.count}`);
const macro = (name: string, params: Record<string, string>, body = '') =>
  `<ac:structured-macro ac:name="${name}" ac:schema-version="1" ac:macro-id="m1">${Object.entries(params)
    .map(([k, v]) => `<ac:parameter ac:name="${k}">${v}</ac:parameter>`)
    .join('')}${body}</ac:structured-macro>`;
const plain = (code: string) => `<ac:plain-text-body><![CDATA[${code}]]></ac:plain-text-body>`;
const rich = (html: string) => `<ac:rich-text-body>${html}</ac:rich-text-body>`;

describe('storageToMarkdown: code', () => {
  it.each([
    ['language, title and other parameters in source order', macro('code', { language: 'python', title: 'Example', linenumbers: 'true' }, plain('print(1)\n  x = 2')), '```python title="Example" linenumbers="true"\nprint(1)\n  x = 2\n```\n'],
    ['no language, no parameters', macro('code', {}, plain('a < b && c')), '```\na < b && c\n```\n'],
    ['parameters without language', macro('code', { title: 'T' }, plain('x')), '```none title="T"\nx\n```\n'],
    ['language none is no language', macro('code', { language: 'none' }, plain('x')), '```\nx\n```\n'],
    ['a longer fence than any backtick run', macro('code', { language: 'markdown' }, plain('```\nnested\n```')), '````markdown\n```\nnested\n```\n````\n'],
    ['quotes and backslashes in values', macro('code', { title: 'C:\\dir "x"' }, plain('y')), '```none title="C:\\\\dir \\"x\\""\ny\n```\n'],
    ['a backtick in a value needs a tilde fence', macro('code', { title: 'a`b' }, plain('~~~\ny')), '~~~~none title="a`b"\n~~~\ny\n~~~~\n'],
    ['noformat, parameters kept', macro('noformat', { nopanel: 'true' }, plain('raw  text')), '```noformat nopanel="true"\nraw  text\n```\n'],
    ['CDATA split around ]]> and entities', '<ac:structured-macro ac:name="noformat"><ac:plain-text-body><![CDATA[a ]]]]><![CDATA[> b]]>&#10;c</ac:plain-text-body></ac:structured-macro>', '```noformat\na ]]> b\nc\n```\n'],
    ['blank lines and trailing newline kept', macro('code', {}, plain('\n\na\n\n')), '```\n\n\na\n\n\n```\n'],
    ['HTML pre', '<pre>  two\n\nlines</pre>', '```\n  two\n\nlines\n```\n'],
  ])('%s', (_name, storage, expected) => {
    expect(md(storage)).toBe(expected);
  });
});

describe('storageToMarkdown: panels', () => {
  it.each([
    ['info is a note', macro('info', { icon: 'true' }, rich('<p>Body</p>')), '> [!NOTE]\n>\n> Body\n'],
    ['tip with title', macro('tip', { title: 'Heads up' }, rich('<p>Body</p><ul><li>a</li></ul>')), '> [!TIP] Heads up\n>\n> Body\n>\n> - a\n'],
    ['note is a warning', macro('note', {}, rich('<p>Body</p>')), '> [!WARNING]\n>\n> Body\n'],
    ['warning is a caution', macro('warning', {}, rich('<p>Body</p>')), '> [!CAUTION]\n>\n> Body\n'],
    ['empty body', macro('info', { title: 'Only [title]' }, rich('')), '> [!NOTE] Only \\[title\\]\n'],
    ['panel', macro('panel', { title: 'Summary' }, rich('<p>Body</p>')), '> [!PANEL] Summary\n>\n> Body\n'],
    ['expand', macro('expand', { title: 'Details & caveats' }, rich('<p>Body</p>')), '<details>\n<summary>Details &amp; caveats</summary>\n\nBody\n\n</details>\n'],
    ['storage details', '<details><summary>Why <em>not</em>?</summary><p>Because.</p></details>', '<details>\n<summary>Why not?</summary>\n\nBecause.\n\n</details>\n'],
  ])('%s', (_name, storage, expected) => {
    expect(md(storage)).toBe(expected);
  });

  it('warns about panel parameters Markdown cannot hold', () => {
    expect(warnings(macro('panel', { title: 'T', bgColor: '#fff' }, rich('<p>x</p>')))).toEqual(['formatting-dropped: panel macro parameters dropped x1']);
  });
});

describe('storageToMarkdown: inline macros', () => {
  it.each([
    ['status with colour', `<p>${macro('status', { colour: 'Green', title: 'Done' })}</p>`, ':status[Done]{colour="Green"}\n'],
    ['status without colour, other parameters kept', `<p>${macro('status', { title: 'A [b]', subtle: 'true' })}</p>`, ':status[A \\[b\\]]{subtle="true"}\n'],
    ['jira key', `<p>${macro('jira', { server: 'System JIRA', serverId: 'abc', key: 'PROJ-12' })}</p>`, ':jira[PROJ-12]{server="System JIRA" serverId="abc"}\n'],
    ['jira key alone', `<p>${macro('jira', { key: 'PROJ-12' })}</p>`, ':jira[PROJ-12]\n'],
  ])('%s', (_name, storage, expected) => {
    expect(md(storage)).toBe(expected);
  });

  it('links jira keys when given a Jira URL, dropping the server with a warning', () => {
    const { markdown, warnings: w } = storageToMarkdown(`<p>${macro('jira', { server: 'S', key: 'PROJ-12' })}</p>`, { jiraBaseUrl: 'https://jira.example.com/' });
    expect(markdown).toBe('[PROJ-12](https://jira.example.com/browse/PROJ-12 "jira")\n');
    expect(w).toEqual([{ kind: 'formatting-dropped', message: 'Jira macro parameters dropped', count: 1 }]);
  });

  it('keeps a JQL jira macro as a placeholder', () => {
    const source = macro('jira', { jqlQuery: 'project = X', columns: 'key' });
    expect(md(source)).toBe(`${encodePlaceholder('jira', source)}\n`);
  });
});

describe('storageToMarkdown: tables', () => {
  it('writes a GFM table, the first row as header, pipes escaped, breaks as <br/>', () => {
    const storage =
      '<table><colgroup><col/><col/></colgroup><tbody><tr><th><p>Name</p></th><th><p>Owner</p></th></tr>' +
      '<tr><td><p>a | b</p></td><td><p><code>x|y</code><br/>two</p></td></tr><tr><td>short row</td></tr></tbody></table>';
    expect(md(storage)).toBe('| Name | Owner |\n| --- | --- |\n| a \\| b | `x\\|y`<br/>two |\n| short row |  |\n');
  });

  it('writes a column alignment all its cells agree on', () => {
    const storage = '<table><tbody><tr><td style="text-align: center;">h</td><td>i</td></tr><tr><td style="text-align: center;">1</td><td>2</td></tr></tbody></table>';
    expect(md(storage)).toBe('| h | i |\n| :---: | --- |\n| 1 | 2 |\n');
  });

  it('keeps a table with spans or blocks in cells as HTML, one row per line', () => {
    const storage =
      '<table><tbody><tr><th colspan="2"><p><strong>Team</strong></p></th></tr>' +
      `<tr><td><ul><li>one</li></ul></td><td><p>Owner <ac:link><ri:user ri:account-id="u1"/></ac:link> ${macro('status', { title: 'OK' })}</p><p>:status[not a macro] &lt;tag&gt;</p></td></tr></tbody></table>`;
    expect(md(storage)).toBe(
      '<table>\n<tbody>\n<tr><th colspan="2"><p><strong>Team</strong></p></th></tr>\n' +
        '<tr><td><ul><li>one</li></ul></td><td><p>Owner <a href="confluence-user:u1">@u1</a> :status[OK]</p><p>&#58;status[not a macro] &lt;tag&gt;</p></td></tr>\n</tbody>\n</table>\n',
    );
  });

  it('puts macros without an HTML form in HTML tables as placeholders', () => {
    const code = macro('code', {}, plain('x\n\ny'));
    const html = md(`<table><tbody><tr><td><p>a</p>${code}</td></tr></tbody></table>`);
    expect(html).toBe(`<table>\n<tbody>\n<tr><td><p>a</p>${encodePlaceholder('code', code)}</td></tr>\n</tbody>\n</table>\n`);
  });
});

describe('storageToMarkdown: layouts, comments, placeholders', () => {
  it('flattens layouts in reading order', () => {
    const storage = '<ac:layout><ac:layout-section ac:type="two_equal"><ac:layout-cell><p>Left</p></ac:layout-cell><ac:layout-cell><p>Right</p></ac:layout-cell></ac:layout-section></ac:layout>';
    expect(md(storage)).toBe('Left\n\nRight\n');
    expect(warnings(storage)).toEqual(['layout-flattened: Page layout flattened x1']);
  });

  it('drops ac:placeholder silently and keeps the text of inline comment markers', () => {
    const storage = '<p>Mail: <ac:placeholder>Insert your email</ac:placeholder></p><p><ac:inline-comment-marker ac:ref="r">Reviewed</ac:inline-comment-marker> text</p>';
    expect(md(storage)).toBe('Mail:\n\nReviewed text\n');
    expect(warnings(storage)).toEqual(['inline-comment-marker-dropped: Inline comment markers dropped x1']);
  });

  it('keeps every other macro as a block placeholder holding its exact source', () => {
    const toc = '<ac:structured-macro ac:name="toc"><ac:parameter ac:name="maxLevel">3</ac:parameter></ac:structured-macro>';
    const children = '<ac:structured-macro ac:name="children" ac:schema-version="2" />';
    const { markdown, warnings: w } = storageToMarkdown(`<h1>T</h1>${toc}${children}<p>After</p>`);
    expect(markdown).toBe(`# T\n\n${encodePlaceholder('toc', toc)}\n\n${encodePlaceholder('children', children)}\n\nAfter\n`);
    expect(w).toEqual([
      { kind: 'placeholder', message: 'toc kept as a placeholder', count: 1 },
      { kind: 'placeholder', message: 'children kept as a placeholder', count: 1 },
    ]);
  });

  it('keeps placeholders whole on a page holding U+0001, which stands for their payloads while converting', () => {
    const toc = '<ac:structured-macro ac:name="toc"/>';
    expect(md(`<p>a\u0001b</p>${toc}<p>\u00010\u0001</p>`)).toBe(`a\ufffdb\n\n${encodePlaceholder('toc', toc)}\n\n\ufffd0\ufffd\n`);
    expect(md(`${toc}<p>0</p>`)).toBe(`${encodePlaceholder('toc', toc)}\n\n0\n`);
  });

  it('keeps an inline placeholder in its paragraph, even at the start of a line', () => {
    const anchor = '<ac:structured-macro ac:name="anchor"><ac:parameter ac:name="">here</ac:parameter></ac:structured-macro>';
    expect(md(`<p>${anchor}Intro text<br/>${anchor}</p>`)).toBe(`${encodePlaceholder('anchor', anchor)}Intro text${encodePlaceholder('anchor', anchor)}\n`);
  });

  it('keeps unknown elements and comments byte for byte, entities and CDATA included', () => {
    const source = '<ac:adf-extension><ac:adf-node type="x"><ac:adf-attribute key="a">&nbsp;&rsquo;<![CDATA[<raw>]]></ac:adf-attribute></ac:adf-node></ac:adf-extension>';
    const markdown = md(`<p>a</p>${source}<!-- note -->`);
    const placeholders = markdown.match(/<!--confluence:[^>]*-->/g) ?? [];
    expect(placeholders.map((p) => decodePlaceholder(p))).toEqual([
      { name: 'ac:adf-extension', source },
      { name: 'comment', source: '<!-- note -->' },
    ]);
  });
});
