import type { EntityManager } from '@mikro-orm/postgresql';

/** Two sessions sharing an organization closer than this in time are flagged (not refused). */
export const SESSION_CONFLICT_WINDOW_MS = 2 * 3_600_000;

export interface SessionConflictRow {
  organizationId: string;
  sessionId: string;
  matterId: string;
  communityId: string;
  startsAt: Date;
  venue: string;
  reference: string;
}

/**
 * Other sessions within ±2 h of `startsAt` to which one of `organizationIds` is convened.
 * One statement, whatever the number of organizations.
 */
export async function findSessionConflicts(
  em: EntityManager,
  opts: { startsAt: Date; organizationIds: string[]; excludeSessionId?: string },
): Promise<SessionConflictRow[]> {
  if (opts.organizationIds.length === 0) return [];
  const from = new Date(opts.startsAt.getTime() - SESSION_CONFLICT_WINDOW_MS);
  const to = new Date(opts.startsAt.getTime() + SESSION_CONFLICT_WINDOW_MS);
  const rows: { organization_id: string; session_id: string; matter_id: string; community_id: string; starts_at: Date; venue: string; reference: string }[] =
    await em.execute(
      `select o.org as organization_id, s.id as session_id, s.matter_id, m.community_id, s.starts_at, s.venue, m.reference
         from joint_session s
         join matter m on m.id = s.matter_id
         cross join lateral unnest(s.organization_ids) as o(org)
        where s.starts_at > ? and s.starts_at < ?
          and s.id <> ?
          and s.outcome is distinct from 'ADJOURNED'
          and o.org = any(?::text[])
        order by s.starts_at, o.org`,
      [from, to, opts.excludeSessionId ?? '00000000-0000-0000-0000-000000000000', `{${opts.organizationIds.join(',')}}`],
    );
  return rows.map((r) => ({
    organizationId: r.organization_id,
    sessionId: r.session_id,
    matterId: r.matter_id,
    communityId: r.community_id,
    startsAt: new Date(r.starts_at),
    venue: r.venue,
    reference: r.reference,
  }));
}
