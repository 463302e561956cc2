import type { Context } from '../../context';
import { authorize, community, requireActor } from '../../policy';
import { MatterStatus } from '../common/enums';
import { Matter } from '../matter/matter.entity';
import { AgreementTerm } from '../session/session.entity';
import { FOLLOW_UP_AFTER_DAYS } from './deadline.rules';

/** 逾期提醒: overdue agreement terms and follow-up visits of a community (the viewer's by default). */
export async function findOverdueWork(ctx: Context, communityId: string | null): Promise<{ terms: AgreementTerm[]; followUps: Matter[] }> {
  const v = requireActor(ctx);
  const communityScope = communityId ?? v.communityId;
  authorize(v, 'readOverdueWork', community(communityScope), { message: 'Overdue work is for the staff of their own community' });
  const now = ctx.clock.now();
  const scope = communityScope ? 'm.community_id = ?' : 'true';
  const scopeParams = communityScope ? [communityScope] : [];
  const termRows: { id: string }[] = await ctx.em.execute(
    `select t.id from agreement_term t join joint_session s on s.id = t.session_id join matter m on m.id = s.matter_id
      where ${scope} and t.performed_at is null and t.superseded_at is null and t.waived_at is null and t.due_at <= ? and m.status not in (?)
      order by t.due_at limit 200`,
    [...scopeParams, now, [MatterStatus.CLOSED, MatterStatus.WITHDRAWN, MatterStatus.ESCALATED]],
  );
  const matterRows: { id: string }[] = await ctx.em.execute(
    `select m.id from matter m where ${scope} and m.status = ? and m.resolved_at + make_interval(days => ?) <= ?
      order by m.resolved_at limit 200`,
    [...scopeParams, MatterStatus.RESOLVED, FOLLOW_UP_AFTER_DAYS, now],
  );
  const terms = termRows.length ? await ctx.em.find(AgreementTerm, { id: { $in: termRows.map((r) => r.id) } }, { orderBy: { dueAt: 'asc' } }) : [];
  const followUps = matterRows.length ? await ctx.em.find(Matter, { id: { $in: matterRows.map((r) => r.id) } }, { orderBy: { resolvedAt: 'asc' } }) : [];
  return { terms, followUps };
}
