import { Arg, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Organization } from '../community/community.entity';
import { Matter } from '../matter/matter.entity';
import type { Context } from '../../context';
import { DateTimeScalar } from '../common/scalars';
import { computeCommunityStats } from './stats.service';

@ObjectType()
export class CountByKey {
  @Field()
  key!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: '晴雨表: the figures of a community over a period' })
export class CommunityStats {
  @Field(() => Int)
  total!: number;

  @Field(() => Int, { description: 'Resolved or closed after resolution' })
  resolved!: number;

  @Field(() => Int)
  major!: number;

  @Field(() => [CountByKey])
  byStatus!: CountByKey[];

  @Field(() => [CountByKey])
  byCategory!: CountByKey[];

  @Field(() => [CountByKey])
  byKind!: CountByKey[];

  @Field(() => [CountByKey], { description: 'Matters reported per month, key YYYY-MM' })
  byMonth!: CountByKey[];

  @Field(() => [CountByKey], { description: 'Matters resolved per month (by resolution date), key YYYY-MM' })
  resolvedByMonth!: CountByKey[];

  @Field(() => [CountByKey])
  byChannel!: CountByKey[];

  @Field(() => Float, { description: 'resolved / total, 0..1 (0 when there are no matters)' })
  resolutionRate!: number;

  @Field(() => Float, { nullable: true, description: 'Median days from report to resolution' })
  medianDaysToResolve!: number | null;

  @Field(() => Int, { description: '诉求 solved (DEMAND, resolved)' })
  demandsSolved!: number;

  @Field(() => Int, { description: '矛盾纠纷 resolved (DISPUTE, resolved)' })
  disputesResolved!: number;

  @Field(() => Int, { description: '咨询 answered (CONSULTATION, resolved); demandsSolved + disputesResolved + consultationsAnswered = resolved' })
  consultationsAnswered!: number;

  @Field(() => Int, { description: '重大 disputes resolved (DISPUTE, MAJOR, resolved)' })
  majorDisputesResolved!: number;

  @Field(() => Int, { description: '以案释法 events held in the period' })
  lawExplanationEvents!: number;

  @Field(() => Int, { description: '定期议事 meetings held in the period' })
  deliberationMeetings!: number;

  @Field(() => Int, { description: '普法宣传 events held in the period' })
  publicityEvents!: number;

  @Field(() => [AgencyResponseStats], { description: 'How each invited agency answered' })
  agencies!: AgencyResponseStats[];

  @Field(() => [Matter], { description: '重大 matters of the period, newest first' })
  majorMatters!: Matter[];
}

@ObjectType({ description: 'How one agency answered joint-mediation invitations' })
export class AgencyResponseStats {
  @Field(() => Organization)
  organization!: Organization;

  @Field(() => Int)
  invited!: number;

  @Field(() => Int)
  accepted!: number;

  @Field(() => Int)
  declined!: number;

  @Field(() => Int)
  expired!: number;

  @Field(() => Int)
  pending!: number;

  @Field(() => Float, { nullable: true, description: 'Median hours from invitation to answer (accepted or declined)' })
  medianAnswerHours!: number | null;
}

@Resolver()
export class StatsResolver {
  @Query(() => CommunityStats)
  async communityStats(
    @Arg('communityId', () => ID, { nullable: true }) communityId: string | null,
    @Arg('from', () => DateTimeScalar, { nullable: true }) from: Date | null,
    @Arg('to', () => DateTimeScalar, { nullable: true }) to: Date | null,
    @Ctx() ctx: Context,
  ): Promise<CommunityStats> {
    return computeCommunityStats(ctx, communityId, from, to);
  }
}
