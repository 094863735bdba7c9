import { markdownToStorage } from './index';
import { toStorage } from './spec-helpers';

const expand = (title: string | undefined, body: string) =>
  '<ac:structured-macro ac:name="expand">' +
  (title === undefined ? '' : `<ac:parameter ac:name="title">${title}</ac:parameter>`) +
  `<ac:rich-text-body>${body}</ac:rich-text-body></ac:structured-macro>`;

describe('<details> -> expand macro', () => {
  it('reads the form the reader writes', () => {
    expect(toStorage('<details>\n<summary>More</summary>\n\nHidden **text**.\n\n- a\n\n</details>')).toBe(
      expand('More', '<p>Hidden <strong>text</strong>.</p><ul><li>a</li></ul>'),
    );
  });

  it('decodes references in the summary and drops its tags', () => {
    expect(toStorage('<details><summary>A &amp; <b>B</b> &lt;C&gt;</summary>\n\nx\n\n</details>')).toBe(
      expand('A &amp; B &lt;C&gt;', '<p>x</p>'),
    );
  });

  it('writes no title without a summary, and reads a summary in the next block', () => {
    expect(toStorage('<details>\n\nx\n\n</details>')).toBe(expand(undefined, '<p>x</p>'));
    expect(toStorage('<details>\n\n<summary>Late</summary>\n\nx\n\n</details>')).toBe(expand('Late', '<p>x</p>'));
  });

  it('nests expands', () => {
    expect(
      toStorage('<details>\n<summary>Outer</summary>\n\n<details>\n<summary>Inner</summary>\n\nx\n\n</details>\n\ny\n\n</details>'),
    ).toBe(expand('Outer', `${expand('Inner', '<p>x</p>')}<p>y</p>`));
  });

  it('closes a missing </details> where its container ends, so the output still nests', () => {
    expect(toStorage('> <details>\n> <summary>S</summary>\n>\n> in\n\nout')).toBe(
      `<blockquote>${expand('S', '<p>in</p>')}</blockquote><p>out</p>`,
    );
    expect(toStorage('<details>\n\nto the end')).toBe(expand(undefined, '<p>to the end</p>'));
  });

  it('writes a one-line details block with its content', () => {
    expect(toStorage('<details><summary>One</summary></details>')).toBe(expand('One', ''));
  });

  it('escapes a stray </details> with a warning', () => {
    const result = markdownToStorage('text\n\n</details>');
    expect(result.storage).toBe('<p>text</p><p>&lt;/details&gt;</p>');
    expect(result.warnings).toEqual([{ kind: 'raw-html-escaped', message: 'raw HTML (<details>) was escaped as text', count: 1 }]);
  });
});
