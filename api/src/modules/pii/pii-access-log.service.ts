import type { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context, PiiRead, Viewer } from '../../context';
import { logger } from '../../logger';
import { PiiAccessVia } from '../common/enums';

/** How an unmasked read reached the viewer when the code that read it did not say. */
export function piiViaOf(ctx: Pick<Context, 'piiVia' | 'eventScope'>): PiiAccessVia {
  return ctx.piiVia ?? (ctx.eventScope ? PiiAccessVia.PUSH : PiiAccessVia.QUERY);
}

/**
 * Writes the audit rows for the unmasked phone / ID number reads of one request or pushed event:
 * one multi-row insert, the same (party, field, path) once per request.
 */
export async function writePiiReads(ctx: Context): Promise<void> {
  const viewer = ctx.viewer;
  if (!viewer || ctx.piiReads.length === 0) return;
  const reads = ctx.piiReads.splice(0);
  const now = ctx.clock.now();
  const seen = new Set<string>();
  const values: unknown[] = [];
  for (const r of reads) {
    const via = r.via ?? PiiAccessVia.QUERY;
    const key = `${r.partyId}|${r.field}|${via}`;
    if (seen.has(key)) continue;
    seen.add(key);
    values.push(viewer.userId, viewer.organizationId, r.matterId, r.partyId, r.field, via, ctx.ip ?? null, now);
  }
  const rows = values.length / 8;
  await ctx.em
    .fork()
    .execute(
      `insert into pii_access_log (user_id, organization_id, matter_id, party_id, field, via, ip, at) values ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      values,
    )
    .catch((err) => logger.error({ err }, 'could not write the PII access audit'));
}

/** A reader of a pushed event's shared answer: who, and from where. */
export interface PiiReader {
  viewer: Pick<Viewer, 'userId' | 'organizationId'>;
  ip?: string;
}

const ROWS_PER_INSERT = 1000;

/**
 * The audit rows of one shared answer (a pushed event resolved once for an audience): the same
 * unmasked reads, written for every reader it was sent to — a row per reader, as if each had
 * resolved it, in one statement per thousand rows rather than one per console.
 */
export async function writePiiReadsForReaders(em: EntityManager, at: Date, reads: readonly PiiRead[], readers: readonly PiiReader[]): Promise<void> {
  if (reads.length === 0 || readers.length === 0) return;
  const seen = new Set<string>();
  const distinct: PiiRead[] = [];
  for (const r of reads) {
    const key = `${r.partyId}|${r.field}|${r.via ?? PiiAccessVia.QUERY}`;
    if (seen.has(key)) continue;
    seen.add(key);
    distinct.push(r);
  }
  let values: unknown[] = [];
  const flush = async () => {
    if (values.length === 0) return;
    const rows = values.length / 8;
    const chunk = values;
    values = [];
    await em.fork().execute(
      `insert into pii_access_log (user_id, organization_id, matter_id, party_id, field, via, ip, at) values ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      chunk,
    );
  };
  try {
    for (const reader of readers) {
      for (const r of distinct) {
        values.push(reader.viewer.userId, reader.viewer.organizationId, r.matterId, r.partyId, r.field, r.via ?? PiiAccessVia.QUERY, reader.ip ?? null, at);
        if (values.length / 8 >= ROWS_PER_INSERT) await flush();
      }
    }
    await flush();
  } catch (err) {
    logger.error({ err }, 'could not write the PII access audit');
  }
}

/** The legal floor (网络安全法 art. 21: network logs kept at least six months). */
export const MIN_PII_LOG_RETENTION_DAYS = 180;

/**
 * Deletes access-log rows older than `days` through the database function the append-only
 * trigger lets through (it refuses anything younger than 180 days whatever it is asked).
 */
export async function purgePiiAccessLog(orm: Pick<MikroORM, 'em'>, days: number): Promise<number> {
  if (!Number.isInteger(days) || days < MIN_PII_LOG_RETENTION_DAYS) throw new Error(`retention must be at least ${MIN_PII_LOG_RETENTION_DAYS} days`);
  const rows: { n: number }[] = await orm.em.fork().execute('select sst_purge_pii_access_log(?) as n', [days]);
  return Number(rows[0]?.n ?? 0);
}

const PURGE_INTERVAL_MS = 6 * 60 * 60 * 1000;

/** Purges at boot and every six hours; harmless when several instances do it. */
export function startPiiLogPurgeJob(orm: MikroORM, days: number, intervalMs = PURGE_INTERVAL_MS): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const run = () =>
    (running ??= purgePiiAccessLog(orm, days)
      .then((n) => {
        if (n) logger.info({ purged: n, days }, 'PII access log rows past retention purged');
      })
      .catch((err) => logger.warn({ err }, 'PII access log purge failed; will retry'))
      .finally(() => {
        running = null;
      }));
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  void run();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
