/**
 * Code fences -> code and noformat macros (CONVENTIONS.md: first word of the info string = language, then
 * `key="value"` pairs = the macro's other parameters in source order; `noformat` is a reserved word,
 * `none` means "no language" when parameters follow).
 */
import { cdata } from './escape';
import { MACRO_CLOSE, type MacroParam, macroOpen } from './macro';
import { mdUtils } from './md-utils';

/** What a fence's info string says. */
export interface CodeInfo {
  /** Empty when the fence has no language (or says `none`). */
  language: string;
  /** `noformat` fences become the noformat macro. */
  noformat: boolean;
  params: MacroParam[];
  /** Words that are neither the language nor a `key="value"` pair (dropped, with a warning). */
  ignored: string[];
}

const KEY = /[A-Za-z_][\w.:-]*/y;

/**
 * Parses a raw info string (markdown-it keeps it raw). Values are double-quoted (single quotes are read
 * too); inside them `\"` and `\\` are the only escapes, so Windows paths and regexes keep their
 * backslashes. Unquoted values run to the next whitespace. Linear: one left-to-right scan.
 * @example parseInfoString('python title="Example" linenumbers="true"')
 *   // { language: 'python', noformat: false, params: [['title', 'Example'], ['linenumbers', 'true']], ignored: [] }
 */
export function parseInfoString(raw: string): CodeInfo {
  const info: CodeInfo = { language: '', noformat: false, params: [], ignored: [] };
  const text = raw.trim();
  let pos = 0;
  const firstEnd = nextSpace(text, 0);
  const first = text.slice(0, firstEnd);
  if (first && !first.includes('=')) {
    const language = mdUtils.unescapeAll(first);
    if (language === 'noformat') info.noformat = true;
    else if (language !== 'none') info.language = language;
    pos = firstEnd;
  }
  while (pos < text.length) {
    pos = skipSpaces(text, pos);
    if (pos >= text.length) break;
    KEY.lastIndex = pos;
    const key = KEY.exec(text);
    if (key && text[pos + key[0].length] === '=') {
      const valueStart = pos + key[0].length + 1;
      const quote = text[valueStart];
      const value = quote === '"' || quote === "'" ? readQuoted(text, valueStart + 1, quote) : readBare(text, valueStart);
      info.params.push([key[0], value.value]);
      pos = value.end;
    } else {
      const end = nextSpace(text, pos);
      info.ignored.push(text.slice(pos, end));
      pos = end;
    }
  }
  return info;
}

function readQuoted(text: string, start: number, quote: string): { value: string; end: number } {
  let value = '';
  let pos = start;
  while (pos < text.length && text[pos] !== quote) {
    const next = text[pos + 1];
    if (text[pos] === '\\' && (next === quote || next === '\\')) {
      value += next;
      pos += 2;
    } else {
      value += text[pos];
      pos++;
    }
  }
  // An unterminated value runs to the end of the info string.
  return { value, end: Math.min(pos + 1, text.length) };
}

function readBare(text: string, start: number): { value: string; end: number } {
  const end = nextSpace(text, start);
  return { value: text.slice(start, end), end };
}

function nextSpace(text: string, from: number): number {
  let pos = from;
  while (pos < text.length && text[pos] !== ' ' && text[pos] !== '\t') pos++;
  return pos;
}

function skipSpaces(text: string, from: number): number {
  let pos = from;
  while (pos < text.length && (text[pos] === ' ' || text[pos] === '\t')) pos++;
  return pos;
}

/**
 * Renders a code block as a code (or noformat) macro with a CDATA body. The block's final newline is
 * Markdown syntax, not content, so it is dropped.
 */
export function renderCodeMacro(info: CodeInfo, content: string): string {
  const body = content.endsWith('\n') ? content.slice(0, -1) : content;
  const params: MacroParam[] = info.language ? [['language', info.language], ...info.params] : info.params;
  const name = info.noformat ? 'noformat' : 'code';
  return `${macroOpen(name, params)}<ac:plain-text-body>${cdata(body)}</ac:plain-text-body>${MACRO_CLOSE}`;
}
