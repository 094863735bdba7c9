/**
 * v1 attachments: list, and multipart upload (POST adds, PUT adds or updates, POST `.../{attachmentId}/data`
 * updates one). Uploads need `X-Atlassian-Token: no-check`: Confluence's XSRF guard for multipart requests.
 */
import type { FastifyInstance } from 'fastify';
import { Handled, RouteDeps, one, route } from '../../http/context';
import { ApiGeneration, HttpError, badRequest, notFound } from '../../http/errors';
import { Attachment, Page } from '../../model';
import { attachmentEntity } from './entity';
import { Expand } from './expand';
import { editablePage, readablePage } from './lookup';
import { listLinks, maxLimit, v1List } from './paging';
import { contentShape } from './serialize';
import { V1Context, v1Context } from './shapes';

interface Upload {
  filename: string;
  mediaType: string;
  data: Buffer;
}

const MEDIA_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  json: 'application/json',
  html: 'text/html',
  xml: 'application/xml',
  zip: 'application/zip',
};

/** Register attachment listing and uploads under `prefixes`. */
export function registerAttachments(app: FastifyInstance, prefixes: string[], deps: RouteDeps, generation: ApiGeneration): void {
  route(app, prefixes, 'GET', '/content/:id/child/attachment', generation, (ctx) => {
    const v = v1Context(deps, ctx);
    const page = readablePage(v, ctx.params.id);
    const filename = one(ctx.query.filename);
    const mediaType = one(ctx.query.mediaType);
    const attachments = deps.store.attachmentsOf(page).filter((a) => (!filename || a.title === filename) && (!mediaType || a.mediaType === mediaType));
    const expand = Expand.parse(ctx.query.expand);
    return v1List(v, ctx, attachments, (a) => contentShape(v, attachmentEntity(a), expand), { max: maxLimit(v, expand, 'list') });
  });

  const upload = (mode: 'add' | 'put' | 'data') => async (ctx: Handled) => {
    assertXsrfHeader(ctx);
    const v = v1Context(deps, ctx);
    const page = editablePage(v, readablePage(v, ctx.params.id), 'add attachments to');
    let target: Attachment | undefined;
    if (mode === 'data') {
      target = deps.store.attachmentsOf(page).find((a) => a.id === ctx.params.attachmentId);
      if (!target) throw notFound(`No attachment ${ctx.params.attachmentId.slice(0, 40)} on content ${page.id}`);
    }
    const form = await readForm(ctx);
    if (!form.files.length) throw badRequest(`At least one 'file' part is required`);
    if (form.comments.length && form.comments.length !== form.files.length) {
      throw badRequest(`Either give one 'comment' per file, in the same order, or no comments (got ${form.comments.length} for ${form.files.length} files)`);
    }
    if (mode === 'data' && form.files.length !== 1) throw badRequest(`Exactly one 'file' part is required to update an attachment`);
    if (mode === 'add') {
      const clash = form.files.find((f) => deps.store.attachmentsOf(page).some((a) => a.title === f.filename));
      if (clash) throw badRequest(`Cannot add a new attachment with same file name as an existing object: ${clash.filename}. Try updating instead.`);
    }
    const saved = form.files.map((file, i) =>
      store(v, page, { ...file, filename: target?.title ?? file.filename }, form.comments[i] ?? ''),
    );
    const expand = Expand.parse(ctx.query.expand);
    const results = saved.map((a) => contentShape(v, attachmentEntity(a), expand));
    if (mode === 'data') return { ...results[0], _links: { ...(results[0]._links as object), base: v.base, context: v.context } };
    return { results, start: 0, limit: results.length, size: results.length, _links: listLinks(v, ctx, { start: 0, limit: results.length, hasMore: false }) };
  };

  route(app, prefixes, 'POST', '/content/:id/child/attachment', generation, upload('add'));
  route(app, prefixes, 'PUT', '/content/:id/child/attachment', generation, upload('put'));
  route(app, prefixes, 'POST', '/content/:id/child/attachment/:attachmentId/data', generation, upload('data'));
}

/** Confluence accepts `no-check` (and the older `nocheck`); anything else is the XSRF refusal. */
function assertXsrfHeader(ctx: Handled): void {
  const token = String(ctx.request.headers['x-atlassian-token'] ?? '').trim().toLowerCase();
  if (token !== 'no-check' && token !== 'nocheck') {
    throw new HttpError(403, 'XSRF check failed: multipart requests need the header X-Atlassian-Token: no-check', 'FORBIDDEN');
  }
}

async function readForm(ctx: Handled): Promise<{ files: Upload[]; comments: string[]; minorEdit: boolean }> {
  if (!ctx.request.isMultipart()) throw new HttpError(415, 'Unsupported Media Type: attachments are uploaded as multipart/form-data', 'UNSUPPORTED_MEDIA_TYPE');
  const files: Upload[] = [];
  const comments: string[] = [];
  let minorEdit = false;
  for await (const part of ctx.request.parts()) {
    if (part.type === 'file') {
      const data = await part.toBuffer();
      if (part.fieldname !== 'file') continue;
      if (!part.filename) throw badRequest(`The 'file' part needs a filename`);
      files.push({ filename: part.filename, mediaType: mediaTypeOf(part.filename, part.mimetype), data });
    } else if (part.fieldname === 'comment') {
      comments.push(String(part.value));
    } else if (part.fieldname === 'minorEdit') {
      minorEdit = String(part.value).replace(/"/g, '') === 'true';
    }
  }
  return { files, comments, minorEdit };
}

/** A generic part type gets a media type from the file extension, as Confluence guesses it. */
function mediaTypeOf(filename: string, declared: string): string {
  if (declared && declared !== 'application/octet-stream') return declared;
  const extension = filename.split('.').pop()?.toLowerCase() ?? '';
  return MEDIA_TYPES[extension] ?? 'application/octet-stream';
}

function store(v: V1Context, page: Page, file: Upload, comment: string): Attachment {
  return v.store.putAttachment(page, { title: file.filename, mediaType: file.mediaType, data: file.data, comment, authorId: v.user.accountId });
}
