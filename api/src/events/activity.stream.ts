import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context, Viewer } from '../context';
import { isDatabaseUnavailable } from '../db/orm';
import { badInput, cursorExpired, unauthenticated } from '../errors';
import { eventsDelivered, subscriptionsOpen } from '../http/metrics';
import { logger } from '../logger';
import { AuthService } from '../modules/auth/auth.service';
import { Topic, type PublishedEvent } from './event-bus';
import { eventHorizon } from './event-partitions';
import { can, requireActor } from '../policy/policy';
import { visibleEventsSql } from '../policy/scope';

const REPLAY_PAGE = 500;
/** How often a long-lived stream re-checks that its session is still valid. */
const SESSION_RECHECK_MS = 30_000;
/** First and longest wait before a stream asks an unreachable database again. */
const DB_RETRY_MS = 500;
const DB_RETRY_MAX_MS = 5_000;

export interface StreamOptions {
  /** Default SESSION_RECHECK_MS; shorter in tests. */
  sessionRecheckMs?: number;
  /** First wait before asking an unreachable database again (doubling up to DB_RETRY_MAX_MS). */
  dbRetryMs?: number;
}

/** A pushed event as a policy subject. */
export const eventSubject = (e: Pick<PublishedEvent, 'communityId' | 'audienceOrgIds' | 'notifyOrgIds' | 'type'>) =>
  ({ type: 'event', communityId: e.communityId, audienceOrgIds: e.audienceOrgIds, notifyOrgIds: e.notifyOrgIds, eventType: e.type }) as const;

/**
 * The page an event was read in (replay and gap fills), so that whoever resolves it may resolve
 * the whole page at once — one identity map and batched loads for the page rather than a round
 * trip per event (http/subscription-fanout.ts). Live events have none.
 */
export const replayPageOf = new WeakMap<PublishedEvent, readonly PublishedEvent[]>();
const asPage = (events: PublishedEvent[]): PublishedEvent[] => {
  for (const e of events) replayPageOf.set(e, events);
  return events;
};

/** A row of the event table as the driver returns it. */
export interface EventRow {
  id: string;
  type: PublishedEvent['type'];
  matter_id: string | null;
  community_id: string | null;
  actor_id: string | null;
  audience_org_ids: string[];
  notify_org_ids: string[];
  payload: Record<string, unknown>;
  occurred_at: Date;
}

export const rowToPublished = (r: EventRow): PublishedEvent => ({
  cursor: String(r.id),
  type: r.type,
  matterId: r.matter_id,
  communityId: r.community_id,
  actorId: r.actor_id,
  audienceOrgIds: r.audience_org_ids,
  notifyOrgIds: r.notify_org_ids,
  payload: r.payload,
  occurredAt: new Date(r.occurred_at).toISOString(),
});

/** Events the viewer may see with after < id <= upTo, in cursor order. */
export async function readEvents(
  em: EntityManager,
  viewer: Viewer,
  opts: { after: bigint; upTo?: bigint; limit?: number; matterId?: string },
): Promise<PublishedEvent[]> {
  const scope = visibleEventsSql(viewer);
  const where = ['e.id > ?', scope.sql];
  const params: unknown[] = [opts.after.toString(), ...scope.params];
  if (opts.upTo !== undefined) {
    where.push('e.id <= ?');
    params.push(opts.upTo.toString());
  }
  if (opts.matterId) {
    where.push('e.matter_id = ?');
    params.push(opts.matterId);
  }
  const rows: EventRow[] = await em.execute(
    `select e.* from event e where ${where.join(' and ')} order by e.id asc limit ?`,
    [...params, opts.limit ?? REPLAY_PAGE],
  );
  return asPage(rows.map(rowToPublished));
}

export async function latestEventId(em: EntityManager): Promise<bigint> {
  const rows: { max: string | null }[] = await em.execute('select max(id) as max from event');
  return BigInt(rows[0]?.max ?? 0);
}

function parseCursor(after: string): bigint {
  if (!/^\d{1,19}$/.test(after)) throw badInput('after must be a cursor returned by the server, or "0"', 'after');
  return BigInt(after);
}

/**
 * The viewer's resumable event stream. Subscribes to the bus first (buffering), then replays
 * from the table what came after the cursor, then goes live; anything at or below the last
 * delivered cursor is dropped (no duplicate), and a jump in cursors is filled from the table
 * (no gap, even when the bus lost a message or delivered out of order).
 */
export function activityStream(
  ctx: Context,
  after: string | null | undefined,
  accept: (e: PublishedEvent) => boolean = () => true,
  opts: StreamOptions = {},
): AsyncGenerator<PublishedEvent> {
  // An async generator cannot see return() while it awaits the next event: the call would be
  // queued until something visible arrives (maybe never), leaking the listener and its gap
  // fills after every disconnect. So return() first wakes the loop, which then ends.
  const signal: StreamSignal = { closed: false, wake: null };
  const inner = streamEvents(ctx, after, accept, signal, opts);
  const outer: AsyncGenerator<PublishedEvent> = {
    next: async (...args) => {
      const r = await inner.next(...args);
      if (!r.done) eventsDelivered.inc();
      return r;
    },
    throw: (err) => inner.throw(err),
    return: (value) => {
      signal.closed = true;
      signal.wake?.();
      return inner.return(value);
    },
    [Symbol.asyncIterator]: () => outer,
  };
  return outer;
}

