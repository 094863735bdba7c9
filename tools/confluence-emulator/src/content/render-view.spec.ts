import { currentVersion } from '../model';
import { generateWorld } from './generate';
import { renderStorageToView } from './render-view';
import { wellFormednessError, wrapStorage } from './testing/well-formed';

const ids: Record<string, string> = { 'ENG/On-call rota': '101', 'OPS/Runbook': '202', 'ENG/Design doc': '303' };
const ctx = {
  spaceKey: 'ENG',
  pageId: '42',
  pageTitle: 'Release',
  pageTitleToId: (key: string | undefined, title: string) => ids[`${key ?? 'ENG'}/${title}`],
  userDisplayName: (id: string) => (id === 'abc' ? 'Alice Example' : undefined),
};
const view = (storage: string): string => renderStorageToView(storage, ctx);

describe('renderStorageToView: macros', () => {
  it('renders the code macro as a syntax-highlighter block with escaped code', () => {
    const storage = '<ac:structured-macro ac:name="code" ac:schema-version="1" ac:macro-id="m1"><ac:parameter ac:name="language">python</ac:parameter><ac:parameter ac:name="title">retry.py</ac:parameter><ac:plain-text-body><![CDATA[if a < b && c:\n    pass]]></ac:plain-text-body></ac:structured-macro>';
    expect(view(storage)).toBe(
      '<div class="code panel pdl conf-macro output-block" data-hasbody="true" data-macro-name="code" data-macro-id="m1">' +
        '<div class="codeHeader panelHeader pdl hide-border-bottom"><b class="code-title">retry.py</b></div>' +
        '<div class="codeContent panelContent pdl"><pre class="syntaxhighlighter-pre" data-syntaxhighlighter-params="brush: python; gutter: false" data-theme="Confluence">if a &lt; b &amp;&amp; c:\n    pass</pre></div></div>',
    );
    expect(view('<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[x]]]]><![CDATA[>y]]></ac:plain-text-body></ac:structured-macro>')).toContain('brush: java; gutter: false" data-theme="Confluence">x]]&gt;y</pre>');
  });

  it('renders noformat as preformatted text', () => {
    expect(view('<ac:structured-macro ac:name="noformat"><ac:plain-text-body><![CDATA[a <b>]]></ac:plain-text-body></ac:structured-macro>')).toBe(
      '<div class="preformatted panel conf-macro output-block" data-hasbody="true" data-macro-name="noformat"><div class="preformattedContent panelContent"><pre>a &lt;b&gt;</pre></div></div>',
    );
  });

  it.each([
    ['info', 'information', 'info'],
    ['note', 'note', 'warning'],
    ['warning', 'warning', 'error'],
    ['tip', 'tip', 'approve'],
  ])('renders the %s macro with its rich body', (name, cls, icon) => {
    const html = view(`<ac:structured-macro ac:name="${name}"><ac:parameter ac:name="title">Heads up</ac:parameter><ac:rich-text-body><p>Body <strong>text</strong></p></ac:rich-text-body></ac:structured-macro>`);
    expect(html).toBe(
      `<div class="confluence-information-macro confluence-information-macro-${cls} conf-macro output-block" data-hasbody="true" data-macro-name="${name}">` +
        `<p class="title">Heads up</p><span class="aui-icon aui-icon-small aui-iconfont-${icon} confluence-information-macro-icon"> </span>` +
        '<div class="confluence-information-macro-body"><p>Body <strong>text</strong></p></div></div>',
    );
  });

  it('renders status lozenges by colour', () => {
    const status = (colour: string): string =>
      view(`<ac:structured-macro ac:name="status"><ac:parameter ac:name="colour">${colour}</ac:parameter><ac:parameter ac:name="title">Done</ac:parameter></ac:structured-macro>`);
    expect(status('Green')).toBe('<span class="status-macro aui-lozenge aui-lozenge-success conf-macro output-inline" data-hasbody="false" data-macro-name="status">Done</span>');
    expect(status('Red')).toContain('class="status-macro aui-lozenge aui-lozenge-error ');
    expect(status('Grey')).toContain('class="status-macro aui-lozenge conf-macro');
  });

  it('renders panel and expand with their titles', () => {
    expect(view('<ac:structured-macro ac:name="panel"><ac:parameter ac:name="title">Summary</ac:parameter><ac:rich-text-body><p>x</p></ac:rich-text-body></ac:structured-macro>')).toBe(
      '<div class="panel conf-macro output-block" data-hasbody="true" data-macro-name="panel" style="border-width: 1px;"><div class="panelHeader" style="border-bottom-width: 1px;"><b>Summary</b></div><div class="panelContent"><p>x</p></div></div>',
    );
    const expand = view('<ac:structured-macro ac:name="expand" ac:macro-id="e1"><ac:parameter ac:name="title">Details &amp; caveats</ac:parameter><ac:rich-text-body><p>hidden</p></ac:rich-text-body></ac:structured-macro>');
    expect(expand).toContain('<span class="expand-control-text">Details &amp; caveats</span>');
    expect(expand).toContain('<div id="expander-content-e1" class="expand-content expand-hidden"><p>hidden</p></div></div>');
  });

  it('renders jira issues, includes, view-file and unknown macros without leaking parameters', () => {
    expect(view('<ac:structured-macro ac:name="jira"><ac:parameter ac:name="key">ENG-7</ac:parameter></ac:structured-macro>')).toContain('<a href="https://jira.example.com/browse/ENG-7" class="jira-issue-key">ENG-7</a>');
    expect(view('<ac:structured-macro ac:name="jira"><ac:parameter ac:name="jqlQuery">project = ENG</ac:parameter></ac:structured-macro>')).toContain('data-jql="project = ENG"');
    expect(view('<ac:structured-macro ac:name="include"><ac:parameter ac:name=""><ac:link><ri:page ri:space-key="OPS" ri:content-title="Runbook" /></ac:link></ac:parameter></ac:structured-macro>')).toContain(
      '<a href="/wiki/spaces/OPS/pages/202/Runbook" data-linked-resource-id="202" data-linked-resource-type="page">Runbook</a>',
    );
    expect(view('<ac:structured-macro ac:name="view-file"><ac:parameter ac:name="name"><ri:attachment ri:filename="a b.pdf" /></ac:parameter></ac:structured-macro>')).toContain(
      '<a class="confluence-embedded-file" href="/wiki/download/attachments/42/a%20b.pdf?api=v2" data-linked-resource-type="attachment">a b.pdf</a>',
    );
    const unknown = view('<ac:structured-macro ac:name="recently-updated"><ac:parameter ac:name="max">5</ac:parameter><ac:rich-text-body><p>kept</p></ac:rich-text-body></ac:structured-macro>');
    expect(unknown).toBe('<div class="conf-macro output-block" data-hasbody="false" data-macro-name="recently-updated"><p>kept</p></div>');
  });

  it('fills the table of contents with the headings, ids prefixed by the page title', () => {
    const html = view('<ac:structured-macro ac:name="toc"><ac:parameter ac:name="maxLevel">2</ac:parameter></ac:structured-macro><h1>Intro text</h1><h2>Step one</h2><h3>Deep</h3>');
    expect(html).toBe(
      '<div class="toc-macro client-side-toc-macro conf-macro output-block" data-hasbody="false" data-macro-name="toc"><ul><li><a href="#Release-Introtext">Intro text</a></li><li><ul><li><a href="#Release-Stepone">Step one</a></li></ul></li></ul></div>' +
        '<h1 id="Release-Introtext">Intro text</h1><h2 id="Release-Stepone">Step one</h2><h3 id="Release-Deep">Deep</h3>',
    );
  });
});

