/**
 * How the pre-processor writes each start tag: as which element (block or inline, container or not, numbered
 * for a placeholder), unwrapped, or as a placeholder. The sets it reads are in elements.ts.
 */
import { decodeEntities } from './entities';
import {
  BLOCK_MACROS, BLOCK_NAMES, CONFLUENCE_BLOCKS, CONFLUENCE_CONTAINERS, CONFLUENCE_INLINE, HTML_AS_DIV, HTML_CONTAINERS,
  HTML_INLINE, INLINE_MACROS, TABLE_PARENTS,
} from './elements';
import { OPAQUE_TEXT } from './escape';
import { attributeValue, ScannedAttribute, ScannedTag } from './scanner';
import { ElementSpec } from './tree-writer';

/**
 * Inline elements rendered from attributes rather than text (mentions, images, emoticons, dates, placeholders)
 * get one OPAQUE_TEXT character inside. Turndown's whitespace handling reads the DOM text: an element without
 * text would let `Owner: <mention/>` lose its space, or a neighbour's edge space be dropped twice. The character
 * is removed wherever text is written (escaping, table HTML, text read by rules).
 */
const OPAQUE: ElementSpec['inner'] = { open: OPAQUE_TEXT, close: '' };
const OPAQUE_INLINE: ReadonlySet<string> = new Set(['ac:link', 'ac:image', 'ac:emoticon']);

/** Elements holding only elements: whitespace text in them is layout of the source, dropped. */
const TEXTLESS: ReadonlySet<string> = new Set([
  'ul', 'ol', 'dl', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'ac:task-list', 'ac:task', 'ac:layout', 'ac:layout-section',
]);

/** Inline formatting without Markdown syntax: unwrapped, with the warning it is worth ('' for none). */
export const DROPPED_FORMATTING: Readonly<Record<string, string>> = {
  u: 'Underline', ins: 'Underline', sup: 'Superscript', sub: 'Subscript', mark: 'Highlight', font: 'Font', big: 'Text size',
  small: 'Text size', span: '', abbr: '', cite: '', dfn: '', var: '', bdi: '', bdo: '', data: '', label: '', nobr: '', q: '',
  'ac:inline-comment-marker': 'inline comment',
};

/** Written as an element (`spec`), numbered when it may still become a placeholder, `marked` with `data-cf`. */
export interface ElementDecision {
  kind: 'element';
  spec: Omit<ElementSpec, 'index' | 'attrText'> & { textless: boolean };
  numbered: boolean;
  marked: boolean;
}

/** Element, placeholder (with its name) or unwrapped (tags dropped, content kept). */
export type Decision = ElementDecision | { kind: 'placeholder'; name: string } | { kind: 'unwrap' };

/**
 * What to write for a start tag, given the element it would be written in (`parent`, its written name), whether
 * a link is open and, for a macro, whether a rich-text body follows. Context-free apart from those.
 */
export function classify(tag: ScannedTag, parent: string, inAnchor: boolean, richBody = false): Decision {
  return withTextless(decide(tag, parent, inAnchor, richBody), tag.name);
}

function decide(tag: ScannedTag, parent: string, inAnchor: boolean, richBody: boolean): Decision {
  const { name } = tag;
  const confluence = name.startsWith('ac:') || name.startsWith('ri:');
  if (confluence) {
    if (name === 'ac:structured-macro') {
      const macro = macroName(tag.attributes);
      if (BLOCK_MACROS.has(macro)) return element('div', true, false, true, undefined, true);
      if (INLINE_MACROS.has(macro)) return element(name, false, false, true, OPAQUE);
      // Any other macro with a rich-text body: its body becomes Markdown between markers (macro-body.ts).
      if (richBody) return element('div', true, false, true, undefined, true);
      return { kind: 'placeholder', name: macro || name };
    }
    if (CONFLUENCE_BLOCKS.has(name)) {
      // A task list can still become a placeholder (inside an HTML table); a rich-text body's offsets split its
      // macro's source around it (macro body markers). The others need no source.
      const numbered = name === 'ac:task-list' || name === 'ac:rich-text-body';
      const spec = element('div', true, CONFLUENCE_CONTAINERS.has(name), numbered, undefined, true);
      if (name === 'ac:plain-text-body') spec.spec.inner = { open: '<pre>\n', close: '</pre>' };
      return spec;
    }
    if (name.startsWith('ri:')) {
      // A resource outside a link, image or macro parameter renders as a placeholder: only then is its source needed.
      const owned = parent === 'ac:link' || parent === 'ac:image' || parent === 'ac:parameter' || parent.startsWith('ri:');
      return element(name, false, false, !owned);
    }
    if (CONFLUENCE_INLINE.has(name)) return element(name, false, false, name === 'ac:link' || name === 'ac:image', OPAQUE_INLINE.has(name) ? OPAQUE : undefined);
    return { kind: 'placeholder', name };
  }
  if (HTML_INLINE.has(name)) {
    // Nested links make the HTML parser restructure the tree; the inner one keeps its text only.
    if (name === 'a' && inAnchor) return { kind: 'unwrap' };
    return name === 'time' ? element(name, false, false, true, OPAQUE) : element(name, false, false, false);
  }
  const tableParents = TABLE_PARENTS[name];
  if (tableParents) {
    const ok = tableParents.includes(parent) || ((name === 'td' || name === 'th') && TABLE_PARENTS.tr.includes(parent));
    return ok ? element(name, true, name === 'td' || name === 'th', false) : { kind: 'unwrap' };
  }
  if (HTML_AS_DIV.has(name)) return element('div', true, name === 'details', true, undefined, true);
  if (BLOCK_NAMES.has(name)) {
    if (/^h[1-6]$/.test(name) && /^h[1-6]$/.test(parent)) return { kind: 'unwrap' };
    // A list item outside a list (or a term outside a definition list) is re-parented by the HTML parser.
    if ((name === 'li' && parent !== 'ul' && parent !== 'ol') || ((name === 'dt' || name === 'dd') && parent !== 'dl')) return element('div', true, true, false);
    return element(name, true, HTML_CONTAINERS.has(name), false, name === 'pre' ? { open: '\n', close: '' } : undefined);
  }
  return { kind: 'placeholder', name };
}

/** Marks the elements whose text is layout only, once the kind of element is decided. */
function withTextless(decision: Decision, name: string): Decision {
  if (decision.kind !== 'element') return decision;
  const { spec } = decision;
  spec.textless = TEXTLESS.has(name) || name.startsWith('ri:') || (name === 'ac:structured-macro' && spec.emitName === 'div') || spec.inner === OPAQUE;
  return decision;
}

function element(emitName: string, block: boolean, container: boolean, numbered: boolean, inner?: ElementSpec['inner'], marked = false): ElementDecision {
  return { kind: 'element', spec: { emitName, block, container, inner, textless: false }, numbered, marked };
}

/** The `ac:name` of a structured macro, entities decoded. */
export function macroName(attributes: readonly ScannedAttribute[]): string {
  return decodeEntities(attributeValue(attributes, 'ac:name') ?? '').trim();
}

