import { LockMode, ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context, Viewer } from '../../context';
import { badInput, conflict, notFound } from '../../errors';
import { authorize, community, PLATFORM, requireActor, visibleActivitiesFilter, type Actor } from '../../policy';
import { mutate } from '../../events/event.service';
import { Community, Organization } from '../community/community.entity';
import { EventType, MatterCategory, OrganizationKind } from '../common/enums';
import { Matter } from '../matter/matter.entity';
import { OPEN_STATUSES } from '../matter/matter.lifecycle';
import { recordMatterEvent } from '../matter/matter.service';
import type { CreateCommunityActivityInput, RecordCommunityActivityInput, UpdateCommunityActivityInput } from './dto/community-activity.inputs';
import { ActivityDecision, CommunityActivity, CommunityActivityKind } from './community-activity.entity';

/** Community staff of `communityId` (or an admin) acting on its activities: the policy decides. */
function requireStaffOf(ctx: Context, communityId: string | null | undefined): { viewer: Viewer; communityId: string } {
  const viewer = authorize(ctx.viewer, 'runActivities', PLATFORM, { message: 'Activities are run by community coordinators and mediators' });
  const id = communityId ?? viewer.communityId;
  if (!id) throw badInput('communityId is required', 'communityId');
  authorize(viewer, 'runActivities', community(id), { message: 'Activities of another community' });
  return { viewer, communityId: id };
}

async function matterIdsOf(em: EntityManager, communityId: string, ids: string[] | null | undefined, field: string): Promise<string[]> {
  const unique = [...new Set(ids ?? [])];
  if (unique.length === 0) return [];
  const found = await em.find(Matter, { id: { $in: unique }, community: communityId }, { fields: ['id'] });
  if (found.length !== unique.length) throw badInput('Every linked matter must belong to this community', field);
  return unique;
}

/** The host: given, or the community's own organization; it must serve the community. */
async function hostOf(em: EntityManager, communityId: string, hostOrganizationId: string | null | undefined): Promise<Organization> {
  const host = hostOrganizationId
    ? await em.findOne(Organization, { id: hostOrganizationId }, { populate: ['servedCommunities'] })
    : await em.findOne(Organization, { community: communityId, kind: OrganizationKind.COMMUNITY }, { populate: ['servedCommunities'] });
  if (!host || !host.servedCommunities.getItems().some((c) => c.id === communityId)) {
    throw badInput('The host must be an organization serving this community', 'hostOrganizationId');
  }
  return host;
}

/**
 * Partner organizations serving the community, without duplicates and without the host. Those
 * already taking part (`kept`) stay even if they have since stopped serving the community.
 */
async function partnerIdsOf(em: EntityManager, communityId: string, ids: string[] | null | undefined, hostId: string, kept: readonly string[] = []): Promise<string[]> {
  const partnerIds = [...new Set(ids ?? [])].filter((id) => id !== hostId);
  const added = partnerIds.filter((id) => !kept.includes(id));
  if (added.length) {
    const partners = await em.find(Organization, { id: { $in: added } }, { populate: ['servedCommunities'] });
    if (partners.length !== added.length || partners.some((p) => !p.servedCommunities.getItems().some((c) => c.id === communityId))) {
      throw badInput('Partners must be organizations serving this community', 'partnerOrganizationIds');
    }
  }
  return partnerIds;
}

/** What an edit may change, in comparable form: which fields an update changed is read off two of these. */
function editableFieldsOf(activity: CommunityActivity) {
  return {
    kind: activity.kind,
    title: activity.title,
    heldAt: activity.heldAt.toISOString(),
    venue: activity.venue,
    agenda: activity.agenda ?? null,
    hostOrganizationId: activity.hostOrganization.id,
    partnerOrganizationIds: [...activity.partnerOrganizationIds].sort(),
    matterIds: [...activity.matterIds].sort(),
  };
}

export class CommunityActivityService {
  constructor(private readonly ctx: Context) {}