describe('renderStorageToView: links, images and inline markup', () => {
  it('links pages by id, in the same space or another, and marks missing pages', () => {
    expect(view('<ac:link><ri:page ri:content-title="On-call rota" /><ac:plain-text-link-body><![CDATA[the <rota>]]></ac:plain-text-link-body></ac:link>')).toBe(
      '<a href="/wiki/spaces/ENG/pages/101/On-call+rota" data-linked-resource-id="101" data-linked-resource-type="page">the &lt;rota&gt;</a>',
    );
    expect(view('<ac:link ac:anchor="Rollback"><ri:page ri:space-key="OPS" ri:content-title="Runbook" /></ac:link>')).toBe(
      '<a href="/wiki/spaces/OPS/pages/202/Runbook#Rollback" data-linked-resource-id="202" data-linked-resource-type="page">Runbook</a>',
    );
    expect(view('<ac:link><ri:page ri:content-title="Nowhere" /><ac:link-body>see <em>this</em></ac:link-body></ac:link>')).toBe(
      '<a href="/wiki/pages/createpage.action?spaceKey=ENG&amp;title=Nowhere" class="createlink">see <em>this</em></a>',
    );
    expect(renderStorageToView('<ac:link><ri:page ri:content-title="Design doc" /></ac:link>', { ...ctx, baseUrl: 'http://localhost:9000/wiki/' })).toContain('href="http://localhost:9000/wiki/spaces/ENG/pages/303/Design+doc"');
  });

  it('links users, spaces and attachments', () => {
    expect(view('<ac:link><ri:user ri:account-id="abc" /></ac:link>')).toBe(
      '<a class="confluence-userlink user-mention" data-account-id="abc" href="/wiki/people/abc" data-linked-resource-type="userinfo">Alice Example</a>',
    );
    expect(view('<ac:link><ri:space ri:space-key="OPS" /></ac:link>')).toBe('<a href="/wiki/spaces/OPS" data-linked-resource-type="space">OPS</a>');
    expect(view('<ac:link><ri:attachment ri:filename="notes.pdf" /></ac:link>')).toContain('href="/wiki/download/attachments/42/notes.pdf?api=v2"');
    expect(view('<ac:link><ri:attachment ri:filename="x.png"><ri:page ri:space-key="OPS" ri:content-title="Runbook" /></ri:attachment></ac:link>')).toContain('/download/attachments/202/x.png');
  });

  it('renders images from attachments and URLs', () => {
    expect(view('<ac:image ac:alt="Pipeline" ac:width="200"><ri:attachment ri:filename="p.png" /></ac:image>')).toBe(
      '<span class="confluence-embedded-file-wrapper"><img class="confluence-embedded-image" src="/wiki/download/attachments/42/p.png?api=v2" data-image-src="/wiki/download/attachments/42/p.png?api=v2" alt="Pipeline" width="200" data-linked-resource-type="attachment" data-linked-resource-default-alias="p.png" /></span>',
    );
    expect(view('<ac:image><ri:url ri:value="https://x.test/a.png?a=1&amp;b=2" /></ac:image>')).toBe(
      '<span class="confluence-embedded-file-wrapper"><img class="confluence-embedded-image confluence-external-resource" src="https://x.test/a.png?a=1&amp;b=2" /></span>',
    );
  });

  it('renders task lists, emoticons, dates, markers and layouts; drops placeholders', () => {
    expect(view('<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>Tag</ac:task-body></ac:task><ac:task><ac:task-id>2</ac:task-id><ac:task-uuid>u</ac:task-uuid><ac:task-status>incomplete</ac:task-status><ac:task-body>Announce</ac:task-body></ac:task></ac:task-list>')).toBe(
      '<ul class="inline-task-list" data-inline-tasks-content-id="42"><li data-inline-task-id="1" class="checked">Tag</li><li data-inline-task-id="2">Announce</li></ul>',
    );
    expect(view('<p>Hi <ac:emoticon ac:name="smile" ac:emoji-shortname=":slight_smile:" ac:emoji-id="1f642" ac:emoji-fallback="🙂" /> <ac:emoticon ac:name="tick" /></p>')).toBe('<p>Hi 🙂 ✅</p>');
    expect(view('<p>On <time datetime="2024-05-01" /></p>')).toBe('<p>On <time datetime="2024-05-01">01 May 2024</time></p>');
    expect(view('<p><ac:inline-comment-marker ac:ref="r1">text</ac:inline-comment-marker> <ac:placeholder>Type here</ac:placeholder></p>')).toBe('<p><span class="inline-comment-marker" data-ref="r1">text</span> </p>');
    expect(view('<ac:layout><ac:layout-section ac:type="two_equal"><ac:layout-cell><p>a</p></ac:layout-cell></ac:layout-section></ac:layout>')).toBe(
      '<div class="contentLayout2"><div class="columnLayout two-equal" data-layout="two-equal"><div class="cell normal" data-type="normal"><div class="innerCell"><p>a</p></div></div></div></div>',
    );
  });

  it('passes plain XHTML through unchanged', () => {
    const html = '<table><colgroup><col style="width: 90.0px;" /></colgroup><tbody><tr><th colspan="2"><p>H</p></th></tr></tbody></table><details><summary>More</summary><p>x &amp; y&nbsp;z</p></details><a href="https://x.test" data-card-appearance="inline">https://x.test</a>';
    expect(view(html)).toBe(html);
  });
});

