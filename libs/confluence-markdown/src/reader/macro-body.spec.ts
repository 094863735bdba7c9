/**
 * Macros with a rich-text body that Markdown has no form for (excerpt, details, section/column, ui-expand,
 * third-party panels): the body is Markdown between markers, only the wrapper is opaque (CONVENTIONS.md,
 * "Macro bodies"). Each case is also checked for the fixed point and, where the storage is what the writer writes,
 * for coming back byte for byte.
 */
import { DEFAULT_AFTER, decodeMarker, encodeBegin, encodeEnd } from '../macro-body';
import { encodePlaceholder } from '../placeholder';
import { markdownToStorage } from '../writer';
import { storageToMarkdown } from './storage-to-markdown';

const md = (storage: string) => storageToMarkdown(storage).markdown;
/** A macro as Confluence writes it, split where its body goes. */
function macro(name: string, params: Record<string, string> = {}): { before: string; after: string; around: (body: string) => string } {
  const parameters = Object.entries(params)
    .map(([k, v]) => `<ac:parameter ac:name="${k}">${v}</ac:parameter>`)
    .join('');
  const before = `<ac:structured-macro ac:name="${name}" ac:schema-version="1" ac:macro-id="m-${name}">${parameters}<ac:rich-text-body>`;
  return { before, after: DEFAULT_AFTER, around: (body) => `${before}${body}${DEFAULT_AFTER}` };
}
const markers = (name: string, wrapper: { before: string; after: string }, body: string) =>
  `${encodeBegin(name)}\n\n${body}\n\n${encodeEnd(name, wrapper.before, wrapper.after)}`;

/** storage -> Markdown -> storage -> Markdown is a fixed point; returns the written storage. */
function expectFixedPoint(storage: string): string {
  const first = md(storage);
  const written = markdownToStorage(first).storage;
  expect(md(written)).toBe(first);
  return written;
}

