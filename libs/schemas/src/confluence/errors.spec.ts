import { readReferenceJson } from '../testing/reference.spec-helper';
import { GatewayErrorBodySchema, V1ErrorBodySchema, V2ErrorBodySchema, describeErrorBody } from './errors';

interface ObservedError {
  id: string;
  status: number;
  api: string;
  body_raw: string | null;
  body_json?: unknown;
}

const observed = readReferenceJson('observed-api-errors', 'observed-errors.json') as ObservedError[];
const byId = (id: string) => {
  const entry = observed.find((e) => e.id === id);
  if (!entry?.body_raw) throw new Error(`no body_raw for ${id}`);
  return entry.body_raw;
};

const TAG = /<\/?[a-z][^>]*>/i;

describe('error body schemas against observed errors', () => {
  // Error statuses only: one entry is a 200 quirk ({"results":{}}), not an error body.
  const withJson = observed.filter((e) => e.body_json && e.status >= 400);

  it('covers v2 and v1 bodies', () => {
    expect(withJson.map((e) => e.api).sort()).toEqual(['cloud-v1', 'cloud-v1', 'cloud-v2', 'server-v1']);
  });

  it.each(withJson.map((e) => [e.id, e] as const))('%s parses with the schema of its API', (_id, entry) => {
    const schema = entry.api === 'cloud-v2' ? V2ErrorBodySchema : V1ErrorBodySchema;
    const result = schema.safeParse(entry.body_json);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('does not mistake one shape for another', () => {
    const v2 = observed.find((e) => e.id === 'v2-404-not-found-or-no-permission')?.body_json;
    const v1 = observed.find((e) => e.id === 'v1-403-not-permitted')?.body_json;
    expect(V1ErrorBodySchema.safeParse(v2).success).toBe(false);
    expect(V2ErrorBodySchema.safeParse(v1).success).toBe(false);
    expect(GatewayErrorBodySchema.safeParse(v1).success).toBe(false);
    expect(GatewayErrorBodySchema.parse({ code: 401, message: 'Unauthorized; scope does not match' }).code).toBe(401);
  });
});

describe('describeErrorBody', () => {
  const raws = observed.filter((e) => e.body_raw !== null).map((e) => [e.id, e.body_raw as string] as const);

  it.each(raws)('%s gives a short message without tags', (_id, raw) => {
    const { message } = describeErrorBody(raw);
    expect(message.length).toBeGreaterThan(0);
    expect(message.length).toBeLessThanOrEqual(300);
    expect(message).not.toMatch(TAG);
  });

  it('reads v2 bodies, including Python-style quoting', () => {
    expect(describeErrorBody('{"errors":[{"status":404,"code":"NOT_FOUND","title":"Not Found","detail":null}]}')).toEqual({
      message: 'Not Found',
      code: 'NOT_FOUND',
    });
    // The issue quoted this body as a Python dict repr; the salvage path still finds title and code.
    expect(describeErrorBody(byId('v2-404-not-found-or-no-permission'))).toEqual({ message: 'Not Found', code: 'NOT_FOUND' });
    const withDetail = '{"errors":[{"status":400,"code":"INVALID_REQUEST_PARAMETER","title":"Bad limit","detail":"limit must be 1-250"}]}';
    expect(describeErrorBody(withDetail).message).toBe('Bad limit: limit must be 1-250');
  });

  it('reads truncated JSON', () => {
    const v2 = describeErrorBody(byId('v2-400-invalid-request-parameter'));
    expect(v2.code).toBe('INVALID_REQUEST_PARAMETER');
    expect(v2.message).toMatch(/^Cannot update content property\. /);
    expect(describeErrorBody(byId('server-404-v1')).message).toBe('HTTP 404 (error body cut off)');
  });

  it('reads v1 bodies and shortens Java class names', () => {
    expect(describeErrorBody(byId('v1-403-not-permitted')).message).toBe('Current user not permitted to use Confluence');
    const conflict = describeErrorBody(byId('v1-409-optimistic-lock')).message;
    expect(conflict).toMatch(/^ConflictException: OptimisticLockException: Batch update returned unexpected row count/);
    expect(describeErrorBody(byId('server-500-cql-empty-space')).message).toBe('IllegalArgumentException: parameters should not be empty');
  });

  it('reads gateway bodies', () => {
    expect(describeErrorBody('{\n  "code": 401,\n  "message": "Unauthorized; scope does not match"\n}')).toEqual({
      message: 'Unauthorized; scope does not match',
      code: '401',
    });
  });

  it('picks the Message paragraph of a Tomcat page', () => {
    const raw = byId('dc-401-html-tomcat');
    expect(describeErrorBody(raw, 'text/html;charset=utf-8').message).toBe('Basic Authentication Failure - Reason : AUTHENTICATED_FAILED');
    expect(describeErrorBody(raw).message).toBe('Basic Authentication Failure - Reason : AUTHENTICATED_FAILED');
  });

  it('uses the title of other HTML pages and never returns markup', () => {
    const nginx = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>';
    expect(describeErrorBody(nginx, 'text/html')).toEqual({ message: '502 Bad Gateway' });
    const noTitle = '<div><p>Service &amp; API are <b>down</b></p><script>var secret = 1;</script></div>';
    expect(describeErrorBody(noTitle, 'text/html').message).toBe('Service & API are down');
    const escaped = '<p>&lt;script&gt;alert(1)&lt;/script&gt; failed</p>';
    expect(describeErrorBody(escaped, 'text/html').message).not.toMatch(TAG);
  });

  it('collapses and caps plain text', () => {
    expect(describeErrorBody(byId('cloud-401-basic-auth-password')).message).toBe(
      'Basic authentication with passwords is deprecated. For more information, see: https://developer.atlassian.com/cloud/confluence/deprecation-notice-basic-auth/',
    );
    const long = describeErrorBody('x'.repeat(5000)).message;
    expect(long).toHaveLength(300);
    expect(long.endsWith('…')).toBe(true);
    expect(describeErrorBody('  \n ')).toEqual({ message: 'empty response body' });
  });

  it('keeps markup quoted inside a JSON message', () => {
    const body = '{"statusCode":400,"message":"Error parsing xhtml: Unexpected close tag </p>; expected </ac:task>"}';
    expect(describeErrorBody(body, 'application/json').message).toBe('Error parsing xhtml: Unexpected close tag </p>; expected </ac:task>');
  });
});
