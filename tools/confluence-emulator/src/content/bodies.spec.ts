import { currentVersion } from '../model';
import { generateWorld } from './generate';
import { wellFormednessError, wrapStorage } from './testing/well-formed';

/** Each construct the generator must write somewhere, as the markup shape Confluence uses for it. */
const CONSTRUCTS: Record<string, RegExp> = {
  heading: /<h[1-6]>[^<]+<\/h[1-6]>/,
  strong: /<strong>[^<]+<\/strong>/,
  em: /<em>[^<]+<\/em>/,
  inlineCode: /<code>[^<]+<\/code>/,
  externalLink: /<a href="https:\/\/[^"]+">[^<]+<\/a>/,
  bulletList: /<ul><li>/,
  orderedList: /<ol><li>/,
  nestedList: /<li>(?:(?!<\/li>).)*<(?:ul|ol)><li>/,
  codeMacro: /<ac:structured-macro ac:name="code" ac:schema-version="1" ac:macro-id="[0-9a-f-]{36}"><ac:parameter ac:name="language">\w+<\/ac:parameter><ac:parameter ac:name="title">[^<]+<\/ac:parameter>(?:(?!<\/ac:structured-macro>).)*<ac:plain-text-body><!\[CDATA\[/,
  noformat: /ac:name="noformat"(?:(?!<\/ac:structured-macro>).)*<ac:plain-text-body><!\[CDATA\[/,
  info: /ac:name="info"(?:(?!<\/ac:structured-macro>).)*<ac:rich-text-body>/,
  note: /ac:name="note"(?:(?!<\/ac:structured-macro>).)*<ac:rich-text-body>/,
  warning: /ac:name="warning"(?:(?!<\/ac:structured-macro>).)*<ac:rich-text-body>/,
  tip: /ac:name="tip"(?:(?!<\/ac:structured-macro>).)*<ac:rich-text-body>/,
  panel: /ac:name="panel"[^>]*><ac:parameter ac:name="title">[^<]+</,
  expand: /ac:name="expand"[^>]*><ac:parameter ac:name="title">[^<]+</,
  status: /ac:name="status"[^>]*><ac:parameter ac:name="colour">\w+<\/ac:parameter><ac:parameter ac:name="title">[^<]+</,
  jiraKey: /ac:name="jira"(?:(?!<\/ac:structured-macro>).)*<ac:parameter ac:name="key">[A-Z0-9]+-\d+</,
  jiraJql: /ac:name="jira"(?:(?!<\/ac:structured-macro>).)*<ac:parameter ac:name="jqlQuery">project = /,
  toc: /ac:name="toc"/,
  children: /ac:name="children"/,
  include: /ac:name="include"[^>]*><ac:parameter ac:name=""><ac:link><ri:page /,
  excerpt: /ac:name="excerpt"[^>]*>(?:(?!<\/ac:structured-macro>).)*<ac:rich-text-body>/,
  excerptInclude: /ac:name="excerpt-include"(?:(?!<\/ac:structured-macro>).)*<ac:parameter ac:name=""><ac:link><ri:page /,
  attachmentsMacro: /ac:name="attachments"/,
  viewFile: /ac:name="view-file"[^>]*><ac:parameter ac:name="name"><ri:attachment ri:filename="[^"]+" \/>/,
  taskList: /<ac:task-list[^>]*><ac:task><ac:task-id>\d+<\/ac:task-id>(?:<ac:task-uuid>[^<]+<\/ac:task-uuid>)?<ac:task-status>(?:in)?complete<\/ac:task-status><ac:task-body>/,
  pageLinkWithSpaceKey: /<ac:link><ri:page ri:space-key="[A-Z0-9]+" ri:content-title="[^"]+" \/><ac:plain-text-link-body><!\[CDATA\[[^\]]+\]\]><\/ac:plain-text-link-body><\/ac:link>/,
  pageLinkRichBody: /<ac:link><ri:page [^>]+\/><ac:link-body>.+?<\/ac:link-body><\/ac:link>/,
  pageLinkAnchor: /<ac:link ac:anchor="[^"]+"><ri:page /,
  attachmentLink: /<ac:link><ri:attachment ri:filename="[^"]+" \/><ac:plain-text-link-body>/,
  userLink: /<ac:link><ri:user ri:account-id="[0-9a-f]{24}" \/><\/ac:link>/,
  spaceLink: /<ac:link><ri:space ri:space-key="[A-Z0-9]+" \/>/,
  smartLink: /<a href="https:[^"]+" data-card-appearance="inline">/,
  imageAttachment: /<ac:image [^>]*ac:alt="[^"]+"[^>]*><ri:attachment ri:filename="[^"]+\.png" \/><\/ac:image>/,
  imageUrl: /<ac:image [^>]*ac:alt="[^"]+"[^>]*><ri:url ri:value="https:[^"]+" \/><\/ac:image>/,
  emoticon: /<ac:emoticon ac:name="[\w-]+" ac:emoji-shortname=":\w+:" ac:emoji-id="[0-9a-f]+" ac:emoji-fallback="[^"]+" \/>/,
  time: /<time datetime="\d{4}-\d{2}-\d{2}" \/>/,
  layout: /<ac:layout><ac:layout-section ac:type="two_equal"><ac:layout-cell>/,
  placeholder: /<ac:placeholder>[^<]+<\/ac:placeholder>/,
  inlineCommentMarker: /<ac:inline-comment-marker ac:ref="[0-9a-f-]{36}">[^<]+<\/ac:inline-comment-marker>/,
  tableColgroup: /<table[^>]*><colgroup><col style="width: [\d.]+px;" \/>/,
  tableHeader: /<th><p>/,
  colspan: /<th colspan="\d">/,
  rowspan: /<td rowspan="2">/,
  details: /<details><summary>[^<]+<\/summary>/,
  blockquote: /<blockquote><p>/,
};

const allBodies = (seed: number): string =>
  [...generateWorld({ spaces: 2, pagesPerSpace: 50, seed }).pages.values()].map((p) => currentVersion(p).body).join('\n');

describe('generated bodies', () => {
  it.each([1, 2, 99])('contain every storage construct in a 2 x 50 world (seed %i)', (seed) => {
    const text = allBodies(seed);
    const missing = Object.keys(CONSTRUCTS).filter((name) => !CONSTRUCTS[name].test(text));
    expect(missing).toEqual([]);
  });

  it('are well-formed XML in every version, comments included', () => {
    const world = generateWorld({ spaces: 3, pagesPerSpace: 150, seed: 5 });
    const errors: string[] = [];
    for (const entity of [...world.pages.values(), ...world.comments.values()]) {
      for (const v of entity.versions) {
        const error = wellFormednessError(wrapStorage(v.body));
        if (error) errors.push(`${entity.id} v${v.number}: ${error}`);
      }
    }
    expect(errors).toEqual([]);
  });

  it('write real-looking prose, escaped where needed', () => {
    const text = allBodies(3);
    expect(text).toMatch(/Q&amp;A from the last review/);
    const outsideCdata = text.replace(/<!\[CDATA\[[^]*?\]\]>/g, '');
    expect(text.length - outsideCdata.length).toBeGreaterThan(1000);
    expect(outsideCdata).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#\d+;)/);
    expect(text).toMatch(/\b(runbook|rollback|latency|on-call|deploy)\b/i);
    expect(outsideCdata).not.toMatch(/undefined|NaN|\[object Object\]/);
  });
});
