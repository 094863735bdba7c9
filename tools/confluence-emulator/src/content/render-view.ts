/**
 * Storage format -> `body.view` HTML, in the style of Confluence's renderer (simplified). One forward pass over
 * the tokens with an explicit stack: output that depends on later content (a macro's parameters, a link's
 * body, a heading's id, the table of contents) goes into a reserved slot filled in when it is known.
 */
import { decodeEntities, escapeHtml } from './markup';
import { LinkResolver, Resource, imageHtml, linkOpen, resource } from './render-links';
import { MacroData, renderMacro } from './render-macros';
import { EMOJI_BY_NAME, TocHeading, formatDate, tocHtml } from './render-helpers';
import { CDATA, CLOSE, OPEN, TEXT, Tokenizer, parseAttrs } from './tokenizer';

export { storageToPlainText } from './plain-text';

export interface RenderViewContext {
  /** Resolves a linked page: `spaceKey` is undefined when the link names no space (the page's own space). */
  pageTitleToId?: (spaceKey: string | undefined, title: string) => string | undefined;
  /** The wiki's base URL including its context path; default `/wiki` (links become `/wiki/spaces/...`). */
  baseUrl?: string;
  /** Key of the rendered page's space, for links that name no space. */
  spaceKey?: string;
  /** Id of the rendered page, for its attachments' URLs and the task list. */
  pageId?: string;
  /** Title of the rendered page: heading ids start with it, as in Confluence. */
  pageTitle?: string;
  /** Display names for user mentions (the account id is shown otherwise). */
  userDisplayName?: (accountId: string) => string | undefined;
}

/** Elements whose content is metadata, not page text. */
const SUPPRESSED = new Set(['ac:parameter', 'ac:default-parameter', 'ac:placeholder', 'ac:task-id', 'ac:task-uuid', 'ac:task-status', 'ac:plain-text-body', 'ac:adf-attribute', 'ac:image']);

interface Frame {
  name: string;
  /** Text captured for the frame (parameters, task ids and statuses, plain-text bodies). */
  text?: string;
  macro?: MacroData;
  /** Reserved output index, for macros, links, tasks. */
  slot?: number;
  resource?: Resource;
  attrs?: Record<string, string>;
  emittedAtOpen?: number;
  task?: { id: string; status: string };
  close?: string;
}

interface Heading {
  level: number;
  slot: number;
  attrs: string;
  text: string;
}

const headingTag = (h: Heading, id?: string): string =>
  `<h${h.level}${h.attrs ? ` ${h.attrs}` : ''}${id === undefined ? '' : ` id="${escapeHtml(id)}"`}>`;

/** Renders storage-format XHTML as Confluence's view HTML (macros expanded, `ac:`/`ri:` markup resolved). */
export function renderStorageToView(storage: string, ctx: RenderViewContext = {}): string {
  return new ViewRenderer(storage, ctx).render();
}

class ViewRenderer {
  private readonly out: string[] = [];
  private readonly stack: Frame[] = [];
  /** Open frames per element name, so a stray close tag is ignored in O(1). */
  private readonly openCount = new Map<string, number>();
  private suppress = 0;
  private emitted = 0;
  private heading: Heading | null = null;
  private readonly headings: TocHeading[] = [];
  private readonly tocs: { slot: number; params: Record<string, string> }[] = [];
  private readonly r: LinkResolver;
  private readonly pageTitle?: string;

  constructor(
    private readonly src: string,
    ctx: RenderViewContext,
  ) {
    this.r = { ...ctx, base: (ctx.baseUrl ?? '/wiki').replace(/\/+$/, '') };
    this.pageTitle = ctx.pageTitle;
  }

  render(): string {
    const tk = new Tokenizer(this.src);
    const t = tk.token;
    while (tk.next()) {
      if (t.type === TEXT) this.text(t.text, decodeEntities);
      else if (t.type === CDATA) this.text(t.text, null);
      else if (t.type === OPEN) this.open(t.name, t.attrs, t.selfClosing, this.src.slice(t.start, t.end));
      else if (t.type === CLOSE) this.close(t.name, this.src.slice(t.start, t.end));
    }
    while (this.stack.length > 0) this.pop();
    if (this.heading) this.out[this.heading.slot] = headingTag(this.heading);
    for (const toc of this.tocs) this.out[toc.slot] = tocHtml(this.headings, toc.params);
    return this.out.join('');
  }

