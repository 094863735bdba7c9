/** v2 attachments and labels: list per page with filters, get one attachment, page labels. */
import type { FastifyInstance } from 'fastify';
import { RouteDeps, one, route } from '../../http/context';
import { notFound } from '../../http/errors';
import { Attachment, Label } from '../../model';
import { idKey, v2List } from './list';
import { v2Attachment, v2Label } from './serialize';

export function registerV2Attachments(app: FastifyInstance, prefixes: string[], { store }: RouteDeps): void {
  route(app, prefixes, 'GET', '/pages/:id/attachments', 'v2', (ctx) => {
    const page = store.readablePage(ctx.caller.user, ctx.params.id);
    const filename = one(ctx.query.filename);
    const mediaType = one(ctx.query.mediaType);
    const attachments = store.attachmentsOf(page).filter((a) => (!filename || a.title === filename) && (!mediaType || a.mediaType === mediaType));
    return v2List(ctx, attachments, {
      sorts: { 'created-date': (a: Attachment) => a.createdAt, '-created-date': (a: Attachment) => a.createdAt, 'modified-date': (a: Attachment) => a.createdAt, '-modified-date': (a: Attachment) => a.createdAt, id: idKey, '-id': idKey },
      defaultSort: 'created-date',
      render: (a) => { const shape = v2Attachment(a, ctx.base); return { ...shape, _links: { ...shape._links, base: undefined } }; }, // spec: AttachmentLinks has no base (only the single GET adds it)
    });
  });

  route(app, prefixes, 'GET', '/attachments/:id', 'v2', (ctx) => {
    const attachment = store.world.attachments.get(ctx.params.id);
    if (!attachment || attachment.status !== 'current') throw notFound();
    store.readablePage(ctx.caller.user, attachment.pageId);
    return v2Attachment(attachment, ctx.base);
  });

  route(app, prefixes, 'GET', '/pages/:id/labels', 'v2', (ctx) => {
    const page = store.readablePage(ctx.caller.user, ctx.params.id);
    const prefix = one(ctx.query.prefix);
    const labels = page.labels.filter((l) => !prefix || l.prefix === prefix);
    return v2List(ctx, labels, {
      sorts: { name: (l: Label) => l.name, '-name': (l: Label) => l.name, 'created-date': idKey, '-created-date': idKey, id: idKey, '-id': idKey },
      defaultSort: 'id',
      render: v2Label,
    });
  });
}
