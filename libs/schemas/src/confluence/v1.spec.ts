import { z } from 'zod';
import { listReferenceFiles, readReferenceJson, readReferenceText } from '../testing/reference.spec-helper';
import {
  V1AttachmentSchema,
  V1ContentSchema,
  V1LabelArraySchema,
  V1SearchResponseSchema,
  V1SpaceSchema,
  V1UserSchema,
  v1ContentArraySchema,
} from './v1';

const FIXTURES = 'mcp-atlassian-fixtures';

/** The schema each mcp-atlassian fixture must satisfy. A new fixture file without an entry fails the suite. */
const fixtureSchemas: Record<string, z.ZodType> = {
  'page_response.json': V1ContentSchema,
  // mcp-atlassian stores the pages of get_all_pages_from_space as a bare array, not the ContentArray envelope.
  'pages_from_space_response.json': z.array(V1ContentSchema),
  'comments_response.json': v1ContentArraySchema(V1ContentSchema),
  'cql_search_response.json': V1SearchResponseSchema,
  'labels_response.json': V1LabelArraySchema,
  'spaces_response.json': v1ContentArraySchema(V1SpaceSchema),
};

describe('v1 schemas against mcp-atlassian fixtures (anonymised Cloud responses)', () => {
  it.each(listReferenceFiles(FIXTURES, '.json'))('%s parses with its v1 schema', (file) => {
    const schema = fixtureSchemas[file];
    expect(schema).toBeDefined();
    const result = schema.safeParse(readReferenceJson(FIXTURES, file));
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('keeps the page body, version and unknown fields', () => {
    const page = V1ContentSchema.parse(readReferenceJson(FIXTURES, 'page_response.json'));
    expect(page.body?.storage?.value).toContain('<ac:emoticon ac:name="blue-star" />');
    expect(page.version?.number).toBe(1);
    expect(page.version?.by?.accountId).toBe('user123');
    expect(page.space?.key).toBe('PROJ');
    expect(page.extensions?.position).toBe(123456789);
    // Fields the schema does not name pass through (loose objects).
    expect(page.version?.ncsStepVersion).toBe('1234');
    expect(page.macroRenderedOutput).toEqual({});
    const attachments = page.children?.attachment?.results ?? [];
    expect(attachments.map((a) => a.extensions?.mediaType)).toEqual(['application/binary', 'application/binary']);
  });

  it('reads comments, labels, spaces and search hits', () => {
    const comments = v1ContentArraySchema(V1ContentSchema).parse(readReferenceJson(FIXTURES, 'comments_response.json'));
    expect(comments.results[0].extensions?.location).toBe('inline');
    expect(comments.results[0].body?.view?.value).toBe('<p>Comment content here</p>');

    const labels = V1LabelArraySchema.parse(readReferenceJson(FIXTURES, 'labels_response.json'));
    expect(labels.results.map((l) => [l.name, l.prefix])).toEqual([
      ['meeting-notes', 'global'],
      ['important', 'my'],
      ['test', undefined],
    ]);

    const spaces = v1ContentArraySchema(V1SpaceSchema).parse(readReferenceJson(FIXTURES, 'spaces_response.json'));
    expect(spaces.results.map((s) => [s.key, s.type, s.status])).toEqual([
      ['~user1', 'personal', 'archived'],
      ['PROJ', 'global', 'current'],
    ]);
    expect(spaces._links?.next).toBe('/rest/api/space?next=true&limit=5&start=5');

    const search = V1SearchResponseSchema.parse(readReferenceJson(FIXTURES, 'cql_search_response.json'));
    expect(search.totalSize).toBe(1);
    expect(search.cqlQuery).toBe('parent = 123456789');
    expect(search.results[0].content?.id).toBe('123456789');
    expect(search.results[0].resultGlobalContainer?.title).toBe('Team Space');
  });
});

describe('v1 schemas against Airbyte records (real Cloud content)', () => {
  const records = readReferenceText('airbyte-confluence-records', 'expected_records.first3.jsonl')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { stream: string; data: unknown });

  it.each([
    ['pages', 'page-98487.body.storage.xml'],
    ['blog_posts', 'blogpost-1343496.body.storage.xml'],
  ])('the %s record parses as V1Content with its storage body', (stream, storageFile) => {
    const record = records.find((r) => r.stream === stream);
    const content = V1ContentSchema.parse(record?.data);
    expect(content.body?.storage?.value).toBe(readReferenceText('airbyte-confluence-records', storageFile));
    expect(content.history?.createdBy?.accountId).toBe('5fc9e78d2730d800760becc4');
    expect(content.history?.lastUpdated?.number).toBe(1);
    // These records were fetched without expand=space: the space is only named in _expandable.
    expect(content.space).toBeUndefined();
    expect(content._expandable?.space).toBe('/rest/api/space/~5fc9e78d2730d800760becc4');
  });
});

describe('Data Center shapes', () => {
  const dcUser = {
    type: 'known',
    username: 'jdoe',
    userKey: '8a7f808a6f1b2c3d016f1b2c3d4e0000',
    profilePicture: { path: '/images/icons/profilepics/default.svg', width: 48, height: 48, isDefault: true },
    displayName: 'Jane Doe',
    _links: { self: 'https://wiki.example.com/rest/api/user?key=8a7f808a6f1b2c3d016f1b2c3d4e0000' },
    _expandable: { status: '' },
  };

  it('accepts a user without accountId', () => {
    const user = V1UserSchema.parse(dcUser);
    expect(user.accountId).toBeUndefined();
    expect(user.username).toBe('jdoe');
  });

  it('accepts content with position "none" and a version without Cloud-only fields', () => {
    const page = V1ContentSchema.parse({
      id: '1234',
      type: 'page',
      status: 'current',
      title: 'Runbook',
      space: { key: 'OPS', name: 'Operations', type: 'global', status: 'current', id: 98305 },
      version: { by: dcUser, when: '2024-03-01T10:00:00.000+01:00', message: '', number: 7, minorEdit: false, hidden: false },
      ancestors: [{ id: '1000', type: 'page', status: 'current', title: 'Home' }],
      extensions: { position: 'none' },
      _links: { webui: '/display/OPS/Runbook', base: 'https://wiki.example.com', context: '' },
    });
    expect(page.extensions?.position).toBe('none');
    expect(page.ancestors?.[0].title).toBe('Home');
    expect(page.version?.by?.userKey).toBe(dcUser.userKey);
  });
});

describe('V1AttachmentSchema', () => {
  const attachment = {
    id: 'att65575',
    type: 'attachment',
    status: 'current',
    title: 'diagram.png',
    metadata: { mediaType: 'image/png', comment: '' },
    extensions: { mediaType: 'image/png', fileSize: 2048, comment: '' },
    container: { id: '65570', type: 'page', status: 'current', title: 'Architecture' },
    _links: { download: '/download/attachments/65570/diagram.png?version=1&api=v2', webui: '/pages/viewpageattachments.action?pageId=65570' },
  };

  it('accepts an attachment and exposes its download link and size', () => {
    const parsed = V1AttachmentSchema.parse(attachment);
    expect(parsed._links.download).toMatch(/^\/download\/attachments\//);
    expect(parsed.extensions.fileSize).toBe(2048);
    expect(parsed.container).toMatchObject({ title: 'Architecture' });
  });

  it('rejects other content types and attachments without a download link', () => {
    expect(V1AttachmentSchema.safeParse({ ...attachment, type: 'page' }).success).toBe(false);
    expect(V1AttachmentSchema.safeParse({ ...attachment, _links: { webui: '/x' } }).success).toBe(false);
  });
});

describe('tolerance is for unknown fields only', () => {
  const page = { id: '1', type: 'page', status: 'current', title: 'T' };

  it('rejects wrong types of known fields, even when nested', () => {
    expect(V1ContentSchema.safeParse({ ...page, version: { when: null, number: '2', minorEdit: false } }).success).toBe(false);
    expect(V1ContentSchema.safeParse({ ...page, ancestors: [{ ...page, id: 5 }] }).success).toBe(false);
    expect(V1ContentSchema.safeParse({ ...page, id: undefined }).success).toBe(false);
  });
});