describe('storageToMarkdown: macros with a rich-text body', () => {
  it('shows the excerpt of the issue as its first paragraph, the wrapper after it', () => {
    const sentence = 'The payments service moves card authorisations from the legacy gateways to the new brokers before the end of the third quarter.';
    const excerpt = macro('excerpt', { hidden: 'false' });
    const storage = `${excerpt.around(`<p>${sentence}</p>`)}<h2>Scope</h2><p>Rest.</p>`;
    const markdown = md(storage);
    expect(markdown).toBe(`${markers('excerpt', excerpt, sentence)}\n\n## Scope\n\nRest.\n`);
    // The sentence comes right after a short marker, so a cut at 300 characters shows all of it.
    expect(markdown.slice(0, 300)).toContain(sentence);
    expect(markdown.indexOf(sentence)).toBe('<!--confluence-begin:excerpt-->\n\n'.length);
    expect(markdownToStorage(markdown).storage).toBe(storage);
  });

  it.each([
    ['details (page properties)', macro('details', { id: 'props' }), '<table><tbody><tr><th>Owner</th></tr><tr><td>Ann</td></tr></tbody></table>', '| Owner |\n| --- |\n| Ann |'],
    ['ui-expand', macro('ui-expand', { title: 'More' }), '<p>Hidden <em>text</em></p>', 'Hidden *text*'],
    ['a third-party panel', macro('panelbox', { name: 'blue', title: 'Note' }), '<p>One</p><ul><li>two</li></ul>', 'One\n\n- two'],
    ['a code macro with a rich body', macro('code'), '<p>not code</p>', 'not code'],
  ])('writes the body of %s as Markdown between markers', (_name, wrapper, body, expected) => {
    const storage = wrapper.around(body);
    const name = /ac:name="([^"]+)"/.exec(wrapper.before)?.[1] as string;
    expect(md(storage)).toBe(`${markers(name, wrapper, expected)}\n`);
    expect(markdownToStorage(md(storage)).storage).toBe(storage);
  });

  it('nests: columns in a section, each body in its own markers', () => {
    const [section, left, right] = [macro('section'), macro('column', { width: '30%' }), macro('column')];
    const storage = section.around(left.around('<p>Left</p>') + right.around('<p>Right</p><p>More</p>'));
    expect(md(storage)).toBe(`${markers('section', section, `${markers('column', left, 'Left')}\n\n${markers('column', right, 'Right\n\nMore')}`)}\n`);
    expect(expectFixedPoint(storage)).toBe(storage);
  });

  it('keeps the markers inside lists, panels and expands', () => {
    const excerpt = macro('excerpt');
    const inItem = `<ul><li><p>item</p>${excerpt.around('<p>in item</p>')}</li><li><p>next</p></li></ul>`;
    expect(md(inItem)).toBe(`- item\n  ${markers('excerpt', excerpt, 'in item').split('\n').join('\n  ').replace(/\n {2}\n/g, '\n\n')}\n- next\n`);
    expectFixedPoint(inItem);
    const inInfo = `<ac:structured-macro ac:name="info"><ac:rich-text-body>${excerpt.around('<p>in info</p>')}</ac:rich-text-body></ac:structured-macro>`;
    expect(md(inInfo)).toBe(`> [!NOTE]\n>\n${markers('excerpt', excerpt, 'in info').split('\n').map((line) => (line ? `> ${line}` : '>')).join('\n')}\n`);
    expect(expectFixedPoint(inInfo)).toBe(inInfo);
    const inExpand = `<ac:structured-macro ac:name="expand"><ac:rich-text-body>${excerpt.around('<p>in expand</p>')}</ac:rich-text-body></ac:structured-macro>`;
    expect(expectFixedPoint(inExpand)).toBe(inExpand);
  });

  it('puts the body of a macro in an HTML table cell between markers too', () => {
    const expand = macro('ui-expand');
    const storage = `<table><tbody><tr><td colspan="2">${expand.around('<p>cell <strong>body</strong></p>')}</td></tr></tbody></table>`;
    const markdown = md(storage);
    expect(markdown).toContain(`<td colspan="2">${encodeBegin('ui-expand')}<p>cell <strong>body</strong></p>${encodeEnd('ui-expand', expand.before, expand.after)}</td>`);
    // The writer keeps the reader's line breaks between rows.
    expect(expectFixedPoint(storage).replace(/\n/g, '')).toBe(storage);
  });

  it('keeps known macros it cannot express as markers around their body rather than hiding it', () => {
    // A parameter holding markup has no Markdown form: the panel becomes markers, its body stays readable.
    const panel = macro('panel', { title: 'With <em>markup</em>' });
    const storage = panel.around('<p>Visible</p>');
    expect(md(storage)).toBe(`${markers('panel', panel, 'Visible')}\n`);
    expect(expectFixedPoint(storage)).toBe(storage);
  });

  it('writes the end marker with the source after the body when it is not the usual one', () => {
    const before = '<ac:structured-macro ac:name="custom"><ac:rich-text-body>';
    const after = '</ac:rich-text-body><ac:parameter ac:name="late">x</ac:parameter></ac:structured-macro>';
    const storage = `${before}<p>Body</p>${after}`;
    const markdown = md(storage);
    const end = markdown.trim().split('\n').pop() as string;
    expect(decodeMarker(end)).toEqual({ kind: 'end', name: 'custom', before, after });
    expect(markdownToStorage(markdown).storage).toBe(storage);
  });

  it('keeps parameters that hold links in the wrapper, without warnings about them', () => {
    const before =
      '<ac:structured-macro ac:name="panelbox"><ac:parameter ac:name="page"><ac:link><ri:page ri:content-title="Elsewhere"/></ac:link></ac:parameter>' +
      '<ac:parameter ac:name="owner"><ri:user ri:userkey="k1"/></ac:parameter><ac:rich-text-body>';
    const storage = `${before}<p>Body</p>${DEFAULT_AFTER}`;
    const { markdown, warnings } = storageToMarkdown(storage, { resolvePageUrl: () => undefined, resolveUser: () => undefined });
    expect(markdown).toBe(`${markers('panelbox', { before, after: DEFAULT_AFTER }, 'Body')}\n`);
    expect(warnings).toEqual([{ kind: 'placeholder', message: 'panelbox kept as markers around its body', count: 1 }]);
    expect(markdownToStorage(markdown).storage).toBe(storage);
  });

  it('splits a paragraph that holds the macro around it', () => {
    const excerpt = macro('excerpt');
    const storage = `<p>Before ${excerpt.around('<p>inner</p>')} after</p>`;
    expect(md(storage)).toBe(`Before\n\n${markers('excerpt', excerpt, 'inner')}\n\nafter\n`);
    expectFixedPoint(storage);
  });

  it.each([
    ['an empty body', '<ac:structured-macro ac:name="excerpt"><ac:rich-text-body><p> </p></ac:rich-text-body></ac:structured-macro>'],
    ['a self-closing body', '<ac:structured-macro ac:name="excerpt"><ac:rich-text-body/></ac:structured-macro>'],
    ['two bodies', '<ac:structured-macro ac:name="x"><ac:rich-text-body><p>a</p></ac:rich-text-body><ac:rich-text-body><p>b</p></ac:rich-text-body></ac:structured-macro>'],
    ['a plain-text body beside it', '<ac:structured-macro ac:name="x"><ac:plain-text-body><![CDATA[p]]></ac:plain-text-body><ac:rich-text-body><p>a</p></ac:rich-text-body></ac:structured-macro>'],
    ['text beside the body', '<ac:structured-macro ac:name="x">stray<ac:rich-text-body><p>a</p></ac:rich-text-body></ac:structured-macro>'],
    ['no body', '<ac:structured-macro ac:name="toc"><ac:parameter ac:name="maxLevel">2</ac:parameter></ac:structured-macro>'],
  ])('keeps a macro with %s as one placeholder', (_name, storage) => {
    const name = /ac:name="([^"]+)"/.exec(storage)?.[1] as string;
    expect(md(storage)).toBe(`${encodePlaceholder(name, storage)}\n`);
  });

  it('keeps a macro whose body is not closed as one placeholder, nothing lost', () => {
    const storage = '<ac:structured-macro ac:name="excerpt"><ac:rich-text-body><p>cut</p></ac:structured-macro><p>after</p>';
    const { markdown, warnings } = storageToMarkdown(storage);
    expect(markdown).toBe(`${encodePlaceholder('excerpt', '<ac:structured-macro ac:name="excerpt"><ac:rich-text-body><p>cut</p></ac:structured-macro>')}\n\nafter\n`);
    expect(warnings.map((w) => w.kind)).toEqual(['invalid-markup', 'placeholder']);
  });

  it('counts the macros kept as markers among the placeholders', () => {
    const storage = macro('excerpt').around('<p>a</p>') + macro('excerpt').around('<p>b</p>');
    expect(storageToMarkdown(storage).warnings).toEqual([{ kind: 'placeholder', message: 'excerpt kept as markers around its body', count: 2 }]);
  });
});
