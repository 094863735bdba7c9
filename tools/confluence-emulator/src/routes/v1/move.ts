/**
 * `PUT /content/{pageId}/move/{position}/{targetId}`: still served by Cloud v1 (v2 can only move by saving a
 * new version) and by Data Center. A move keeps the version number, as in the UI.
 */
import type { FastifyInstance } from 'fastify';
import { RouteDeps, route } from '../../http/context';
import { ApiGeneration, HttpError, badRequest } from '../../http/errors';
import { editablePage, readablePage } from './lookup';
import { v1Context } from './shapes';

export function registerMove(app: FastifyInstance, prefixes: string[], deps: RouteDeps, generation: ApiGeneration): void {
  route(app, prefixes, 'PUT', '/content/:pageId/move/:position/:targetId', generation, (ctx) => {
    const v = v1Context(deps, ctx);
    const { position, pageId, targetId } = ctx.params;
    if (!['append', 'before', 'after'].includes(position)) throw badRequest(`Invalid position '${position.slice(0, 20)}': expected append, before or after`);
    const page = editablePage(v, readablePage(v, pageId), 'move');
    const target = readablePage(v, targetId);
    if (target.spaceId !== page.spaceId) throw new HttpError(400, 'Moving a page to another space is not supported by this emulator', 'INVALID_REQUEST_PARAMETER');
    if (position === 'append') deps.store.movePage(page, target.id);
    else {
      // Siblings are renumbered so the moved page lands right before or after the target.
      const siblings = target.parentId ? deps.store.children(deps.store.world.pages.get(target.parentId) as typeof target).filter((p) => p.id !== page.id) : [];
      const index = siblings.findIndex((p) => p.id === target.id) + (position === 'after' ? 1 : 0);
      deps.store.movePage(page, target.parentId, 0);
      [...siblings.slice(0, index), page, ...siblings.slice(index)].forEach((p, i) => (p.position = i));
    }
    return { pageId: page.id };
  });
}
