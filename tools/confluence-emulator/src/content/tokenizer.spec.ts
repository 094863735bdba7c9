import { CDATA, CLOSE, OPEN, OTHER, TEXT, Tokenizer, parseAttrs } from './tokenizer';

const tokens = (src: string): string[] => {
  const tk = new Tokenizer(src);
  const out: string[] = [];
  const names = ['TEXT', 'CDATA', 'OPEN', 'CLOSE', 'OTHER'];
  while (tk.next()) {
    const t = tk.token;
    const detail = t.type === OPEN ? `${t.name}[${t.attrs}]${t.selfClosing ? '/' : ''}` : t.type === CLOSE ? t.name : t.type === OTHER ? '' : t.text;
    out.push(`${names[t.type]}:${detail}`);
  }
  return out;
};

describe('Tokenizer', () => {
  it('splits tags, text, CDATA and comments', () => {
    expect(tokens('<p class="a">x</p><br/><![CDATA[<b>]]><!-- c -->')).toEqual(['OPEN:p[class="a"]', 'TEXT:x', 'CLOSE:p', 'OPEN:br[]/', 'CDATA:<b>', 'OTHER:']);
    expect([TEXT, CDATA, OPEN, CLOSE, OTHER]).toEqual([0, 1, 2, 3, 4]);
  });

  it('skips ">" inside quoted attribute values', () => {
    expect(tokens('<ac:parameter ac:name="a>b" x=\'>\' />')).toEqual(['OPEN:ac:parameter[ac:name="a>b" x=\'>\']/']);
  });

  it('treats stray or cut-off markup as text', () => {
    expect(tokens('a < b << c')).toEqual(['TEXT:a < b << c']);
    expect(tokens('x<p class="y')).toEqual(['TEXT:x', 'TEXT:<p class="y']);
    expect(tokens('<a <b>')).toEqual(['TEXT:<a ', 'OPEN:b[]']);
    expect(tokens('<![CDATA[open')).toEqual(['CDATA:open']);
  });

  it('parses attributes', () => {
    expect(parseAttrs(' ri:content-title="A &amp; B" ac:x=\'1\' bare=v flag')).toEqual({ 'ri:content-title': 'A &amp; B', 'ac:x': '1', bare: 'v', flag: '' });
  });
});
