import MarkdownIt from 'markdown-it';

/**
 * markdown-it's helpers (entity decoding, Markdown unescaping). They live on an instance; the smallest
 * preset is enough to get them.
 */
export const mdUtils = new MarkdownIt('zero').utils;

/**
 * Decodes HTML character references (named, decimal, hex) but not Markdown backslash escapes, which mean
 * nothing inside HTML. Entities never contain a backslash, so decoding between backslashes is exact.
 */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text
    .split('\\')
    .map((part) => mdUtils.unescapeAll(part))
    .join('\\');
}
