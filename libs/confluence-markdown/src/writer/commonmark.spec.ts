import MarkdownIt from 'markdown-it';
import { readFileSync } from 'node:fs';
import { markdownToStorage } from './index';
import { referenceDir, wellFormedProblem } from './spec-helpers';

interface Example {
  example: number;
  markdown: string;
  section: string;
}

const examples: Example[] = JSON.parse(
  readFileSync(referenceDir('commonmark-spec', 'spec-0.31.2.examples.json'), 'utf8'),
);

describe('the well-formedness check', () => {
  it.each([
    ['<p>a</b>', 'unbalanced tags'],
    ['<p>&nbsp;</p>', 'an HTML named entity'],
    ['<p>\u0001</p>', 'a C0 control'],
    ['<p>\uD800</p>', 'a lone surrogate'],
    ['<p>&#12;</p>', 'a reference to a form feed'],
  ])('rejects %j (%s)', (storage) => {
    expect(wellFormedProblem(storage)).toBeDefined();
  });

  it('accepts namespaced elements, CDATA and numeric references', () => {
    expect(wellFormedProblem('<ac:link><ri:page ri:content-title="a"/></ac:link><![CDATA[& <]]>&#160;&#x1F600;')).toBeUndefined();
  });
});

describe('CommonMark 0.31.2 examples', () => {
  it('has all 652 examples', () => {
    expect(examples).toHaveLength(652);
  });

  it('converts every example to well-formed storage', () => {
    const failures: string[] = [];
    for (const { example, markdown, section } of examples) {
      try {
        const problem = wellFormedProblem(markdownToStorage(markdown).storage);
        if (problem) failures.push(`example ${example} (${section}): ${problem}`);
      } catch (error) {
        failures.push(`example ${example} (${section}): threw ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('CommonMark 0.31.2 examples, structure', () => {
  // markdown-it's own HTML renderer is the reference: the same blocks must come out of our renderer, as storage.
  const reference = new MarkdownIt('default', { html: true, linkify: true });
  const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;
  const shape = (html: string, storage: string) => ({
    headings: [count(html, /<h[1-6]>/g), count(storage, /<h[1-6]>/g)],
    listItems: [count(html, /<li>/g), count(storage, /<li>/g)],
    codeBlocks: [count(html, /<pre>/g), count(storage, /<ac:structured-macro ac:name="code">/g)],
    quotes: [count(html, /<blockquote>/g), count(storage, /<blockquote>/g)],
    links: [count(html, /<a href=/g), count(storage, /<a href=/g)],
    images: [count(html, /<img /g), count(storage, /<ac:image/g)],
  });

  it('keeps every heading, list item, code block, quote, link and image of the examples without raw HTML', () => {
    const differences: string[] = [];
    for (const { example, markdown } of examples) {
      const tokens = reference.parse(markdown, {});
      const hasHtml = tokens.some((t) => t.type === 'html_block' || (t.children ?? []).some((c) => c.type === 'html_inline'));
      if (hasHtml) continue; // raw HTML is escaped as text by design
      for (const [what, [expected, actual]] of Object.entries(shape(reference.render(markdown), markdownToStorage(markdown).storage))) {
        if (expected !== actual) differences.push(`example ${example}: ${what} ${actual} instead of ${expected}`);
      }
    }
    expect(differences).toEqual([]);
  });
});
