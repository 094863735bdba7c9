/** Faults over real sockets, seen through the official SDK (as the sink will see them) and through plain fetch. */
import { APIConnectionError, APIError, InternalServerError, LlamaCloud, RateLimitError } from '@llamaindex/llama-cloud';
import { RunningLlamaCloudEmulator, startLlamaCloudEmulator } from '../server';
import { call } from '../testing';

let emulator: RunningLlamaCloudEmulator;
let client: LlamaCloud;
let pipelineId: string;
beforeAll(async () => {
  emulator = await startLlamaCloudEmulator();
  client = new LlamaCloud({ apiKey: 'llx-emulator', baseURL: emulator.url, maxRetries: 0 });
});
beforeEach(async () => {
  emulator.control.reset();
  pipelineId = (await client.pipelines.upsert({ name: 'faults', pipeline_type: 'MANAGED' })).id;
  emulator.control.clearLog();
});
afterAll(() => emulator.close());

const doc = (id: string, size = 10) => ({ id, text: 'x'.repeat(size), metadata: { id } });
const upsert = (body: ReturnType<typeof doc>[], sdk = client) => sdk.pipelines.documents.upsert(pipelineId, { body });
const caught = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

describe('injected statuses', () => {
  it('answers 429 with Retry-After, `times` times, on matching requests only', async () => {
    emulator.control.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 7, times: 2, match: { method: 'PUT', path: '/documents' } });
    expect((await client.pipelines.get(pipelineId)).id).toBe(pipelineId);
    for (let i = 0; i < 2; i++) {
      const error = await caught(upsert([doc('a')]));
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).headers?.get('retry-after')).toBe('7');
      expect((error as RateLimitError).error).toEqual({ detail: 'Too Many Requests' });
    }
    await upsert([doc('a')]);
    expect(emulator.control.documents('faults').map((document) => document.id)).toEqual(['a']);
    expect(emulator.control.requests().map((request) => request.status)).toEqual([200, 429, 429, 200]);
  });

  it('is honoured by the SDK: its retry waits for Retry-After, then succeeds', async () => {
    emulator.control.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 1 });
    const retrying = new LlamaCloud({ apiKey: 'llx-emulator', baseURL: emulator.url, maxRetries: 1 });
    const started = Date.now();
    await upsert([doc('a')], retrying);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(emulator.control.requests().map((request) => request.status)).toEqual([429, 200]);
  });

  it('answers 5xx: Starlette plain text for a bare 500, FastAPI detail otherwise, Retry-After when asked', async () => {
    emulator.control.injectFault({ kind: 'status', status: 500 });
    emulator.control.injectFault({ kind: 'status', status: 503, retryAfterSeconds: 2 });
    const plain = await call(`${emulator.url}/api/v1/pipelines/${pipelineId}`);
    expect(plain).toMatchObject({ status: 500, body: 'Internal Server Error' });
    expect(plain.headers.get('content-type')).toMatch(/^text\/plain/);
    const error = await caught(upsert([doc('a')]));
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(503);
    expect((error as InternalServerError).headers?.get('retry-after')).toBe('2');
    expect(emulator.control.documents('faults')).toEqual([]);
  });

  it('sends a custom body as given', async () => {
    emulator.control.injectFault({ kind: 'status', status: 502, body: '<html>Bad Gateway</html>' });
    const answer = await call(`${emulator.url}/api/v1/projects`);
    expect(answer).toMatchObject({ status: 502, body: '<html>Bad Gateway</html>' });
  });

  it('refuses a fault it cannot apply, naming the field', () => {
    expect(() => emulator.control.injectFault({ kind: 'status', status: 200 })).toThrow(/status must be an HTTP error status/);
    expect(() => emulator.control.injectFault({ kind: 'reset', times: 0 })).toThrow(/times must be/);
    expect(emulator.control.pendingFaults()).toBe(0);
  });
});

