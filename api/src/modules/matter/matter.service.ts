import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context, Viewer } from '../../context';
import { badInput, forbidden } from '../../errors';
import { mutate, type EventRecorder } from '../../events/event.service';
import { Community, Grid } from '../community/community.entity';
import { EventType, MatterScale, MatterStatus } from '../common/enums';
import type { AssessMatterInput, ChangeMatterStatusInput, MatterFilter, ReportMatterInput } from './dto/matter.inputs';
import { authorize, authorizeMatter, community, PLATFORM, loadVisibleMatter, primeMatterAccess, reachOf, requireActor, visibleMattersSql } from '../../policy';
import { assertTransition } from './matter.lifecycle';
import { Assessment, Matter, Party, sealPartyPii } from './matter.entity';
import { suggestOrganizations } from './routing.service';
import { piiKeyring } from '../pii/pii.crypto';


/** Organizations invited to a matter so far: with the community's staff, the audience of its events. */
export async function matterAudience(em: EntityManager, matterId: string): Promise<string[]> {
  const rows: { organization_id: string }[] = await em.execute('select distinct organization_id from invitation where matter_id = ?', [matterId]);
  return rows.map((r) => r.organization_id);
}

export async function recordMatterEvent(
  em: EntityManager,
  events: EventRecorder,
  matter: Matter,
  type: EventType,
  actorId: string | null,
  payload: Record<string, unknown>,
  extra: { audienceOrgIds?: string[]; notifyOrgIds?: string[] } = {},
) {
  const audience = await matterAudience(em, matter.id);
  return events.record({
    type,
    matterId: matter.id,
    communityId: matter.community.id,
    actorId,
    audienceOrgIds: [...audience, ...(extra.audienceOrgIds ?? [])],
    notifyOrgIds: extra.notifyOrgIds,
    payload: { reference: matter.reference, title: matter.title, ...payload },
  });
}

/** The next human reference of a community, e.g. CS-2026-0007 (inside the caller's transaction). */
export async function nextReference(em: EntityManager, community: Community, year: number): Promise<string> {
  const rows: { value: number }[] = await em.execute(
    `insert into reference_counter (community_id, year, value) values (?, ?, 1)
     on conflict (community_id, year) do update set value = reference_counter.value + 1
     returning value`,
    [community.id, year],
  );
  return `${community.code}-${year}-${String(rows[0].value).padStart(4, '0')}`;
}

export class MatterService {
  constructor(private readonly ctx: Context) {}

  async report(input: ReportMatterInput): Promise<Matter> {
    const viewer = requireActor(this.ctx);
    authorize(viewer, 'reportMatters', PLATFORM, { message: 'Only community staff can report matters' });
    const communityId = input.communityId ?? viewer.communityId;
    if (!communityId) throw badInput('communityId is required', 'communityId');
    authorize(viewer, 'reportMatter', community(communityId), { message: 'You can only report matters for your own community' });
    return mutate(this.ctx, async (em, events) => {
      const community = await em.findOne(Community, { id: communityId });
      if (!community) throw badInput('Unknown community', 'communityId');
      let grid: Grid | null = null;
      if (input.gridId) {
        grid = await em.findOne(Grid, { id: input.gridId, community });
        if (!grid) throw badInput('Unknown grid for this community', 'gridId');
      }
      const now = this.ctx.clock.now();
      const matter = em.create(Matter, {
        reference: await nextReference(em, community, now.getFullYear()),
        community,
        grid,
        title: input.title.trim(),
        description: input.description.trim(),
        kind: input.kind,
        category: input.category,
        channel: input.channel,
        status: MatterStatus.REPORTED,
        riskFlags: [],
        scale: MatterScale.ORDINARY,
        location: input.location?.trim() || null,
        amountInDispute: input.amountInDispute ?? null,
        householdsAffected: input.householdsAffected ?? null,
        reporter: viewer.userId,
        createdAt: now,
        updatedAt: now,
      });
      (input.parties ?? []).forEach((p, position) =>
        em.create(Party, { matter, position, name: p.name.trim(), role: p.role, ...sealPartyPii({ phone: p.phone, idNumber: p.idNumber?.toUpperCase() }) }),
      );
      await recordMatterEvent(em, events, matter, EventType.MATTER_REPORTED, viewer.userId, {
        kind: matter.kind,
        category: matter.category,
        channel: matter.channel,
      });
      return matter;
    });
  }

