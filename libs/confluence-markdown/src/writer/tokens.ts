import type MarkdownIt from 'markdown-it';

/** markdown-it's token class (the type lives on the `MarkdownIt` namespace). */
export type Token = MarkdownIt.Token;

/**
 * For every opening block token, the index of its closing token (-1 elsewhere). One pass with an
 * explicit stack: block tokens nest properly, however deep, and no recursion is needed.
 */
export function matchClosings(tokens: readonly Token[]): Int32Array {
  const closing = new Int32Array(tokens.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const nesting = tokens[i].nesting;
    if (nesting === 1) open.push(i);
    else if (nesting === -1) {
      const start = open.pop();
      if (start !== undefined) closing[start] = i;
    }
  }
  return closing;
}

/** Attaches our own data to a token (markdown-it types `meta` as a plain record). */
export function setMeta<T extends object>(token: Token, meta: T): void {
  token.meta = meta as unknown as Record<string, unknown>;
}

/** Reads what `setMeta` attached. */
export function getMeta<T extends object>(token: Token): T {
  return token.meta as unknown as T;
}

/** A token attribute as a string ('' when absent). */
export function attr(token: Token, name: string): string {
  const value = token.attrGet(name);
  return value === null ? '' : String(value);
}
