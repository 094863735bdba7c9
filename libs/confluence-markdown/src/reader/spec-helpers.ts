/**
 * Helpers for the reader's specs: the shared reference data, and counters for the constructs a conversion must
 * not lose (in storage, and in the Markdown including what placeholders hold).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { findPlaceholders } from '../placeholder';

/** `/work/shared/reference`: beside the workspace root (the folder holding `nx.json`). */
export function referencePath(...parts: string[]): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${__dirname}`);
    dir = parent;
  }
  return join(dir, '..', 'shared', 'reference', ...parts);
}

/** The files of a reference folder whose names match, as [file name, content]. */
export function referenceFiles(folder: string, pattern: RegExp): Array<[string, string]> {
  const dir = referencePath(folder);
  return readdirSync(dir)
    .filter((file) => pattern.test(file))
    .sort()
    .map((file) => [file, readFileSync(join(dir, file), 'utf8')]);
}

/** Constructs that must survive a conversion. */
export interface Counts {
  links: number;
  codeBlocks: number;
  tasks: number;
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

/** Links, code blocks and tasks in storage. */
export function countStorage(storage: string): Counts {
  const noCdata = storage.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  return {
    links: count(noCdata, /<ac:link[\s>]|<a\s[^>]*href=/g),
    codeBlocks: count(noCdata, /<ac:structured-macro[^>]*ac:name="(?:code|noformat)"|<pre[\s>]/g),
    tasks: count(noCdata, /<ac:task>/g),
  };
}

const markdownIt = new MarkdownIt({ html: true });

/**
 * The same constructs in the reader's Markdown: Markdown links (autolinks and jira links included), fences and
 * task items, plus the storage held by placeholders and the links of HTML tables.
 */
export function countMarkdown(markdown: string): Counts {
  const counts: Counts = { links: 0, codeBlocks: 0, tasks: 0 };
  const visit = (tokens: ReturnType<typeof markdownIt.parse>) => {
    for (const token of tokens) {
      if (token.type === 'link_open') counts.links++;
      if (token.type === 'fence') counts.codeBlocks++;
      if (token.type === 'html_block' || token.type === 'html_inline') counts.links += count(token.content.replace(/<!--[\s\S]*?-->/g, ''), /<a\s[^>]*href=/g);
      if (token.type === 'inline' && /^\[[ x]\](?: |$)/.test(token.content) && token.map) counts.tasks++;
      if (token.children) visit(token.children);
    }
  };
  visit(markdownIt.parse(markdown, {}));
  for (const placeholder of findPlaceholders(markdown)) {
    const inner = countStorage(placeholder.source);
    counts.links += inner.links;
    counts.codeBlocks += inner.codeBlocks;
    counts.tasks += inner.tasks;
  }
  return counts;
}

/** The Markdown without its placeholders, to look for storage markup that leaked through. */
export function withoutPlaceholders(markdown: string): string {
  return markdown.replace(/<!--confluence:[^>]*-->/g, '');
}
