/**
 * The outline of a Markdown text: its ATX headings outside fenced code. Page text is untrusted, so everything here
 * runs in time linear in the text: a backtracking heading regex over a line full of Unicode spaces once froze a
 * shared server for 30 s.
 */

/** One ATX heading of a Markdown text. */
export interface Heading {
  /** 1 to 6: the number of `#`. */
  level: number;
  /** The heading's text, without the `#`s, the surrounding whitespace and a closing run of `#`. */
  text: string;
  /** Character offset of the heading line in the text. */
  offset: number;
  /** 1-based line number of the heading line. */
  line: number;
}

/**
 * ATX headings outside fenced code blocks, in text order (`storageToMarkdown` writes only ATX headings). One pass
 * over the lines, each read by {@link atxHeading}.
 *
 * @example
 * outlineOf('# Guide\n```\n# not a heading\n```\n## Setup');
 * // [{ level: 1, text: 'Guide', offset: 0, line: 1 }, { level: 2, text: 'Setup', offset: 32, line: 5 }]
 */
export function outlineOf(markdown: string): Heading[] {
  const headings: Heading[] = [];
  let fence: string | undefined;
  let offset = 0;
  for (let line = 1; offset <= markdown.length; line++) {
    const lineEnd = markdown.indexOf('\n', offset);
    const end = lineEnd < 0 ? markdown.length : lineEnd;
    const text = markdown.slice(offset, end);
    const fenceChar = fenceOf(text);
    if (fenceChar) {
      if (!fence) fence = fenceChar;
      else if (fenceChar === fence) fence = undefined;
    } else if (!fence) {
      const heading = atxHeading(text);
      if (heading) headings.push({ ...heading, offset, line });
    }
    if (lineEnd < 0) break;
    offset = lineEnd + 1;
  }
  return headings;
}

/** The fence character (`` ` `` or `~`) when `line` opens or closes a fenced code block. */
function fenceOf(line: string): string | undefined {
  let i = 0;
  while (i < 3 && line[i] === ' ') i++;
  const char = line[i];
  if (char !== '`' && char !== '~') return undefined;
  return line.startsWith(char.repeat(3), i) ? char : undefined;
}

/**
 * One line read as a CommonMark ATX heading (`## Text ##`): up to three spaces, one to six `#`, whitespace, the
 * text. Surrounding whitespace and a closing run of `#` after whitespace are not part of the text. Linear: no
 * regex backtracking.
 *
 * @example
 * atxHeading('   ### Title ###  '); // { level: 3, text: 'Title' }
 * atxHeading('# C#'); // { level: 1, text: 'C#' }
 * atxHeading('#hashtag'); // undefined
 */
export function atxHeading(line: string): { level: number; text: string } | undefined {
  let i = 0;
  while (i < 3 && line[i] === ' ') i++;
  let level = 0;
  while (line[i + level] === '#') level++;
  if (level < 1 || level > 6) return undefined;
  const rest = line.slice(i + level);
  if (!rest || rest.trimStart() === rest) return undefined;
  let text = rest.trim();
  let close = text.length;
  while (close > 0 && text[close - 1] === '#') close--;
  if (close === 0) text = '';
  else if (close < text.length && text[close - 1].trim() === '') text = text.slice(0, close).trimEnd();
  return { level, text };
}
