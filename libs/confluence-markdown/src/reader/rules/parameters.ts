/** Macro parameters (`ac:parameter`), read the same way by every macro rule. */
import { DomElement, childElements, isElement } from '../dom';

/** Parameters as [name, value] pairs, in source order. */
export type Parameters = Array<[name: string, value: string]>;

/** The macro's parameters in source order, or undefined when one holds markup (a page link, for instance). */
export function macroParameters(node: DomElement): Parameters | undefined {
  const out: Parameters = [];
  for (const parameter of childElements(node, 'ac:parameter')) {
    for (let child = parameter.firstChild; child; child = child.nextSibling) if (isElement(child)) return undefined;
    out.push([parameter.getAttribute('ac:name') ?? '', (parameter.textContent ?? '').trim()]);
  }
  return out;
}

/** The value of the first parameter called `name`. */
export function parameter(parameters: Parameters, name: string): string | undefined {
  return parameters.find(([key]) => key === name)?.[1];
}