interface StreamSignal {
  closed: boolean;
  wake: (() => void) | null;
}

/** Thrown inside the stream when return() ends it during a wait for the database. */
class StreamClosed extends Error {}

async function* streamEvents(
  ctx: Context,
  after: string | null | undefined,
  accept: (e: PublishedEvent) => boolean,
  signal: StreamSignal,
  opts: StreamOptions,
): AsyncGenerator<PublishedEvent> {
  const viewer = requireActor(ctx);
  const recheckMs = opts.sessionRecheckMs ?? SESSION_RECHECK_MS;
  const em = ctx.em;
  /**
   * Every read of the stream outlasts a database outage (a restart, a failover): it holds —
   * bus events wait in the queue — and asks again, rather than ending the subscription with an
   * error, which a console whose socket stayed open would not resume.
   */
  const db = async <T>(read: () => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await read();
      } catch (err) {
        if (!isDatabaseUnavailable(err)) throw err;
        if (attempt === 0) logger.warn({ user: viewer.username, err: (err as Error).message }, 'activity stream waiting for the database');
        await new Promise<void>((resolve) => {
          signal.wake = resolve;
          setTimeout(resolve, Math.min((opts.dbRetryMs ?? DB_RETRY_MS) * 2 ** attempt, DB_RETRY_MAX_MS)).unref();
        });
        signal.wake = null;
        if (signal.closed) throw new StreamClosed();
      }
    }
  };
  const queue: PublishedEvent[] = [];
  let wake: (() => void) | null = null;
  const unsubscribe = ctx.bus.subscribe(Topic.EVENT, (e) => {
    queue.push(e);
    wake?.();
  });
  const auth = new AuthService(em, ctx.config, ctx.clock);
  let lastCheck = Date.now();
  subscriptionsOpen.inc();
  try {
    // `delivered`: highest cursor the stream has accounted for (delivered or known invisible).
    let delivered: bigint;
    if (after === undefined || after === null) {
      delivered = await db(() => latestEventId(em));
    } else {
      delivered = parseCursor(after);
      // Events past retention are gone: a replay from before them would silently skip them.
      // The console is told to reload instead (its cursor "horizon - 1" itself is still fine).
      const horizon = await db(() => eventHorizon(em));
      if (delivered < horizon - 1n) throw cursorExpired(String(horizon - 1n));
      for (;;) {
        const from = delivered;
        const page = await db(() => readEvents(em, viewer, { after: from }));
        for (const e of page) {
          delivered = BigInt(e.cursor);
          if (accept(e)) yield e;
        }
        if (page.length < REPLAY_PAGE) break;
      }
      // Nothing visible past the last page: everything up to the head is accounted for.
      const head = await db(() => latestEventId(em));
      if (head > delivered) {
        const from = delivered;
        const missed = await db(() => readEvents(em, viewer, { after: from, upTo: head, limit: 100_000 }));
        for (const e of missed) if (accept(e)) yield e;
        delivered = head;
      }
    }
    for (;;) {
      if (signal.closed) return;
      if (queue.length === 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          signal.wake = resolve;
          // Wake periodically to re-check the session even when nothing happens.
          setTimeout(resolve, recheckMs).unref();
        });
        wake = null;
        signal.wake = null;
        if (signal.closed) return;
      }
      if (Date.now() - lastCheck >= recheckMs) {
        const valid = await db(() => auth.sessionStillValid(viewer.sessionId));
        lastCheck = Date.now();
        if (!valid) throw unauthenticated('The session has ended');
      }
      const batch = queue.splice(0).sort((a, b) => (BigInt(a.cursor) < BigInt(b.cursor) ? -1 : 1));
      for (const e of batch) {
        const id = BigInt(e.cursor);
        if (id <= delivered) continue;
        if (id > delivered + 1n) {
          // A gap: fill it from the table (lost or reordered bus messages, or rolled-back ids).
          const from = delivered;
          const missing = await db(() => readEvents(em, viewer, { after: from, upTo: id - 1n, limit: 100_000 }));
          for (const m of missing) if (accept(m)) yield m;
        }
        delivered = id;
        if (can(viewer, 'read', eventSubject(e)) && accept(e)) yield e;
      }
    }
  } catch (err) {
    if (err instanceof StreamClosed) return;
    throw err;
  } finally {
    subscriptionsOpen.dec();
    unsubscribe();
    logger.debug({ user: viewer.username }, 'activity stream closed');
  }
}
