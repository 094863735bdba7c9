/** v1 content labels: list, add (one `{prefix, name}` or an array), remove by path or by `?name=`. */
import type { FastifyInstance } from 'fastify';
import { Handled, RouteDeps, one, route } from '../../http/context';
import { ApiGeneration, badRequest } from '../../http/errors';
import { Label } from '../../model';
import { editablePage, readablePage } from './lookup';
import { apiPath, limitParam, listLinks, startParam } from './paging';
import { V1Context, labelShape, v1Context } from './shapes';

const PREFIXES: readonly Label['prefix'][] = ['global', 'my', 'team'];

/** Register content label routes under `prefixes`. */
export function registerLabels(app: FastifyInstance, prefixes: string[], deps: RouteDeps, generation: ApiGeneration): void {
  const labelList = (ctx: Handled, v: V1Context, labels: Label[]) => {
    const start = startParam(ctx);
    const limit = limitParam(ctx, 200, 200);
    const page = labels.slice(start, start + limit);
    return { results: page.map(labelShape), start, limit, size: page.length, _links: listLinks(v, ctx, { start, limit, hasMore: start + limit < labels.length }) };
  };

  route(app, prefixes, 'GET', '/content/:id/label', generation, (ctx) => {
    const v = v1Context(deps, ctx);
    const page = readablePage(v, ctx.params.id);
    const prefix = one(ctx.query.prefix);
    if (prefix !== undefined && !PREFIXES.includes(prefix as Label['prefix'])) throw badRequest(`Invalid value for parameter 'prefix': ${prefix.slice(0, 40)}`);
    return labelList(ctx, v, page.labels.filter((l) => !prefix || l.prefix === prefix));
  });

  route(app, prefixes, 'POST', '/content/:id/label', generation, (ctx) => {
    const v = v1Context(deps, ctx);
    const page = editablePage(v, readablePage(v, ctx.params.id), 'label');
    const wanted = labelInputs(ctx.body);
    for (const label of wanted) deps.store.addLabel(page, label.name, label.prefix);
    // The answer lists every label of the content, not only those added, and is not paged by the query.
    return { results: page.labels.map(labelShape), start: 0, limit: 200, size: page.labels.length, _links: { base: v.base, context: v.context, self: `${v.base}${apiPath(ctx)}` } };
  });

  const remove = (ctx: Handled, name: string | undefined, inPath: boolean) => {
    if (!name) throw badRequest(`Query parameter 'name' is required`);
    if (inPath && name.includes('/')) throw badRequest(`Label names with '/' must be removed with the 'name' query parameter`);
    const v = v1Context(deps, ctx);
    const page = editablePage(v, readablePage(v, ctx.params.id), 'remove labels from');
    deps.store.removeLabel(page, name);
    ctx.reply.code(204);
    return '';
  };

  route(app, prefixes, 'DELETE', '/content/:id/label', generation, (ctx) => remove(ctx, one(ctx.query.name), false));
  route(app, prefixes, 'DELETE', '/content/:id/label/:label', generation, (ctx) => remove(ctx, ctx.params.label, true));
}

/** Validate the body: one `LabelCreate` or an array of them, naming the entry that is wrong. */
function labelInputs(body: unknown): { name: string; prefix: Label['prefix'] }[] {
  const items = Array.isArray(body) ? body : [body];
  if (!items.length) throw badRequest('Request body must hold at least one label');
  return items.map((item, i) => {
    const at = Array.isArray(body) ? `[${i}].` : '';
    if (!item || typeof item !== 'object') throw badRequest(`Request body ${at || ''}must be an object {prefix, name}`);
    const { name, prefix = 'global' } = item as { name?: unknown; prefix?: unknown };
    if (typeof name !== 'string' || !name.trim()) throw badRequest(`Field '${at}name' is required`);
    if (typeof prefix !== 'string' || !PREFIXES.includes(prefix as Label['prefix'])) throw badRequest(`Field '${at}prefix' must be one of ${PREFIXES.join(', ')}`);
    return { name, prefix: prefix as Label['prefix'] };
  });
}
