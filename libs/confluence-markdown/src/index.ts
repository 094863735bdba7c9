/**
 * Confluence storage format <-> Markdown. The Markdown conventions both directions follow are in
 * CONVENTIONS.md beside this library.
 */
export type {
  ConversionWarning,
  MarkdownToStorageOptions,
  MarkdownToStorageResult,
  PageRef,
  StorageReferences,
  StorageToMarkdownOptions,
  StorageToMarkdownResult,
  UserRef,
  UserResolver,
  WarningKind,
} from './types';
export { storageToMarkdown, collectReferences } from './reader';
export { PLACEHOLDER_PREFIX, decodePlaceholder, encodePlaceholder, findPlaceholders } from './placeholder';
export type { Placeholder, PlaceholderMatch } from './placeholder';
export { markdownToStorage } from './writer';
/** Decodes numeric and common named HTML character references (`&amp;`, `&#39;`, `&nbsp;`...); unknown names stay. */
export { decodeEntities } from './reader/entities';
export { atxHeading, findHeadings, lookupHeading, outlineOf, replaceSection, sectionOf, sectionRange } from './structure';
export type { Heading, HeadingLookup, SectionRange } from './structure';
