/**
 * The two layers of quoting in CQL.
 *
 * 1. Every value is a CQL string: double quotes around it, and `"` and `\` escaped with a backslash. Newline,
 *    carriage return and tab are written as `\n`, `\r`, `\t` so a query stays on one line (in logs and URLs).
 * 2. The value of a `~` clause is then read again by Lucene's query parser, where `+ - & | ! ( ) { } [ ] ^ ~ * ?
 *    : \ / "` and the upper-case words `AND`, `OR`, `NOT` are syntax. Those are escaped with a backslash
 *    *before* layer 1, which doubles that backslash: user text `C++` becomes `text ~ "C\\+\\+"`. This is the
 *    double escaping Atlassian documents for phrase quotes in CQL (`text ~ "\"hello dolly\""`) and for
 *    reserved characters in JQL, whose query language CQL shares.
 */
import { CqlBuildError } from './errors';

const CQL_STRING_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** Lucene query syntax characters, with and without the two wildcards. */
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^~*?:\\/"]/g;
const LUCENE_SPECIAL_KEEP_WILDCARDS = /[+\-&|!(){}[\]^~:\\/"]/g;

/**
 * Lucene's classic parser reads these words as operators only in upper case and only as whole words.
 * JavaScript's `\s` is a superset of Lucene's whitespace, so this may escape more words than needed, never fewer;
 * escaping a letter that needs none is harmless in Lucene.
 */
const LUCENE_KEYWORD = /(^|\s)(AND|OR|NOT)(?=\s|$)/g;

/**
 * Refuses characters that CQL strings cannot carry: control characters other than tab, newline and carriage
 * return (no CQL escape exists for them), and lone surrogates (`encodeURIComponent` throws on them when the
 * query is put in a URL).
 */
export function assertPrintable(text: string, label: string): void {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const control = (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
    const high = code >= 0xd800 && code <= 0xdbff;
    const low = code >= 0xdc00 && code <= 0xdfff;
    if (high) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    if (control || high || low) {
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      throw new CqlBuildError(`${label} contains the unprintable character U+${hex} at offset ${i}`);
    }
  }
}

/** A CQL string literal holding exactly `value`. */
export function quote(value: string, label: string): string {
  assertPrintable(value, label);
  return `"${value.replace(/["\\\n\r\t]/g, (ch) => CQL_STRING_ESCAPES[ch])}"`;
}

/**
 * Escapes user text for the Lucene query of a `~` clause so that it is searched literally. With `wildcard`,
 * `*` and `?` stay wildcards; everything else is still escaped.
 */
export function escapeLucene(text: string, wildcard: boolean): string {
  return text
    .replace(wildcard ? LUCENE_SPECIAL_KEEP_WILDCARDS : LUCENE_SPECIAL, '\\$&')
    .replace(LUCENE_KEYWORD, '$1\\$2');
}
