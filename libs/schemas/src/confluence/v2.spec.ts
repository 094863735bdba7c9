import {
  V2AncestorSchema,
  V2AttachmentSchema,
  V2BlogPostSchema,
  V2ChildPageSchema,
  V2CommentSchema,
  V2LabelSchema,
  V2PageSchema,
  V2PageVersionSchema,
  V2SpaceSchema,
  v2ListSchema,
} from './v2';

// Objects written from openapi-v2.v3.json (PageBulk, PageSingle, SpaceBulk, ...) with realistic values.
const version = { createdAt: '2025-03-04T09:15:22.811Z', message: '', number: 12, minorEdit: false, authorId: '557058:1f2e3d4c' };

/** `GET /spaces/{id}/pages?limit=250` item: no body asked for, so `body` is `{}`. */
const pageBulk = {
  id: '393219',
  status: 'current',
  title: 'Deploy runbook',
  spaceId: '131074',
  parentId: '393217',
  parentType: 'page',
  position: 4821,
  authorId: '557058:1f2e3d4c',
  ownerId: '557058:1f2e3d4c',
  lastOwnerId: null,
  createdAt: '2024-11-20T16:02:10.113Z',
  version,
  body: {},
  _links: { editui: '/pages/resumedraft.action?draftId=393219', webui: '/spaces/OPS/pages/393219/Deploy+runbook', tinyui: '/x/AwAG' },
};

/** `GET /pages/{id}?body-format=storage&include-labels=true`. */
const pageSingle = {
  ...pageBulk,
  body: { storage: { representation: 'storage', value: '<p>Run <code>make deploy</code>.</p>' } },
  labels: { results: [{ id: '65538', name: 'runbook', prefix: 'global' }], meta: { hasMore: false, cursor: '' }, _links: { self: '/wiki/api/v2/pages/393219/labels' } },
  isFavoritedByCurrentUser: false,
  _links: { ...pageBulk._links, base: 'https://example.atlassian.net/wiki' },
};

describe('V2PageSchema', () => {
  it('accepts the bulk and single shapes and keeps unknown fields', () => {
    expect(V2PageSchema.parse(pageBulk).body).toEqual({});
    const page = V2PageSchema.parse(pageSingle);
    expect(page.body?.storage?.value).toContain('make deploy');
    expect(page.labels?.results[0].name).toBe('runbook');
    expect(page.isFavoritedByCurrentUser).toBe(false);
  });

  it('accepts a root page (no parent, null position) and a migrated page whose version has no author', () => {
    const root = { ...pageBulk, parentId: null, parentType: null, position: null, version: { ...version, authorId: null } };
    expect(V2PageSchema.safeParse(root).success).toBe(true);
    const { parentId: _p, parentType: _t, position: _n, ...withoutParent } = pageBulk;
    expect(V2PageSchema.safeParse(withoutParent).success).toBe(true);
  });

  it('rejects a page without id, or with a string version number', () => {
    const { id: _id, ...withoutId } = pageBulk;
    expect(V2PageSchema.safeParse(withoutId).success).toBe(false);
    const stringVersion = { ...pageBulk, version: { ...version, number: '12' } };
    const result = V2PageSchema.safeParse(stringVersion);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(['version', 'number']);
  });

  it('rejects a body representation without its value', () => {
    expect(V2PageSchema.safeParse({ ...pageBulk, body: { storage: { representation: 'storage' } } }).success).toBe(false);
  });
});

