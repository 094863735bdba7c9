/** Images (`ac:image`, `<img>`), emoticons and dates. */
import { ReaderContext } from '../context';
import { DomElement, childElements, elementName } from '../dom';
import { escapeInline, plainText } from '../escape';
import { encodeSegment, linkDestination } from '../markdown';
import { resource } from './links';
import { afterWord } from './macros';
import { Handler, Handlers, nothing } from './types';

/** Confluence's own emoticon names, for emoticons written without `ac:emoji-fallback`. */
const EMOTICONS: Readonly<Record<string, string>> = {
  smile: '🙂', sad: '🙁', cheeky: '😛', laugh: '😀', wink: '😉', 'thumbs-up': '👍', 'thumbs-down': '👎',
  information: 'ℹ️', tick: '✅', cross: '❌', warning: '⚠️', plus: '➕', minus: '➖', question: '❓',
  'light-on': '💡', 'light-off': '💡', 'yellow-star': '⭐', 'red-star': '⭐', 'green-star': '⭐', 'blue-star': '⭐',
  heart: '❤️', 'broken-heart': '💔',
};

/** Source and alt text of an image, or undefined when Markdown cannot express it (then: placeholder). */
export function imageTarget(node: DomElement, ctx: ReaderContext): { src: string; alt: string; title: string } | undefined {
  if (elementName(node) === 'img') {
    const src = node.getAttribute('src')?.trim();
    if (!src) return undefined;
    if (node.hasAttribute('width') || node.hasAttribute('height') || node.hasAttribute('style')) ctx.dropped('Image size and layout');
    return { src, alt: node.getAttribute('alt') ?? '', title: node.getAttribute('title') ?? '' };
  }
  const target = resource(node);
  if (!target) return undefined;
  let src: string | undefined;
  if (elementName(target) === 'ri:url') src = target.getAttribute('ri:value')?.trim();
  else if (elementName(target) === 'ri:attachment' && !childElements(target).some((c) => elementName(c).startsWith('ri:'))) {
    const filename = target.getAttribute('ri:filename');
    if (filename) {
      const resolved = ctx.options.resolveAttachmentUrl?.(filename);
      if (ctx.options.resolveAttachmentUrl && !resolved) ctx.warnings.add('unresolved-link', 'Attachments without a URL written as confluence-attachment:');
      src = resolved || `confluence-attachment:${encodeSegment(filename)}`;
    }
  }
  if (!src) return undefined;
  for (let i = 0; i < node.attributes.length; i++) {
    const name = node.attributes[i].name;
    if (name !== 'ac:alt' && name !== 'ac:title' && !name.startsWith('data-cf')) {
      ctx.dropped('Image size and layout');
      break;
    }
  }
  if (childElements(node, 'ac:caption').length) ctx.dropped('Image captions');
  return { src, alt: node.getAttribute('ac:alt') ?? '', title: node.getAttribute('ac:title') ?? '' };
}

const image: Handler = (_content, node, ctx) => {
  const target = imageTarget(node, ctx);
  if (!target) return elementName(node) === 'img' ? '' : ctx.placeholder(node);
  const title = target.title.replace(/\s+/g, ' ').trim();
  // In a link title backslash escapes and character references are decoded: `\`, `"` and `&` are escaped.
  const titlePart = title ? ` "${title.replace(/[\\"&]/g, (c) => `\\${c}`)}"` : '';
  return `![${escapeInline(target.alt.replace(/\s+/g, ' ').trim())}](${linkDestination(target.src)}${titlePart})`;
};

/** The emoji an emoticon stands for: its fallback, else Confluence's name table, else `:name:`. */
export function emoticonText(node: DomElement): string {
  const fallback = node.getAttribute('ac:emoji-fallback')?.trim();
  if (fallback) return fallback;
  const name = node.getAttribute('ac:name') ?? '';
  return EMOTICONS[name] ?? node.getAttribute('ac:emoji-shortname') ?? `:${name}:`;
}

const emoticon: Handler = (_content, node) => escapeInline(emoticonText(node));

/** A `datetime` the `:time[...]` syntax can carry unchanged. */
export function validDate(node: DomElement): string | undefined {
  const datetime = node.getAttribute('datetime')?.trim();
  return datetime && /^[0-9A-Za-z:+.-]+$/.test(datetime) ? datetime : undefined;
}

const time: Handler = (content, node, ctx) => {
  if (!node.hasAttribute('datetime')) return content;
  const datetime = validDate(node);
  if (!datetime || afterWord(node)) return ctx.placeholder(node);
  if (plainText(node.textContent).trim()) ctx.dropped('Date display text');
  return `:time[${datetime}]`;
};

/** Images, emoticons, dates. */
export const mediaHandlers: Handlers = {
  img: image,
  'ac:image': image,
  'ac:caption': nothing,
  'ac:emoticon': emoticon,
  time,
};
