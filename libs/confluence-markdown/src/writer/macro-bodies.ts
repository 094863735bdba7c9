/**
 * Macro body markers (macro-body.ts, CONVENTIONS.md "Macro bodies") -> the macro around its body. CommonMark makes
 * each marker on its own line an HTML block; one core rule cuts the markers out of HTML blocks, a second pairs each
 * end with its begin inside the same container (document, list item, quote, alert, expand), so the output nests
 * whatever a model did to the Markdown. What cannot be paired is never lost: see `pairMarkersRule`.
 */
import type MarkdownIt from 'markdown-it';
import { type MacroBodyMarker, type MarkerMatch, decodeMarker, findMarkers, isBodySlot, mayHoldMarker } from '../macro-body';
import type { WriterContext } from './context';
import { contextOf } from './context';
import { escapeText, replaceForbiddenCharacters } from './escape';
import { type Token, getMeta, setMeta } from './tokens';

type StateCore = MarkdownIt.StateCore;

/** A marker cut out of an HTML block, before pairing (`meta`: the MarkerMatch). */
const MARKER = 'macro_marker';
/** The macro's source before its body (`meta.storage`). */
export const MACRO_BODY_OPEN = 'macro_body_open';
/** The macro's source after its body (`meta.storage`). */
export const MACRO_BODY_CLOSE = 'macro_body_close';
/** Storage written as it is (`meta.storage`): a macro restored with an empty body, a marker kept as text, nothing. */
export const MACRO_BODY_STORAGE = 'macro_body_storage';

/** How many open begins an end looks through for its own: real pages nest a few, and it keeps pairing linear. */
const MAX_LOOK_BACK = 64;

/** `meta` of the tokens the renderer writes. */
export interface StorageMeta {
  storage: string;
}

/** The two halves of a macro's source, checked and cleaned, or undefined when they cannot hold a body. */
export function restoreWrapper(before: string, after: string, context: WriterContext): { before: string; after: string } | undefined {
  const cleanBefore = replaceForbiddenCharacters(before);
  const cleanAfter = replaceForbiddenCharacters(after);
  if (!isBodySlot(cleanBefore.text, cleanAfter.text)) return undefined;
  context.warnings.add('invalid-markup', 'characters XML 1.0 forbids were replaced with U+FFFD', cleanBefore.replaced + cleanAfter.replaced);
  return { before: cleanBefore.text, after: cleanAfter.text };
}

function lossy(context: WriterContext, message: string): void {
  context.warnings.add('invalid-placeholder', message);
}

/** The macro of an end marker whose begin is missing, with an empty body (and a warning). */
export function restoreEmptyMacro(wrapper: { before: string; after: string }, context: WriterContext): string {
  lossy(context, 'a macro body end marker without its begin marker was restored with an empty body');
  return wrapper.before + wrapper.after;
}

/**
 * Core rule, after the expand rule: the markers an HTML block starts with become tokens of their own (the reader
 * writes each on its own line; CommonMark ends such a block at the end of the marker's line, so anything after it
 * on that line stays an HTML block). Markers inside other HTML (a table cell) are left to the XHTML converter.
 */
export function splitMarkersRule(state: StateCore): void {
  const tokens = state.tokens;
  if (!tokens.some((t) => t.type === 'html_block' && mayHoldMarker(t.content))) return;
  const out: Token[] = [];
  for (const token of tokens) {
    const found = token.type === 'html_block' ? findMarkers(token.content) : [];
    let last = 0;
    for (const match of found) {
      if (token.content.slice(last, match.start).trim()) break;
      const marker = new state.Token(MARKER, '', 0);
      Object.assign(marker, { level: token.level, map: token.map, block: true });
      setMeta(marker, match);
      out.push(marker);
      last = match.end;
    }
    if (last === 0) out.push(token);
    else if (token.content.slice(last).trim()) {
      token.content = token.content.slice(last);
      out.push(token);
    }
  }
  state.tokens = out;
}

/**
 * Core rule, after `splitMarkersRule`: an end pairs with the innermost open begin of its name in the same container.
 * - A pair whose wrapper is well-formed writes the macro around the Markdown between them.
 * - A begin left open when its container ends (its end deleted or moved) is dropped: the body stays page content,
 *   the macro is lost, with an `invalid-placeholder` warning (writes refuse that unless the caller accepts it).
 * - An end without its begin restores the macro with an empty body where the end is, the content before it staying
 *   page content; also with a warning.
 * - A marker that does not decode, or a wrapper that is not well-formed, is kept as visible text (with a warning).
 */
