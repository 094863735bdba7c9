/**
 * A small, strict XML 1.0 well-formedness checker for tests (no XML parser is available in the workspace):
 * one root element, balanced and properly nested tags, quoted unique attributes, declared namespace prefixes,
 * only the predefined or numeric character references, closed CDATA sections and comments.
 */

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;
const REFERENCE = /^&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;

/** Wraps a storage-format body in a root element declaring the `ac` and `ri` namespaces, as Confluence does. */
export function wrapStorage(body: string): string {
  return `<root xmlns:ac="http://atlassian.com/content" xmlns:ri="http://atlassian.com/resource/identifier">${body}</root>`;
}

/** Null when `xml` is well-formed, otherwise what is wrong and where. */
export function wellFormednessError(xml: string): string | null {
  const stack: { name: string; prefixes: string[] }[] = [];
  const declared = new Map<string, number>([['xml', 1]]);
  let roots = 0;
  let i = 0;
  const fail = (msg: string): string => `${msg} at offset ${i}: ${JSON.stringify(xml.slice(Math.max(0, i - 40), i + 40))}`;
  const checkText = (text: string, where: string): string | null => {
    if (text.includes('<')) return `'<' in ${where}`;
    for (let a = text.indexOf('&'); a >= 0; a = text.indexOf('&', a + 1)) {
      if (!REFERENCE.test(text.slice(a, a + 12))) return `bad character reference in ${where}`;
    }
    return null;
  };
  const prefixOk = (name: string): boolean => !name.includes(':') || (declared.get(name.slice(0, name.indexOf(':'))) ?? 0) > 0;
  if (xml.startsWith('<?xml')) i = xml.indexOf('?>') + 2;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text.length > 0) {
      if (stack.length === 0 && text.trim()) return fail('text outside the root element');
      if (text.includes(']]>')) return fail("']]>' in text");
      const err = checkText(text, 'text');
      if (err) return fail(err);
    }
    if (lt < 0) break;
    i = lt;
    if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i + 9);
      if (end < 0 || stack.length === 0) return fail('unclosed or misplaced CDATA section');
      i = end + 3;
    } else if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end < 0 || xml.slice(i + 4, end).includes('--')) return fail('bad comment');
      i = end + 3;
    } else if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i + 2);
      if (end < 0) return fail('unclosed processing instruction');
      i = end + 2;
    } else if (xml.startsWith('</', i)) {
      const end = xml.indexOf('>', i);
      if (end < 0) return fail('unclosed end tag');
      const name = xml.slice(i + 2, end).trimEnd();
      const top = stack.pop();
      if (!top || top.name !== name) return fail(`end tag </${name}> does not match <${top?.name ?? '(none)'}>`);
      for (const p of top.prefixes) declared.set(p, (declared.get(p) ?? 1) - 1);
      i = end + 1;
    } else {
      const m = /^<([^\s/>]+)/.exec(xml.slice(i, i + 200));
      if (!m || !NAME.test(m[1])) return fail('bad element name');
      const name = m[1];
      let j = i + m[0].length;
      const attrs: [string, string][] = [];
      for (;;) {
        const before = j;
        while (j < xml.length && /\s/.test(xml[j])) j++;
        const ws = j - before;
        if (xml.startsWith('/>', j) || xml[j] === '>') break;
        if (ws === 0) return fail('attributes must be separated by whitespace');
        const a = /^([^\s=/>]+)\s*=\s*(["'])/.exec(xml.slice(j, j + 200));
        if (!a || !NAME.test(a[1])) return fail('bad attribute');
        const close = xml.indexOf(a[2], j + a[0].length);
        if (close < 0) return fail('unclosed attribute value');
        const value = xml.slice(j + a[0].length, close);
        const err = checkText(value, `attribute ${a[1]}`);
        if (err) return fail(err);
        if (attrs.some(([n]) => n === a[1])) return fail(`duplicate attribute ${a[1]}`);
        attrs.push([a[1], value]);
        j = close + 1;
      }
      const prefixes = attrs.filter(([n]) => n.startsWith('xmlns:')).map(([n]) => n.slice(6));
      for (const p of prefixes) declared.set(p, (declared.get(p) ?? 0) + 1);
      if (!prefixOk(name) || attrs.some(([n]) => !n.startsWith('xmlns:') && !prefixOk(n))) return fail(`undeclared namespace prefix in <${name}>`);
      if (stack.length === 0 && roots++ > 0) return fail('more than one root element');
      const selfClosing = xml.startsWith('/>', j);
      if (selfClosing) for (const p of prefixes) declared.set(p, (declared.get(p) ?? 1) - 1);
      else stack.push({ name, prefixes });
      i = j + (selfClosing ? 2 : 1);
    }
  }
  if (stack.length > 0) return fail(`unclosed <${stack[stack.length - 1].name}>`);
  if (roots !== 1) return fail('no root element');
  return null;
}
