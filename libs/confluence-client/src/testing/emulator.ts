/**
 * The client's test kit (`@confluence-mcp/confluence-client/testing`): a real emulator on a loopback port and
 * clients signed in to it, for either flavour, and a fake clock for timing tests. Specs use it; library code must
 * not (lint forbids importing the emulator outside specs and testing/).
 */
import type { RunningEmulator } from '@confluence-mcp/confluence-emulator';
import { Flavor } from '../core/options';

export { authFor, baseUrlOf, clientFor, emulatorFor, startEmulatorSession, useEmulator } from './session';
export type { EmulatorSession, SessionOptions, UseEmulatorOptions } from './session';
export { fakeClock } from './clock';
export type { FakeClock } from './clock';

/** Both flavours, for `describe.each(FLAVORS)`. */
export const FLAVORS: Flavor[] = ['cloud', 'dc'];

/** The first space everyone can read. */
export function openSpace(emulator: RunningEmulator) {
  const space = [...emulator.control.world.spaces.values()].find((s) => s.permissions.read === '*');
  if (!space) throw new Error('emulator world has no open space');
  return space;
}

/** What the client handed to its `fetch`, in order. */
export interface SentRequest {
  method: string;
  url: string;
  /** The signal the attempt ran under (aborted by the caller or by its deadline). */
  signal: AbortSignal;
}

/**
 * A `fetch` for `clientFor(..., { fetch })` that records every request the client sends, so a spec can tell
 * "never sent" from "sent and refused", and see that an in-flight request was aborted.
 */
export function recordingFetch(): { fetch: typeof fetch; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  return {
    sent,
    fetch: (input, init) => {
      const request = new Request(input, init);
      sent.push({ method: request.method, url: request.url, signal: request.signal });
      return fetch(request);
    },
  };
}
