/**
 * The address a request came from, for limits keyed by client. The socket's peer address, unless the server sits
 * behind proxies it trusts (`MCP_TRUST_PROXY`): then `X-Forwarded-For`, read from the right, skipping one entry
 * per trusted proxy. Entries further left were written by the client itself and would let it pick its own key,
 * so they are never used.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** Most proxies `MCP_TRUST_PROXY` may name: more hops than this is a configuration mistake. */
export const MAX_TRUSTED_PROXIES = 10;

/**
 * The client's address. `trustedProxies` is how many proxies in front of this server append to
 * `X-Forwarded-For` (0: the header is ignored). With N proxies, the last proxy is the socket's peer and the client
 * is the N-th entry from the right; a header with fewer entries than that (a proxy that does not append, a request
 * that bypassed them) gives its leftmost entry, and one that is not an IP address gives the peer.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: number): string {
  const peer = unmapped(req.socket.remoteAddress ?? 'unknown');
  if (trustedProxies === 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const raw = Array.isArray(header) ? header.join(',') : header;
  if (!raw) return peer;
  const hops = raw.split(',').map((entry) => entry.trim()).filter(Boolean);
  // The peer is the nearest proxy; each further trusted proxy appended the address it received from.
  const candidate = hops[Math.max(0, hops.length - trustedProxies)];
  return candidate && isIP(candidate) ? unmapped(candidate) : peer;
}

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) is the same client as `10.0.0.1`. */
function unmapped(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
