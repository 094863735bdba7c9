/** The reader: Confluence storage format -> Markdown (CONVENTIONS.md). */
export { storageToMarkdown } from './storage-to-markdown';
export { collectReferences } from './collect-references';
