/**
 * The validator behind `cql.raw()`. It does not parse CQL; it only makes sure that, once the text is put between
 * parentheses, nothing in it can reach outside them: every string is closed, every parenthesis is matched, and
 * nothing is left that a CQL parser might read differently from this tokenizer.
 */
import { assertPrintable } from './escape';
import { CqlBuildError } from './errors';

/** Longest raw CQL accepted, in characters (Confluence refuses longer queries anyway). */
export const MAX_RAW_LENGTH = 10_000;

/** Escapes CQL allows inside a quoted string: `\"`, `\'`, `\\`, `\n`, `\r`, `\t`. */
const STRING_ESCAPES: ReadonlySet<string> = new Set(['"', "'", '\\', 'n', 'r', 't']);
/** Characters that end a bare word (field names, keywords, unquoted values, operators). */
const WORD_END = /[\s"'(),=!~<>\\]/;
/** CQL has no comments; refusing these keeps a parser that had them from swallowing the closing parenthesis. */
const COMMENT = /--|\/\/|\/\*|\*\//;
/** Typographic quotes and brackets a lenient parser or a normalizing proxy might treat as delimiters. */
const LOOKALIKE =
  /[`\u00ab\u00bb\u2018-\u201f\u2032-\u2037\u2039\u203a\u275b-\u2760\u2768-\u276b\u3008-\u3011\u301d-\u301f]/;

function isLookalike(ch: string): boolean {
  if (LOOKALIKE.test(ch)) return true;
  // Full-width and small forms (U+FF08, U+FE59 and the like) become ASCII delimiters under NFKC.
  const folded = ch.normalize('NFKC');
  return folded !== ch && /["'()\\]/.test(folded);
}

/**
 * Checks caller-supplied CQL and returns it trimmed. Refuses: non-strings, empty text, more than
 * {@link MAX_RAW_LENGTH} characters, control characters, unterminated strings, unknown escapes, unbalanced
 * parentheses, `ORDER BY` outside quotes, and, outside double-quoted strings, single quotes, backslashes,
 * comment markers and quote or bracket look-alikes. Single-quoted strings are refused because a parser that
 * did not know them would see their contents as syntax: double quotes are the one delimiter every CQL parser
 * agrees on.
 */
export function validateRaw(text: unknown, label: string): string {
  if (typeof text !== 'string') throw new CqlBuildError(`${label} must be a string, got ${typeof text}`);
  if (text.length > MAX_RAW_LENGTH) {
    throw new CqlBuildError(`${label} is ${text.length} characters long; at most ${MAX_RAW_LENGTH} are accepted`);
  }
  assertPrintable(text, label);
  const fail = (reason: string, at: number) => new CqlBuildError(`${label}: ${reason} at offset ${at}`);
  let depth = 0;
  let hasOperand = false;
  /** The previous word or string, lowercased, to spot `ORDER BY` however it is spaced. */
  let previous: { text: string; at: number } | undefined;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '"') {
      const end = closingQuote(text, i, fail);
      checkOrderBy(previous, text.slice(i + 1, end), fail);
      previous = { text: text.slice(i + 1, end).toLowerCase(), at: i };
      hasOperand = true;
      i = end + 1;
    } else if (ch === '(' || ch === ')') {
      depth += ch === '(' ? 1 : -1;
      if (depth < 0) throw fail("')' closes a parenthesis that was never opened", i);
      previous = undefined;
      i++;
    } else if (ch === "'") {
      throw fail('single-quoted strings are not accepted (use double quotes)', i);
    } else if (ch === '\\') {
      throw fail("'\\' outside a quoted string", i);
    } else if (WORD_END.test(ch)) {
      previous = undefined;
      i++;
    } else {
      const start = i;
      while (i < text.length && !WORD_END.test(text[i])) {
        if (isLookalike(text[i])) throw fail(`'${text[i]}' outside a quoted string (use ASCII " and parentheses)`, i);
        i++;
      }
      const word = text.slice(start, i);
      const comment = COMMENT.exec(word);
      if (comment) throw fail(`'${comment[0]}' outside a quoted string (CQL has no comments)`, start + comment.index);
      checkOrderBy(previous, word, fail);
      previous = { text: word.toLowerCase(), at: start };
      hasOperand = true;
    }
  }
  if (depth > 0) throw fail(`${depth} parenthesis(es) left open`, text.length);
  if (!hasOperand) throw new CqlBuildError(`${label} is empty: it has no field, value or keyword`);
  return text.trim();
}

/** Offset of the `"` closing the string opened at `start`. */
function closingQuote(text: string, start: number, fail: (reason: string, at: number) => Error): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '"') return i;
    if (text[i] === '\\') {
      if (i + 1 >= text.length) break;
      if (!STRING_ESCAPES.has(text[i + 1])) throw fail(`unknown escape '\\${text[i + 1]}' in a quoted string`, i);
      i++;
    }
  }
  throw fail('unterminated quoted string', start);
}

function checkOrderBy(
  previous: { text: string; at: number } | undefined,
  current: string,
  fail: (reason: string, at: number) => Error,
): void {
  // ORDER BY must stay last in the whole query, so only cql.orderBy may write it.
  if (previous?.text === 'order' && current.toLowerCase() === 'by') {
    throw fail('ORDER BY is not accepted in raw CQL (use cql.orderBy)', previous.at);
  }
}
