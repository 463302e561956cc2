import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import { logger } from '../logger';

/**
 * Key of the session advisory lock that lets one instance at a time maintain the event table's
 * partitions. Distinct from the event write lock (0x5354_0001) and the boot lock (0x5354_0002).
 */
export const EVENT_PARTITION_LOCK = 0x5354_0003;

/** The legal floor (网络安全法 art. 21: network logs kept at least six months). */
export const MIN_EVENT_RETENTION_DAYS = 180;

export interface EventPartitionSettings {
  /** Ids per new partition (EVENT_PARTITION_SIZE). */
  partitionSize: number;
  /** Drop partitions whose every row is older than this (EVENT_RETENTION_DAYS); undefined keeps every event. */
  retentionDays?: number;
}

export interface DroppedPartition {
  name: string;
  lo: string | null;
  hi: string;
  removed: string;
  newest: Date | null;
}

export interface MaintenanceResult {
  /** false when another instance held the lock (it does the work). */
  ran: boolean;
  created: number;
  dropped: DroppedPartition[];
}

/** Where the maintenance runs: its own connection to a server (so the lock is its own), or the embedded database's one connection. */
export type MaintenanceTarget = { url: string } | { em: EntityManager };

type Query = <R>(sql: string, params: unknown[]) => Promise<R[]>;

/**
 * Creates the partitions the next ids need and, with a retention, drops whole partitions past it
 * (sst_event_partitions_ensure / _expire, see Migration20261201220000_event_partitions). One
 * instance at a time: a session advisory lock on a connection of its own — `wait` blocks for it
 * (boot), otherwise an instance that finds it taken leaves the work to the holder. The embedded
 * database has one process and one connection, so it needs no lock.
 */
export async function maintainEventPartitions(
  target: MaintenanceTarget,
  settings: EventPartitionSettings,
  opts: { wait?: boolean; expire?: boolean } = {},
): Promise<MaintenanceResult> {
  if (settings.retentionDays !== undefined && (!Number.isInteger(settings.retentionDays) || settings.retentionDays < MIN_EVENT_RETENTION_DAYS)) {
    throw new Error(`event retention must be at least ${MIN_EVENT_RETENTION_DAYS} days`);
  }
  const work = async (query: Query): Promise<MaintenanceResult> => {
    // Room for two partitions' worth of ids beyond the sequence: the job runs hourly, and a
    // failed attempt (a lock not granted within its second) is simply retried.
    const [made] = await query<{ n: number }>('select sst_event_partitions_ensure($1, $2) as n', [settings.partitionSize, 2 * settings.partitionSize]);
    const dropped =
      opts.expire !== false && settings.retentionDays !== undefined
        ? await query<DroppedPartition>('select * from sst_event_partitions_expire($1)', [settings.retentionDays])
        : [];
    return { ran: true, created: Number(made?.n ?? 0), dropped };
  };
  if ('em' in target) {
    const em = target.em.fork();
    return work(async <R>(sql: string, params: unknown[]) => (await em.execute(sql.replace(/\$\d+/g, '?'), params)) as R[]);
  }
  const client = new pg.Client({ connectionString: target.url, application_name: 'sst-api event partitions' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    if (opts.wait) await client.query('select pg_advisory_lock($1)', [EVENT_PARTITION_LOCK]);
    else {
      const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [EVENT_PARTITION_LOCK]);
      if (!rows[0]?.locked) return { ran: false, created: 0, dropped: [] };
    }
    try {
      return await work(async <R>(sql: string, params: unknown[]) => (await client.query(sql, params)).rows as R[]);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [EVENT_PARTITION_LOCK]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The lowest event id still held: a replay from a cursor below `horizon - 1` would miss dropped events. */
export async function eventHorizon(em: EntityManager): Promise<bigint> {
  const rows: { horizon: string | null }[] = await em.execute('select sst_event_horizon() as horizon');
  return BigInt(rows[0]?.horizon ?? 0);
}

const MAINTENANCE_INTERVAL_MS = 60 * 60 * 1000;

function report(result: MaintenanceResult, settings: EventPartitionSettings): void {
  if (result.created) logger.info({ created: result.created, partitionSize: settings.partitionSize }, 'event partitions created ahead');
  for (const d of result.dropped) {
    logger.info(
      { partition: d.name, fromId: d.lo ?? 'first', toId: d.hi, rows: Number(d.removed), newest: d.newest, retentionDays: settings.retentionDays },
      'event partition past retention dropped',
    );
  }
}

/**
 * Keeps partitions ahead of the ids and applies the retention: soon after boot and every hour.
 * Across instances one does the work at a time (the others skip that round).
 */
export function startEventPartitionJob(
  target: MaintenanceTarget,
  settings: EventPartitionSettings,
  intervalMs = MAINTENANCE_INTERVAL_MS,
): { stop(): Promise<void>; runNow(): Promise<MaintenanceResult | null> } {
  let running: Promise<MaintenanceResult | null> | null = null;
  const run = () =>
    (running ??= maintainEventPartitions(target, settings)
      .then((r) => {
        report(r, settings);
        return r;
      })
      .catch((err: unknown) => {
        logger.warn({ err }, 'event partition maintenance failed; will retry');
        return null;
      })
      .finally(() => {
        running = null;
      }));
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  void run();
  return {
    runNow: run,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
