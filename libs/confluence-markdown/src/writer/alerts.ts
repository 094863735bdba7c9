/**
 * GitHub alerts -> info/tip/note/warning/panel macros (CONVENTIONS.md): `> [!NOTE] Title` starts a blockquote
 * whose first paragraph begins with the marker; the rest of the quote is the macro's rich body.
 */
import type MarkdownIt from 'markdown-it';
import { MACRO_CLOSE, type MacroParam, macroOpen } from './macro';
import { mdUtils } from './md-utils';
import { matchClosings, setMeta } from './tokens';

type StateCore = MarkdownIt.StateCore;

/** Token types the renderer turns into a macro with `ac:rich-text-body`. */
export const ALERT_OPEN = 'alert_open';
export const ALERT_CLOSE = 'alert_close';

/** What the renderer needs for an alert (the opening token's `meta`). */
export interface AlertMeta {
  macro: string;
  title: string;
}

const MACRO_FOR_ALERT: Record<string, string> = {
  NOTE: 'info',
  TIP: 'tip',
  WARNING: 'note',
  CAUTION: 'warning',
  IMPORTANT: 'note',
  PANEL: 'panel',
};

/** The marker on the first line of the quote; a title may follow on that line. */
const MARKER = /^\[!([A-Za-z]+)\](?:[ \t]+([^\n]*))?[ \t]*(?:\n|$)/;

/**
 * Core rule, run after block parsing and before inline parsing: it rewrites the marker's blockquote into
 * alert tokens and removes the marker line from the paragraph. The title is plain text: Markdown backslash
 * escapes and character references are decoded, nothing else.
 */
export function alertRule(state: StateCore): void {
  const tokens = state.tokens;
  let closing: Int32Array | undefined;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== 'blockquote_open') continue;
    const inline = tokens[i + 2];
    if (tokens[i + 1]?.type !== 'paragraph_open' || inline?.type !== 'inline') continue;
    const marker = MARKER.exec(inline.content);
    const macro = marker && MACRO_FOR_ALERT[marker[1].toUpperCase()];
    if (!marker || !macro) continue;
    closing ??= matchClosings(tokens);
    const meta: AlertMeta = { macro, title: mdUtils.unescapeAll((marker[2] ?? '').trim()) };
    tokens[i].type = ALERT_OPEN;
    setMeta(tokens[i], meta);
    tokens[closing[i]].type = ALERT_CLOSE;
    inline.content = inline.content.slice(marker[0].length);
    if (!inline.content.trim()) {
      // Only the marker: no empty paragraph in the body.
      inline.content = '';
      tokens[i + 1].hidden = true;
      tokens[i + 3].hidden = true;
    }
  }
}

/** The macro start (with the title parameter when there is one) and its rich body's opening tag. */
export function alertOpen(meta: AlertMeta): string {
  const params: MacroParam[] = meta.title ? [['title', meta.title]] : [];
  return `${macroOpen(meta.macro, params)}<ac:rich-text-body>`;
}

/** Ends what `alertOpen` started. */
export const ALERT_END = `</ac:rich-text-body>${MACRO_CLOSE}`;
