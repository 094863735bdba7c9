/**
 * A rate limit per client address on requests answered without an identity: refused credentials (401, 403),
 * the authentication mode's own routes (OAuth discovery, registration, authorization, token) and unknown paths.
 * It bounds how fast one address can guess credentials, or make this server ask Confluence to check them, or
 * fill it with OAuth registrations. An address that spent its budget is refused (429 with `Retry-After`) on every
 * request until the budget refills, before any credential is looked at: answering a right guess while refusing
 * wrong ones would leave guessing unlimited. Authenticated requests spend nothing here (they have their own
 * limit per identity), so only an address that keeps failing is held back.
 */
import type { IncomingMessage } from 'node:http';
import { clientAddress } from './client-address';
import { RateDecision, RateLimiter } from './rate-limit';

/** @default 60 unauthenticated requests per minute and client address (a burst of up to as many). */
export const DEFAULT_UNAUTHENTICATED_RATE_LIMIT = 60;

export class UnauthenticatedLimit {
  private readonly limiter: RateLimiter;

  /** `perMinute` 0 turns the limit off; `trustedProxies` as `clientAddress` takes it. */
  constructor(
    readonly perMinute: number,
    private readonly trustedProxies: number,
    now?: () => number,
  ) {
    this.limiter = new RateLimiter(perMinute, now);
  }

  /** Whether the request's address may still be answered (nothing is spent). */
  check(req: IncomingMessage): RateDecision {
    return this.limiter.peek(clientAddress(req, this.trustedProxies));
  }

  /** Spend one from the request's address: it was (or is about to be) answered without an identity. */
  spend(req: IncomingMessage): RateDecision {
    return this.limiter.take(clientAddress(req, this.trustedProxies));
  }

  /** Forget addresses whose budget is full again. */
  sweep(): void {
    this.limiter.sweep();
  }
}
