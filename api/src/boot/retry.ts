import { setTimeout as sleep } from 'node:timers/promises';
import { isDatabaseUnavailable } from '../db/orm';
import type { Logger } from '../logger';

export interface RetryOptions {
  /** First wait after a failure; doubled each time up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Stops retrying (rejects with the last error) once aborted, e.g. by SIGTERM during boot. */
  signal?: AbortSignal;
}

/**
 * Runs `step` until it succeeds, waiting with exponential backoff while it fails because the
 * database cannot be reached (not yet started, restarting). Any other failure — a broken
 * migration, a wrong password — is thrown at once. The outage is logged once when it begins and
 * once when it ends, not on every attempt.
 */
export async function retryWhileDatabaseUnavailable<T>(what: string, step: () => Promise<T>, log: Logger, opts: RetryOptions = {}): Promise<T> {
  const initial = opts.initialDelayMs ?? 250;
  const max = opts.maxDelayMs ?? 5_000;
  let delay = initial;
  let attempts = 0;
  let since: number | null = null;
  for (;;) {
    try {
      const result = await step();
      if (since !== null) log.info({ what, attempts, waitedMs: Date.now() - since }, 'database reachable; carrying on');
      return result;
    } catch (err) {
      if (!isDatabaseUnavailable(err) || opts.signal?.aborted) throw err;
      attempts++;
      if (since === null) {
        since = Date.now();
        log.warn({ what, err: (err as Error).message }, 'database unavailable; retrying with backoff (logged again when it is reachable)');
      }
    }
    await sleep(delay, undefined, { signal: opts.signal }).catch(() => undefined);
    delay = Math.min(delay * 2, max);
  }
}
