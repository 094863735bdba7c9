/**
 * Placeholders: storage that Markdown cannot express travels through the Markdown as an HTML comment
 * `<!--confluence:NAME:BASE64URL-->` holding its exact source (see CONVENTIONS.md, "Placeholders").
 */

/** The comment prefix every placeholder starts with. */
export const PLACEHOLDER_PREFIX = '<!--confluence:';

/** A decoded placeholder. */
export interface Placeholder {
  /** Readable hint: a macro name (`toc`) or an element name (`ac:layout`). */
  name: string;
  /** The exact storage source the placeholder stands for. */
  source: string;
}

/**
 * Matches one placeholder. The name may itself contain `:` (`ac:layout`) but never whitespace, `>` or `--`
 * (it must not end the comment); the payload alphabet has no `:`, so the last colon separates them.
 * No nested quantifiers over overlapping classes: linear time on any input.
 */
const PLACEHOLDER_PATTERN = /<!--confluence:([A-Za-z0-9_.:-]*):([A-Za-z0-9_-]*)-->/g;

/** Keeps a name readable and safe inside an HTML comment. */
export function placeholderName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_.:-]+/g, '-').replace(/-{2,}/g, '-');
  return cleaned.replace(/^-+|-+$/g, '') || 'unknown';
}

/**
 * Encodes a storage fragment as a placeholder comment.
 * @example encodePlaceholder('toc', '<ac:structured-macro ac:name="toc"/>')
 *   // '<!--confluence:toc:PGFjOnN0cnVjdHVyZWQtbWFjcm8gYWM6bmFtZT0idG9jIi8-->'
 */
export function encodePlaceholder(name: string, source: string): string {
  return `${PLACEHOLDER_PREFIX}${placeholderName(name)}:${encodePayload(source)}-->`;
}

/**
 * Decodes one placeholder comment (the whole string must be the comment, surrounding whitespace allowed).
 * Returns undefined when it is not a placeholder or its payload is not valid base64url UTF-8.
 */
export function decodePlaceholder(comment: string): Placeholder | undefined {
  const match = /^\s*<!--confluence:([A-Za-z0-9_.:-]*):([A-Za-z0-9_-]*)-->\s*$/.exec(comment);
  if (!match) return undefined;
  return decodeParts(match[1], match[2]);
}

/** A placeholder found in a larger text, with its position. */
export interface PlaceholderMatch extends Placeholder {
  start: number;
  end: number;
}

/**
 * Finds every placeholder comment in a text, in order. Undecodable ones are skipped (callers that care
 * can compare with the raw `PLACEHOLDER_PREFIX` occurrences).
 */
export function findPlaceholders(text: string): PlaceholderMatch[] {
  const found: PlaceholderMatch[] = [];
  for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
    const decoded = decodeParts(match[1], match[2]);
    const start = match.index ?? 0;
    if (decoded) found.push({ ...decoded, start, end: start + match[0].length });
  }
  return found;
}

function decodeParts(name: string, payload: string): Placeholder | undefined {
  const source = decodePayload(payload);
  return source === undefined ? undefined : { name, source };
}

/** base64url (no padding) of the UTF-8 source: the payload of placeholders and macro body markers. */
export function encodePayload(source: string): string {
  return Buffer.from(source, 'utf8').toString('base64url');
}

/** The source a payload holds, or undefined when it is not canonical base64url of valid UTF-8. */
export function decodePayload(payload: string): string | undefined {
  // base64url without padding never has length 1 (mod 4).
  if (payload.length % 4 === 1) return undefined;
  const bytes = Buffer.from(payload, 'base64url');
  // Re-encoding must give the payload back, otherwise it held stray bits.
  if (bytes.toString('base64url') !== payload) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