describe('renderStorageToView: robustness', () => {
  it('tolerates broken markup: unclosed elements, stray end tags, stray "<"', () => {
    expect(view('<p>a < b</p></ac:link><ac:structured-macro ac:name="info"><ac:rich-text-body><p>x</p>')).toBe(
      '<p>a &lt; b</p><div class="confluence-information-macro confluence-information-macro-information conf-macro output-block" data-hasbody="true" data-macro-name="info"><span class="aui-icon aui-icon-small aui-iconfont-info confluence-information-macro-icon"> </span><div class="confluence-information-macro-body"><p>x</p></div></div>',
    );
  });

  it('handles deep nesting and multi-megabyte input', () => {
    const depth = 50_000;
    const deep = '<ac:structured-macro ac:name="expand"><ac:rich-text-body>'.repeat(depth) + 'core' + '</ac:rich-text-body></ac:structured-macro>'.repeat(depth);
    const html = view(deep);
    expect(html.split('class="expand-container').length - 1).toBe(depth);
    expect(html).toContain('core');
    const world = generateWorld({ spaces: 1, pagesPerSpace: 1500, seed: 2 });
    let big = '';
    for (const p of world.pages.values()) if (big.length < 5_000_000) big += currentVersion(p).body;
    expect(big.length).toBeGreaterThanOrEqual(5_000_000);
    const out = view(big);
    expect(out).not.toMatch(/<\/?(ac|ri):/);
  });

  it('renders every generated page into balanced HTML with no ac:/ri: markup left', () => {
    const world = generateWorld({ spaces: 2, pagesPerSpace: 50, seed: 1 });
    const problems: string[] = [];
    for (const p of world.pages.values()) {
      const html = renderStorageToView(currentVersion(p).body, { ...ctx, pageTitle: currentVersion(p).title, pageId: p.id });
      if (/<\/?(ac|ri):/.test(html)) problems.push(`${p.id}: storage markup left`);
      // &nbsp; is fine in HTML but not in bare XML.
      const error = wellFormednessError(wrapStorage(html.replace(/&nbsp;/g, '&#160;')));
      if (error) problems.push(`${p.id}: ${error}`);
    }
    expect(problems).toEqual([]);
  });
});
