/**
 * Low-level scanning of storage markup: start tags with their attributes, end tags. Every function looks at one
 * construct from a given position and never backtracks, so a caller that moves forward stays linear.
 */

/** One attribute as written: `raw` is its exact source slice, `value` the undecoded value without quotes. */
export interface ScannedAttribute {
  name: string;
  value: string;
  raw: string;
}

/** A start tag `<name attr="v" ...>` or `<name ... />`. A class: this is allocated once per tag of a page. */
export class ScannedTag {
  private parsed: ScannedAttribute[] | undefined;

  constructor(
    private readonly input: string,
    /** Lower-cased: HTML names are case-insensitive and storage writes them in lower case anyway. */
    readonly name: string,
    /** The attributes' source is `[attrStart, attrEnd)`: after the name, before `>` (or `/>`). */
    readonly attrStart: number,
    readonly attrEnd: number,
    readonly selfClosing: boolean,
    /** Index just after the closing `>`. */
    readonly end: number,
  ) {}

  /** Parsed on first use: most tags are only copied through. */
  get attributes(): ScannedAttribute[] {
    if (!this.parsed) {
      this.parsed = [];
      scanAttributes(this.input, this.attrStart, this.parsed);
    }
    return this.parsed;
  }
}

const enum Char {
  Tab = 9,
  LineFeed = 10,
  FormFeed = 12,
  CarriageReturn = 13,
  Space = 32,
  DoubleQuote = 34,
  SingleQuote = 39,
  Slash = 47,
  LessThan = 60,
  Equals = 61,
  GreaterThan = 62,
}

/** HTML whitespace (space, tab, LF, CR, FF). */
export function isSpace(code: number): boolean {
  return code === Char.Space || code === Char.LineFeed || code === Char.Tab || code === Char.CarriageReturn || code === Char.FormFeed;
}

/** Tag names: ASCII letters first, then letters, digits and `_ : . -` (namespaced names such as `ac:link`). */
function isNameStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57) || code === 58 || code === 46 || code === 45;
}

function isAttributeNameChar(code: number): boolean {
  return !isSpace(code) && code !== Char.Equals && code !== Char.GreaterThan && code !== Char.Slash && code !== Char.DoubleQuote && code !== Char.SingleQuote && code !== Char.LessThan;
}

/** Reads a tag name starting at `pos`; returns its end index (equal to `pos` when there is none). */
function scanName(input: string, pos: number): number {
  if (pos >= input.length || !isNameStart(input.charCodeAt(pos))) return pos;
  let i = pos + 1;
  while (i < input.length && isNameChar(input.charCodeAt(i))) i++;
  return i;
}

/**
 * Scans a start tag whose `<` is at `pos`. Returns undefined when `pos` does not start a tag name, or 'eof' when the
 * tag is cut off (no `>`, or an unclosed quote) — the caller then knows no later tag can end either.
 */
export function scanStartTag(input: string, pos: number): ScannedTag | 'eof' | undefined {
  const nameEnd = scanName(input, pos + 1);
  if (nameEnd === pos + 1) return undefined;
  const end = scanAttributes(input, nameEnd, undefined);
  if (end < 0) return 'eof';
  // Only the `/>` ending puts a slash right before `>` (an unquoted `a=b/` value stops before it).
  const selfClosing = end - 2 >= nameEnd && input.charCodeAt(end - 2) === Char.Slash;
  return new ScannedTag(input, input.slice(pos + 1, nameEnd).toLowerCase(), nameEnd, selfClosing ? end - 2 : end - 1, selfClosing, end);
}

/**
 * Walks the attributes from `pos` to the tag's `>`, respecting quotes; fills `out` when given. Returns the index
 * after `>`, or -1 when the input ends first.
 */
function scanAttributes(input: string, pos: number, out: ScannedAttribute[] | undefined): number {
  const length = input.length;
  let i = pos;
  for (;;) {
    while (i < length && isSpace(input.charCodeAt(i))) i++;
    if (i >= length) return -1;
    const code = input.charCodeAt(i);
    if (code === Char.GreaterThan) return i + 1;
    if (code === Char.Slash) {
      if (input.charCodeAt(i + 1) === Char.GreaterThan) return i + 2;
      i++;
      continue;
    }
    const attrStart = i;
    while (i < length && isAttributeNameChar(input.charCodeAt(i))) i++;
    if (i === attrStart) {
      // A stray quote or `<`: skip it, as an HTML parser would.
      i++;
      continue;
    }
    let j = i;
    while (j < length && isSpace(input.charCodeAt(j))) j++;
    if (input.charCodeAt(j) !== Char.Equals) {
      out?.push({ name: input.slice(attrStart, i), value: '', raw: input.slice(attrStart, i) });
      continue;
    }
    j++;
    while (j < length && isSpace(input.charCodeAt(j))) j++;
    if (j >= length) return -1;
    const quote = input.charCodeAt(j);
    if (quote === Char.DoubleQuote || quote === Char.SingleQuote) {
      const close = input.indexOf(quote === Char.DoubleQuote ? '"' : "'", j + 1);
      if (close < 0) return -1;
      out?.push({ name: input.slice(attrStart, i), value: input.slice(j + 1, close), raw: input.slice(attrStart, close + 1) });
      i = close + 1;
      continue;
    }
    let k = j;
    while (k < length && !isSpace(input.charCodeAt(k)) && input.charCodeAt(k) !== Char.GreaterThan) k++;
    // `<a href=x/>`: the slash closes the tag (XML reading), it is not part of the value.
    if (k > j + 1 && input.charCodeAt(k - 1) === Char.Slash && input.charCodeAt(k) === Char.GreaterThan) k--;
    out?.push({ name: input.slice(attrStart, i), value: input.slice(j, k), raw: input.slice(attrStart, k) });
    i = k;
  }
}

/** Scans an end tag whose `</` is at `pos`: the lower-cased name and the index after `>`, or 'eof'/undefined. */
export function scanEndTag(input: string, pos: number): { name: string; end: number } | 'eof' | undefined {
  const nameEnd = scanName(input, pos + 2);
  if (nameEnd === pos + 2) return undefined;
  const close = input.indexOf('>', nameEnd);
  if (close < 0) return 'eof';
  return { name: input.slice(pos + 2, nameEnd).toLowerCase(), end: close + 1 };
}

/** The value of the first attribute with this (case-insensitive) name. */
export function attributeValue(attributes: readonly ScannedAttribute[], name: string): string | undefined {
  for (const attribute of attributes) if (attribute.name.toLowerCase() === name) return attribute.value;
  return undefined;
}
