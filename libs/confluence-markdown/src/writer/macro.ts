import { escapeAttr, escapeText } from './escape';

/** One macro parameter, in the order it is written. */
export type MacroParam = readonly [name: string, value: string];

/** `<ac:parameter ac:name="NAME">VALUE</ac:parameter>` for each parameter, in order. */
export function macroParams(params: readonly MacroParam[]): string {
  let out = '';
  for (const [name, value] of params) {
    out += `<ac:parameter ac:name="${escapeAttr(name)}">${escapeText(value)}</ac:parameter>`;
  }
  return out;
}

/** The opening of a structured macro with its parameters (the caller adds a body and the end tag). */
export function macroOpen(name: string, params: readonly MacroParam[]): string {
  return `<ac:structured-macro ac:name="${escapeAttr(name)}">${macroParams(params)}`;
}

/** The end tag of a structured macro. */
export const MACRO_CLOSE = '</ac:structured-macro>';

/** A structured macro without a body. */
export function bodylessMacro(name: string, params: readonly MacroParam[]): string {
  return macroOpen(name, params) + MACRO_CLOSE;
}
