/** Markdown structure: the outline of headings, which heading a caller means, and its section read or replaced. */
export { atxHeading, outlineOf } from './outline';
export type { Heading } from './outline';
export { findHeadings, lookupHeading } from './match';
export type { HeadingLookup } from './match';
export { replaceSection, sectionOf, sectionRange } from './section';
export type { SectionRange } from './section';
