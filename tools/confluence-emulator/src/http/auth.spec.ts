import { RunningEmulator, startEmulator } from '../server';
import { ALICE, basic, getJson } from '../testing';

describe('Cloud auth', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => (emulator = await startEmulator({ spaces: 1, pagesPerSpace: 5 })));
  afterAll(() => emulator.close());
  const spaces = () => `${emulator.url}/wiki/api/v2/spaces`;

  it('accepts email + API token', async () => {
    expect((await getJson(spaces(), ALICE)).status).toBe(200);
  });

  it('refuses a wrong token with 401 in the v2 shape', async () => {
    const { status, body } = await getJson(spaces(), basic('alice@example.com', 'wrong'));
    expect(status).toBe(401);
    expect(body.errors[0]).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
  });

  it('refuses a password with the plain-text deprecation notice', async () => {
    const { status, body, headers } = await getJson(spaces(), basic('alice@example.com', 'password-alice'));
    expect(status).toBe(401);
    expect(headers.get('content-type')).toContain('text/plain');
    expect(body).toMatch(/^Basic authentication with passwords is deprecated/);
  });

  it('refuses a scoped token on the site URL but accepts it through the gateway', async () => {
    const scoped = basic('alice@example.com', 'scoped-alice');
    expect((await getJson(spaces(), scoped)).status).toBe(401);
    const { cloudId } = (await getJson(`${emulator.url}/_edge/tenant_info`, '')).body;
    expect((await getJson(`${emulator.url}/ex/confluence/${cloudId}/wiki/api/v2/spaces`, scoped)).status).toBe(200);
  });

  it('answers 404 for a gateway path with an unknown cloudId', async () => {
    expect((await getJson(`${emulator.url}/ex/confluence/not-a-site/wiki/api/v2/spaces`, ALICE)).status).toBe(404);
  });

  it('never echoes a credential in an error body', async () => {
    const { body } = await getJson(spaces(), basic('alice@example.com', 'sekrit-value-123'));
    expect(JSON.stringify(body)).not.toContain('sekrit');
  });
});

describe('Data Center auth', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => (emulator = await startEmulator({ flavor: 'dc', spaces: 1, pagesPerSpace: 5 })));
  afterAll(() => emulator.close());

  it('accepts a bearer PAT and Basic username:password', async () => {
    expect((await getJson(`${emulator.url}/rest/api/space`, 'Bearer pat-alice')).status).toBe(200);
    expect((await getJson(`${emulator.url}/rest/api/space`, basic('alice', 'password-alice'))).status).toBe(200);
  });

  it("answers a bad credential with Tomcat's HTML 401 page", async () => {
    const { status, body, headers } = await getJson(`${emulator.url}/rest/api/space`, 'Bearer nope');
    expect(status).toBe(401);
    expect(headers.get('content-type')).toContain('text/html');
    expect(body).toContain('HTTP Status 401');
  });

  it('has no Cloud v2 API', async () => {
    expect((await getJson(`${emulator.url}/wiki/api/v2/spaces`, 'Bearer pat-alice')).status).toBe(404);
  });
});
