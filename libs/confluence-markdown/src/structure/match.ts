/**
 * Which heading a caller means. One rule for every reader and writer of sections (a section read and a section
 * replaced once disagreed on case):
 *
 * 1. The wanted text is trimmed; written as a heading line (`## Setup`), its heading text is taken.
 * 2. Exact: headings whose text equals it, character for character.
 * 3. Only when none is exact, loose: equal after collapsing every run of whitespace (Unicode spaces included) to
 *    one space, NFC normalisation and lower-casing (`setup`, `Set\u00a0up`... for `Set up`).
 * 4. Several matches of the winning step are ambiguous: the caller picks one by `occurrence` (1-based, text order).
 */
import type { Heading } from './outline';
import { atxHeading } from './outline';

/** What {@link lookupHeading} found for a wanted heading text. */
export type HeadingLookup =
  /** Exactly one heading, or the one `occurrence` picked. */
  | { kind: 'found'; heading: Heading; exact: boolean }
  /** No heading matches, exactly or loosely. */
  | { kind: 'missing' }
  /** Several headings match and no `occurrence` was given; `candidates` in text order. */
  | { kind: 'ambiguous'; candidates: Heading[]; exact: boolean }
  /** `occurrence` is larger than the number of `candidates`. */
  | { kind: 'no-such-occurrence'; candidates: Heading[]; exact: boolean };

/**
 * Every heading of `outline` the wanted text names, by the rule above: the exact matches, or when there are none
 * the loose ones. Linear in the outline's text.
 */
export function findHeadings(outline: readonly Heading[], wanted: string): { matches: Heading[]; exact: boolean } {
  const forms = wantedForms(wanted);
  const exact = outline.filter((h) => forms.includes(h.text));
  if (exact.length) return { matches: exact, exact: true };
  const keys = new Set(forms.map(looseKey));
  return { matches: outline.filter((h) => keys.has(looseKey(h.text))), exact: false };
}

/**
 * The one heading of `outline` the wanted text names, or why there is none.
 *
 * @param occurrence which of several matches (1-based, in text order); without it several matches are ambiguous.
 * @throws RangeError when `occurrence` is not a whole number from 1.
 * @example
 * const outline = outlineOf('## Notes\na\n## Setup\nb\n## Notes\nc');
 * lookupHeading(outline, 'setup'); // { kind: 'found', heading: { level: 2, text: 'Setup', ... }, exact: false }
 * lookupHeading(outline, 'Notes'); // { kind: 'ambiguous', candidates: [two headings], exact: true }
 * lookupHeading(outline, 'Notes', 2); // { kind: 'found', heading: the second, exact: true }
 */
export function lookupHeading(outline: readonly Heading[], wanted: string, occurrence?: number): HeadingLookup {
  if (occurrence !== undefined && !(Number.isInteger(occurrence) && occurrence >= 1)) {
    throw new RangeError(`occurrence: must be a whole number from 1, got ${String(occurrence)}`);
  }
  const { matches, exact } = findHeadings(outline, wanted);
  if (!matches.length) return { kind: 'missing' };
  if (occurrence === undefined) return matches.length === 1 ? { kind: 'found', heading: matches[0], exact } : { kind: 'ambiguous', candidates: matches, exact };
  const heading = matches[occurrence - 1];
  return heading ? { kind: 'found', heading, exact } : { kind: 'no-such-occurrence', candidates: matches, exact };
}

/** The wanted text as given (trimmed) and, when written as a heading line, its heading text. */
function wantedForms(wanted: string): string[] {
  const trimmed = wanted.trim();
  const asLine = atxHeading(trimmed)?.text;
  return asLine !== undefined && asLine !== trimmed ? [trimmed, asLine] : [trimmed];
}

/** The text compared in the loose step. `\s+` is a single character class: no backtracking, linear. */
function looseKey(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}
