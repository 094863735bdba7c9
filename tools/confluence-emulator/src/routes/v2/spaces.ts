/** v2 spaces: list with filters, get by id. */
import type { FastifyInstance } from 'fastify';
import { RouteDeps, many, one, route } from '../../http/context';
import { badRequest } from '../../http/errors';
import { Space } from '../../model';
import { idKey, v2List } from './list';
import { v2Space } from './serialize';

export function registerV2Spaces(app: FastifyInstance, prefixes: string[], { store }: RouteDeps): void {
  route(app, prefixes, 'GET', '/spaces', 'v2', (ctx) => {
    const ids = new Set(many(ctx.query.ids));
    const keys = new Set(many(ctx.query.keys));
    const types = new Set(many(ctx.query.type));
    const statuses = new Set(many(ctx.query.status));
    const labels = new Set(many(ctx.query.labels));
    const spaces = store.visibleSpaces(ctx.caller.user).filter(
      (space) =>
        (!ids.size || ids.has(space.id)) &&
        (!keys.size || keys.has(space.key)) &&
        (!types.size || types.has(space.type)) &&
        (!statuses.size || statuses.has(space.status)) &&
        (!labels.size || space.labels.some((l) => labels.has(l.name))),
    );
    const descriptionFormat = parseDescriptionFormat(one(ctx.query['description-format']));
    return v2List<Space, unknown>(ctx, spaces, {
      sorts: { id: idKey, '-id': idKey, key: (s) => s.key, '-key': (s) => s.key, name: (s) => s.name, '-name': (s) => s.name },
      defaultSort: 'id',
      render: (space) => v2Space(space, descriptionFormat),
    });
  });

  route(app, prefixes, 'GET', '/spaces/:id', 'v2', (ctx) => {
    const space = store.readableSpace(ctx.caller.user, { id: ctx.params.id });
    return v2Space(space, parseDescriptionFormat(one(ctx.query['description-format'])));
  });
}

function parseDescriptionFormat(raw: string | undefined): 'plain' | 'view' | undefined {
  if (raw === undefined) return undefined;
  if (raw !== 'plain' && raw !== 'view') throw badRequest(`Invalid value for parameter 'description-format': ${raw.slice(0, 40)}. Expected plain or view`);
  return raw;
}