  private emit(html: string): void {
    if (this.suppress > 0) return;
    this.out.push(html);
    this.emitted += html.length;
  }

  private reserve(): number {
    this.out.push('');
    return this.out.length - 1;
  }

  /** `decode` is set for raw text (entities kept in the output) and null for CDATA (escaped for output). */
  private text(raw: string, decode: ((s: string) => string) | null): void {
    const top = this.stack[this.stack.length - 1];
    if (top && top.text !== undefined) top.text += decode ? decode(raw) : raw;
    if (this.suppress > 0) return;
    if (this.heading) this.heading.text += decode ? decode(raw) : raw;
    // Raw text is already escaped in storage, except for a stray '<' the tokenizer passed on as text.
    this.emit(decode ? (raw.indexOf('<') < 0 ? raw : raw.replace(/</g, '&lt;')) : escapeHtml(raw));
  }

  private open(name: string, attrText: string, selfClosing: boolean, raw: string): void {
    if (name.startsWith('ri:')) return this.openResource(name, attrText, selfClosing);
    if (!name.startsWith('ac:')) return this.openHtml(name, attrText, selfClosing, raw);
    if (name === 'ac:emoticon') {
      const a = parseAttrs(attrText);
      const emoji = a['ac:emoji-fallback'] ?? EMOJI_BY_NAME[a['ac:name'] ?? ''] ?? '';
      if (this.heading && this.suppress === 0) this.heading.text += decodeEntities(emoji);
      this.emit(emoji);
      if (!selfClosing) this.push({ name });
      return;
    }
    const frame: Frame = { name };
    const a = parseAttrs(attrText);
    switch (name) {
      case 'ac:structured-macro':
      case 'ac:macro':
        frame.macro = { name: a['ac:name'] ?? '', id: a['ac:macro-id'] ?? '', params: {}, plainBody: null };
        frame.slot = this.suppress > 0 ? -1 : this.reserve();
        break;
      case 'ac:parameter':
      case 'ac:default-parameter':
        frame.attrs = { name: name === 'ac:parameter' ? decodeEntities(a['ac:name'] ?? '') : '' };
        frame.text = '';
        break;
      case 'ac:task-id':
      case 'ac:task-status':
      case 'ac:plain-text-body':
        frame.text = '';
        break;
      case 'ac:link':
        frame.slot = this.suppress > 0 ? -1 : this.reserve();
        frame.attrs = a;
        frame.emittedAtOpen = this.emitted;
        break;
      case 'ac:image':
        frame.attrs = a;
        break;
      case 'ac:task':
        frame.slot = this.suppress > 0 ? -1 : this.reserve();
        frame.task = { id: '', status: '' };
        break;
      case 'ac:task-list':
        this.emit(`<ul class="inline-task-list"${this.r.pageId ? ` data-inline-tasks-content-id="${escapeHtml(this.r.pageId)}"` : ''}>`);
        frame.close = '</ul>';
        break;
      case 'ac:inline-comment-marker':
        this.emit(`<span class="inline-comment-marker" data-ref="${a['ac:ref'] ?? ''}">`);
        frame.close = '</span>';
        break;
      case 'ac:layout':
        this.emit('<div class="contentLayout2">');
        frame.close = '</div>';
        break;
      case 'ac:layout-section': {
        const type = (a['ac:type'] ?? 'single').replace(/_/g, '-');
        this.emit(`<div class="columnLayout ${type}" data-layout="${type}">`);
        frame.close = '</div>';
        break;
      }
      case 'ac:layout-cell':
        this.emit('<div class="cell normal" data-type="normal"><div class="innerCell">');
        frame.close = '</div></div>';
        break;
    }
    this.push(frame);
    if (selfClosing) this.pop();
  }

  private push(frame: Frame): void {
    this.stack.push(frame);
    this.openCount.set(frame.name, (this.openCount.get(frame.name) ?? 0) + 1);
    if (SUPPRESSED.has(frame.name)) this.suppress++;
  }

