import type { IncomingMessage } from 'node:http';
import { clientAddress } from './client-address';

/** What `clientAddress` reads of a request: the socket's peer and the headers. */
function requestFrom(peer: string, forwardedFor?: string | string[]): IncomingMessage {
  return { socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } } as unknown as IncomingMessage;
}

describe('clientAddress', () => {
  it('is the peer address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress(requestFrom('10.0.0.7', '203.0.113.9'), 0)).toBe('10.0.0.7');
    expect(clientAddress(requestFrom('::ffff:10.0.0.7'), 0)).toBe('10.0.0.7');
    expect(clientAddress(requestFrom('::1'), 0)).toBe('::1');
  });

  it('behind one trusted proxy, is the entry that proxy appended (the rightmost), never one the client wrote', () => {
    // The client sent "X-Forwarded-For: 1.1.1.1" itself; the proxy appended the address it saw.
    expect(clientAddress(requestFrom('10.0.0.2', '1.1.1.1, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientAddress(requestFrom('10.0.0.2', '203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientAddress(requestFrom('10.0.0.2', ['1.1.1.1', '203.0.113.9']), 1)).toBe('203.0.113.9');
  });

  it('behind two trusted proxies, skips the nearer proxy’s entry', () => {
    expect(clientAddress(requestFrom('10.0.0.3', '1.1.1.1, 203.0.113.9, 10.0.0.2'), 2)).toBe('203.0.113.9');
    // Fewer entries than proxies (a request that went around one of them): the leftmost.
    expect(clientAddress(requestFrom('10.0.0.3', '203.0.113.9'), 2)).toBe('203.0.113.9');
  });

  it('falls back to the peer when the header is missing or its entry is not an address', () => {
    expect(clientAddress(requestFrom('10.0.0.2'), 1)).toBe('10.0.0.2');
    expect(clientAddress(requestFrom('10.0.0.2', 'unknown'), 1)).toBe('10.0.0.2');
    expect(clientAddress(requestFrom('10.0.0.2', ' , '), 1)).toBe('10.0.0.2');
    expect(clientAddress(requestFrom('10.0.0.2', '2001:db8::1'), 1)).toBe('2001:db8::1');
  });
});
