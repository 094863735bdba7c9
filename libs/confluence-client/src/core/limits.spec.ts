/** Requests a server refuses as too large, and redirects that go round in circles, come back typed. */
import { openSpace, recordingFetch, useEmulator } from '../testing/emulator';
import { ConnectionError, PayloadTooLargeError } from './errors';

const session = useEmulator('cloud');

describe('requests too large', () => {
  it.each([
    [413, 'body'],
    [414, 'URL'],
    [431, 'URL or headers'],
  ])('answers %s with PayloadTooLargeError naming the %s', async (status, part) => {
    session.control.injectFault({ kind: 'status', status, match: { path: '/spaces' } });
    const error = await session.clientFor().spaces.list().catch((e) => e);
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error.status).toBe(status);
    expect(error.message).toBe(`Request too large (${part} over the server's limit): GET /wiki/api/v2/spaces`);
  });

  it('types the 431 a real server sends for a query too long for its header limit, without retrying it', async () => {
    const recorder = recordingFetch();
    const error = await session.clientFor('alice', { fetch: recorder.fetch }).search.cql(`text ~ "${'x'.repeat(20_000)}"`).catch((e) => e);
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error.status).toBe(431);
    expect(recorder.sent).toHaveLength(1);
  });
});

describe('redirect loops', () => {
  it('ends a loop fetch follows with ConnectionError "too many redirects", and does not retry it', async () => {
    session.control.injectFault({ kind: 'redirect', times: 100, match: { path: '/spaces' } });
    const recorder = recordingFetch();
    const error = await session.clientFor('alice', { fetch: recorder.fetch }).spaces.list().catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe('too many redirects: GET /wiki/api/v2/spaces');
    expect(error.cause).toBeDefined();
    expect(recorder.sent).toHaveLength(1);
  });

  it('ends a loop in a download (redirects followed by hand) the same way', async () => {
    const space = openSpace(session.emulator);
    const page = [...session.control.world.pages.values()].find((p) => p.spaceId === space.id && !p.restrictions.read);
    if (!page) throw new Error('no readable page');
    session.control.addAttachment(page.id, { title: 'loop.txt', mediaType: 'text/plain', data: 'x' });
    session.control.injectFault({ kind: 'redirect', times: 100, match: { path: '/media/file/' } });
    const recorder = recordingFetch();
    const client = session.clientFor('alice', { fetch: recorder.fetch });
    const error = await client.attachments.download({ pageId: page.id, downloadPath: `/download/attachments/${page.id}/loop.txt` }).catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe(`too many redirects: GET /download/attachments/${page.id}/loop.txt`);
    // The download link, then five hops of the loop: no retry of the whole thing.
    expect(recorder.sent).toHaveLength(6);
  });
});
