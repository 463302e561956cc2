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

/** A session (saved or about to be) whose clashes are asked for. */
export interface ConflictProbe {
  /** Left out of its own clashes; a session not yet saved may leave it unset. */
  id?: string;
  startsAt: Date;
  organizationIds: string[];
}

const NO_SESSION = '00000000-0000-0000-0000-000000000000';

/**
 * Other sessions within ±2 h of `startsAt` to which one of `organizationIds` is convened.
 * One statement, whatever the number of organizations.
 */
export async function findSessionConflicts(
  em: EntityManager,
  opts: { startsAt: Date; organizationIds: string[]; excludeSessionId?: string },
): Promise<SessionConflictRow[]> {
  const [rows] = await findConflictsOfSessions(em, [{ id: opts.excludeSessionId, startsAt: opts.startsAt, organizationIds: opts.organizationIds }]);
  return rows;
}

/**
 * The clashes of many sessions at once (a matter's sessions, a page of matters): one statement,
 * whatever the number of sessions and organizations. Returns one list per probe, in order, each
 * ordered by the other session's start, then organization.
 */
export async function findConflictsOfSessions(em: EntityManager, probes: readonly ConflictProbe[]): Promise<SessionConflictRow[][]> {
  // One (probe, organization) pair per row of the unnested arrays; an organization listed twice counts once.
  const probeIdx: number[] = [];
  const exclude: string[] = [];
  const from: Date[] = [];
  const to: Date[] = [];
  const orgs: string[] = [];
  probes.forEach((p, i) => {
    for (const org of new Set(p.organizationIds)) {
      probeIdx.push(i);
      exclude.push(p.id ?? NO_SESSION);
      from.push(new Date(p.startsAt.getTime() - SESSION_CONFLICT_WINDOW_MS));
      to.push(new Date(p.startsAt.getTime() + SESSION_CONFLICT_WINDOW_MS));
      orgs.push(org);
    }
  });
  const out: SessionConflictRow[][] = probes.map(() => []);
  if (orgs.length === 0) return out;
  const rows: {
    probe: number;
    organization_id: string;
    session_id: string;
    matter_id: string;
    community_id: string;
    starts_at: Date;
    venue: string;
    reference: string;
  }[] = await em.execute(
    `select q.probe, q.org as organization_id, s.id as session_id, s.matter_id, m.community_id, s.starts_at, s.venue, m.reference
       from unnest(?::int[], ?::uuid[], ?::timestamptz[], ?::timestamptz[], ?::text[]) as q(probe, exclude_id, starts_from, starts_to, org)
       join joint_session s on s.starts_at > q.starts_from and s.starts_at < q.starts_to and s.id <> q.exclude_id
                           and s.organization_ids @> array[q.org]::text[]
       join matter m on m.id = s.matter_id
      where s.outcome is distinct from 'ADJOURNED'
      order by q.probe, s.starts_at, q.org`,
    [pgArray(probeIdx.map(String)), pgArray(exclude), pgArray(from.map((d) => d.toISOString())), pgArray(to.map((d) => d.toISOString())), pgArray(orgs)],
  );
  for (const r of rows) {
    out[r.probe].push({
      organizationId: r.organization_id,
      sessionId: r.session_id,
      matterId: r.matter_id,
      communityId: r.community_id,
      startsAt: new Date(r.starts_at),
      venue: r.venue,
      reference: r.reference,
    });
  }
  return out;
}

/** A PostgreSQL array literal of plain tokens (ids, numbers, ISO timestamps: no quoting needed). */
function pgArray(items: string[]): string {
  return `{${items.join(',')}}`;
}