export function pairMarkersRule(state: StateCore): void {
  const tokens = state.tokens;
  if (!tokens.some((t) => t.type === MARKER)) return;
  const context = contextOf(state.env);
  const out: Token[] = [];
  // For each open container, the begins (indexes in `out`) still waiting for their end.
  const frames: number[][] = [[]];
  const asStorage = (token: Token, storage: string) => {
    token.type = MACRO_BODY_STORAGE;
    token.nesting = 0;
    setMeta<StorageMeta>(token, { storage });
  };
  const unclosed = (begins: number[]) => {
    for (const index of begins) {
      asStorage(out[index], '');
      lossy(context, 'a macro body begin marker without its end marker was dropped: its body was kept, its macro was lost');
    }
  };
  for (const token of tokens) {
    if (token.nesting === -1 && frames.length > 1) unclosed(frames.pop() as number[]);
    if (token.type !== MARKER) {
      out.push(token);
      if (token.nesting === 1) frames.push([]);
      continue;
    }
    const match = getMeta<MarkerMatch>(token);
    const marker = match.marker;
    const begins = frames[frames.length - 1];
    out.push(token);
    if (!marker) {
      asStorage(token, `<p>${escapeText(match.raw)}</p>`);
      lossy(context, 'a macro body marker that could not be decoded was kept as text');
    } else if (marker.kind === 'begin') {
      begins.push(out.length - 1);
    } else {
      pairEnd(marker, match.raw, token, begins, out, context, unclosed, asStorage);
    }
  }
  for (const begins of frames) unclosed(begins);
  state.tokens = out;
}

function pairEnd(
  marker: Extract<MacroBodyMarker, { kind: 'end' }>,
  raw: string,
  token: Token,
  begins: number[],
  out: Token[],
  context: WriterContext,
  unclosed: (begins: number[]) => void,
  asStorage: (token: Token, storage: string) => void,
): void {
  let at = begins.length - 1;
  const stop = Math.max(-1, begins.length - 1 - MAX_LOOK_BACK);
  while (at > stop && getMeta<MarkerMatch>(out[begins[at]]).marker?.name !== marker.name) at--;
  if (at === stop) at = -1;
  // Begins opened after the matching one cannot end after it: the output would not nest.
  if (at >= 0) unclosed(begins.splice(at + 1));
  const begin = at >= 0 ? out[begins.pop() as number] : undefined;
  const wrapper = restoreWrapper(marker.before, marker.after, context);
  if (!wrapper) {
    if (begin) asStorage(begin, '');
    asStorage(token, `<p>${escapeText(raw)}</p>`);
    lossy(context, 'a macro body end marker whose macro is not well-formed was kept as text');
    return;
  }
  if (!begin) {
    asStorage(token, restoreEmptyMacro(wrapper, context));
    return;
  }
  begin.type = MACRO_BODY_OPEN;
  begin.nesting = 1;
  setMeta<StorageMeta>(begin, { storage: wrapper.before });
  token.type = MACRO_BODY_CLOSE;
  token.nesting = -1;
  setMeta<StorageMeta>(token, { storage: wrapper.after });
}

/**
 * A marker inside a paragraph (CommonMark made it inline HTML), or undefined when `html` is no marker. A begin there
 * cannot hold blocks: it is dropped, and an end restores its macro with an empty body, both with a warning.
 */
export function renderInlineMarker(html: string, context: WriterContext): string | undefined {
  const marker = decodeMarker(html);
  if (marker === undefined) return undefined;
  if (marker === null) {
    lossy(context, 'a macro body marker that could not be decoded was kept as text');
    return escapeText(html);
  }
  if (marker.kind === 'begin') {
    lossy(context, 'a macro body begin marker without its end marker was dropped: its body was kept, its macro was lost');
    return '';
  }
  const wrapper = restoreWrapper(marker.before, marker.after, context);
  if (!wrapper) {
    lossy(context, 'a macro body end marker whose macro is not well-formed was kept as text');
    return escapeText(html);
  }
  return restoreEmptyMacro(wrapper, context);
}
