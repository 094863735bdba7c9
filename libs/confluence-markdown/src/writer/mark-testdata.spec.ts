/**
 * kovetskiy/mark's Markdown -> storage fixtures. mark has conventions of its own (`ac:` link syntax, `!!!`
 * admonitions, front matter, heading ids, relative images as attachments), so outputs are compared for
 * meaning, one aspect at a time, on the files where both tools agree on what the Markdown means.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { markdownToStorage } from './index';
import { referenceDir, wellFormedProblem } from './spec-helpers';

const MARK = referenceDir('mark-testdata');
const read = (file: string) => readFileSync(join(MARK, file), 'utf8');
const ours = (name: string) => markdownToStorage(read(`${name}.md`)).storage;

/**
 * Text content: tags become spaces (mark puts newlines between elements, we do not), the references mark
 * writes are decoded, whitespace is collapsed.
 */
function text(html: string): string {
  return html
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(lt|gt|quot|#34|#39|#160|amp);/g, (_, name: string) => REFERENCES[name])
    .replace(/\s+/g, ' ')
    .trim();
}
const REFERENCES: Record<string, string> = { lt: '<', gt: '>', quot: '"', '#34': '"', '#39': "'", '#160': '\u00a0', amp: '&' };

const all = <T>(html: string, pattern: RegExp, pick: (match: RegExpMatchArray) => T): T[] =>
  [...html.matchAll(pattern)].map(pick);

const aspects = {
  headings: (html: string) => all(html, /<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/g, (m) => `h${m[1]} ${text(m[2])}`),
  codeBlocks: (html: string) =>
    all(html, /<ac:structured-macro ac:name="code">([\s\S]*?)<\/ac:structured-macro>/g, (m) => ({
      language: /<ac:parameter ac:name="language">([^<]*)</.exec(m[1])?.[1] ?? '',
      body: /<ac:plain-text-body><!\[CDATA\[([\s\S]*?)\]\]>/.exec(m[1])?.[1],
    })),
  tableCells: (html: string) =>
    all(html, /<table[\s\S]*?<\/table>/g, (t) => all(t[0], /<(t[hd])[^>]*>([\s\S]*?)<\/\1>/g, (c) => `${c[1]} ${text(c[2])}`)),
  tasks: (html: string) =>
    all(html, /<ac:task-status>(\w+)<\/ac:task-status>\s*<ac:task-body>([\s\S]*?)<\/ac:task-body>/g, (m) => `${m[1]} ${text(m[2])}`),
  listItems: (html: string) => all(html, /<li>([\s\S]*?)<\/li>/g, (m) => text(m[1])),
  hrefs: (html: string) => all(html, /<a href="([^"]*)"/g, (m) => m[1]),
  paragraphs: (html: string) => all(html, /<p>([\s\S]*?)<\/p>/g, (m) => `${text(m[1])}${m[1].includes('<br') ? ' [br]' : ''}`),
  expandTitles: (html: string) =>
    all(html, /<ac:structured-macro ac:name="expand"><ac:parameter ac:name="title">([^<]*)</g, (m) => m[1]),
  images: (html: string) =>
    all(html, /<ac:image([^>]*)>([\s\S]*?)<\/ac:image>/g, (m) => ({
      alt: /ac:alt="([^"]*)"/.exec(m[1])?.[1].replace(/&#34;/g, '&quot;'),
      title: /ac:title="([^"]*)"/.exec(m[1])?.[1].replace(/&#34;/g, '&quot;').replace(/&#39;/g, "'"),
      url: /ri:value="([^"]*)"/.exec(m[2])?.[1],
    })),
};
type Aspect = keyof typeof aspects;

/**
 * Which aspects to compare per fixture. Left out, on purpose: front matter (mark reads YAML, CommonMark sees a
 * rule and a heading), `{#id}` heading ids and anchor rewriting, `!!!` admonitions, `ac:` link syntax,
 * @{mentions}, PlantUML and Mermaid macros, footnotes, and relative image paths (mark uploads them as
 * attachments; CONVENTIONS.md keeps every non-`confluence-attachment:` source as `ri:url`).
 */
const COMPARED: Record<string, Aspect[]> = {
  'md-to-storage/admonitions': ['headings'],
  'md-to-storage/codeblock-comments': ['headings', 'codeBlocks'],
  'md-to-storage/codes': ['codeBlocks'],
  'md-to-storage/header': ['headings'],
  'md-to-storage/heading-anchor-links': ['headings'],
  'md-to-storage/inline-link-card': ['hrefs', 'paragraphs'],
  'md-to-storage/issue-64-broken-link': ['hrefs'],
  'md-to-storage/lists': ['listItems', 'paragraphs'],
  'md-to-storage/macro-include': ['tableCells'],
  'md-to-storage/math': ['paragraphs'],
  'md-to-storage/mention': ['codeBlocks'],
  'md-to-storage/newlines': ['paragraphs'],
  'md-to-storage/plantuml': ['headings'],
  'md-to-storage/quotes': ['headings'],
  'md-to-storage/table': ['tableCells'],
  'md-to-storage/tasklists': ['tasks'],
  'md-to-storage/tasklists-mixed': ['listItems'],
  'md-to-storage-extra/details-omitted-end-tags': ['expandTitles'],
  'md-to-storage-extra/emoji': ['paragraphs'],
  'md-to-storage-extra/table-widths': ['tableCells'],
};

const markdownFiles = ['md-to-storage', 'md-to-storage-extra', 'md-to-storage/batch-tests'].flatMap((dir) =>
  readdirSync(join(MARK, dir))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `${dir}/${file.slice(0, -3)}`),
);

describe("mark's md-to-storage fixtures", () => {
  it('finds the fixtures', () => {
    expect(markdownFiles.length).toBeGreaterThanOrEqual(30);
  });

  it.each(markdownFiles)('%s.md converts to well-formed storage', (name) => {
    expect(wellFormedProblem(ours(name))).toBeUndefined();
  });

  const compared = Object.entries(COMPARED).flatMap(([name, list]) => list.map((aspect) => [name, aspect] as const));
  it.each(compared)('%s: same %s as mark', (name, aspect) => {
    expect(existsSync(join(MARK, `${name}.html`))).toBe(true);
    const expected = aspects[aspect](read(`${name}.html`));
    expect(expected.length).toBeGreaterThan(0);
    expect(aspects[aspect](ours(name))).toEqual(expected);
  });

  it('quotes.md: GitHub alerts become the same macros, except [!IMPORTANT] (a note macro by our conventions)', () => {
    const macros = (html: string) =>
      all(html.slice(html.indexOf('GH Alerts Heading')), /<ac:structured-macro ac:name="(\w+)">/g, (m) => m[1]);
    expect(macros(read('md-to-storage/quotes.html'))).toEqual(['info', 'tip', 'note', 'info', 'warning']);
    expect(macros(ours('md-to-storage/quotes'))).toEqual(['info', 'tip', 'note', 'note', 'warning']);
  });

  it('image-escaping.md: same alt texts, titles and absolute URLs', () => {
    const absolute = (html: string) =>
      aspects.images(html).map((image) => ({ ...image, url: image.url?.startsWith('http') ? image.url : undefined }));
    const expected = absolute(read('md-to-storage-extra/image-escaping.html'));
    expect(expected).toHaveLength(6);
    expect(absolute(ours('md-to-storage-extra/image-escaping'))).toEqual(expected);
  });
});
