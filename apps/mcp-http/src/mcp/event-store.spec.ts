import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { MemoryEventStore } from './event-store';

const message = (id: number): JSONRPCMessage => ({ jsonrpc: '2.0', id, result: {} });

async function replay(store: MemoryEventStore, after: string): Promise<{ stream: string; sent: Array<[string, JSONRPCMessage]> }> {
  const sent: Array<[string, JSONRPCMessage]> = [];
  const stream = await store.replayEventsAfter(after, { send: async (id, m) => void sent.push([id, m]) });
  return { stream, sent };
}

describe('MemoryEventStore', () => {
  it('replays the events of the same stream after the given one, in order, without priming events', async () => {
    const store = new MemoryEventStore();
    const priming = await store.storeEvent('s1', {} as JSONRPCMessage);
    await store.storeEvent('s2', message(9));
    const first = await store.storeEvent('s1', message(1));
    const second = await store.storeEvent('s1', message(2));
    expect(await store.getStreamIdForEventId(priming)).toBe('s1');
    expect(await replay(store, priming)).toEqual({ stream: 's1', sent: [[first, message(1)], [second, message(2)]] });
    expect((await replay(store, first)).sent).toEqual([[second, message(2)]]);
  });

  it('refuses an unknown event id', async () => {
    const store = new MemoryEventStore();
    expect(await store.getStreamIdForEventId('42')).toBeUndefined();
    await expect(replay(store, '42')).rejects.toThrow('unknown event id');
  });

  it('keeps at most maxEvents, dropping the oldest', async () => {
    const store = new MemoryEventStore(3);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await store.storeEvent('s', message(i)));
    expect(store.size).toBe(3);
    expect(await store.getStreamIdForEventId(ids[1])).toBeUndefined();
    expect((await replay(store, ids[2])).sent.map(([, m]) => (m as { id: number }).id)).toEqual([3, 4]);
  });
});
