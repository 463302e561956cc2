import type { MikroORM } from '@mikro-orm/postgresql';
import { eventLag, eventsFromTable } from '../http/metrics';
import { logger } from '../logger';
import { Topic, type EventBus, type PublishedEvent } from './event-bus';
import { latestEventId, rowToPublished, type EventRow } from './activity.stream';

export interface EventPumpOptions {
  /** How often the table is read while the bus works (an event it lost waits up to two ticks). */
  intervalMs?: number;
  /** How often the table is read while the bus is disconnected (every event comes from the table), and how often the bus's state is checked. */
  disconnectedIntervalMs?: number;
}

/**
 * The table is the truth; the bus is fast but may lose messages (a Redis restart, a publish that
 * failed after commit). The pump watches the table and re-delivers to this instance's consoles
 * any event the bus has not brought within one tick, so an idle console catches up by itself.
 * While the bus says it is disconnected nothing can come through it: the pump then reads the
 * table several times a second and delivers every new row at once (within a second of commit),
 * logging the change of state once rather than once per event.
 */
export interface EventPump {
  /** Resolves once the pump knows where the table ends (events after that are its to watch). */
  started: Promise<void>;
  stop(): void;
}

export function startEventPump(orm: MikroORM, bus: EventBus, opts: EventPumpOptions = {}): EventPump {
  const intervalMs = opts.intervalMs ?? 2_000;
  const fastMs = opts.disconnectedIntervalMs ?? 250;
  const em = orm.em.fork();
  let seen = -1n;
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  let suspects = new Set<string>();
  let viaTable = false;
  const lag = (e: PublishedEvent) => Math.max(0, (Date.now() - Date.parse(e.occurredAt)) / 1000);
  const unsubscribe = bus.subscribe(Topic.EVENT, (e) => {
    const id = BigInt(e.cursor);
    if (id > seen) seen = id;
    if (!suspects.delete(e.cursor) && !viaTable) eventLag.observe({ path: 'bus' }, lag(e));
  });
  let running = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const deliverFromTable = (r: EventRow) => {
    const e = rowToPublished(r);
    eventsFromTable.inc();
    eventLag.observe({ path: 'table' }, lag(e));
    viaTable = true;
    try {
      bus.deliverLocally(Topic.EVENT, e);
    } finally {
      viaTable = false;
    }
  };
  let disconnected = false;
  let lastRead = 0;
  const tick = async () => {
    if (running) return;
    const down = bus.connected?.() === false;
    if (down !== disconnected) {
      disconnected = down;
      // The bus itself warns once when Redis goes away; the pump's switch is detail (info).
      if (down) logger.info('event bus disconnected; the event pump delivers from the table');
      else logger.info('event bus connected; the event pump goes back to filling its gaps');
    }
    // Checked every fastMs; the table is read every intervalMs while the bus works.
    if (!down && Date.now() - lastRead < intervalMs) return;
    lastRead = Date.now();
    running = true;
    try {
      if (seen < 0n) {
        seen = await latestEventId(em);
        markStarted();
        return;
      }
      const rows: EventRow[] = await em.execute('select * from event where id > ? order by id limit 1000', [seen.toString()]);
      const next = new Set<string>();
      for (const r of rows) {
        const cursor = String(r.id);
        if (down) {
          deliverFromTable(r);
        } else if (suspects.has(cursor)) {
          logger.warn({ cursor }, 'event missed by the bus; delivering from the table');
          deliverFromTable(r);
        } else {
          next.add(cursor);
        }
      }
      suspects = next;
    } catch (err) {
      logger.warn({ err }, 'event pump tick failed');
    } finally {
      running = false;
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void tick().finally(schedule), Math.min(fastMs, intervalMs));
    timer.unref();
  };
  void tick().finally(schedule);
  return {
    started,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      unsubscribe();
    },
  };
}
