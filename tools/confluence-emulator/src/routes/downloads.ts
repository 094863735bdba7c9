/**
 * Attachment downloads. Cloud answers the download link with a 302 to a short-lived media URL (a client that
 * does not follow redirects, or forwards its Authorization header there, is caught); Data Center serves bytes.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { createHmac, randomBytes } from 'node:crypto';
import { RouteDeps, one, route } from '../http/context';
import { notFound } from '../http/errors';
import { Attachment } from '../model';

const secret = randomBytes(32);
const MEDIA_TTL_MS = 10 * 60_000;

function sign(fileId: string, expires: number): string {
  return createHmac('sha256', secret).update(`${fileId}:${expires}`).digest('base64url');
}

export function registerDownloads(app: FastifyInstance, { store, options }: RouteDeps): void {
  const findAttachment = (pageId: string, filename: string, version?: string): Attachment => {
    const attachment = [...store.world.attachments.values()].find((a) => a.pageId === pageId && a.title === filename && a.status === 'current');
    if (!attachment || (version !== undefined && Number(version) > attachment.versionNumber)) throw notFound();
    return attachment;
  };

  if (options.flavor === 'dc') {
    route(app, [''], 'GET', '/download/attachments/:pageId/:filename', 'v1-dc', (ctx) => {
      store.readablePage(ctx.caller.user, ctx.params.pageId);
      return sendBytes(ctx.reply, findAttachment(ctx.params.pageId, ctx.params.filename, one(ctx.query.version)));
    });
    return;
  }

  route(app, ['/wiki', '/ex/confluence/:cloudId/wiki'], 'GET', '/download/attachments/:pageId/:filename', 'v1-cloud', (ctx) => {
    store.readablePage(ctx.caller.user, ctx.params.pageId);
    const attachment = findAttachment(ctx.params.pageId, ctx.params.filename, one(ctx.query.version));
    return redirectToMedia(ctx.reply, attachment, options.now().getTime());
  });

  route(app, ['/wiki/rest/api', '/ex/confluence/:cloudId/wiki/rest/api'], 'GET', '/content/:id/child/attachment/:attachmentId/download', 'v1-cloud', (ctx) => {
    store.readablePage(ctx.caller.user, ctx.params.id);
    const attachment = store.world.attachments.get(ctx.params.attachmentId);
    if (!attachment || attachment.pageId !== ctx.params.id || attachment.status !== 'current') throw notFound();
    return redirectToMedia(ctx.reply, attachment, options.now().getTime());
  });

  app.get('/media/file/:fileId/binary', { config: { auth: false } }, async (request, reply) => {
    const { fileId } = request.params as { fileId: string };
    const query = request.query as Record<string, string | undefined>;
    const expires = Number(query.expires);
    if (!query.token || query.token !== sign(fileId, expires) || expires < options.now().getTime()) {
      return reply.code(401).send({ error: 'invalid or expired media token' });
    }
    const attachment = [...store.world.attachments.values()].find((a) => a.fileId === fileId);
    if (!attachment) return reply.code(404).send({ error: 'file not found' });
    return sendBytes(reply, attachment);
  });
}

function redirectToMedia(reply: FastifyReply, attachment: Attachment, now: number) {
  const expires = now + MEDIA_TTL_MS;
  const params = new URLSearchParams({ token: sign(attachment.fileId, expires), expires: String(expires), name: attachment.title });
  return reply.redirect(`/media/file/${attachment.fileId}/binary?${params}`, 302);
}

function sendBytes(reply: FastifyReply, attachment: Attachment) {
  return reply
    .type(attachment.mediaType)
    .header('content-length', String(attachment.data.length))
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment.title)}`)
    .send(attachment.data);
}
