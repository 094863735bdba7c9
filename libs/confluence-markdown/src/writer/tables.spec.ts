import { encodePlaceholder } from '../placeholder';
import { markdownToStorage } from './index';
import { toStorage } from './spec-helpers';

describe('GFM tables', () => {
  it('writes <table><tbody> with the header row as <th>', () => {
    expect(toStorage('| A | B |\n| --- | --- |\n| 1 | **2** |\n| 3 | 4 |')).toBe(
      '<table><tbody><tr><th>A</th><th>B</th></tr><tr><td>1</td><td><strong>2</strong></td></tr>' +
        '<tr><td>3</td><td>4</td></tr></tbody></table>',
    );
  });

  it('keeps column alignment as the style Confluence writes', () => {
    expect(toStorage('| L | C | R |\n| :-- | :-: | --: |\n| 1 | 2 | 3 |')).toBe(
      '<table><tbody><tr><th style="text-align: left;">L</th><th style="text-align: center;">C</th>' +
        '<th style="text-align: right;">R</th></tr><tr><td style="text-align: left;">1</td>' +
        '<td style="text-align: center;">2</td><td style="text-align: right;">3</td></tr></tbody></table>',
    );
  });

  it('writes a header-only table, escaped pipes and <br> in cells', () => {
    expect(toStorage('| a \\| b | c<br>d |\n| - | - |')).toBe(
      '<table><tbody><tr><th>a | b</th><th>c<br/>d</th></tr></tbody></table>',
    );
  });
});

describe('HTML tables (written by the reader for spans and block content)', () => {
  it('parses a well-formed table back into storage', () => {
    const html =
      '<table><tbody><tr><th colspan="2"><p>Merged</p></th></tr>' +
      '<tr><td><p>a</p></td><td rowspan="1"><ul><li>b</li></ul></td></tr></tbody></table>';
    expect(toStorage(html)).toBe(html);
  });

  it('applies the link and image conventions to <a> and <img>', () => {
    expect(
      toStorage(
        '<table><tr><td><a href="confluence-page:OPS/Run%20book">run <b>book</b></a> ' +
          '<a href="confluence-user:abc">@Ann</a> <a href="https://e.com/?a=1&amp;b=2">e</a></td>' +
          '<td><img src="confluence-attachment:d.png" alt="D"/><img src="https://e.com/x.png"></td></tr></table>',
      ),
    ).toBe(
      '<table><tr><td><ac:link><ri:page ri:space-key="OPS" ri:content-title="Run book"/>' +
        '<ac:link-body>run <b>book</b></ac:link-body></ac:link> <ac:link><ri:user ri:account-id="abc"/></ac:link> ' +
        '<a href="https://e.com/?a=1&amp;b=2">e</a></td><td><ac:image ac:alt="D"><ri:attachment ri:filename="d.png"/>' +
        '</ac:image><ac:image><ri:url ri:value="https://e.com/x.png"/></ac:image></td></tr></table>',
    );
  });

  it('writes a text-only <a> to a page as a plain-text link body', () => {
    expect(toStorage('<table><tr><td><a href="confluence-page:P">x &amp; y</a></td></tr></table>')).toBe(
      '<table><tr><td><ac:link><ri:page ri:content-title="P"/>' +
        '<ac:plain-text-link-body><![CDATA[x & y]]></ac:plain-text-link-body></ac:link></td></tr></table>',
    );
  });

  it('restores placeholders and reads directives in cell text (&#58; keeps one literal)', () => {
    const toc = encodePlaceholder('toc', '<ac:structured-macro ac:name="toc"/>');
    expect(toStorage(`<table><tr><td>${toc}</td><td>:status[OK]{colour="Green"} &#58;status[no]</td></tr></table>`)).toBe(
      '<table><tr><td><ac:structured-macro ac:name="toc"/></td><td><ac:structured-macro ac:name="status">' +
        '<ac:parameter ac:name="title">OK</ac:parameter><ac:parameter ac:name="colour">Green</ac:parameter>' +
        '</ac:structured-macro> :status[no]</td></tr></table>',
    );
  });

  it('decodes HTML references into characters and keeps ac:/ri: elements', () => {
    expect(toStorage('<table><tr><td>&nbsp;&copy;<ac:emoticon ac:name="smile"/></td></tr></table>')).toBe(
      '<table><tr><td>\u00a0©<ac:emoticon ac:name="smile"/></td></tr></table>',
    );
  });

  it('escapes unknown tags, and drops event handlers and unsafe URLs with a warning', () => {
    const result = markdownToStorage(
      '<table><tr><td onclick="x()"><script>alert(1)</script><a href="javascript:x()">j</a></td></tr></table>',
    );
    expect(result.storage).toBe('<table><tr><td>&lt;script&gt;alert(1)&lt;/script&gt;j</td></tr></table>');
    expect(result.warnings).toEqual([
      { kind: 'formatting-dropped', message: 'HTML attribute onclick of <td> dropped', count: 1 },
      { kind: 'raw-html-escaped', message: 'raw HTML (<script>) was escaped as text', count: 2 },
      { kind: 'formatting-dropped', message: 'HTML links without a usable href (none, an unsafe URL, or inside another link) dropped, their text kept', count: 1 },
    ]);
  });

  it('escapes a table that is not well-formed, whole', () => {
    const result = markdownToStorage('<table><tr><td>a<td>b</table>');
    expect(result.storage).toBe('<p>&lt;table&gt;&lt;tr&gt;&lt;td&gt;a&lt;td&gt;b&lt;/table&gt;</p>');
    expect(result.warnings).toEqual([
      { kind: 'raw-html-escaped', message: 'an HTML table that is not well-formed XHTML was escaped as text', count: 1 },
    ]);
  });

  it('accepts a multi-line table without blank lines', () => {
    expect(toStorage('<table>\n<tr>\n<td>a</td>\n</tr>\n</table>')).toBe('<table>\n<tr>\n<td>a</td>\n</tr>\n</table>');
  });
});
