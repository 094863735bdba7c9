/**
 * A call leaves nothing attached to its signal once it is over. Node keeps a signal made by `AbortSignal.any`
 * (the call's: the client's cancellation and the deadline) alive with its abort listeners until it aborts; a
 * listener left behind kept every call's answer in memory (the remote server ran out of heap after ~36,000 calls).
 */
import { createConfluenceClient } from '@confluence-mcp/confluence-client';
import { getEventListeners } from 'node:events';
import { runCall } from './call';
import { ToolContext } from './context';
import { ToolFailure } from './results';

const ctx = new ToolContext({ client: createConfluenceClient({ baseUrl: 'https://example.atlassian.net/wiki', auth: { type: 'basic', email: 'a@example.com', apiToken: 't' } }), callDeadlineMs: 60_000 });

it.each([
  ['succeeds', async () => 'answer'],
  ['fails', async () => Promise.reject(new ToolFailure('NOT_FOUND', 'no such page'))],
])('a call that %s leaves no abort listener on its signal', async (_outcome, work) => {
  const cancel = new AbortController();
  let signal: AbortSignal | undefined;
  await runCall(ctx, { signal: cancel.signal, writes: false }, async (callCtx) => {
    signal = callCtx.signal;
    return work();
  }).catch(() => undefined);
  expect(signal).toBeDefined();
  expect(getEventListeners(signal as AbortSignal, 'abort')).toHaveLength(0);
  expect(getEventListeners(cancel.signal, 'abort')).toHaveLength(0);
});

it('a cancelled call still ends as cancelled', async () => {
  const cancel = new AbortController();
  const pending = runCall(ctx, { signal: cancel.signal, writes: false }, () => new Promise(() => undefined));
  cancel.abort(new Error('the client cancelled'));
  await expect(pending).rejects.toMatchObject({ code: 'UNAVAILABLE' });
});
