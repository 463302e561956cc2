import os from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import { Semaphore } from 'async-mutex';

// argon2id, OWASP's recommended memory-hard parameters (19 MiB, 2 passes, 1 lane): about 50 ms of
// one core each here.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * argon2 runs on libuv's thread pool (4 threads), off the main thread — but 50 logins at once
 * then keep every core busy and the event loop, PostgreSQL's backends and everyone else's
 * requests wait behind them. At most `ARGON2_CONCURRENCY` hashes run at once (default: all cores
 * but one); the others queue here, costing nothing while they wait.
 */
let concurrency = Math.max(1, os.availableParallelism() - 1);
let gate = new Semaphore(concurrency);

/** Sets how many argon2 computations may run at once in this process (from ARGON2_CONCURRENCY). */
export function limitArgon2Concurrency(n: number): void {
  if (n === concurrency) return;
  concurrency = n;
  gate = new Semaphore(n);
}

/** argon2 computations running now, and the most seen at once (for the tests and for metrics). */
export const argon2Load = { running: 0, peak: 0 };

function bounded<T>(work: () => Promise<T>): Promise<T> {
  return gate.runExclusive(async () => {
    argon2Load.peak = Math.max(argon2Load.peak, ++argon2Load.running);
    try {
      return await work();
    } finally {
      argon2Load.running--;
    }
  });
}

export const hashPassword = (password: string): Promise<string> => bounded(() => hash(password, ARGON2));

/** false for a wrong password or a hash that cannot be read. */
export const verifyPassword = (passwordHash: string, password: string): Promise<boolean> =>
  bounded(() => verify(passwordHash, password)).catch(() => false);

// Verified against when the username is unknown or inactive, so that the answer costs the same
// work as for a real account and timing does not reveal which usernames exist.
let dummyHash: Promise<string> | null = null;
export const dummyPasswordHash = (): Promise<string> => (dummyHash ??= hashPassword('not-a-real-password'));
