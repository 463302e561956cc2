import { Arg, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { DateTimeScalar } from '../common/scalars';
import { Matter } from '../matter/matter.entity';
import { AgreementTerm } from '../session/session.entity';
import { FOLLOW_UP_AFTER_DAYS, followUpDueAt, isFollowUpOverdue } from './deadline.rules';
import { findOverdueWork } from './deadline.service';

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
    return findOverdueWork(ctx, communityId);
  }
}