  async assess(input: AssessMatterInput): Promise<Matter> {
    return mutate(this.ctx, async (em, events) => {
      const matter = await loadVisibleMatter(this.ctx, input.matterId, em);
      const viewer = await authorizeMatter(this.ctx, 'assess', matter, em);
      if (matter.status === MatterStatus.REPORTED) assertTransition(matter.status, MatterStatus.ASSESSING);
      else if (matter.status !== MatterStatus.ASSESSING && matter.status !== MatterStatus.MEDIATING) {
        assertTransition(matter.status, MatterStatus.ASSESSING);
      }
      const riskFlags = [...new Set(input.riskFlags ?? [])];
      const scale = input.scale ?? matter.scale;
      const suggested = await suggestOrganizations(em, { communityId: matter.community.id, category: matter.category, riskFlags, scale });
      const now = this.ctx.clock.now();
      em.create(Assessment, {
        matter,
        riskLevel: input.riskLevel,
        riskFlags,
        scale,
        summary: input.summary.trim(),
        suggestedOrganizationIds: suggested.map((o) => o.id),
        assessedBy: viewer.userId,
        assessedAt: now,
      });
      const from = matter.status;
      matter.riskLevel = input.riskLevel;
      matter.riskFlags = riskFlags;
      matter.scale = scale;
      if (matter.status === MatterStatus.REPORTED) matter.status = MatterStatus.ASSESSING;
      await recordMatterEvent(em, events, matter, EventType.MATTER_ASSESSED, viewer.userId, {
        riskLevel: input.riskLevel,
        riskFlags,
        scale,
        from,
        to: matter.status,
        suggestedOrganizationIds: suggested.map((o) => o.id),
      });
      return matter;
    });
  }

  /** Resolve, escalate (转诉讼/移交), withdraw or close a matter by hand. */
  async changeStatus(input: ChangeMatterStatusInput): Promise<Matter> {
    return mutate(this.ctx, async (em, events) => {
      const matter = await loadVisibleMatter(this.ctx, input.matterId, em);
      const viewer = await authorizeMatter(this.ctx, 'changeStatus', matter, em);
      if (input.status === MatterStatus.CLOSED && matter.status === MatterStatus.RESOLVED) {
        throw badInput('A resolved matter closes through a successful follow-up (recordFollowUp)', 'status');
      }
      if (input.status === MatterStatus.MEDIATING && matter.status === MatterStatus.RESOLVED) {
        throw badInput('A resolved matter reopens through a failed follow-up (recordFollowUp)', 'status');
      }
      if (input.status === MatterStatus.MEDIATING) {
        throw badInput('A matter enters mediation when a joint mediation request is sent', 'status');
      }
      const from = matter.status;
      assertTransition(from, input.status);
      const now = this.ctx.clock.now();
      matter.status = input.status;
      if (input.status === MatterStatus.RESOLVED) matter.resolvedAt = now;
      if (input.status === MatterStatus.CLOSED) matter.closedAt = now;
      await recordMatterEvent(em, events, matter, EventType.MATTER_STATUS_CHANGED, viewer.userId, {
        from,
        to: input.status,
        reason: input.reason ?? null,
      });
      return matter;
    });
  }

  async get(id: string): Promise<Matter> {
    return loadVisibleMatter(this.ctx, id);
  }

