import type { EntityManager } from '@mikro-orm/postgresql';
import { Opinion } from './opinion.entity';

interface Batch {
  matterIds: Set<string>;
  rows: Promise<Map<string, Opinion[]>>;
}

/** The batch being collected, per EntityManager (one per request, or shared by an event's consoles). */
const collecting = new WeakMap<EntityManager, Batch>();

/**
 * A matter's opinions, oldest first. Calls made while resolving one page of matters share one
 * statement: the batch is sent once the resolvers of the current tick have all asked (the
 * scheduling DataLoader uses). Nothing is cached past the batch, so a read after a mutation in
 * the same request sees the new row.
 */
export function loadOpinions(em: EntityManager, matterId: string): Promise<Opinion[]> {
  let batch = collecting.get(em);
  if (!batch) {
    const matterIds = new Set<string>();
    const rows = new Promise<void>((resolve) => {
      void Promise.resolve().then(() => process.nextTick(resolve));
    }).then(async () => {
      collecting.delete(em);
      const opinions = await em.find(Opinion, { matter: { $in: [...matterIds] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
      const byMatter = new Map<string, Opinion[]>();
      for (const o of opinions) {
        const list = byMatter.get(o.matter.id) ?? [];
        list.push(o);
        byMatter.set(o.matter.id, list);
      }
      return byMatter;
    });
    batch = { matterIds, rows };
    collecting.set(em, batch);
  }
  batch.matterIds.add(matterId);
  return batch.rows.then((byMatter) => byMatter.get(matterId) ?? []);
}
