import type { Context } from '../../context';
import { authorize, community, requireActor } from '../../policy';
import { Organization } from '../community/community.entity';
import { Matter } from '../matter/matter.entity';
import type { CommunityStats, CountByKey } from './stats.resolver';

/** 晴雨表 figures; shared by the query and the statistics export. */
export async function computeCommunityStats(ctx: Context, communityId: string | null, from: Date | null, to: Date | null): Promise<CommunityStats> {
  {
    const v = requireActor(ctx);
    const scope = communityId ?? v.communityId;
    authorize(v, 'readStats', community(scope), { message: 'Statistics are for the staff of their own community' });
    const where = ['true'];
    const params: unknown[] = [];
    if (scope) {
      where.push('community_id = ?');
      params.push(scope);
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
    // Every figure over the period's matters in one pass: the rows are read once (a
    // materialized CTE) and grouped by each dimension at once (GROUPING SETS), instead of one
    // scan per figure. The median and the newest major matters come from the same rows.
    const rows: {
      dim: string;
      key: string | null;
      n: string;
      resolved: string;
      major: string;
      demands: string;
      disputes: string;
      consultations: string;
      major_disputes: string;
      median_days: string | null;
      major_ids: string[] | null;
    }[] = await ctx.em.execute(
      `with m as materialized (
         select id, status, category, kind, channel, scale, created_at, resolved_at,
                to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month,
                to_char(resolved_at at time zone 'Asia/Shanghai', 'YYYY-MM') as resolved_month
           from matter where ${w}
       ), g as (
         select case when grouping(status) = 0 then 'status' when grouping(category) = 0 then 'category'
                     when grouping(kind) = 0 then 'kind' when grouping(channel) = 0 then 'channel'
                     when grouping(month) = 0 then 'month' when grouping(resolved_month) = 0 then 'resolvedMonth'
                     else 'all' end as dim,
                coalesce(status, category, kind, channel, month, resolved_month) as key,
                count(*) as n,
                count(*) filter (where resolved_at is not null) as resolved,
                count(*) filter (where scale = 'MAJOR') as major,
                count(*) filter (where resolved_at is not null and kind = 'DEMAND') as demands,
                count(*) filter (where resolved_at is not null and kind = 'DISPUTE') as disputes,
                count(*) filter (where resolved_at is not null and kind = 'CONSULTATION') as consultations,
                count(*) filter (where resolved_at is not null and kind = 'DISPUTE' and scale = 'MAJOR') as major_disputes
           from m
          group by grouping sets ((status), (category), (kind), (channel), (month), (resolved_month), ())
       )
       select g.*,
              case when g.dim = 'all' then (select percentile_cont(0.5) within group (order by extract(epoch from resolved_at - created_at) / 86400)
                                              from m where resolved_at is not null) end as median_days,
              case when g.dim = 'all' then (select array_agg(id order by created_at desc)
                                              from (select id, created_at from m where scale = 'MAJOR' order by created_at desc limit 50) x) end as major_ids
         from g
        where not (g.dim = 'resolvedMonth' and g.key is null)
        order by g.dim, g.key`,
      params,
    );
    const all = rows.find((r) => r.dim === 'all')!;
    const group = (dim: string): CountByKey[] => rows.filter((r) => r.dim === dim).map((r) => ({ key: String(r.key), count: Number(r.n) }));
    const byStatus = group('status');
    const totals = [{ total: all.n, resolved: all.resolved, major: all.major }];
    const figures = [{ median_days: all.median_days, demands: all.demands, disputes: all.disputes, consultations: all.consultations, major_disputes: all.major_disputes }];
    // Activities are counted by when they were held, within the same period.
    const aWhere = ['recorded_at is not null'];
    const aParams: unknown[] = [];
    if (scope) {
      aWhere.push('community_id = ?');
      aParams.push(scope);
    }
    if (from) {
      aWhere.push('held_at >= ?');
      aParams.push(from);
    }
    if (to) {
      aWhere.push('held_at < ?');
      aParams.push(to);
    }
    const activityRows: { kind: string; n: string }[] = await ctx.em.execute(
      `select kind, count(*) as n from community_activity where ${aWhere.join(' and ')} group by kind`,
      aParams,
    );
    const activityCount = (k: string) => Number(activityRows.find((r) => r.kind === k)?.n ?? 0);
    const mw = where.map((c) => (c === 'true' ? c : `m.${c}`)).join(' and ');
    const agencyRows: {
      organization_id: string;
      invited: string;
      accepted: string;
      declined: string;
      expired: string;
      pending: string;
      median_hours: string | null;
    }[] = await ctx.em.execute(
      `select i.organization_id,
              count(*) as invited,
              count(*) filter (where i.status = 'ACCEPTED') as accepted,
              count(*) filter (where i.status = 'DECLINED') as declined,
              count(*) filter (where i.status = 'EXPIRED') as expired,
              count(*) filter (where i.status = 'PENDING') as pending,
              percentile_cont(0.5) within group (order by extract(epoch from i.responded_at - i.created_at) / 3600)
                filter (where i.status in ('ACCEPTED', 'DECLINED')) as median_hours
         from invitation i join matter m on m.id = i.matter_id
        where ${mw}
        group by i.organization_id`,
      params,
    );
    const orgs = agencyRows.length
      ? new Map((await ctx.em.find(Organization, { id: { $in: agencyRows.map((r) => r.organization_id) } })).map((o) => [o.id, o]))
      : new Map<string, Organization>();
    const majorIds = all.major_ids ?? [];
    const majorMatters = majorIds.length ? await ctx.em.find(Matter, { id: { $in: majorIds } }, { orderBy: { createdAt: 'desc' } }) : [];
    const total = Number(totals[0].total);
    const resolved = Number(totals[0].resolved);
    const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
    return {
      total,
      resolved,
      major: Number(totals[0].major),
      byStatus,
      byCategory: group('category'),
      byKind: group('kind'),
      byChannel: group('channel'),
      byMonth: group('month'),
      resolvedByMonth: group('resolvedMonth'),
      resolutionRate: total ? round(resolved / total, 4) : 0,
      medianDaysToResolve: figures[0].median_days === null ? null : round(Number(figures[0].median_days), 1),
      demandsSolved: Number(figures[0].demands),
      disputesResolved: Number(figures[0].disputes),
      consultationsAnswered: Number(figures[0].consultations),
      majorDisputesResolved: Number(figures[0].major_disputes),
      lawExplanationEvents: activityCount('LAW_EXPLANATION'),
      deliberationMeetings: activityCount('DELIBERATION'),
      publicityEvents: activityCount('PUBLICITY'),
      agencies: agencyRows
        .filter((r) => orgs.has(r.organization_id))
        .map((r) => ({
          organization: orgs.get(r.organization_id)!,
          invited: Number(r.invited),
          accepted: Number(r.accepted),
          declined: Number(r.declined),
          expired: Number(r.expired),
          pending: Number(r.pending),
          medianAnswerHours: r.median_hours === null ? null : round(Number(r.median_hours), 1),
        }))
        .sort((a, b) => a.organization.kind.localeCompare(b.organization.kind)),
      majorMatters,
    };
  }
}
