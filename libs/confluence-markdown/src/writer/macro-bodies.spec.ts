/**
 * Macro body markers written back (CONVENTIONS.md, "Macro bodies"): the macro comes back around the body as the
 * Markdown now says it, and markers a model broke, moved or deleted never lose content and never break the XML.
 */
import { DEFAULT_AFTER, encodeBegin, encodeEnd } from '../macro-body';
import { markdownToStorage } from './index';
import { toStorage } from './spec-helpers';

const BEFORE = '<ac:structured-macro ac:name="excerpt" ac:macro-id="e1"><ac:parameter ac:name="hidden">true</ac:parameter><ac:rich-text-body>';
const begin = encodeBegin('excerpt');
const end = encodeEnd('excerpt', BEFORE, DEFAULT_AFTER);
const excerpt = (body: string) => `${BEFORE}${body}${DEFAULT_AFTER}`;
const kinds = (markdown: string) => markdownToStorage(markdown).warnings.map((w) => `${w.kind}: ${w.message}`);

describe('macro body markers', () => {
  it('restore the macro around the body as edited', () => {
    expect(toStorage(`${begin}\n\nEdited **first** sentence.\n\nAnd a second paragraph.\n\n${end}\n\n# After`)).toBe(
      `${excerpt('<p>Edited <strong>first</strong> sentence.</p><p>And a second paragraph.</p>')}<h1>After</h1>`,
    );
    expect(kinds(`${begin}\n\nx\n\n${end}`)).toEqual([]);
  });

  it('need no blank lines around them', () => {
    expect(toStorage(`${begin}\ntext\n${end}\nafter`)).toBe(`${excerpt('<p>text</p>')}<p>after</p>`);
  });

  it('restore the source after the body when the end marker carries it', () => {
    const after = '</ac:rich-text-body ><ac:parameter ac:name="late">x</ac:parameter></ac:structured-macro>';
    expect(toStorage(`${begin}\n\nbody\n\n${encodeEnd('excerpt', BEFORE, after)}`)).toBe(`${BEFORE}<p>body</p>${after}`);
  });

  it('nest, in lists, quotes, alerts and expands', () => {
    const column = '<ac:structured-macro ac:name="column"><ac:rich-text-body>';
    const col = (body: string) => `${encodeBegin('column')}\n\n${body}\n\n${encodeEnd('column', column, DEFAULT_AFTER)}`;
    expect(toStorage(`${begin}\n\n${col('a')}\n\n${col('b')}\n\n${end}`)).toBe(excerpt(`${column}<p>a</p>${DEFAULT_AFTER}${column}<p>b</p>${DEFAULT_AFTER}`));
    expect(toStorage(`- item\n\n  ${begin}\n\n  in item\n\n  ${end}\n- next`)).toBe(`<ul><li><p>item</p>${excerpt('<p>in item</p>')}</li><li><p>next</p></li></ul>`);
    expect(toStorage(`> [!NOTE]\n> ${begin}\n> in alert\n> ${end}`)).toBe(
      `<ac:structured-macro ac:name="info"><ac:rich-text-body>${excerpt('<p>in alert</p>')}</ac:rich-text-body></ac:structured-macro>`,
    );
    expect(toStorage(`<details>\n<summary>More</summary>\n\n${begin}\n\nin expand\n\n${end}\n\n</details>`)).toBe(
      `<ac:structured-macro ac:name="expand"><ac:parameter ac:name="title">More</ac:parameter><ac:rich-text-body>${excerpt('<p>in expand</p>')}</ac:rich-text-body></ac:structured-macro>`,
    );
  });

  it('keep the body and drop the macro, with a warning, when the end marker was deleted', () => {
    const result = markdownToStorage(`${begin}\n\nStill here.\n\n# Next`);
    expect(result.storage).toBe('<p>Still here.</p><h1>Next</h1>');
    expect(result.warnings).toEqual([
      { kind: 'invalid-placeholder', message: 'a macro body begin marker without its end marker was dropped: its body was kept, its macro was lost', count: 1 },
    ]);
  });

  it('restore the macro with an empty body, with a warning, when the begin marker was deleted', () => {
    const result = markdownToStorage(`Still here.\n\n${end}`);
    expect(result.storage).toBe(`<p>Still here.</p>${excerpt('')}`);
    expect(result.warnings.map((w) => w.message)).toEqual(['a macro body end marker without its begin marker was restored with an empty body']);
  });

  it('do not pair across containers: a begin closes where its list item ends', () => {
    const result = markdownToStorage(`- ${begin}\n\n  in item\n\n- ${end}`);
    expect(result.storage).toBe(`<ul><li><p>in item</p></li><li>${excerpt('')}</li></ul>`);
    expect(result.warnings.map((w) => w.kind)).toEqual(['invalid-placeholder', 'invalid-placeholder']);
  });

  it('pair by name, innermost first; an end for an outer macro drops the inner begins left open', () => {
    const other = '<ac:structured-macro ac:name="details"><ac:rich-text-body>';
    const result = markdownToStorage(`${begin}\n\n${encodeBegin('details')}\n\ninner\n\n${end}\n\n${encodeEnd('details', other, DEFAULT_AFTER)}`);
    expect(result.storage).toBe(`${excerpt('<p>inner</p>')}${other}${DEFAULT_AFTER}`);
    expect(result.warnings.map((w) => w.kind)).toEqual(['invalid-placeholder', 'invalid-placeholder']);
  });

  it('keep a marker that does not decode, or whose macro is not well-formed, as text', () => {
    const broken = encodeEnd('excerpt', '<ac:structured-macro ac:name="excerpt"><p>', DEFAULT_AFTER);
    const result = markdownToStorage(`${begin}\n\nbody\n\n${broken}\n\n<!--confluence-end:excerpt:%%%-->\n\n<!--confluence-end:excerpt:A-->`);
    expect(result.storage).toBe(
      `<p>body</p><p>${broken.replace('<', '&lt;').replace('>', '&gt;')}</p><p>&lt;!--confluence-end:excerpt:%%%--&gt;</p><p>&lt;!--confluence-end:excerpt:A--&gt;</p>`,
    );
    expect(result.warnings.map((w) => w.message)).toEqual([
      'a macro body end marker whose macro is not well-formed was kept as text',
      'a macro body marker that could not be decoded was kept as text',
    ]);
  });

  it('inside a paragraph: a begin is dropped, an end restores its macro, both with a warning', () => {
    const result = markdownToStorage(`text ${begin} more ${end} end`);
    expect(result.storage).toBe(`<p>text  more ${excerpt('')} end</p>`);
    expect(result.warnings.map((w) => w.kind)).toEqual(['invalid-placeholder', 'invalid-placeholder']);
  });

  it('in an HTML table, put the macro around the cell content between them', () => {
    expect(toStorage(`<table><tr><td>${begin}<p>cell</p>${end}</td><td>${end}</td><td>${begin}<p>open</p></td></tr></table>`)).toBe(
      `<table><tr><td>${excerpt('<p>cell</p>')}</td><td>${excerpt('')}</td><td><p>open</p></td></tr></table>`,
    );
  });

  it('text that only mentions a marker stays text', () => {
    expect(toStorage(`Write \`${begin}\` first, or \\${begin}`)).toBe(`<p>Write <code>${begin.replace('<', '&lt;').replace('>', '&gt;')}</code> first, or ${begin.replace('<', '&lt;').replace('>', '&gt;')}</p>`);
  });
});
