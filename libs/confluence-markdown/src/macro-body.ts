/**
 * Macro body markers: a macro whose body is rich text (excerpt, details, section and column, a third-party panel)
 * travels through the Markdown as its body, in Markdown, between two comments (CONVENTIONS.md, "Macro bodies"):
 *
 * ```
 * <!--confluence-begin:NAME-->
 * body as Markdown
 * <!--confluence-end:NAME:BEFORE-->          BEFORE: the macro's exact source up to and including `<ac:rich-text-body>`
 * <!--confluence-end:NAME:BEFORE:AFTER-->    AFTER: the source after the body, when it is not the usual
 *                                            `</ac:rich-text-body></ac:structured-macro>`
 * ```
 *
 * BEFORE and AFTER are base64url UTF-8 without padding, as in placeholders. Only the wrapper is opaque, and it comes
 * after the body, so the body is what a reader meets first; the writer puts the (edited) body back between the two
 * halves of the wrapper.
 */
import { decodePayload, encodePayload, placeholderName } from './placeholder';
import { isWellFormed } from './writer/xml';

/** How a begin marker starts. */
export const BEGIN_PREFIX = '<!--confluence-begin:';
/** How an end marker starts. */
export const END_PREFIX = '<!--confluence-end:';
/** The source after a body when the end marker carries none. */
export const DEFAULT_AFTER = '</ac:rich-text-body></ac:structured-macro>';

/** A decoded marker: a begin has only a name (which pairs it with its end), an end holds the macro's wrapper. */
export type MacroBodyMarker = { kind: 'begin'; name: string } | { kind: 'end'; name: string; before: string; after: string };

/** A marker found in a text: `marker` is undefined when it is shaped like one but does not decode. */
export interface MarkerMatch {
  start: number;
  end: number;
  raw: string;
  marker: MacroBodyMarker | undefined;
}

/**
 * One marker. Names have no `:` (markerName) and payloads no `:` or `>`, so colons separate the parts and the first
 * `-->` ends the comment (a payload may hold `--` and end with `-`: `…Pg--->`). Every attempt starts at a literal
 * `<!--confluence-`, and the repeated group starts with the `:` its content cannot hold: linear on any input.
 */
const MARKER = /<!--confluence-(begin|end):([A-Za-z0-9_.-]*)((?::[A-Za-z0-9_-]*)*)-->/g;
const WHOLE_MARKER = new RegExp(`^\\s*${MARKER.source}\\s*$`);

/** A marker name: the macro name made safe inside a comment, without colons. */
export function markerName(name: string): string {
  return placeholderName(name.replace(/:/g, '-'));
}

/** The begin marker of a macro called `name`. */
export function encodeBegin(name: string): string {
  return `${BEGIN_PREFIX}${markerName(name)}-->`;
}

/** The end marker of a macro whose source is `before` + body + `after`. */
export function encodeEnd(name: string, before: string, after: string): string {
  const rest = after === DEFAULT_AFTER ? '' : `:${encodePayload(after)}`;
  return `${END_PREFIX}${markerName(name)}:${encodePayload(before)}${rest}-->`;
}

/** Whether a text may hold a marker (a cheap test before `findMarkers`). */
export function mayHoldMarker(text: string): boolean {
  return text.includes(BEGIN_PREFIX) || text.includes(END_PREFIX);
}

/** Every marker in a text, in order. */
export function findMarkers(text: string): MarkerMatch[] {
  const found: MarkerMatch[] = [];
  if (!mayHoldMarker(text)) return found;
  for (const match of text.matchAll(MARKER)) {
    const start = match.index ?? 0;
    found.push({ start, end: start + match[0].length, raw: match[0], marker: decodeMatch(match[1], match[2], match[3]) });
  }
  return found;
}

/**
 * The marker a whole comment is (surrounding whitespace allowed): a marker, `null` when it is shaped like one but
 * does not decode, or undefined when it is no marker at all.
 */
export function decodeMarker(comment: string): MacroBodyMarker | null | undefined {
  const match = WHOLE_MARKER.exec(comment);
  if (!match) return undefined;
  return decodeMatch(match[1], match[2], match[3]) ?? null;
}

function decodeMatch(kind: string, name: string, rest: string): MacroBodyMarker | undefined {
  const payloads = rest ? rest.slice(1).split(':') : [];
  if (kind === 'begin') return payloads.length === 0 ? { kind: 'begin', name } : undefined;
  if (payloads.length < 1 || payloads.length > 2) return undefined;
  const before = decodePayload(payloads[0]);
  const after = payloads.length === 2 ? decodePayload(payloads[1]) : DEFAULT_AFTER;
  return before === undefined || after === undefined ? undefined : { kind: 'end', name, before, after };
}

const BODY_OPEN = '<ac:rich-text-body';
const BODY_OPEN_TAIL = /^<ac:rich-text-body(?:\s[^<>]*)?>$/;
const BODY_CLOSE_HEAD = /^<\/ac:rich-text-body\s*>/;

/**
 * Whether `before` + body + `after` is a macro with its body slot in between: `before` ends with the start tag of
 * `ac:rich-text-body`, `after` starts with its end tag, and the two together are well-formed (so any well-formed
 * body keeps the whole well-formed).
 */
export function isBodySlot(before: string, after: string): boolean {
  const open = before.lastIndexOf(BODY_OPEN);
  return open >= 0 && BODY_OPEN_TAIL.test(before.slice(open)) && BODY_CLOSE_HEAD.test(after) && isWellFormed(before + after);
}
