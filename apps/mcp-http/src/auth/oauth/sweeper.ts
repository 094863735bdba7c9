/**
 * The periodic clean-up of the OAuth store: once at start, then every 10 minutes on an unref'd timer (it never keeps
 * the process alive). Every instance sweeps; the sweep is one immediate transaction, so two at once only wait.
 */
import type { Logger } from '@confluence-mcp/logging';
import { PENDING_TTL_MS } from './provider';
import type { OAuthStore, SweepPolicy } from './store';

/** @default every 10 minutes */
export const SWEEP_INTERVAL_MS = 10 * 60_000;

/**
 * What is kept: a grant nothing refers to survives one pending TTL (its code may be being written); a client that
 * never got tokens survives a day; a client that did, 90 days after it last got any.
 */
export const SWEEP_POLICY: SweepPolicy = { grantGraceMs: PENDING_TTL_MS, clientSignInMs: 24 * 3600_000, clientIdleMs: 90 * 24 * 3600_000 };

/**
 * Sweeps now and every `intervalMs`; the returned function stops the timer (call it before closing the store).
 *
 * @example
 * const stopSweeping = startSweeper(store, logger);
 * // on shutdown:
 * stopSweeping();
 * store.close();
 */
export function startSweeper(store: OAuthStore, log: Logger, intervalMs = SWEEP_INTERVAL_MS): () => void {
  const sweep = () => {
    try {
      const counts = store.sweep(SWEEP_POLICY);
      if (Object.values(counts).some((n) => n > 0)) log.info('oauth store swept', { ...counts });
    } catch (error) {
      // SQLite errors name the failure, never a row's content; the next sweep tries again.
      log.warn('oauth store sweep failed', { error: error instanceof Error ? error.message : String(error) });
    }
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
