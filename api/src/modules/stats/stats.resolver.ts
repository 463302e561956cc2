import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { isCommunityStaff, type Context } from '../../context';
import { forbidden, unauthenticated } from '../../errors';
import { UserRole } from '../common/enums';
import { DateTimeScalar } from '../common/scalars';

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
    const v = ctx.viewer;
    if (!v) throw unauthenticated();
    if (!isCommunityStaff(v) && v.role !== UserRole.ADMIN) throw forbidden('Statistics are for community staff');
    const community = communityId ?? v.communityId;
    if (v.role !== UserRole.ADMIN && community !== v.communityId) throw forbidden('Statistics of another community');
    const where = ['true'];
    const params: unknown[] = [];
    if (community) {
      where.push('community_id = ?');
      params.push(community);
    }
    if (from) {
      where.push('created_at >= ?');
      params.push(from);
    }
    if (to) {
      where.push('created_at < ?');
      params.push(to);
    }
    const w = where.join(' and ');
    const group = async (expr: string): Promise<CountByKey[]> => {
      const rows: { key: string; n: string }[] = await ctx.em.execute(
        `select ${expr} as key, count(*) as n from matter where ${w} group by 1 order by 1`,
        params,
      );
      return rows.map((r) => ({ key: String(r.key), count: Number(r.n) }));
    };
    const byStatus = await group('status');
    const totals: { total: string; resolved: string; major: string }[] = await ctx.em.execute(
      `select count(*) as total,
              count(*) filter (where resolved_at is not null) as resolved,
              count(*) filter (where scale = 'MAJOR') as major
         from matter where ${w}`,
      params,
    );
    return {
      total: Number(totals[0].total),
      resolved: Number(totals[0].resolved),
      major: Number(totals[0].major),
      byStatus,
      byCategory: await group('category'),
      byKind: await group('kind'),
      byMonth: await group(`to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM')`),
    };
  }
}