  async create(input: CreateCommunityActivityInput): Promise<CommunityActivity> {
    const { viewer, communityId } = requireStaffOf(this.ctx, input.communityId);
    return mutate(this.ctx, async (em, events) => {
      const community = await em.findOne(Community, { id: communityId });
      if (!community) throw badInput('Unknown community', 'communityId');
      const host = await hostOf(em, communityId, input.hostOrganizationId);
      const partnerIds = await partnerIdsOf(em, communityId, input.partnerOrganizationIds, host.id);
      const activity = em.create(CommunityActivity, {
        community,
        kind: input.kind,
        title: input.title.trim(),
        heldAt: input.heldAt,
        venue: input.venue.trim(),
        agenda: input.agenda?.trim() || null,
        hostOrganization: host,
        partnerOrganizationIds: partnerIds,
        matterIds: await matterIdsOf(em, communityId, input.matterIds, 'matterIds'),
        createdBy: viewer.userId,
        createdAt: this.ctx.clock.now(),
      });
      await events.record({
        type: EventType.COMMUNITY_ACTIVITY_PLANNED,
        communityId,
        actorId: viewer.userId,
        audienceOrgIds: [host.id, ...partnerIds],
        payload: { activityId: activity.id, kind: activity.kind, title: activity.title, heldAt: activity.heldAt.toISOString(), venue: activity.venue },
      });
      return activity;
    });
  }

