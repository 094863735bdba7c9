/**
 * Confluence storage format <-> Markdown. The Markdown conventions both directions follow are in
 * CONVENTIONS.md beside this library.
 */
export type { ConversionWarning, MarkdownToStorageOptions, MarkdownToStorageResult, PageRef, WarningKind } from './types';
export { markdownToStorage } from './writer';
