/** Cloud v2 footer and inline comments, attachments and labels. */
import type { Comment } from '../../model';
import { all, hasBody, nonEmpty, v2SecondPage } from '../checks';
import { ContractEnv, must } from '../env';
import { LIST_FORMATS, SINGLE_FORMATS, pageWith } from './v2-pages';

/**
 * A visible top-level comment of `kind` with at least one reply. The generated world usually has one; when it
 * does not (the generator is tuned independently), the thread is completed through `control`, as a user would.
 */
function threadOf(env: ContractEnv, kind: Comment['kind']): { top: Comment; pageId: string } {
  const { control } = env.emulator;
  const world = control.world;
  const visible = (c: Comment) => c.status === 'current' && c.kind === kind && !c.parentCommentId && !world.pages.get(c.pageId)?.restrictions.read;
  const comments = [...world.comments.values()];
  const top =
    comments.find((c) => visible(c) && comments.some((r) => r.parentCommentId === c.id)) ??
    comments.find(visible) ??
    control.addComment(pageWith(env, () => true).id, '<p>Thread start</p>', { kind, author: 'carol' });
  if (!comments.some((r) => r.parentCommentId === top.id)) control.addComment(top.pageId, '<p>A reply</p>', { kind, replyTo: top.id, author: 'bob' });
  return { top, pageId: top.pageId };
}

/** Register the v2 comment, attachment and label cases. */
export function v2CommentCases(env: ContractEnv): void {
  describe('v2 comments', () => {
    for (const kind of ['footer', 'inline'] as const) {
      it(`${kind}: lists a page's comments (bodies, page 2), gets one in every format, lists replies`, async () => {
        const { api, v2 } = env;
        const { top, pageId } = threadOf(env, kind);
        // Page 2 needs two top-level comments: add one the way a user would.
        env.emulator.control.addComment(pageId, '<p>Second thread</p>', { kind, author: 'bob' });
        const list = `${v2}/pages/${pageId}/${kind}-comments`;
        await api.get(list, { status: 200, check: nonEmpty });
        for (const format of LIST_FORMATS) await api.get(`${list}?body-format=${format}`, { status: 200, check: all(nonEmpty, hasBody(format)) });
        await v2SecondPage(api, `${list}?limit=1&sort=-created-date`);
        await api.get(`${v2}/${kind}-comments/${top.id}`, { status: 200 });
        for (const format of SINGLE_FORMATS) await api.get(`${v2}/${kind}-comments/${top.id}?body-format=${format}`, { status: 200, check: hasBody(format, false) });
        await api.get(`${v2}/${kind}-comments/${top.id}/children`, { status: 200, check: nonEmpty });
        for (const format of LIST_FORMATS) await api.get(`${v2}/${kind}-comments/${top.id}/children?body-format=${format}`, { status: 200, check: all(nonEmpty, hasBody(format)) });
      });
    }

    it('creates footer and inline comments and replies', async () => {
      const { api, v2 } = env;
      const page = pageWith(env, () => true);
      const body = { representation: 'storage', value: '<p>Contract comment</p>' };
      const footer = await api.call('POST', `${v2}/footer-comments`, { status: 201, json: { pageId: page.id, body } });
      await api.call('POST', `${v2}/footer-comments`, { status: 201, json: { parentCommentId: String(footer.data.id), body } });
      const inline = await api.call('POST', `${v2}/inline-comments`, {
        status: 201,
        json: { pageId: page.id, body, inlineCommentProperties: { textSelection: 'the', textSelectionMatchCount: 1, textSelectionMatchIndex: 0 } },
      });
      await api.call('POST', `${v2}/inline-comments`, { status: 201, json: { parentCommentId: String(inline.data.id), body } });
    });
  });

  describe('v2 attachments and labels', () => {
    it("lists a page's attachments (filters, page 2) and gets one", async () => {
      const { api, v2 } = env;
      const world = env.emulator.control.world;
      const page = pageWith(env, (p) => [...world.attachments.values()].filter((a) => a.pageId === p.id && a.status === 'current').length >= 2);
      const attachment = must([...world.attachments.values()].find((a) => a.pageId === page.id && a.status === 'current'), 'attachment');
      const list = `${v2}/pages/${page.id}/attachments`;
      await api.get(list, { status: 200, check: nonEmpty });
      await api.get(`${list}?filename=${encodeURIComponent(attachment.title)}&mediaType=${encodeURIComponent(attachment.mediaType)}`, { status: 200, check: nonEmpty });
      await api.get(`${list}?sort=-modified-date`, { status: 200, check: nonEmpty });
      await v2SecondPage(api, `${list}?limit=1&sort=-created-date`);
      await api.get(`${v2}/attachments/${attachment.id}`, { status: 200 });
    });

    it("lists a page's labels (prefix, sort, page 2)", async () => {
      const { api, v2 } = env;
      const page = pageWith(env, (p) => p.labels.length >= 2);
      const list = `${v2}/pages/${page.id}/labels`;
      await api.get(list, { status: 200, check: nonEmpty });
      await api.get(`${list}?prefix=global&sort=-name`, { status: 200, check: nonEmpty });
      await api.get(`${list}?sort=created-date`, { status: 200, check: nonEmpty });
      await v2SecondPage(api, `${list}?limit=1&sort=name`);
    });
  });
}
