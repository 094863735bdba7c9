/** Storage format -> plain text, for CQL `text ~` search and excerpts. Linear, like the view renderer. */
import { decodeEntities } from './markup';
import { CDATA, CLOSE, OPEN, TEXT, Tokenizer, parseAttrs } from './tokenizer';

/** Elements whose content is metadata rather than page text (parameters other than titles are skipped too). */
const HIDDEN = new Set(['ac:placeholder', 'ac:task-id', 'ac:task-uuid', 'ac:task-status', 'ac:adf-attribute']);
/** Elements that end a line of text. */
const BLOCKS = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'tr', 'table', 'ul', 'ol', 'pre', 'blockquote', 'br', 'hr',
  'details', 'summary', 'dt', 'dd', 'ac:task', 'ac:layout-cell', 'ac:structured-macro', 'ac:rich-text-body',
  'ac:plain-text-body', 'ac:parameter',
]);

/**
 * The text a reader sees: tags stripped, entities decoded, code (CDATA) kept, placeholders and macro parameters
 * (except titles) dropped, links without a body shown by their target's title or file name. One line per block.
 */
export function storageToPlainText(storage: string): string {
  const tk = new Tokenizer(storage);
  const t = tk.token;
  const parts: string[] = [];
  /** Open ac: elements; `hidden` counts those hiding their content, `open` how many of each name are open. */
  const stack: { name: string; hides: boolean }[] = [];
  const open = new Map<string, number>();
  let hidden = 0;
  /** Text pieces with something visible, to tell whether a link had a body. */
  let visible = 0;
  let link: { fallback: string; visibleAtOpen: number } | null = null;
  while (tk.next()) {
    if (t.type === TEXT || t.type === CDATA) {
      if (hidden > 0) continue;
      const text = t.type === TEXT ? decodeEntities(t.text) : t.text;
      parts.push(text);
      if (text.trim()) visible++;
      continue;
    }
    if (t.type !== OPEN && t.type !== CLOSE) continue;
    const name = t.name;
    const lower = name.toLowerCase();
    if (t.type === OPEN) {
      if (BLOCKS.has(lower)) parts.push('\n');
      else if (lower === 'td' || lower === 'th') parts.push(' ');
      if (lower === 'time') {
        if (hidden === 0) parts.push(decodeEntities(parseAttrs(t.attrs).datetime ?? ''));
        continue;
      }
      if (name.startsWith('ri:')) {
        const a = parseAttrs(t.attrs);
        if (link && !link.fallback) link.fallback = decodeEntities(a['ri:content-title'] ?? a['ri:filename'] ?? a['ri:space-key'] ?? a['ri:value'] ?? '');
      }
      if (!name.startsWith('ac:') || t.selfClosing) continue;
      const hides = HIDDEN.has(name) || (name === 'ac:parameter' && parseAttrs(t.attrs)['ac:name'] !== 'title');
      if (hides) hidden++;
      if (name === 'ac:link') link = { fallback: '', visibleAtOpen: visible };
      stack.push({ name, hides });
      open.set(name, (open.get(name) ?? 0) + 1);
      continue;
    }
    if (BLOCKS.has(lower)) parts.push('\n');
    if (!name.startsWith('ac:') || !open.get(name)) continue;
    for (let f = stack.pop(); f; f = stack.pop()) {
      open.set(f.name, (open.get(f.name) ?? 1) - 1);
      if (f.hides) hidden--;
      if (f.name === 'ac:link' && link) {
        if (hidden === 0 && visible === link.visibleAtOpen) parts.push(link.fallback);
        link = null;
      }
      if (f.name === name) break;
    }
  }
  return normalise(parts.join(''));
}

function normalise(text: string): string {
  const lines = text.replace(/[ \t\r\f\v\u00a0]+/g, ' ').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const l = line.trim();
    if (l) out.push(l);
  }
  return out.join('\n');
}
