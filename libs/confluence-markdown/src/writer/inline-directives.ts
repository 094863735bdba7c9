/**
 * Inline directives (CONVENTIONS.md): `:status[TITLE]{colour="Green"}`, `:jira[PROJ-123]{server="…" serverId="…"}`
 * and `:time[2024-05-01]` become the status macro, the jira macro and `<time datetime>`.
 */
import type MarkdownIt from 'markdown-it';
import { escapeAttr } from './escape';
import { type MacroParam, bodylessMacro } from './macro';
import { setMeta } from './tokens';

type StateInline = MarkdownIt.StateInline;

/** A recognised directive. */
export interface Directive {
  name: 'status' | 'jira' | 'time';
  label: string;
  attrs: MacroParam[];
}

/** The token type the inline rule pushes; its `meta` is a `Directive`. */
export const DIRECTIVE_TOKEN = 'confluence_directive';

// Labels and attribute blocks are short in practice; the cap keeps a page full of unclosed `:status[`
// from rescanning the rest of the paragraph at every one of them (that would be quadratic).
const MAX_PART = 1024;
const NAME = /(status|jira|time)\[/y;
const ATTR_KEY = /[A-Za-z_][\w.:-]*/y;
const ASCII_PUNCT = /[!-/:-@[-`{-~]/;

/**
 * Matches a directive at `pos` (which must hold the `:`). In the label a backslash escapes any ASCII
 * punctuation; `[` and `]` must be escaped (`\[`, `\]`). Attribute values are double-quoted with `\"` and
 * `\\` escapes.
 * @returns the directive and the position after it, or undefined (then the text stays text).
 */
export function matchDirective(src: string, pos: number): { directive: Directive; end: number } | undefined {
  if (src.charCodeAt(pos) !== 0x3a) return undefined;
  // `word:status[` is not a directive: it keeps URLs and `key:value` text intact.
  if (pos > 0 && /[\p{L}\p{N}]/u.test(src[pos - 1])) return undefined;
  NAME.lastIndex = pos + 1;
  const name = NAME.exec(src);
  if (!name) return undefined;
  const label = readLabel(src, NAME.lastIndex);
  if (!label) return undefined;
  let end = label.end;
  let attrs: MacroParam[] = [];
  if (src[end] === '{') {
    const parsed = readAttrs(src, end + 1);
    if (!parsed) return undefined;
    attrs = parsed.attrs;
    end = parsed.end;
  }
  const directiveName = name[1] as Directive['name'];
  if (directiveName !== 'status' && !label.value.trim()) return undefined;
  return { directive: { name: directiveName, label: label.value, attrs }, end };
}

function readLabel(src: string, start: number): { value: string; end: number } | undefined {
  let value = '';
  const limit = Math.min(src.length, start + MAX_PART);
  for (let pos = start; pos < limit; pos++) {
    const ch = src[pos];
    if (ch === ']') return { value, end: pos + 1 };
    // An unescaped `[` or a line end cannot be in a label: failing there keeps repeated unclosed
    // `:status[` linear, each attempt stopping where the next one starts.
    if (ch === '[' || ch === '\n') return undefined;
    if (ch === '\\' && pos + 1 < src.length && ASCII_PUNCT.test(src[pos + 1])) {
      value += src[++pos];
    } else {
      value += ch;
    }
  }
  return undefined;
}

function readAttrs(src: string, start: number): { attrs: MacroParam[]; end: number } | undefined {
  const attrs: MacroParam[] = [];
  const limit = Math.min(src.length, start + MAX_PART);
  let pos = start;
  for (;;) {
    while (pos < limit && (src[pos] === ' ' || src[pos] === '\t')) pos++;
    if (pos >= limit) return undefined;
    if (src[pos] === '}') return { attrs, end: pos + 1 };
    ATTR_KEY.lastIndex = pos;
    const key = ATTR_KEY.exec(src);
    if (!key || src[ATTR_KEY.lastIndex] !== '=' || src[ATTR_KEY.lastIndex + 1] !== '"') return undefined;
    let value = '';
    pos = ATTR_KEY.lastIndex + 2;
    while (pos < limit && src[pos] !== '"') {
      if (src[pos] === '\n') return undefined;
      if (src[pos] === '\\' && (src[pos + 1] === '"' || src[pos + 1] === '\\')) pos++;
      value += src[pos++];
    }
    if (pos >= limit) return undefined;
    attrs.push([key[0], value]);
    pos++;
  }
}

/** markdown-it inline rule: runs at `:` (markdown-it's text rule stops there). */
export function directiveRule(state: StateInline, silent: boolean): boolean {
  const match = matchDirective(state.src, state.pos);
  if (!match) return false;
  if (!silent) {
    const token = state.push(DIRECTIVE_TOKEN, '', 0);
    setMeta(token, match.directive);
    token.content = state.src.slice(state.pos, match.end);
  }
  state.pos = match.end;
  return true;
}

/**
 * Storage for a directive. Status: `title` then the attributes in source order (`colour`, and `subtle`
 * if someone wrote it). Jira: `key` then the attributes (`server`, `serverId`). Time: `<time datetime>`.
 */
export function renderDirective(directive: Directive): string {
  switch (directive.name) {
    case 'status': {
      const params: MacroParam[] = directive.label ? [['title', directive.label]] : [];
      return bodylessMacro('status', [...params, ...directive.attrs]);
    }
    case 'jira':
      return bodylessMacro('jira', [['key', directive.label.trim()], ...directive.attrs]);
    case 'time':
      return `<time datetime="${escapeAttr(directive.label.trim())}"/>`;
  }
}
