import { Arg, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { isCommunityStaff, type Context } from '../../context';
import { forbidden, unauthenticated } from '../../errors';
import { MatterStatus, UserRole } from '../common/enums';
import { DateTimeScalar } from '../common/scalars';
import { Matter } from '../matter/matter.entity';
import { AgreementTerm } from '../session/session.entity';
import { FOLLOW_UP_AFTER_DAYS, followUpDueAt, isFollowUpOverdue } from './deadline.rules';

@ObjectType({ description: '逾期事项: overdue agreement terms and follow-up visits of a community' })
export class OverdueWork {
  @Field(() => [AgreementTerm], { description: 'Terms past their due date and not performed, oldest first' })
  terms!: AgreementTerm[];

  @Field(() => [Matter], { description: 'Resolved matters whose follow-up visit is overdue, oldest first' })
  followUps!: Matter[];
}

/** Deadline fields of a matter (事后查事), kept beside the sweep that enforces the other deadlines. */
@Resolver(() => Matter)
export class MatterDeadlineResolver {
  @FieldResolver(() => DateTimeScalar, {
    nullable: true,
    description: `When the follow-up visit (回访) is due: ${FOLLOW_UP_AFTER_DAYS} days after resolution; null unless RESOLVED`,
  })
  followUpDueAt(@Root() m: Matter): Date | null {
    return followUpDueAt(m);
  }

  @FieldResolver(() => Boolean, { description: 'RESOLVED and the follow-up visit is past due' })
  overdueFollowUp(@Root() m: Matter, @Ctx() ctx: Context): boolean {
    return isFollowUpOverdue(m, ctx.clock.now());
  }
}

@Resolver()
export class OverdueWorkResolver {
  @Query(() => OverdueWork, { description: "逾期提醒 for community staff (defaults to the viewer's community)" })
  async overdueWork(@Arg('communityId', () => ID, { nullable: true }) communityId: string | null, @Ctx() ctx: Context): Promise<OverdueWork> {
    const v = ctx.viewer;
    if (!v) throw unauthenticated();
    if (!isCommunityStaff(v) && v.role !== UserRole.ADMIN) throw forbidden('Overdue work is for community staff');
    const community = communityId ?? v.communityId;
    if (v.role !== UserRole.ADMIN && community !== v.communityId) throw forbidden('Overdue work of another community');
    const now = ctx.clock.now();
    const scope = community ? 'm.community_id = ?' : 'true';
    const scopeParams = community ? [community] : [];
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
}