  /**
   * A keyset page, newest first. Each viewer's page is served by an index that does not grow
   * with the table: the community's (community_id, created_at, id), everyone's (created_at, id)
   * for the admin, and for an agency its invitations' (organization_id, matter_created_at,
   * matter_id) joined to the matters — the visibility fragment still decides what is seen; the
   * join is only the path. `count` runs only when the caller asks for totalCount.
   */
  async list(filter: MatterFilter | null | undefined, first: number, after: string | null | undefined) {
    const viewer = requireActor(this.ctx);
    if (first < 1 || first > 100) throw badInput('first must be between 1 and 100', 'first');
    const { where, params } = matterFilterSql(viewer, filter);
    const cursor = after ? decodeCursor(after) : null;
    // An agency pages through its own invitations' index (the policy's `invited` reach).
    const viaInvitations = reachOf(viewer) === 'invited';
    let rows: { id: string }[];
    let count: () => Promise<number>;
    if (viaInvitations) {
      const keyset = cursor ? ' and (i.matter_created_at, i.matter_id) < (?, ?)' : '';
      rows = await this.ctx.em.execute(
        `select distinct i.matter_created_at, i.matter_id as id
           from invitation i join matter m on m.id = i.matter_id
          where i.organization_id = ? and ${where.join(' and ')}${keyset}
          order by i.matter_created_at desc, i.matter_id desc limit ?`,
        [viewer.organizationId, ...params, ...(cursor ? [cursor.createdAt, cursor.id] : []), first + 1],
      );
      count = async () => {
        const r: { n: string }[] = await this.ctx.em.execute(
          `select count(distinct i.matter_id) as n from invitation i join matter m on m.id = i.matter_id where i.organization_id = ? and ${where.join(' and ')}`,
          [viewer.organizationId, ...params],
        );
        return Number(r[0]?.n ?? 0);
      };
    } else {
      const keyset = cursor ? ' and (m.created_at, m.id) < (?, ?)' : '';
      rows = await this.ctx.em.execute(
        `select m.id from matter m where ${where.join(' and ')}${keyset} order by m.created_at desc, m.id desc limit ?`,
        [...params, ...(cursor ? [cursor.createdAt, cursor.id] : []), first + 1],
      );
      count = async () => {
        const r: { n: string }[] = await this.ctx.em.execute(`select count(*) as n from matter m where ${where.join(' and ')}`, params);
        return Number(r[0]?.n ?? 0);
      };
    }
    const ids = rows.slice(0, first).map((r) => r.id);
    const found = ids.length ? await this.ctx.em.find(Matter, { id: { $in: ids } }) : [];
    const byId = new Map(found.map((m) => [m.id, m]));
    const nodes = ids.map((id) => byId.get(id)).filter((m): m is Matter => !!m);
    await primeMatterAccess(this.ctx, nodes);
    return { nodes, count, hasNextPage: rows.length > first };
  }
}

/**
 * The WHERE clauses (on `matter m`) for what the viewer may see, narrowed by a filter. One place
 * for the list, the exports and anything else that selects matters by filter.
 */
export function matterFilterSql(viewer: Viewer, filter: MatterFilter | null | undefined): { where: string[]; params: unknown[] } {
  const scope = visibleMattersSql(viewer);
  const where = [scope.sql];
  const params: unknown[] = [...scope.params];
  if (filter?.communityId) {
    where.push('m.community_id = ?');
    params.push(filter.communityId);
  }
  for (const [column, values] of [
    ['status', filter?.status],
    ['category', filter?.category],
    ['kind', filter?.kind],
    ['risk_level', filter?.riskLevel],
  ] as const) {
    if (values && values.length) {
      where.push(`m.${column} in (?)`);
      params.push(values);
    }
  }
  const term = filter?.search?.trim();
  if (term) {
    // A term of two characters or more is looked up in the bigram GIN index first (every pair
    // of the term must be in the matter's text); ILIKE then decides, so results are exactly
    // ILIKE's. A single character has no pair: it falls back to ILIKE alone.
    if (/\S{2}/u.test(term)) {
      where.push('m.search_bigrams @> search_bigrams(?)');
      params.push(term);
    }
    const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push('(m.reference ilike ? or m.title ilike ? or m.description ilike ? or m.location ilike ?)');
    params.push(like, like, like, like);
  }
  for (const [column, field, value] of [
    ['phone_index', 'party.phone', filter?.partyPhone],
    ['id_number_index', 'party.idNumber', filter?.partyIdNumber],
  ] as const) {
    if (!value) continue;
    // Searching by a phone or ID number tells whether a matter has such a party: only where the
    // viewer would see it unmasked (community staff of the matter's community, an agency that
    // accepted), never through masked views (admins, agencies still deciding).
    const reach = reachOf(viewer);
    if (reach === 'all') throw forbidden('Search by phone or ID number needs access to unmasked personal data');
    if (reach === 'invited') {
      where.push(`exists (select 1 from invitation ia where ia.matter_id = m.id and ia.organization_id = ? and ia.status = 'ACCEPTED')`);
      params.push(viewer.organizationId);
    }
    where.push(`exists (select 1 from party p where p.matter_id = m.id and p.${column} in (?))`);
    params.push(piiKeyring().searchIndexes(field, value));
  }
  return { where, params };
}

export function encodeCursor(m: Matter): string {
  return Buffer.from(`${m.createdAt.toISOString()}|${m.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso);
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw badInput('Invalid cursor', 'after');
  return { createdAt, id };
}
