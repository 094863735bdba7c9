/**
 * Sections of a Markdown text: a heading line and everything up to the next heading of its level or above (or the
 * end of the text). Find the heading with `lookupHeading`, then read or replace its section here.
 */
import type { Heading } from './outline';
import { outlineOf } from './outline';

/** Where a section lies in its text (character offsets, end exclusive). */
export interface SectionRange {
  /** The start of the heading line. */
  start: number;
  /** The start of the line after the heading line (the text's length when the heading is the last line). */
  bodyStart: number;
  /** The next heading of the same level or above, or the text's length. */
  end: number;
}

/**
 * Where the section of `heading` lies. `heading` must come from `outline`, the outline of `markdown`.
 *
 * @param outline `outlineOf(markdown)`, passed in when the caller already has it.
 * @throws RangeError when `heading` is not a heading of `outline`.
 */
export function sectionRange(markdown: string, heading: Heading, outline: readonly Heading[] = outlineOf(markdown)): SectionRange {
  const index = outline.findIndex((h) => h.offset === heading.offset && h.level === heading.level);
  if (index < 0) throw new RangeError(`heading: no level ${heading.level} heading starts at offset ${heading.offset} of this text`);
  const lineEnd = markdown.indexOf('\n', heading.offset);
  let end = markdown.length;
  for (let i = index + 1; i < outline.length; i++) {
    if (outline[i].level <= heading.level) {
      end = outline[i].offset;
      break;
    }
  }
  return { start: heading.offset, bodyStart: lineEnd < 0 ? markdown.length : lineEnd + 1, end };
}

/**
 * The section of `heading`: its heading line, its body and its sub-sections, without trailing whitespace.
 *
 * @example
 * const markdown = '# Guide\n## Setup\nRun it.\n### Linux\napt\n## Rollback\nUndo.';
 * const found = lookupHeading(outlineOf(markdown), 'setup');
 * if (found.kind === 'found') sectionOf(markdown, found.heading); // '## Setup\nRun it.\n### Linux\napt'
 */
export function sectionOf(markdown: string, heading: Heading, outline?: readonly Heading[]): string {
  const { start, end } = sectionRange(markdown, heading, outline);
  return markdown.slice(start, end).trimEnd();
}

/**
 * `markdown` with the body of `heading`'s section (everything after the heading line, sub-sections included)
 * replaced by `content`. The heading line and everything outside the section stay character for character; blank
 * lines around `content` are normalised to one before the next heading. An empty `content` empties the section.
 */
export function replaceSection(markdown: string, heading: Heading, content: string, outline?: readonly Heading[]): string {
  const { bodyStart, end } = sectionRange(markdown, heading, outline);
  const before = markdown.slice(0, bodyStart);
  const after = markdown.slice(end);
  // Leading blank lines go (spaces before the content's first line stay); trailing whitespace goes.
  const trimmed = content.replace(/^\s*\n/, '').trimEnd();
  const middle = trimmed ? `\n${trimmed}\n${after ? '\n' : ''}` : after ? '\n' : '';
  return `${before.endsWith('\n') ? before : `${before}\n`}${middle}${after}`;
}
