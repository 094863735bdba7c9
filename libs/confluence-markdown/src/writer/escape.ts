/**
 * Escaping for storage format, which is XML: only the five XML entities exist (HTML named entities such as
 * `&nbsp;` break an XML parser), and XML 1.0 forbids most C0 controls, U+FFFE/U+FFFF and lone surrogates.
 */

/**
 * Characters XML 1.0 does not allow anywhere, not even as character references (a regex character class
 * body). With the `u` flag a surrogate pair is one code point, so the surrogate range only matches lone
 * halves. Built with `new RegExp` so the control characters are data, not a suspicious literal.
 */
export const XML_FORBIDDEN_CLASS = '\\0-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF\\uD800-\\uDFFF';
const FORBIDDEN_GLOBAL = new RegExp(`[${XML_FORBIDDEN_CLASS}]`, 'gu');
const FORBIDDEN_TEST = new RegExp(`[${XML_FORBIDDEN_CLASS}]`, 'u');

/** The replacement for a character XML cannot carry: visible, so the loss is noticed. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/**
 * Replaces every character XML 1.0 forbids with U+FFFD.
 * @returns the clean text and how many characters were replaced.
 */
export function replaceForbiddenCharacters(text: string): { text: string; replaced: number } {
  if (!FORBIDDEN_TEST.test(text)) return { text, replaced: 0 };
  let replaced = 0;
  const clean = text.replace(FORBIDDEN_GLOBAL, () => {
    replaced++;
    return REPLACEMENT_CHARACTER;
  });
  return { text: clean, replaced };
}

const TEXT_TEST = new RegExp(`[&<>${XML_FORBIDDEN_CLASS}]`, 'u');
const TEXT_GLOBAL = new RegExp(`[&<>${XML_FORBIDDEN_CLASS}]`, 'gu');
const ATTR_TEST = new RegExp(`[&<>"\\t\\n\\r${XML_FORBIDDEN_CLASS}]`, 'u');
const ATTR_GLOBAL = new RegExp(`[&<>"\\t\\n\\r${XML_FORBIDDEN_CLASS}]`, 'gu');

const REPLACEMENTS: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  // An XML parser normalises whitespace in attribute values; references keep it.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

function replaceOne(ch: string): string {
  return REPLACEMENTS[ch] ?? REPLACEMENT_CHARACTER;
}

/**
 * Escapes text content. Characters that the input sanitiser could not see (they came from a character
 * reference such as `&#12;`) are replaced here too, so the output stays well-formed whatever the source.
 */
export function escapeText(text: string): string {
  return TEXT_TEST.test(text) ? text.replace(TEXT_GLOBAL, replaceOne) : text;
}

/** Escapes an attribute value for a double-quoted attribute. */
export function escapeAttr(value: string): string {
  return ATTR_TEST.test(value) ? value.replace(ATTR_GLOBAL, replaceOne) : value;
}

/**
 * Wraps text in a CDATA section. `]]>` cannot occur inside one, so it is split across two sections:
 * `]]` ends the first, `>` starts the second (`]]]]><![CDATA[>`).
 */
export function cdata(text: string): string {
  const clean = replaceForbiddenCharacters(text).text;
  return `<![CDATA[${clean.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}
