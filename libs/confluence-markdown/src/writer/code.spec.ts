import { parseInfoString } from './code';
import { markdownToStorage } from './index';
import { toStorage } from './spec-helpers';

const CODE = '<ac:structured-macro ac:name="code">';
const END = '</ac:structured-macro>';
const param = (name: string, value: string) => `<ac:parameter ac:name="${name}">${value}</ac:parameter>`;
const body = (text: string) => `<ac:plain-text-body><![CDATA[${text}]]></ac:plain-text-body>`;

describe('code fences -> code macro', () => {
  it('writes the language and a CDATA body without the final newline', () => {
    expect(toStorage('```python\nprint("hi")\n\nx = 1\n```')).toBe(
      `${CODE}${param('language', 'python')}${body('print("hi")\n\nx = 1')}${END}`,
    );
  });

  it('writes title and other key="value" parameters in source order', () => {
    expect(toStorage('```python title="Example" linenumbers="true"\nx\n```')).toBe(
      `${CODE}${param('language', 'python')}${param('title', 'Example')}${param('linenumbers', 'true')}${body('x')}${END}`,
    );
  });

  it('writes no language for a bare fence, an indented block or `none`', () => {
    expect(toStorage('```\nx\n```')).toBe(`${CODE}${body('x')}${END}`);
    expect(toStorage('    indented\n    code\n')).toBe(`${CODE}${body('indented\ncode')}${END}`);
    expect(toStorage('```none title="X"\nx\n```')).toBe(`${CODE}${param('title', 'X')}${body('x')}${END}`);
  });

  it('writes the noformat macro for ```noformat, with its parameters', () => {
    expect(toStorage('```noformat nopanel="true"\nraw <text>\n```')).toBe(
      `<ac:structured-macro ac:name="noformat">${param('nopanel', 'true')}${body('raw <text>')}${END}`,
    );
  });

  it('splits ]]> inside the code across two CDATA sections', () => {
    expect(toStorage('```xml\n<![CDATA[x]]>\n]]>]]>\n```')).toBe(
      `${CODE}${param('language', 'xml')}` +
        '<ac:plain-text-body><![CDATA[<![CDATA[x]]]]><![CDATA[>\n]]]]><![CDATA[>]]]]><![CDATA[>]]></ac:plain-text-body>' +
        END,
    );
  });

  it('escapes parameter values and keeps an empty body', () => {
    expect(toStorage('~~~js title="a < b & `c`"\n~~~')).toBe(
      `${CODE}${param('language', 'js')}${param('title', 'a &lt; b &amp; `c`')}${body('')}${END}`,
    );
  });

  it('warns about info words that are not key="value"', () => {
    const result = markdownToStorage('```sh collapse title A\nx\n```');
    expect(result.storage).toBe(`${CODE}${param('language', 'sh')}${body('x')}${END}`);
    expect(result.warnings).toEqual([
      {
        kind: 'formatting-dropped',
        message: 'words in a code fence info string that are not key="value" were ignored',
        count: 3,
      },
    ]);
  });

  it('keeps code inside containers', () => {
    expect(toStorage('> ```js\n> a\n> ```')).toBe(
      `<blockquote>${CODE}${param('language', 'js')}${body('a')}${END}</blockquote>`,
    );
  });
});

describe('parseInfoString', () => {
  it('reads \\" and \\\\ escapes and keeps other backslashes', () => {
    expect(parseInfoString('py title="say \\"hi\\" in C:\\dir\\\\"')).toEqual({
      language: 'py',
      noformat: false,
      params: [['title', 'say "hi" in C:\\dir\\']],
      ignored: [],
    });
  });

  it('reads single-quoted and bare values', () => {
    expect(parseInfoString("js title='x y' theme=Midnight").params).toEqual([
      ['title', 'x y'],
      ['theme', 'Midnight'],
    ]);
  });

  it('decodes escapes in the language word, as CommonMark does', () => {
    expect(parseInfoString('c\\+\\+').language).toBe('c++');
  });

  it('treats a first word that is a parameter as "no language"', () => {
    expect(parseInfoString('title="T"')).toEqual({ language: '', noformat: false, params: [['title', 'T']], ignored: [] });
  });

  it('lets an unterminated value run to the end', () => {
    expect(parseInfoString('js title="open').params).toEqual([['title', 'open']]);
  });
});
