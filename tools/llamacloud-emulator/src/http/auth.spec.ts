/** Bearer API keys: FastAPI's 401s, configurable and revocable keys, and no key ever echoed. */
import { AuthenticationError, LlamaCloud } from '@llamaindex/llama-cloud';
import { RunningLlamaCloudEmulator, startLlamaCloudEmulator } from '../server';
import { call } from '../testing';

let emulator: RunningLlamaCloudEmulator;
beforeAll(async () => (emulator = await startLlamaCloudEmulator({ apiKeys: ['llx-first', 'llx-second'] })));
afterEach(() => emulator.control.reset());
afterAll(() => emulator.close());
const projects = () => `${emulator.url}/api/v1/projects`;

describe('bearer auth', () => {
  it('accepts every configured key and refuses the default one when keys are configured', async () => {
    expect((await call(projects(), { authorization: 'Bearer llx-first' })).status).toBe(200);
    expect((await call(projects(), { authorization: 'bearer llx-second' })).status).toBe(200);
    expect((await call(projects(), { authorization: 'Bearer llx-emulator' })).status).toBe(401);
  });

  it('answers a missing or non-bearer header with 401 Not authenticated and WWW-Authenticate', async () => {
    for (const authorization of [null, 'Basic bGx4LWZpcnN0Og==', 'Bearer', 'llx-first']) {
      const answer = await call(projects(), { authorization });
      expect(answer).toMatchObject({ status: 401, body: { detail: 'Not authenticated' } });
      expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('answers an unknown key with 401 Invalid authentication token, never echoing the key', async () => {
    const answer = await call(projects(), { authorization: 'Bearer llx-secret-guess' });
    expect(answer).toMatchObject({ status: 401, body: { detail: 'Invalid authentication token' } });
    expect(JSON.stringify(answer.body)).not.toContain('llx-secret-guess');
    expect(JSON.stringify(emulator.control.requests())).not.toContain('llx-secret-guess');
  });

  it('is what the SDK reports as AuthenticationError', async () => {
    const client = new LlamaCloud({ apiKey: 'llx-wrong', baseURL: emulator.url, maxRetries: 0 });
    await expect(client.projects.list()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('revokes a key at run time, and reset() restores the configured keys', async () => {
    emulator.control.setApiKeys(['llx-second']);
    expect((await call(projects(), { authorization: 'Bearer llx-first' })).status).toBe(401);
    expect((await call(projects(), { authorization: 'Bearer llx-second' })).status).toBe(200);
    emulator.control.reset();
    expect((await call(projects(), { authorization: 'Bearer llx-first' })).status).toBe(200);
    expect(() => emulator.control.setApiKeys([])).toThrow(/apiKeys must be at least one/);
  });

  it('routes before it authenticates: an unknown path is 404 and a wrong method 405, as in FastAPI', async () => {
    expect(await call(`${emulator.url}/api/v1/nothing`, { authorization: null })).toMatchObject({ status: 404, body: { detail: 'Not Found' } });
    const wrongMethod = await call(`${emulator.url}/api/v1/pipelines`, { method: 'PATCH', authorization: null });
    expect(wrongMethod).toMatchObject({ status: 405, body: { detail: 'Method Not Allowed' } });
    expect(wrongMethod.headers.get('allow')).toBe('GET, POST, PUT');
  });
});
