import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../context';
import type { EventType } from '../modules/common/enums';
import { eventsPublished } from '../http/metrics';
import { logger } from '../logger';
import { Event } from './event.entity';
import { Topic, type PublishedEvent } from './event-bus';

/** Serialises event inserts so that cursor order equals commit order (see Event). */
const EVENT_WRITE_LOCK = 0x5354_0001;

export interface EventInput {
  type: EventType;
  matterId?: string | null;
  communityId?: string | null;
  actorId?: string | null;
  audienceOrgIds?: string[];
  notifyOrgIds?: string[];
  payload?: Record<string, unknown>;
}

/** Collects the events of one transaction; they are published only after it commits. */
export class EventRecorder {
  readonly pending: Event[] = [];
  private locked = false;
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
    private readonly requestId: string | null = null,
  ) {}

  async record(input: EventInput): Promise<Event> {
    if (!this.locked) {
      await this.em.execute('select pg_advisory_xact_lock(?)', [EVENT_WRITE_LOCK]);
      this.locked = true;
    }
    const event = this.em.create(Event, {
      type: input.type,
      matterId: input.matterId ?? null,
      communityId: input.communityId ?? null,
      actorId: input.actorId ?? null,
      audienceOrgIds: [...new Set(input.audienceOrgIds ?? [])],
      notifyOrgIds: [...new Set(input.notifyOrgIds ?? [])],
      payload: input.payload ?? {},
      occurredAt: this.now(),
      requestId: this.requestId,
    });
    this.pending.push(event);
    return event;
  }
}

export function toPublished(e: Event): PublishedEvent {
  return {
    cursor: String(e.id),
    type: e.type,
    matterId: e.matterId ?? null,
    communityId: e.communityId ?? null,
    actorId: e.actorId ?? null,
    audienceOrgIds: e.audienceOrgIds,
    notifyOrgIds: e.notifyOrgIds,
    payload: e.payload,
    occurredAt: e.occurredAt.toISOString(),
  };
}

/**
 * Runs a state change and its events in one transaction, then publishes the events.
 * A failure anywhere rolls everything back: no half-written rows, no event for a change
 * that did not happen.
 */
export async function mutate<T>(ctx: Pick<Context, 'em' | 'bus' | 'clock' | 'requestId'>, work: (em: EntityManager, events: EventRecorder) => Promise<T>): Promise<T> {
  let recorded: Event[] = [];
  const result = await ctx.em.transactional(async (em) => {
    const recorder = new EventRecorder(em, () => ctx.clock.now(), ctx.requestId ?? null);
    const out = await work(em, recorder);
    await em.flush();
    recorded = recorder.pending;
    return out;
  });
  for (const e of recorded) {
    try {
      await ctx.bus.publish(Topic.EVENT, toPublished(e));
      eventsPublished.inc({ outcome: 'ok' });
    } catch (err) {
      eventsPublished.inc({ outcome: 'failed' });
      // The row is committed; consoles will pick it up from the table on their next gap check.
      // A bus known to be down was logged once by the bus; this is then not news for every event.
      if (ctx.bus.connected?.() === false) logger.debug({ cursor: e.id }, 'event not published: bus disconnected');
      else logger.warn({ err, cursor: e.id }, 'event publish failed');
    }
  }
  return result;
}
