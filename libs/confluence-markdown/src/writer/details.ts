/**
 * `<details><summary>Title</summary> … </details>` -> expand macro (CONVENTIONS.md). CommonMark splits the
 * form the reader writes into an HTML block (`<details>` + `<summary>`), Markdown blocks, and an HTML block
 * (`</details>`); this core rule pairs them up.
 */
import type MarkdownIt from 'markdown-it';
import { MACRO_CLOSE, type MacroParam, macroOpen } from './macro';
import { decodeHtmlEntities } from './md-utils';
import { type Token, getMeta, setMeta } from './tokens';

type StateCore = MarkdownIt.StateCore;

/** Token types the renderer turns into the expand macro; the opening token's `meta` is the title. */
export const EXPAND_OPEN = 'expand_open';
export const EXPAND_CLOSE = 'expand_close';

/** The opening token's `meta`. */
export interface ExpandMeta {
  title: string;
}

const DETAILS_START = /^<details(?:\s[^>]*)?>\s*/i;
const SUMMARY = /^<summary(?:\s[^>]*)?>([\s\S]*?)<\/summary>\s*/i;
const DETAILS_END = /<\/details>\s*$/i;

/**
 * Core rule after block parsing. An expand opened inside a container (a list item, a quote) must end in
 * it, or the output would not nest: a missing `</details>` is supplied when the container ends (and at the
 * end of the document). A `</details>` with no open expand at its level stays an HTML block (escaped).
 */
export function detailsRule(state: StateCore): void {
  const tokens = state.tokens;
  if (!tokens.some((t) => t.type === 'html_block' && /^<\/?details/i.test(t.content))) return;
  const out: Token[] = [];
  const open: number[] = []; // levels of the expands not yet closed
  const make = (type: string, nesting: 1 | -1, level: number, title?: string): Token => {
    const token = new state.Token(type, '', nesting);
    token.level = level;
    token.block = true;
    if (nesting === 1) setMeta(token, { title: title ?? '' });
    return token;
  };
  for (const token of tokens) {
    if (token.nesting === -1) {
      while (open.length && open[open.length - 1] > token.level) {
        out.push(make(EXPAND_CLOSE, -1, open.pop() as number));
      }
    }
    if (token.type !== 'html_block') {
      out.push(token);
      continue;
    }
    const content = token.content;
    const start = DETAILS_START.exec(content);
    if (start) {
      let rest = content.slice(start[0].length);
      const summary = SUMMARY.exec(rest);
      if (summary) rest = rest.slice(summary[0].length);
      const title = summary ? plainTitle(summary[1]) : '';
      out.push(make(EXPAND_OPEN, 1, token.level, title));
      const end = DETAILS_END.exec(rest);
      if (end) rest = rest.slice(0, end.index);
      if (rest.trim()) {
        token.content = rest;
        out.push(token);
      }
      if (end) out.push(make(EXPAND_CLOSE, -1, token.level));
      else open.push(token.level);
      continue;
    }
    const previous = out[out.length - 1];
    const lateSummary = SUMMARY.exec(content);
    if (lateSummary && previous?.type === EXPAND_OPEN && !getMeta<ExpandMeta>(previous).title && !content.slice(lateSummary[0].length).trim()) {
      // `<summary>` separated from `<details>` by a blank line.
      setMeta(previous, { title: plainTitle(lateSummary[1]) });
      continue;
    }
    if (/^<\/details>\s*$/i.test(content) && open.length && open[open.length - 1] === token.level) {
      out.push(make(EXPAND_CLOSE, -1, open.pop() as number));
      continue;
    }
    out.push(token);
  }
  while (open.length) out.push(make(EXPAND_CLOSE, -1, open.pop() as number));
  state.tokens = out;
}

/** The summary as plain text: tags dropped, character references decoded, whitespace collapsed. */
function plainTitle(html: string): string {
  return decodeHtmlEntities(html.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/** The expand macro's start, with its title when there is one. */
export function expandOpen({ title }: ExpandMeta): string {
  const params: MacroParam[] = title ? [['title', title]] : [];
  return `${macroOpen('expand', params)}<ac:rich-text-body>`;
}

/** Ends what `expandOpen` started. */
export const EXPAND_END = `</ac:rich-text-body>${MACRO_CLOSE}`;
