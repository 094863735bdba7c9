/**
 * Macros Markdown has no form for, whose body is rich text (excerpt, details, section and column, third-party
 * panels): the body is written as Markdown between a begin and an end marker that hold the macro's own source
 * (CONVENTIONS.md, "Macro bodies"), so a model reads and edits the body and the writer restores the macro around it.
 */
import { ReaderContext } from '../context';
import { DomElement } from '../dom';
import { MARK } from '../escape';
import { trimNewlines } from '../markdown';

/**
 * The body between markers; a placeholder of the whole macro when its source cannot be split around the body, or
 * when the body is empty (then nothing is hidden in it).
 */
export function macroWithBody(content: string, node: DomElement, ctx: ReaderContext): string {
  const markers = ctx.macroBody(node);
  const body = trimNewlines(content);
  if (!markers || isBlank(body)) return ctx.placeholder(node);
  ctx.warnings.add('placeholder', `${markers.name} kept as markers around its body`);
  return ctx.block(node, `${markers.begin}\n\n${body}\n\n${markers.end}`, 'open');
}

/**
 * Whether Markdown holds nothing but marks and whitespace. A scan that stops at the first content: the body of every
 * enclosing macro is tested again, and copying it each time (as `stripMarks` does) made nesting quadratic.
 */
function isBlank(markdown: string): boolean {
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown[i];
    if (c !== MARK && c !== ' ' && c !== '\n' && c !== '\t' && c !== '\r') return false;
  }
  return true;
}
