/**
 * Spec helper: a real emulator on a loopback port and a client signed in to it, for either flavour.
 * Specs use it; library code must not (lint forbids importing the emulator outside specs and testing/).
 */
import { EmulatorOptions, RunningEmulator, startEmulator } from '@confluence-mcp/confluence-emulator';
import { ConfluenceClient, createConfluenceClient } from '../client';
import { ConfluenceAuth, ConfluenceClientOptions, Flavor } from '../core/options';

export const FLAVORS: Flavor[] = ['cloud', 'dc'];

/** The API base a client is given for each flavour. */
export function baseUrlOf(emulator: RunningEmulator): string {
  return emulator.control.flavor === 'cloud' ? `${emulator.url}/wiki` : emulator.url;
}

/** Credentials of a well-known emulator user (`alice`, `bob`, `carol`...) for the emulator's flavour. */
export function authFor(flavor: Flavor, username = 'alice'): ConfluenceAuth {
  return flavor === 'cloud' ? { type: 'basic', email: `${username}@example.com`, apiToken: `token-${username}` } : { type: 'pat', token: `pat-${username}` };
}

/** A client for `emulator`, signed in as `username`. */
export function clientFor(emulator: RunningEmulator, username = 'alice', options: Partial<ConfluenceClientOptions> = {}): ConfluenceClient {
  const flavor = emulator.control.flavor;
  return createConfluenceClient({ baseUrl: baseUrlOf(emulator), flavor, auth: authFor(flavor, username), gatewayUrl: emulator.url, retry: { backoffLimitMs: 200 }, ...options });
}

/** Start an emulator of `flavor` with a small world. */
export function emulatorFor(flavor: Flavor, options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ flavor, spaces: 2, pagesPerSpace: 20, seed: 5, ...options });
}

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
