/**
 * The coverage machinery: every route registered in the source must be in a contract route list (the flavour
 * suites then prove each listed route was called), and the checks themselves must be able to fail.
 */
import { CLOUD_ROUTES, DC_ROUTES, coverageProblems, unlistedSourceRoutes } from './coverage';
import { parseFile, sourceRoutes } from './source-routes';

describe('route coverage', () => {
  it('finds the registrations in src/routes (sanity: the parser still understands the source)', () => {
    const keys = sourceRoutes().flatMap((route) => route.alternatives);
    expect(keys).toEqual(expect.arrayContaining(['GET /wiki/api/v2/pages/:id', 'POST /oauth/token', 'GET /wiki/api/v2/inline-comments/:id/children']));
  });

  it('lists every route the source registers in CLOUD_ROUTES or DC_ROUTES', () => {
    expect(unlistedSourceRoutes()).toEqual([]);
  });

  it('has no duplicate list entries', () => {
    for (const list of [CLOUD_ROUTES, DC_ROUTES]) expect(new Set(list).size).toBe(list.length);
  });

  it('flags routes served but not listed, listed but never called, and called only for errors', () => {
    const requests = [
      { route: 'GET /a', status: 200 },
      { route: 'GET /b', status: 200 },
      { route: 'GET /d', status: 404 },
    ];
    expect(coverageProblems({ 'GET /a': 1, 'GET /b': 1, 'GET /d': 1, 'GET unmatched': 3 }, requests, ['GET /a', 'GET /c', 'GET /d'])).toEqual([
      "GET /b was served but is not in the contract's route list (add it to coverage.ts)",
      'GET /c is registered but the contract never called it',
      'GET /d was only called for errors: add a successful contract call',
    ]);
  });

  it('parses route(), app.get() and loop-expanded templates', () => {
    const source = [
      "route(app, prefixes, 'GET', '/spaces', 'v2', () => 1);",
      "for (const kind of ['footer', 'inline'] as const) {",
      "  route(app, prefixes, 'POST', `/${kind}-comments`, 'v2', () => 1);",
      '}',
      "route(app, ['/wiki', '/ex/confluence/:cloudId/wiki'], 'GET', '/download/x', 'v1-cloud', () => 1);",
      "app.get('/_edge/tenant_info', PUBLIC, async () => 1);",
    ].join('\n');
    expect(parseFile(source, 'v2/x.ts').map((route) => route.alternatives)).toEqual([
      ['GET /wiki/api/v2/spaces'],
      ['POST /wiki/api/v2/footer-comments'],
      ['POST /wiki/api/v2/inline-comments'],
      ['GET /wiki/download/x'],
      ['GET /_edge/tenant_info'],
    ]);
    expect(parseFile("route(app, prefixes, 'GET', '/search', g, h);", 'v1/search.ts')[0].alternatives).toEqual(['GET /wiki/rest/api/search', 'GET /rest/api/search']);
    expect(() => parseFile("route(app, prefixes, 'GET', '/x', g, h);", 'v3/x.ts')).toThrow(/PREFIXES_BY_FOLDER/);
    const table = "const GONE = [\n  ['GET', '/content'],\n  ['DELETE', '/content/:id'],\n];\nfor (const [method, path] of GONE) route(app, prefixes, method, path, 'v1-cloud', h);";
    expect(parseFile(table, 'v1/gone.ts').map((route) => route.alternatives[0])).toEqual(['GET /wiki/rest/api/content', 'DELETE /wiki/rest/api/content/:id']);
  });
});