  /**
   * Changes a planned activity: only the community's coordinator, and only until it is recorded
   * as held (its minutes and decisions describe what was planned). Validated like a new one; a
   * failure changes nothing. Organizations dropped from it hear of the change too.
   */
  async update(input: UpdateCommunityActivityInput): Promise<CommunityActivity> {
    const viewer = authorize(this.ctx.viewer, 'editPlannedActivities', PLATFORM, { message: "Planned activities are edited by the community's coordinator" });
    return mutate(this.ctx, async (em, events) => {
      // Locked so that recording it at the same time waits for this edit (or this sees the record).
      const activity = await em.findOne(CommunityActivity, { id: input.activityId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!activity) throw notFound('CommunityActivity', input.activityId);
      // Another community's activity is indistinguishable from a missing one.
      authorize(viewer, 'edit', activitySubject(activity), { message: "Planned activities are edited by the community's coordinator" });
      if (activity.recordedAt) throw conflict('A held activity can no longer be changed', { recordedAt: activity.recordedAt.toISOString() });
      const communityId = activity.community.id;

      const before = editableFieldsOf(activity);
      const audienceBefore = [activity.hostOrganization.id, ...activity.partnerOrganizationIds];

      if (input.title != null) {
        const title = input.title.trim();
        if (title.length < 2) throw badInput('title must be at least 2 characters', 'title');
        activity.title = title;
      }
      if (input.venue != null) {
        const venue = input.venue.trim();
        if (!venue) throw badInput('venue is required', 'venue');
        activity.venue = venue;
      }
      if (input.kind != null) activity.kind = input.kind;
      if (input.heldAt != null) activity.heldAt = input.heldAt;
      if (input.agenda !== undefined) activity.agenda = input.agenda?.trim() || null;
      if (input.hostOrganizationId != null && input.hostOrganizationId !== activity.hostOrganization.id) {
        activity.hostOrganization = ref(await hostOf(em, communityId, input.hostOrganizationId));
      }
      const hostId = activity.hostOrganization.id;
      // A new host is no longer listed as a partner as well.
      activity.partnerOrganizationIds =
        input.partnerOrganizationIds != null
          ? await partnerIdsOf(em, communityId, input.partnerOrganizationIds, hostId, activity.partnerOrganizationIds)
          : activity.partnerOrganizationIds.filter((id) => id !== hostId);
      if (input.matterIds != null) activity.matterIds = await matterIdsOf(em, communityId, input.matterIds, 'matterIds');

      const after = editableFieldsOf(activity);
      const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      if (changed.length === 0) return activity;

      const previous: Record<string, unknown> = {};
      for (const k of changed) if (k === 'title' || k === 'heldAt' || k === 'venue' || k === 'kind') previous[k] = before[k];
      await events.record({
        type: EventType.COMMUNITY_ACTIVITY_UPDATED,
        communityId,
        actorId: viewer.userId,
        audienceOrgIds: [...audienceBefore, hostId, ...activity.partnerOrganizationIds],
        payload: { activityId: activity.id, kind: activity.kind, title: activity.title, heldAt: after.heldAt, venue: activity.venue, changed, previous },
      });
      return activity;
    });
  }

  /** Records that an activity took place: attendance, minutes, decisions (linked back to matters). */
  async record(input: RecordCommunityActivityInput): Promise<CommunityActivity> {
    requireActor(this.ctx);
    return mutate(this.ctx, async (em, events) => {
      // Row lock first, event lock second, as in update(): a record and an edit (or a second
      // record) at the same time wait for each other instead of deadlocking or both passing.
      const activity = await em.findOne(CommunityActivity, { id: input.activityId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!activity) throw notFound('CommunityActivity', input.activityId);
      const { viewer, communityId } = authorizeActivity(this.ctx.viewer, 'record', activity);
      if (activity.recordedAt) throw conflict('This activity was already recorded', { recordedAt: activity.recordedAt.toISOString() });
      const now = this.ctx.clock.now();
      if (activity.heldAt.getTime() > now.getTime() + 3_600_000) throw conflict('An activity is recorded once it has taken place', { heldAt: activity.heldAt.toISOString() });
      activity.attendance = input.attendance;
      activity.minutes = input.minutes.trim();
      activity.recordedAt = now;
      const decisions = input.decisions ?? [];
      const linked = new Map<string, string[]>();
      for (const [position, d] of decisions.entries()) {
        const matterIds = await matterIdsOf(em, communityId, d.matterIds, `decisions.${position}.matterIds`);
        const decision = em.create(ActivityDecision, { activity, position, text: d.text.trim(), matterIds });
        for (const id of matterIds) linked.set(id, [...(linked.get(id) ?? []), decision.text]);
        if (matterIds.length) activity.matterIds = [...new Set([...activity.matterIds, ...matterIds])];
      }
      await events.record({
        type: EventType.COMMUNITY_ACTIVITY_RECORDED,
        communityId,
        actorId: viewer.userId,
        audienceOrgIds: [activity.hostOrganization.id, ...activity.partnerOrganizationIds],
        payload: { activityId: activity.id, kind: activity.kind, title: activity.title, attendance: input.attendance, decisions: decisions.length },
      });
      if (linked.size) {
        const matters = await em.find(Matter, { id: { $in: [...linked.keys()] } });
        for (const m of matters) {
          await recordMatterEvent(em, events, m, EventType.DELIBERATION_DECISION_LINKED, viewer.userId, {
            activityId: activity.id,
            activityKind: activity.kind,
            activityTitle: activity.title,
            decisions: linked.get(m.id),
          });
        }
      }
      return activity;
    });
  }

  async list(communityId: string | null | undefined, kind: CommunityActivityKind | null | undefined): Promise<CommunityActivity[]> {
    const viewer = requireActor(this.ctx);
    authorize(viewer, 'listActivities', community(communityId ?? null), { message: 'Activities of another community' });
    // The policy's scope: admins all, staff their community's, agencies those they host or take part in.
    const filter: Record<string, unknown> = { ...visibleActivitiesFilter(viewer), ...(kind ? { kind } : {}) };
    if (communityId) filter.community = communityId;
    return this.ctx.em.find(CommunityActivity, filter, { orderBy: { heldAt: 'desc' }, limit: 500 });
  }

  async get(id: string): Promise<CommunityActivity> {
    const viewer = requireActor(this.ctx);
    const a = await this.ctx.em.findOne(CommunityActivity, { id });
    if (!a) throw notFound('CommunityActivity', id);
    authorize(viewer, 'read', activitySubject(a));
    return a;
  }
}

/** An activity as a policy subject. */
export function activitySubject(a: CommunityActivity) {
  return {
    type: 'activity',
    id: a.id,
    communityId: a.community.id,
    hostOrganizationId: a.hostOrganization.id,
    partnerOrganizationIds: a.partnerOrganizationIds,
  } as const;
}

function authorizeActivity(actor: Actor | null, action: 'record', a: CommunityActivity): { viewer: Actor; communityId: string } {
  const viewer = authorize(actor, action, activitySubject(a), { message: 'Activities are run by community coordinators and mediators' });
  return { viewer, communityId: a.community.id };
}

// ---- 定期议事 agenda suggestions ----

export enum AgendaGrouping {
  LOCATION = 'LOCATION',
  CATEGORY = 'CATEGORY',
}

export const CATEGORY_LABELS: Record<MatterCategory, string> = {
  [MatterCategory.NEIGHBOR]: '邻里纠纷',
  [MatterCategory.FAMILY]: '婚姻家庭',
  [MatterCategory.PROPERTY_RIGHTS]: '产权纠纷',
  [MatterCategory.HOUSING_RENOVATION]: '旧房改造',
  [MatterCategory.ELEVATOR_INSTALLATION]: '加装电梯',
  [MatterCategory.ECONOMIC]: '经济纠纷',
  [MatterCategory.LABOR]: '劳动纠纷',
  [MatterCategory.PROPERTY_MANAGEMENT]: '物业管理',
  [MatterCategory.OTHER]: '其他',
};

/** "昌盛小区 2号楼 3单元" → "昌盛小区 2号楼"; no building: the location itself. */
export function buildingOf(location: string | null | undefined): string | null {
  const text = location?.trim().replace(/\s+/g, ' ');
  if (!text) return null;
  const m = /^(.*?\d+\s*(?:号楼|栋|幢|号院))/.exec(text);
  return (m ? m[1] : text).trim();
}

export interface AgendaGroup {
  grouping: AgendaGrouping;
  key: string;
  /** The building, for a LOCATION group. */
  location: string | null;
  /** The category, for a CATEGORY group. */
  category: MatterCategory | null;
  /** Chinese only; kept for older clients (the web renders the fields above in its language). */
  label: string;
  matters: Matter[];
  matterCount: number;
  openCount: number;
}

/** Looking back this far for recurring matters. */
const RECURRING_WINDOW_DAYS = 180;

/**
 * Agenda items for a deliberation meeting: open matters, together with the recent ones of the
 * same building (2 or more) or the same category (3 or more) — recurring trouble is what a
 * regular meeting is for. Groups without an open matter are left out.
 */
export async function agendaSuggestions(ctx: Context, communityId: string | null | undefined): Promise<AgendaGroup[]> {
  const { communityId: id } = requireStaffOf(ctx, communityId);
  const since = new Date(ctx.clock.now().getTime() - RECURRING_WINDOW_DAYS * 86_400_000);
  const candidates = await ctx.em.find(
    Matter,
    { community: id, $or: [{ status: { $in: [...OPEN_STATUSES] } }, { createdAt: { $gte: since } }] },
    { orderBy: { createdAt: 'desc' }, limit: 1000 },
  );
  const isOpen = (m: Matter) => OPEN_STATUSES.includes(m.status);
  const groups: AgendaGroup[] = [];
  const byBuilding = new Map<string, Matter[]>();
  const byCategory = new Map<MatterCategory, Matter[]>();
  for (const m of candidates) {
    const b = buildingOf(m.location);
    if (b) byBuilding.set(b, [...(byBuilding.get(b) ?? []), m]);
    byCategory.set(m.category, [...(byCategory.get(m.category) ?? []), m]);
  }
  for (const [b, ms] of byBuilding) {
    if (ms.length >= 2 && ms.some(isOpen)) {
      groups.push({
        grouping: AgendaGrouping.LOCATION,
        key: b,
        location: b,
        category: null,
        label: `${b}：${ms.length} 件事项`,
        matters: ms,
        matterCount: ms.length,
        openCount: ms.filter(isOpen).length,
      });
    }
  }
  for (const [c, ms] of byCategory) {
    if (ms.length >= 3 && ms.some(isOpen)) {
      groups.push({
        grouping: AgendaGrouping.CATEGORY,
        key: c,
        location: null,
        category: c,
        label: `${CATEGORY_LABELS[c]}：${ms.length} 件事项`,
        matters: ms,
        matterCount: ms.length,
        openCount: ms.filter(isOpen).length,
      });
    }
  }
  return groups.sort((a, b) => b.openCount - a.openCount || b.matters.length - a.matters.length || a.key.localeCompare(b.key));
}

