/**
 * turndown's own 147 generic HTML cases as smoke tests. Their expected Markdown follows turndown's style choices
 * (setext headings, `_` emphasis, indented code), so both sides are rendered with markdown-it and compared as
 * text: same words, same order.
 */
import { readFileSync } from 'node:fs';
import MarkdownIt from 'markdown-it';
import { decodePlaceholder } from '../placeholder';
import { storageToMarkdown } from './storage-to-markdown';
import { referencePath } from './spec-helpers';

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const page = readFileSync(referencePath('turndown-tests', 'index.html'), 'utf8');
const cases = [...page.matchAll(/<div class="case" data-name="([^"]*)"[^>]*>\s*<div class="input">([\s\S]*?)<\/div>\s*<pre class="expected">([\s\S]*?)<\/pre>/g)].map(
  (m): [string, string, string] => [m[1], m[2], unescape(m[3])],
);
const markdownIt = new MarkdownIt({ html: true });
const text = (markdown: string) =>
  unescape(markdownIt.render(markdown).replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();

describe('turndown test cases', () => {
  it('reads all of them', () => {
    expect(cases).toHaveLength(147);
  });

  it.each(cases.filter(([name]) => name !== 'invalid heading'))('%s', (_name, input, expected) => {
    const { markdown } = storageToMarkdown(input);
    expect(text(markdown)).toBe(text(expected));
  });

  it('keeps an element HTML does not know (<h7>) as a placeholder instead', () => {
    const [, input] = cases.find(([name]) => name === 'invalid heading') as [string, string, string];
    expect(decodePlaceholder(storageToMarkdown(input).markdown)).toEqual({ name: 'h7', source: input.trim() });
  });
});
