/** The pre-processing pass: the HTML it writes for turndown's parser and the sources it records. */
import { preprocess } from './preprocess';
import { WarningCollector } from './warnings';

const run = (storage: string) => {
  const warnings = new WarningCollector();
  const result = preprocess(storage, warnings);
  return { ...result, warnings: warnings.list() };
};
const html = (storage: string) => run(storage).html;

describe('preprocess', () => {
  it('turns CDATA into escaped text and self-closing elements into explicit pairs', () => {
    expect(html('<ac:link><ri:page ri:content-title="T" /><ac:plain-text-link-body><![CDATA[a < b & c]]></ac:plain-text-link-body></ac:link>')).toBe(
      '<p data-cf-implied=""><ac:link data-cf-index="0">\ufffe<ri:page ri:content-title="T"></ri:page><ac:plain-text-link-body>a &lt; b &amp; c</ac:plain-text-link-body></ac:link></p>',
    );
  });

  it('writes code bodies in a <pre> whose first newline the HTML parser drops', () => {
    expect(html('<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[\nx]]></ac:plain-text-body></ac:structured-macro>')).toBe(
      '<div data-cf-index="0" data-cf="ac:structured-macro" ac:name="code"><div data-cf="ac:plain-text-body"><pre>\n\nx</pre></div></div>',
    );
  });

  it('replaces unknown macros and elements by empty placeholders and records their exact source', () => {
    const toc = '<ac:structured-macro ac:name="toc"><ac:parameter ac:name="x">&nbsp;<b>1</b></ac:parameter></ac:structured-macro>';
    const { html: out, sources } = run(`<p>a</p>${toc}<script>if (a<b) x()</script>`);
    expect(out).toBe('<p>a</p><p data-cf-implied=""><cf-placeholder data-cf-index="0">\ufffe</cf-placeholder><cf-placeholder data-cf-index="1">\ufffe</cf-placeholder></p>');
    expect([sources.name(0), sources.source(0)]).toEqual(['toc', toc]);
    expect([sources.name(1), sources.source(1)]).toEqual(['script', '<script>if (a<b) x()</script>']);
  });

  it('wraps inline runs beside blocks in implied paragraphs', () => {
    expect(html('<li>text<ul><li>x</li></ul>more</li>')).toBe(
      '<div><p data-cf-implied="">text</p><ul><li><p data-cf-implied="">x</p></li></ul><p data-cf-implied="">more</p></div>',
    );
  });

  it('turns a paragraph holding a block into a <div>, its inline run into a paragraph', () => {
    expect(html('<p>intro<ac:task-list></ac:task-list>outro</p>')).toBe(
      '<div data-cf-p=""><p data-cf-implied="">intro</p><div data-cf-index="0" data-cf="ac:task-list"></div><p data-cf-implied="">outro</p></div>',
    );
  });

  it('drops instructional placeholders, column widths and whitespace between list items', () => {
    const { html: out, warnings } = run('<table><colgroup><col/></colgroup><tr>\n  <td><ac:placeholder>Type here</ac:placeholder></td>\n</tr></table>');
    expect(out).toBe('<table><tr><td></td></tr></table>');
    expect(warnings).toEqual([{ kind: 'formatting-dropped', message: 'Table column widths dropped', count: 1 }]);
  });

  it('unwraps elements nested deeper than the limit, keeping their text', () => {
    const { html: out, warnings } = run(`${'<div>'.repeat(250)}x${'</div>'.repeat(250)}`);
    // At the limit even the implied paragraph is left out: the text sits in the innermost div.
    expect(out).toBe(`${'<div>'.repeat(200)}x${'</div>'.repeat(200)}`);
    expect(warnings).toEqual([{ kind: 'depth-limited', message: 'Elements nested deeper than 200 levels unwrapped', count: 50 }]);
  });

  it('writes at most 100 attributes per element, only those the rules read past that', () => {
    const names = (count: number) => Array.from({ length: count }, (_, i) => `a${i}="v"`).join(' ');
    expect(run(`<p ${names(100)}>x</p>`)).toMatchObject({ html: `<p ${names(100)}>x</p>`, warnings: [] });
    const { html: out, warnings } = run(`<div ${names(101)} colspan="2" ac:x="1" ri:y="2">x</div>`);
    expect(out).toBe('<div colspan="2" ac:x="1" ri:y="2"><p data-cf-implied="">x</p></div>');
    expect(warnings).toEqual([{ kind: 'formatting-dropped', message: 'Unused attributes of elements with more than 100 attributes dropped', count: 1 }]);
  });

  it('ends an element implicitly closed by its parent where the parent ends', () => {
    const { sources, warnings } = run('<p><ac:structured-macro ac:name="anchor">a</p><p>b</p>');
    expect(sources.source(0)).toBe('<ac:structured-macro ac:name="anchor">a');
    expect(warnings).toEqual([{ kind: 'invalid-markup', message: 'Unclosed elements closed', count: 1 }]);
  });
});