describe('resets and latency', () => {
  it('resets the connection: the SDK sees a connection error, the next call works', async () => {
    emulator.control.injectFault({ kind: 'reset', match: { path: '/documents' } });
    expect(await caught(upsert([doc('a')]))).toBeInstanceOf(APIConnectionError);
    expect(emulator.control.requests()[0]).toMatchObject({ method: 'PUT', status: 0 });
    await upsert([doc('a')]);
    expect(emulator.control.documents('faults')).toHaveLength(1);
  });

  it('adds fixed latency to every request, and a delay to matching ones only', async () => {
    emulator.control.setLatency(80);
    let started = Date.now();
    await client.projects.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    emulator.control.setLatency(0);
    emulator.control.injectFault({ kind: 'delay', ms: 150, match: { path: /\/status$/ } });
    await client.projects.list();
    await upsert([doc('a')]);
    expect(emulator.control.pendingFaults()).toBe(1);
    started = Date.now();
    await client.pipelines.documents.getStatus('a', { pipeline_id: pipelineId });
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
    expect(emulator.control.pendingFaults()).toBe(0);
  });

  it('fails every request at an error rate of 1 and none after clearFaults()', async () => {
    emulator.control.setErrorRate(1);
    const answers = await Promise.all([1, 2, 3].map(() => call(`${emulator.url}/api/v1/projects`)));
    expect(answers.every((answer) => [500, 503].includes(answer.status) && answer.headers.get('retry-after') === '1')).toBe(true);
    emulator.control.clearFaults();
    expect((await call(`${emulator.url}/api/v1/projects`)).status).toBe(200);
  });
});

describe('request body limit (413)', () => {
  it('refuses a batch above maxBodyBytes with 413 and stores nothing; halves of it pass', async () => {
    emulator.control.setMaxBodyBytes(64 * 1024);
    const batch = Array.from({ length: 8 }, (_, i) => doc(`d${i}`, 10 * 1024));
    const error = await caught(upsert(batch));
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(413);
    expect((error as APIError).error).toEqual({ detail: 'Request Entity Too Large' });
    expect(emulator.control.documents('faults')).toEqual([]);
    const refused = emulator.control.requests()[0];
    expect(refused).toMatchObject({ status: 413 });
    expect(refused.bodyBytes).toBeGreaterThan(64 * 1024);

    await upsert(batch.slice(0, 4));
    await upsert(batch.slice(4));
    expect(emulator.control.documents('faults')).toHaveLength(8);
  });

  it('applies to a streamed body without Content-Length too', async () => {
    emulator.control.setMaxBodyBytes(1000);
    const json = JSON.stringify([doc('s', 5000)]);
    const body = new ReadableStream({
      start(controller) {
        for (let i = 0; i < json.length; i += 500) controller.enqueue(new TextEncoder().encode(json.slice(i, i + 500)));
        controller.close();
      },
    });
    const response = await fetch(`${emulator.url}/api/v1/pipelines/${pipelineId}/documents`, {
      method: 'PUT',
      headers: { authorization: 'Bearer llx-emulator', 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ detail: 'Request Entity Too Large' });
  });

  it('defaults to 10 MiB: fastify’s own 1 MiB limit never answers first', async () => {
    await upsert([doc('two-mib', 2 * 1024 * 1024)]);
    expect(emulator.control.documents('faults')[0].text).toHaveLength(2 * 1024 * 1024);
    const error = await caught(upsert([doc('eleven-mib', 11 * 1024 * 1024)]));
    expect((error as APIError).status).toBe(413);
  });

  it('answers 413 before auth, as a proxy in front of the service would', async () => {
    emulator.control.setMaxBodyBytes(100);
    const answer = await call(`${emulator.url}/api/v1/pipelines/${pipelineId}/documents`, { method: 'PUT', body: [doc('a', 500)], authorization: null });
    expect(answer).toMatchObject({ status: 413, body: { detail: 'Request Entity Too Large' } });
  });
});
