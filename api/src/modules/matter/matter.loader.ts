import { wrap } from '@mikro-orm/postgresql';
import { requestLoader, type Context } from '../../context';
import { rowToPublished, type EventRow } from '../../events/activity.stream';
import { requireActor } from '../../policy/policy';
import { visibleEventsSql } from '../../policy/scope';
import type { ActivityEvent } from '../../events/activity.types';
import { Matter } from './matter.entity';

/** A timeline shows at most this many events (the oldest). */
export const TIMELINE_LIMIT = 1000;

/**
 * `Matter.timeline` for every matter of a request at once (a page of matters): one statement,
 * with the audience filter of the viewer's event stream (`visibleEventsSql`), so an agency sees
 * on a timeline exactly the events it would have been pushed.
 */
export const timelineLoader = requestLoader<string, ActivityEvent[]>(async (ctx, em, matterIds) => {
  const viewer = requireActor(ctx);
  const scope = visibleEventsSql(viewer);
  const rows: EventRow[] = await em.execute(
    `select * from (
       select e.*, row_number() over (partition by e.matter_id order by e.id) as timeline_position
         from event e
        where e.matter_id = any(?::uuid[]) and ${scope.sql}
     ) e
     where e.timeline_position <= ?
     order by e.id asc`,
    [`{${[...new Set(matterIds)].join(',')}}`, ...scope.params, TIMELINE_LIMIT],
  );
  const byMatter = new Map<string, ActivityEvent[]>();
  for (const r of rows) {
    const list = byMatter.get(r.matter_id!) ?? [];
    list.push(rowToPublished(r));
    byMatter.set(r.matter_id!, list);
  }
  return matterIds.map((id) => byMatter.get(id) ?? []);
});

/**
 * Matters by id, asked for in the same tick by the rows of a list (a page of invitations, the
 * linked matters of activities, overdue terms' sessions): one statement.
 */
const matterByIdLoader = requestLoader<string, Matter | null>(async (_ctx, em, ids) => {
  const found = new Map((await em.find(Matter, { id: { $in: [...new Set(ids)] } })).map((m) => [m.id, m]));
  return ids.map((id) => found.get(id) ?? null);
});

/**
 * A matter by id for a field resolver: no statement when the request has read it already, and
 * batched with the other rows' lookups otherwise. `findOne` (not a reference load) for a known
 * one, so a matter read only partly by an earlier mutation (`fields: ['id']`) is read in full.
 */
export async function findMatter(ctx: Context, id: string): Promise<Matter | null> {
  const known = ctx.em.getUnitOfWork().getById<Matter>(Matter.name, id);
  if (known && wrap(known).isInitialized()) return ctx.em.findOne(Matter, { id });
  return matterByIdLoader(ctx).load(id);
}