describe('other v2 entities', () => {
  it('blog post', () => {
    const { parentId: _p, parentType: _t, position: _n, ownerId: _o, lastOwnerId: _l, ...post } = pageBulk;
    expect(V2BlogPostSchema.parse({ ...post, title: 'Q1 update' }).title).toBe('Q1 update');
  });

  it('space with and without a home page', () => {
    const space = {
      id: '131074',
      key: 'OPS',
      name: 'Operations',
      type: 'global',
      status: 'current',
      authorId: '557058:1f2e3d4c',
      createdAt: '2023-01-09T08:00:00.000Z',
      homepageId: '131075',
      description: { plain: { representation: 'plain', value: 'Runbooks and on-call' } },
      icon: null,
      spaceOwnerId: '557058:1f2e3d4c',
      _links: { webui: '/spaces/OPS' },
    };
    expect(V2SpaceSchema.parse(space).description?.plain?.value).toBe('Runbooks and on-call');
    expect(V2SpaceSchema.safeParse({ ...space, homepageId: null, description: null }).success).toBe(true);
    expect(V2SpaceSchema.safeParse({ ...space, id: 131074 }).success).toBe(false);
  });

  it('child page, ancestor, label', () => {
    expect(V2ChildPageSchema.parse({ id: '393220', status: 'current', title: 'Rollback', spaceId: '131074', childPosition: 12 }).childPosition).toBe(12);
    expect(V2AncestorSchema.parse({ id: '393217', type: 'folder' }).type).toBe('folder');
    expect(V2LabelSchema.safeParse({ id: 65538, name: 'runbook' }).success).toBe(false);
  });

  it('page version with its page', () => {
    const entry = V2PageVersionSchema.parse({ ...version, page: { id: '393219', title: 'Deploy runbook' } });
    expect(entry.page?.id).toBe('393219');
    expect(V2PageVersionSchema.safeParse({ ...version, number: undefined }).success).toBe(false);
  });

  it('footer comment reply and inline comment', () => {
    const footer = V2CommentSchema.parse({
      id: '458753',
      status: 'current',
      title: 'Re: Deploy runbook',
      pageId: '393219',
      parentCommentId: '458752',
      version,
      body: { storage: { representation: 'storage', value: '<p>Agreed.</p>' } },
      _links: { webui: '/spaces/OPS/pages/393219/Deploy+runbook?focusedCommentId=458753' },
    });
    expect(footer.parentCommentId).toBe('458752');

    const inline = V2CommentSchema.parse({
      id: '458760',
      status: 'current',
      title: 'Re: Deploy runbook',
      blogPostId: '393300',
      version,
      body: {},
      resolutionStatus: 'open',
      properties: { inlineMarkerRef: 'b1c7f0a2-66d5', inlineOriginalSelection: 'make deploy', 'inline-marker-ref': 'b1c7f0a2-66d5' },
      _links: { webui: '/x/abc' },
    });
    expect(inline.resolutionStatus).toBe('open');
    expect(inline.properties?.inlineOriginalSelection).toBe('make deploy');
  });

  it('attachment', () => {
    const attachment = V2AttachmentSchema.parse({
      id: 'att393230',
      status: 'current',
      title: 'topology.png',
      createdAt: '2025-01-02T10:00:00.000Z',
      pageId: '393219',
      mediaType: 'image/png',
      mediaTypeDescription: 'PNG Image',
      comment: '',
      fileId: 'b2f1c0de-0a1b-4c2d-9e8f-001122334455',
      fileSize: 48213,
      webuiLink: '/pages/viewpageattachments.action?pageId=393219&preview=topology.png',
      downloadLink: '/download/attachments/393219/topology.png?version=1&api=v2',
      version: { ...version, number: 1 },
      _links: { download: '/download/attachments/393219/topology.png?version=1&api=v2', webui: '/x/y' },
    });
    expect(attachment.fileSize).toBe(48213);
    expect(V2AttachmentSchema.safeParse({ ...attachment, fileSize: '48213' }).success).toBe(false);
  });
});

describe('v2ListSchema', () => {
  const PageList = v2ListSchema(V2PageSchema);

  it('reads results and the next cursor link', () => {
    const list = PageList.parse({
      results: [pageBulk],
      _links: { next: '/wiki/api/v2/spaces/131074/pages?limit=250&cursor=eyJpZCI6IjM5MzIxOSJ9', base: 'https://example.atlassian.net/wiki' },
    });
    expect(list.results[0].id).toBe('393219');
    expect(list._links?.next).toContain('cursor=');
  });

  it('accepts the last page (no next) and validates every item', () => {
    expect(PageList.parse({ results: [], _links: {} })._links?.next).toBeUndefined();
    expect(PageList.safeParse({ results: [{ ...pageBulk, title: 7 }] }).success).toBe(false);
  });
});
