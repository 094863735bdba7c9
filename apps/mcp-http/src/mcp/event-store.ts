/**
 * Resumability for stateful sessions: the messages of each SSE stream, kept in memory so a client that lost its
 * connection can ask for what it missed (`Last-Event-ID`). One store per session, bounded: the oldest events go
 * first, and the whole store goes with its session.
 */
import type { EventStore } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** @default 1000 events per session */
export const MAX_EVENTS_PER_SESSION = 1000;

interface StoredEvent {
  streamId: string;
  seq: number;
  message: JSONRPCMessage;
}

export class MemoryEventStore implements EventStore {
  private readonly events = new Map<string, StoredEvent>();
  private seq = 0;

  constructor(private readonly maxEvents = MAX_EVENTS_PER_SESSION) {}

  async storeEvent(streamId: string, message: JSONRPCMessage): Promise<string> {
    this.seq += 1;
    const eventId = `${this.seq}`;
    this.events.set(eventId, { streamId, seq: this.seq, message });
    // Maps iterate in insertion order: the first key is the oldest event.
    while (this.events.size > this.maxEvents) this.events.delete(this.events.keys().next().value as string);
    return eventId;
  }

  async getStreamIdForEventId(eventId: string): Promise<string | undefined> {
    return this.events.get(eventId)?.streamId;
  }

  async replayEventsAfter(lastEventId: string, { send }: { send: (eventId: string, message: JSONRPCMessage) => Promise<void> }): Promise<string> {
    const last = this.events.get(lastEventId);
    if (!last) throw new Error('unknown event id');
    for (const [eventId, event] of this.events) {
      // The transport's priming events carry no message: nothing to send again.
      if (event.streamId !== last.streamId || event.seq <= last.seq || !('jsonrpc' in event.message)) continue;
      await send(eventId, event.message);
    }
    return last.streamId;
  }

  /** Events held (for tests). */
  get size(): number {
    return this.events.size;
  }
}
