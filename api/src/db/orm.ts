import { ConnectionException, DataloaderType, MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities';
import { migrationsList } from './migrations';
import { logger } from '../logger';

export function ormOptions(clientUrl: string, opts: { embedded?: boolean } = {}): Options {
  return {
    clientUrl,
    entities,
    extensions: [Migrator],
    // Nested field resolvers load references and collections through MikroORM's dataloader,
    // so a page of matters costs a constant number of statements, not one per row.
    dataloader: DataloaderType.ALL,
    // PGlite serves one connection at a time; a real server gets a pool.
    pool: opts.embedded ? { min: 0, max: 1 } : { min: 0, max: 10 },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: process.env.SQL_DEBUG === '1',
    logger: (msg) => logger.debug(msg),
    migrations: {
      migrationsList,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    discovery: { warnWhenNoEntities: true },
    // The database must exist (compose, Kubernetes and the tests create it). Checking at init would
    // need the server up; the api instead waits for it at boot (see boot/retry.ts).
    ensureDatabase: false,
  };
}

export async function initOrm(clientUrl: string, opts: { embedded?: boolean; migrate?: boolean } = {}): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(clientUrl, opts));
  if (opts.migrate !== false) await migrate(orm);
  return orm;
}

export async function migrate(orm: MikroORM): Promise<void> {
  const applied = await orm.getMigrator().up();
  if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
}

/** Socket-level failures reaching the server (Node's codes, kept by MikroORM's DriverException). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** SQLSTATEs of a server going away: admin_shutdown, crash_shutdown, cannot_connect_now (starting or stopping). */
const SHUTDOWN_STATES = new Set(['57P01', '57P02', '57P03']);
const UNAVAILABLE_MESSAGES = /Connection terminated|Timeout acquiring a connection|Client has encountered a connection error|the database system is (shutting down|starting up|in recovery mode)/i;

/**
 * Whether `err` (or what it wraps) means the database cannot be reached right now — refused,
 * restarting, connection dropped — rather than a bug or a bad statement. Such failures are
 * answered "unavailable, try again" instead of an internal error; the pool reconnects by itself.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    if (e instanceof ConnectionException) return true;
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SHUTDOWN_STATES.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
    const next = e as { originalError?: unknown; cause?: unknown };
    e = next.originalError ?? next.cause;
  }
  return false;
}
