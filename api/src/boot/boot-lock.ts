import pg from 'pg';

/**
 * Key of the session-level advisory lock that serialises first boot (migrations + demo seed)
 * across api instances. Distinct from the event write lock (0x5354_0001, transaction-level).
 */
export const BOOT_LOCK = 0x5354_0002;

/**
 * Runs `work` while holding PostgreSQL's session advisory lock BOOT_LOCK on a connection of its
 * own. Instances that start together on an empty database take turns: the first migrates and
 * seeds, the others wait, then find nothing left to do. The lock belongs to the connection, so an
 * instance killed while holding it releases it with its connection — no stale lock to clean up.
 */
export async function withBootLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'sst-api boot' });
  // A connection dropped while waiting must not crash the process; the next query reports it.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [BOOT_LOCK]);
    return await work();
  } finally {
    // Ending the session releases the lock even if the unlock itself fails.
    await client.query('select pg_advisory_unlock($1)', [BOOT_LOCK]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
