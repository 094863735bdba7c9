/** Builders for Markdown constructs whose syntax depends on their content (fences, code spans, destinations). */

/**
 * A fence longer than any run of its character in the body (CONVENTIONS.md). Backticks, except when the info
 * string holds one (CommonMark forbids that after a backtick fence): then tildes.
 */
export function fencedBlock(body: string, info: string): string {
  const char = info.includes('`') ? '~' : '`';
  let longest = 0;
  let run = 0;
  for (let i = 0; i < body.length; i++) {
    run = body[i] === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  const fence = char.repeat(Math.max(3, longest + 1));
  const head = info ? `${fence}${info}` : fence;
  return body ? `${head}\n${body}\n${fence}` : `${head}\n${fence}`;
}

/** An inline code span: delimiters longer than any run inside, padded where CommonMark would strip or merge. */
export function codeSpan(text: string): string {
  const code = text.replace(/\r?\n|\r/g, ' ');
  if (!code) return '';
  let delimiter = '`';
  // The delimiter must differ from every run inside: the shortest length not used.
  const runs = new Set(code.match(/`+/g)?.map((r) => r.length) ?? []);
  while (runs.has(delimiter.length)) delimiter += '`';
  const allSpaces = /^ +$/.test(code);
  const pad = !allSpaces && (code[0] === '`' || code[code.length - 1] === '`' || (code[0] === ' ' && code[code.length - 1] === ' '));
  return pad ? `${delimiter} ${code} ${delimiter}` : `${delimiter}${code}${delimiter}`;
}

/**
 * A link destination. Characters are percent-encoded the way markdown-it normalises link URLs, so that what the
 * writer reads back is what we wrote (a fixed point); parentheses are backslash-escaped.
 */
export function linkDestination(url: string): string {
  let out = '';
  for (let i = 0; i < url.length; i++) {
    const c = url[i];
    if (/[A-Za-z0-9;/?:@&=+$,\-_.!~*'#]/.test(c)) out += c;
    else if (c === '(' || c === ')') out += `\\${c}`;
    else if (c === '%' && /^[0-9A-Fa-f]{2}$/.test(url.slice(i + 1, i + 3))) out += c;
    else {
      const code = url.codePointAt(i) ?? 0;
      const char = String.fromCodePoint(code);
      if (char.length === 2) i++;
      // Lone surrogates cannot be encoded; they are dropped like markdown-it does.
      out += code >= 0xd800 && code <= 0xdfff ? '' : encodeURIComponent(char);
    }
  }
  return out;
}

/** Percent-encodes a path segment of our own URL schemes (`confluence-page:KEY/Title`). */
export function encodeSegment(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Prefixes every line: `first` on the first line, `rest` on the others; empty lines get nothing (no trailing spaces). */
export function prefixLines(text: string, first: string, rest: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const prefix = i === 0 ? first : rest;
    lines[i] = lines[i] ? prefix + lines[i] : prefix.trimEnd();
  }
  return lines.join('\n');
}

/** Block quote: `> ` before each line, `>` alone on empty ones. */
export function quoteLines(text: string): string {
  return prefixLines(text, '> ', '> ');
}

/** Drops leading and trailing newlines (not spaces: a no-break space is content). */
export function trimNewlines(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === '\n') start++;
  while (end > start && text[end - 1] === '\n') end--;
  return text.slice(start, end);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes text or a double-quoted attribute value for (X)HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c]);
}
