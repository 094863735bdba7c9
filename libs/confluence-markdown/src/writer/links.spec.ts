import type { MarkdownToStorageOptions } from '../types';
import { markdownToStorage } from './index';
import { toStorage } from './spec-helpers';

const plain = (text: string) => `<ac:plain-text-link-body><![CDATA[${text}]]></ac:plain-text-link-body>`;
const para = (inner: string) => `<p>${inner}</p>`;

describe('Confluence links', () => {
  it('[@Name](confluence-user:ID) -> user mention without the name', () => {
    expect(toStorage('Ask [@Ann Lee](confluence-user:557058%3Aabc).')).toBe(
      para('Ask <ac:link><ri:user ri:account-id="557058:abc"/></ac:link>.'),
    );
  });

  it('confluence-page:K/T -> page link with space key, percent-decoded', () => {
    expect(toStorage('[the plan](confluence-page:OPS/Release%20plan%2F2024)')).toBe(
      para(`<ac:link><ri:page ri:space-key="OPS" ri:content-title="Release plan/2024"/>${plain('the plan')}</ac:link>`),
    );
  });

  it('confluence-page:T -> page link in the current space; an anchor becomes ac:anchor', () => {
    expect(toStorage('[x](confluence-page:Home#Intro%20part)')).toBe(
      para(`<ac:link ac:anchor="Intro part"><ri:page ri:content-title="Home"/>${plain('x')}</ac:link>`),
    );
  });

  it('accepts unencoded titles in <...> destinations', () => {
    expect(toStorage('[t](<confluence-page:A title with spaces>)')).toBe(
      para(`<ac:link><ri:page ri:content-title="A title with spaces"/>${plain('t')}</ac:link>`),
    );
  });

  it('omits the space key of the current space', () => {
    expect(toStorage('[t](confluence-page:DOC/Page)', { spaceKey: 'DOC' })).toBe(
      para(`<ac:link><ri:page ri:content-title="Page"/>${plain('t')}</ac:link>`),
    );
  });

  it('confluence-attachment: and confluence-space: -> ac:link with ri:attachment / ri:space', () => {
    expect(toStorage('[notes](confluence-attachment:release%20notes.pdf) [space](confluence-space:~alice)')).toBe(
      para(
        `<ac:link><ri:attachment ri:filename="release notes.pdf"/>${plain('notes')}</ac:link> ` +
          `<ac:link><ri:space ri:space-key="~alice"/>${plain('space')}</ac:link>`,
      ),
    );
  });

  it('keeps ]]> in a plain-text body well-formed and escapes resource attributes', () => {
    expect(toStorage('[a\\]\\]>b](confluence-page:%22Q%22%20%26%20%3CA%3E)')).toBe(
      para(
        '<ac:link><ri:page ri:content-title="&quot;Q&quot; &amp; &lt;A&gt;"/>' +
          '<ac:plain-text-link-body><![CDATA[a]]]]><![CDATA[>b]]></ac:plain-text-link-body></ac:link>',
      ),
    );
  });

  it('writes formatted link text as ac:link-body', () => {
    expect(toStorage('[**bold** and `code`](confluence-page:T)')).toBe(
      para('<ac:link><ri:page ri:content-title="T"/><ac:link-body><strong>bold</strong> and <code>code</code></ac:link-body></ac:link>'),
    );
  });

  it('writes no body for empty link text', () => {
    expect(toStorage('[](confluence-page:T)')).toBe(para('<ac:link><ri:page ri:content-title="T"/></ac:link>'));
  });

  it('keeps only the text of a link without a target, with a warning', () => {
    const result = markdownToStorage('[gone](confluence-page:KEY/) [none](confluence-attachment:)');
    expect(result.storage).toBe(para('gone none'));
    expect(result.warnings).toEqual([
      { kind: 'unresolved-link', message: 'a confluence-page: link without a target was kept as text', count: 1 },
      { kind: 'unresolved-link', message: 'a confluence-attachment: link without a target was kept as text', count: 1 },
    ]);
  });

  it('turns links that resolvePageLink recognises into page links', () => {
    const options: MarkdownToStorageOptions = {
      spaceKey: 'DOC',
      resolvePageLink: (url) => {
        const match = /^https:\/\/wiki\.example\.com\/spaces\/(\w+)\/pages\/\d+\/(.+)$/.exec(url);
        return match ? { spaceKey: match[1], title: decodeURIComponent(match[2]).replace(/\+/g, ' ') } : undefined;
      },
    };
    expect(
      toStorage('[a](https://wiki.example.com/spaces/OPS/pages/1/Run+book) [b](https://wiki.example.com/spaces/DOC/pages/2/Home) [c](https://other.example.com/)', options),
    ).toBe(
      para(
        `<ac:link><ri:page ri:space-key="OPS" ri:content-title="Run book"/>${plain('a')}</ac:link> ` +
          `<ac:link><ri:page ri:content-title="Home"/>${plain('b')}</ac:link> <a href="https://other.example.com/">c</a>`,
      ),
    );
  });

  it('turns the jira link form back into the jira macro', () => {
    expect(toStorage('[PROJ-123](https://jira.example.com/browse/PROJ-123 "jira")')).toBe(
      para('<ac:structured-macro ac:name="jira"><ac:parameter ac:name="key">PROJ-123</ac:parameter></ac:structured-macro>'),
    );
    expect(toStorage('[x](https://jira.example.com/browse/PROJ-123 "other")')).toBe(
      para('<a href="https://jira.example.com/browse/PROJ-123" title="other">x</a>'),
    );
  });

  it('does not link unsafe schemes', () => {
    expect(toStorage('[x](javascript:alert(1))')).toBe(para('[x](javascript:alert(1))'));
  });
});

describe('images', () => {
  it('confluence-attachment: -> ac:image with ri:attachment, alt and title', () => {
    expect(toStorage('![Pipeline diagram](confluence-attachment:pipeline%20diagram.png "The pipeline")')).toBe(
      para('<ac:image ac:alt="Pipeline diagram" ac:title="The pipeline"><ri:attachment ri:filename="pipeline diagram.png"/></ac:image>'),
    );
  });

  it('other sources -> ac:image with ri:url; no ac:alt when the alt is empty', () => {
    expect(toStorage('![](https://e.com/a.png?x=1&y=2)')).toBe(
      para('<ac:image><ri:url ri:value="https://e.com/a.png?x=1&amp;y=2"/></ac:image>'),
    );
  });

  it('uses the plain text of the description as alt', () => {
    expect(toStorage('![a *b* `c` "d"](x.png)')).toBe(
      para('<ac:image ac:alt="a b c &quot;d&quot;"><ri:url ri:value="x.png"/></ac:image>'),
    );
  });

  it('writes an image inside a page link as rich link body', () => {
    expect(toStorage('[![logo](confluence-attachment:logo.png)](confluence-page:Home)')).toBe(
      para(
        '<ac:link><ri:page ri:content-title="Home"/><ac:link-body><ac:image ac:alt="logo">' +
          '<ri:attachment ri:filename="logo.png"/></ac:image></ac:link-body></ac:link>',
      ),
    );
  });
});
