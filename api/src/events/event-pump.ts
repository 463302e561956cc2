import type { MikroORM } from '@mikro-orm/postgresql';
import { logger } from '../logger';
import { Topic, type EventBus } from './event-bus';
import { latestEventId, rowToPublished, type EventRow } from './activity.stream';

/**
 * The table is the truth; the bus is fast but may lose messages (a Redis restart, a publish that
 * failed after commit). The pump watches the table and re-delivers to this instance's consoles
 * any event the bus has not brought within one tick, so an idle console catches up by itself.
 */
export function startEventPump(orm: MikroORM, bus: EventBus, intervalMs = 2_000): { stop(): void } {
  const em = orm.em.fork();
  let seen = -1n;
  let suspects = new Set<string>();
  const unsubscribe = bus.subscribe(Topic.EVENT, (e) => {
    const id = BigInt(e.cursor);
    if (id > seen) seen = id;
    suspects.delete(e.cursor);
  });
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      if (seen < 0n) {
        seen = await latestEventId(em);
        return;
      }
      const rows: EventRow[] = await em.execute('select * from event where id > ? order by id limit 1000', [seen.toString()]);
      const next = new Set<string>();
      for (const r of rows) {
        const cursor = String(r.id);
        if (suspects.has(cursor)) {
          logger.warn({ cursor }, 'event missed by the bus; delivering from the table');
          bus.deliverLocally(Topic.EVENT, rowToPublished(r));
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
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return {
    stop() {
      clearInterval(timer);
      unsubscribe();
    },
  };
}
