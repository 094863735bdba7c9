/**
 * Test helpers for the writer's specs: the well-formedness check every output must pass, and the path of the
 * shared reference data.
 */
import { XMLValidator } from 'fast-xml-parser';
import type { MarkdownToStorageOptions } from '../types';
import { XML_FORBIDDEN_CLASS } from './escape';
import { markdownToStorage } from './index';

/** The root a storage fragment is parsed in: it declares the `ac` and `ri` namespaces. */
export const ROOT_OPEN =
  '<root xmlns:ac="http://atlassian.com/content" xmlns:ri="http://atlassian.com/resource/identifier">';

// XMLValidator checks tags and attributes but accepts any `&name;` and any character; XML 1.0 does not.
const UNKNOWN_REFERENCE = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)[^\s<]{0,12}/;
const FORBIDDEN_CHARACTER = new RegExp(`[${XML_FORBIDDEN_CLASS}]`, 'u');
const FORBIDDEN_REFERENCE = /&#(?:x0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F])|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]));/;

/** Why a storage fragment is not well-formed XML, or undefined when it is. */
export function wellFormedProblem(storage: string): string | undefined {
  const result = XMLValidator.validate(`${ROOT_OPEN}${storage}</root>`);
  if (result !== true) return `${result.err.msg} (line ${result.err.line}, column ${result.err.col})`;
  // References mean nothing inside CDATA sections: `&` is literal there.
  const reference = UNKNOWN_REFERENCE.exec(storage.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, ''));
  if (reference) return `reference XML does not define: ${reference[0]}`;
  const character = FORBIDDEN_CHARACTER.exec(storage);
  if (character) return `character XML forbids: U+${character[0].charCodeAt(0).toString(16).toUpperCase()}`;
  const forbiddenReference = FORBIDDEN_REFERENCE.exec(storage);
  if (forbiddenReference) return `reference to a character XML forbids: ${forbiddenReference[0]}`;
  return undefined;
}

/** Converts and checks well-formedness; returns the storage. */
export function toStorage(markdown: string, options?: MarkdownToStorageOptions): string {
  const { storage } = markdownToStorage(markdown, options);
  const problem = wellFormedProblem(storage);
  if (problem) throw new Error(`not well-formed: ${problem}\n${storage}`);
  return storage;
}

/** The shared reference folder (one finder for the whole library's specs). */
export { referencePath as referenceDir } from '../reader/spec-helpers';