  private openResource(name: string, attrText: string, selfClosing: boolean): void {
    const res = resource(name.slice(3), parseAttrs(attrText));
    // The innermost link or image takes the resource; a macro parameter holding it (directly or in a link)
    // makes it the macro's resource too (include, excerpt-include, view-file).
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const f = this.stack[i];
      if (f.name === 'ri:attachment' && f.resource && res.kind === 'page') {
        f.resource.page = res;
      } else if (f.name === 'ac:link' || f.name === 'ac:image') {
        f.resource ??= res;
        continue;
      } else if (f.name === 'ac:parameter' || f.name === 'ac:default-parameter') {
        const macro = this.stack[i - 1]?.macro;
        if (macro) macro.resource ??= res;
      }
      break;
    }
    if (!selfClosing) this.push({ name, resource: res });
  }

  private openHtml(name: string, attrText: string, selfClosing: boolean, raw: string): void {
    if (this.suppress > 0) return;
    const lower = name.toLowerCase();
    if (lower === 'time' && selfClosing) {
      const dt = parseAttrs(attrText).datetime ?? '';
      this.emit(`<time datetime="${dt}">${escapeHtml(formatDate(decodeEntities(dt)))}</time>`);
      return;
    }
    if (/^h[1-6]$/.test(lower) && !selfClosing) {
      this.heading = { level: +lower[1], slot: this.reserve(), attrs: attrText, text: '' };
      return;
    }
    this.emit(raw);
  }

  private close(name: string, raw: string): void {
    if (name.startsWith('ac:') || name.startsWith('ri:')) {
      if (!this.openCount.get(name)) return;
      let popped = '';
      while (this.stack.length > 0 && popped !== name) popped = this.pop().name;
      return;
    }
    if (this.suppress > 0) return;
    const h = this.heading;
    if (h && name.toLowerCase() === `h${h.level}`) {
      this.heading = null;
      const hasId = /(^|\s)id\s*=/.test(h.attrs);
      const id = (this.pageTitle ? `${this.pageTitle}-` : '') + h.text.replace(/\s+/g, '');
      this.out[h.slot] = headingTag(h, hasId ? undefined : id);
      if (!hasId) this.headings.push({ level: h.level, id, text: h.text.trim() });
    }
    this.emit(raw);
  }

  private pop(): Frame {
    const f = this.stack.pop() as Frame;
    this.openCount.set(f.name, (this.openCount.get(f.name) ?? 1) - 1);
    if (SUPPRESSED.has(f.name)) this.suppress--;
    const parent = this.stack[this.stack.length - 1];
    switch (f.name) {
      case 'ac:parameter':
      case 'ac:default-parameter':
        if (parent?.macro) parent.macro.params[f.attrs?.name ?? ''] = (f.text ?? '').trim();
        break;
      case 'ac:plain-text-body':
        if (parent?.macro) parent.macro.plainBody = f.text ?? '';
        break;
      case 'ac:task-id':
      case 'ac:task-status':
        if (parent?.task) parent.task[f.name === 'ac:task-id' ? 'id' : 'status'] = (f.text ?? '').trim();
        break;
      case 'ac:image':
        this.emit(imageHtml(this.r, f.attrs ?? {}, f.resource));
        break;
      default:
        this.finish(f);
    }
    return f;
  }

  private finish(f: Frame): void {
    if (f.macro && f.slot !== undefined && f.slot >= 0) {
      if (f.macro.name === 'toc') this.tocs.push({ slot: f.slot, params: f.macro.params });
      const [open, close] = renderMacro(this.r, f.macro);
      this.out[f.slot] = open;
      this.emit(close);
    } else if (f.name === 'ac:link' && f.slot !== undefined && f.slot >= 0) {
      const { open, text } = linkOpen(this.r, f.resource, f.attrs?.['ac:anchor'] !== undefined ? decodeEntities(f.attrs['ac:anchor']) : undefined);
      this.out[f.slot] = open;
      if (this.emitted === f.emittedAtOpen) this.emit(escapeHtml(text));
      this.emit('</a>');
    } else if (f.task && f.slot !== undefined && f.slot >= 0) {
      const checked = f.task.status === 'complete' ? ' class="checked"' : '';
      this.out[f.slot] = `<li data-inline-task-id="${escapeHtml(f.task.id)}"${checked}>`;
      this.emit('</li>');
    } else if (f.close) this.emit(f.close);
  }
}
