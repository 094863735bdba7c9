/** The validator itself: it must refuse what the contract test relies on it to refuse. */
import { loadSpec, validateResponse } from './openapi';
import { matchSpecRoute } from './route-match';

const v2 = loadSpec('v2');
const v1 = loadSpec('v1');
const page = {
  id: '1',
  status: 'current',
  title: 'T',
  spaceId: '2',
  parentId: '3',
  parentType: 'page',
  position: null,
  authorId: 'a',
  ownerId: null,
  lastOwnerId: null,
  createdAt: '2024-01-01T00:00:00.000Z',
  version: { createdAt: '2024-01-01T00:00:00.000Z', message: '', number: 1, minorEdit: false, authorId: 'a' },
  body: { storage: { representation: 'storage', value: '<p/>' } },
  _links: { webui: '/x', editui: '/e', tinyui: '/t', base: 'http://h/wiki' },
};

describe('validateResponse', () => {
  it('accepts a page in the PageSingle shape, merging allOf (_links.base) and nullable fields', () => {
    expect(validateResponse(v2, 'GET', '/pages/{id}', 200, page)).toEqual([]);
  });

  it('refuses a field the spec does not declare (strict), at any depth', () => {
    expect(validateResponse(v2, 'GET', '/pages/{id}', 200, { ...page, invented: 1 })).toEqual([expect.stringContaining("'invented'")]);
    expect(validateResponse(v2, 'GET', '/pages/{id}', 200, { ...page, version: { ...page.version, extra: true } })).toEqual([
      expect.stringContaining("/version has field 'extra'"),
    ]);
    expect(validateResponse(loadSpec('v2', { strict: false }), 'GET', '/pages/{id}', 200, { ...page, invented: 1 })).toEqual([]);
  });

  it('closes v1 objects the spec marks additionalProperties: true (Content, Version, User)', () => {
    const content = { id: '1', type: 'page', status: 'current', title: 'T', version: { number: 1, minorEdit: false, when: '2024-01-01T00:00:00.000Z', by: { type: 'known', accountId: 'a' } } };
    expect(validateResponse(v1, 'GET', '/wiki/rest/api/content/{id}', 200, content)).toEqual([]);
    expect(validateResponse(v1, 'GET', '/wiki/rest/api/content/{id}', 200, { ...content, invented: 1 })).toEqual([expect.stringContaining("'invented'")]);
    const user = { ...content.version.by, nickname: 'x' };
    expect(validateResponse(v1, 'GET', '/wiki/rest/api/content/{id}', 200, { ...content, version: { ...content.version, by: user } })).toEqual([expect.stringContaining("/version/by has field 'nickname'")]);
  });

  it('refuses wrong types, enums and null where the spec does not allow null', () => {
    expect(validateResponse(v2, 'GET', '/pages/{id}', 200, { ...page, status: 'alive' })).not.toEqual([]);
    expect(validateResponse(v2, 'GET', '/pages/{id}', 200, { ...page, title: null })).not.toEqual([]);
    expect(validateResponse(v2, 'GET', '/pages/{id}', 200, { ...page, createdAt: 'yesterday' })).not.toEqual([]);
  });

  it('checks bodyless error statuses against the observed envelopes', () => {
    const v2Error = { errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] };
    expect(validateResponse(v2, 'GET', '/pages/{id}', 404, v2Error)).toEqual([]);
    expect(validateResponse(v2, 'GET', '/pages/{id}', 404, { message: 'Not Found' })).not.toEqual([]);
    expect(validateResponse(v2, 'PUT', '/pages/{id}', 409, { errors: [{ ...v2Error.errors[0], status: 409 }] })).toEqual([]);
    const v1Error = { statusCode: 404, data: { authorized: true, valid: true, errors: [], successful: false }, message: 'No content', reason: 'Not Found' };
    expect(validateResponse(v1, 'GET', '/wiki/rest/api/content/{id}', 404, v1Error)).toEqual([]);
    expect(validateResponse(v1, 'GET', '/wiki/rest/api/content/{id}', 404, v2Error)).not.toEqual([]);
  });

  it('refuses undeclared success statuses and bodies on 204', () => {
    expect(validateResponse(v2, 'POST', '/pages', 201, page)).toEqual([expect.stringContaining('status not declared')]);
    expect(validateResponse(v2, 'DELETE', '/pages/{id}', 204, undefined)).toEqual([]);
    expect(validateResponse(v2, 'DELETE', '/pages/{id}', 204, { ok: true })).not.toEqual([]);
  });

  it('compiles every response schema of both specs', () => {
    for (const spec of [v2, v1]) {
      for (const [path, operations] of Object.entries(spec.document.paths)) {
        for (const method of Object.keys(operations).filter((m) => m !== 'parameters')) {
          expect(() => validateResponse(spec, method, path, 200, {})).not.toThrow();
        }
      }
    }
  });
});

describe('matchSpecRoute', () => {
  const specs = { v2: v2.paths, v1: v1.paths };
  it.each([
    ['/wiki/api/v2/pages/123/children?limit=1', 'v2', '/pages/{id}/children'],
    ['/ex/confluence/abc/wiki/api/v2/footer-comments/9/children', 'v2', '/footer-comments/{id}/children'],
    ['/wiki/api/v2/footer-comments/9', 'v2', '/footer-comments/{comment-id}'],
    ['/wiki/rest/api/content/search?cql=x', 'v1', '/wiki/rest/api/content/search'],
    ['/rest/api/content/42/child/attachment', 'v1', '/wiki/rest/api/content/{id}/child/attachment'],
  ])('%s -> %s %s', (url, spec, specPath) => {
    expect(matchSpecRoute(url, specs)).toEqual({ spec, specPath });
  });

  it('has no spec route for the OAuth server or downloads', () => {
    expect(matchSpecRoute('/oauth/token', specs)).toBeUndefined();
    expect(matchSpecRoute('/wiki/download/attachments/1/a.png', specs)).toBeUndefined();
  });
});
