/** Request-body checks shared by v1 and v2 writes: each failure is a 400 that names the field. */
import { HttpError, badRequest } from './errors';

/** A string (or number) field of a JSON body; `undefined` when absent and not required. */
export function stringField(input: Record<string, unknown>, name: string, required: boolean): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) {
    if (required) throw badRequest(`Field '${name}' is required`);
    return undefined;
  }
  if (typeof value !== 'string' && typeof value !== 'number') throw badRequest(`Field '${name}' must be a string`);
  return String(value);
}

/**
 * Confluence refuses storage that is not well-formed XHTML. A cheap tag-balance check catches what clients
 * get wrong in practice (unclosed or crossed tags).
 */
export function assertWellFormed(xhtml: string): void {
  const stack: string[] = [];
  const tag = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<(\/?)([A-Za-z][\w:.-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*(\/?)>/g;
  for (let match = tag.exec(xhtml); match; match = tag.exec(xhtml)) {
    const [, closing, name, , selfClosing] = match;
    if (!name || selfClosing) continue;
    if (!closing) stack.push(name);
    else if (stack.pop() !== name) {
      throw new HttpError(400, `Error parsing xhtml: Unexpected close tag </${name}>; expected </${stack.length ? stack[stack.length - 1] : 'nothing'}>`, 'INVALID_REQUEST_PARAMETER');
    }
  }
  if (stack.length) throw new HttpError(400, `Error parsing xhtml: Unexpected end of input; unclosed <${stack[stack.length - 1]}>`, 'INVALID_REQUEST_PARAMETER');
}
