/** Labels of a page: list, iterate, add, remove. Labels never change a page's version. */
import { V1LabelArraySchema, V2LabelSchema, v2ListSchema } from '@confluence-mcp/schemas';
import { CallOptions } from '../core/call';
import { ClientContext, checkId, checkLimit } from '../core/context';
import { PAGE_LIMITS } from '../core/page-limits';
import { Paging, cursorFromNextLink, cursorOf, offsetOf, offsetPage, paginate } from '../core/pagination';
import { Label, ListPage } from '../model';
import { InvalidArgumentError } from '../core/errors';

/** Label namespaces: `global` labels are the ones people see. */
export type LabelPrefix = 'global' | 'my' | 'team';

/** Filter and paging of `labels.list()`. */
export interface ListLabelsOptions extends Paging {
  /** Only labels with this prefix. @default every prefix */
  prefix?: LabelPrefix;
  /** Cloud 1-250, Data Center 1-200: `PAGE_LIMITS.labels`. @default 25 */
  limit?: number;
}

const PREFIXES: readonly LabelPrefix[] = ['global', 'my', 'team'];
const v2Labels = v2ListSchema(V2LabelSchema);

/** `client.labels`: list, add and remove the labels of a page. */
export class LabelsResource {
  constructor(private readonly ctx: ClientContext) {}

  /** One page of a page's labels. */
  async list(pageId: string, options: ListLabelsOptions = {}, call?: CallOptions): Promise<ListPage<Label>> {
    checkId('pageId', pageId);
    if (options.prefix !== undefined && !PREFIXES.includes(options.prefix)) throw new InvalidArgumentError("prefix: must be 'global', 'my' or 'team'");
    const { transport } = this.ctx;
    if (this.ctx.flavor === 'cloud') {
      const limit = checkLimit(options.limit, PAGE_LIMITS.labels.cloud);
      const cursor = cursorOf(options);
      const data = await transport.json('GET', `/pages/${pageId}/labels`, v2Labels, { api: 'v2', call, searchParams: { prefix: options.prefix, limit, cursor } });
      return { items: data.results.map(toLabel), nextCursor: cursorFromNextLink(data._links?.next) };
    }
    const limit = checkLimit(options.limit, PAGE_LIMITS.labels.dc);
    const start = offsetOf(options);
    const data = await transport.json('GET', `/content/${pageId}/label`, V1LabelArraySchema, { api: 'v1', call, searchParams: { prefix: options.prefix, start, limit } });
    return offsetPage(data.results.map(toLabel), start, data.results.length, Boolean(data._links?.next));
  }

  /** Every label of a page, lazily, at the largest page size the API allows; stops when `call.signal` aborts. */
  iterate(pageId: string, options: Omit<ListLabelsOptions, 'cursor' | 'start'> = {}, call?: CallOptions): AsyncIterable<Label> {
    const limit = options.limit ?? PAGE_LIMITS.labels[this.ctx.flavor];
    return paginate((cursor) => this.list(pageId, { ...options, limit, cursor }, call));
  }

  /**
   * Add global labels to a page; labels it already has are kept as they are. Names must be lowercase, without
   * spaces; Confluence refuses some punctuation too (`BadRequestError`). Resolves to every label of the page
   * after the change.
   *
   * @example
   * await confluence.labels.add('123456', ['runbook', 'team/backend']);
   */
  async add(pageId: string, names: readonly string[], call?: CallOptions): Promise<Label[]> {
    checkId('pageId', pageId);
    if (!Array.isArray(names) || names.length === 0) throw new InvalidArgumentError('names: give at least one label name');
    const unique = [...new Set(names.map(checkLabelName))];
    // v2 has no label write: v1 on both flavours.
    const data = await this.ctx.transport.json('POST', `/content/${pageId}/label`, V1LabelArraySchema, {
      api: 'v1',
      call,
      json: unique.map((name) => ({ prefix: 'global', name })),
    });
    return data.results.map(toLabel);
  }

  /** Remove a label from a page. Throws `NotFoundError` when the page does not have it. */
  async remove(pageId: string, name: string, call?: CallOptions): Promise<void> {
    checkId('pageId', pageId);
    checkLabelName(name);
    // The query form, not /label/{name}: a name with '/' cannot be a path segment.
    await this.ctx.transport.empty('DELETE', `/content/${pageId}/label`, { api: 'v1', call, searchParams: { name } });
  }
}

/** What Confluence would otherwise change or refuse silently: case, spaces, empty names. */
function checkLabelName(name: string): string {
  if (typeof name !== 'string' || name.length === 0) throw new InvalidArgumentError('label: must not be empty');
  if (/\s/.test(name)) throw new InvalidArgumentError(`label '${name.slice(0, 40)}': must not contain spaces (use '-' or '_')`);
  if (name !== name.toLowerCase()) throw new InvalidArgumentError(`label '${name.slice(0, 40)}': must be lowercase ('${name.toLowerCase().slice(0, 40)}')`);
  if (name.length > 255) throw new InvalidArgumentError('label: must be at most 255 characters');
  return name;
}

function toLabel(label: { id: string; name: string; prefix?: string }): Label {
  return { id: label.id, name: label.name, prefix: label.prefix ?? 'global' };
}
