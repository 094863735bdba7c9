import { wellFormednessError, wrapStorage } from './well-formed';

describe('wellFormednessError', () => {
  it('accepts well-formed storage', () => {
    const body = '<p>a &amp; b &#160; &#x1F642;</p><ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[a < b && c]]></ac:plain-text-body></ac:structured-macro><ri:page ri:content-title=\'x "y"\' /><!-- c -->';
    expect(wellFormednessError(wrapStorage(body))).toBeNull();
  });

  it.each([
    ['an unclosed element', '<p>a'],
    ['mismatched tags', '<p><strong>a</p></strong>'],
    ['a bare ampersand', '<p>a & b</p>'],
    ['an HTML-only entity', '<p>a&nbsp;b</p>'],
    ['an unquoted attribute', '<td colspan=2>x</td>'],
    ['a duplicate attribute', '<p a="1" a="2">x</p>'],
    ['an undeclared prefix', '<xx:thing />'],
    ['"<" in an attribute', '<p title="a<b">x</p>'],
    ['an unclosed CDATA section', '<p><![CDATA[x</p>'],
    ['a stray end tag', '</p>'],
    ['"]]>" in text', '<p>a ]]> b</p>'],
  ])('rejects %s', (_, body) => {
    expect(wellFormednessError(wrapStorage(body))).not.toBeNull();
  });

  it('rejects documents without exactly one root', () => {
    expect(wellFormednessError('<a/><b/>')).not.toBeNull();
    expect(wellFormednessError('text')).not.toBeNull();
  });
});
