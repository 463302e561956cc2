import { requestLoader } from '../../context';
import { Opinion } from './opinion.entity';

/**
 * The opinions of every matter of a request at once (a page of matters asking for `opinions`):
 * one statement, oldest first. Batched, not cached, so a read after addOpinion in the same
 * operation sees the new row.
 */
export const opinionsLoader = requestLoader<string, Opinion[]>(async (_ctx, em, matterIds) => {
  const rows = await em.find(Opinion, { matter: { $in: [...new Set(matterIds)] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  const byMatter = new Map<string, Opinion[]>();
  for (const o of rows) byMatter.set(o.matter.id, [...(byMatter.get(o.matter.id) ?? []), o]);
  return matterIds.map((id) => byMatter.get(id) ?? []);
});
