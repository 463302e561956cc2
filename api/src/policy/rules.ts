import type { Viewer } from '../context';
import { EventType, InvitationStatus, OrganizationKind, UserRole } from '../modules/common/enums';

/**
 * The authorization rules of the platform, in one file: who may see or do what. Pure functions
 * over an actor and the facts of a subject — no database, no GraphQL — so they can be read as a
 * table and tested as one. `policy/index.ts` puts them to work (loading facts, throwing the right
 * code), `policy/scope.ts` gives lists, streams and exports the matching SQL.
 *
 * Shapes taken from outline's `server/policies/` (one policy per subject, `can(actor, action,
 * subject)`) and immich's `requireAccess` (one call that throws).
 */

/** Who is asking: the signed-in user behind a session. */
export type Actor = Viewer;

/**
 * How far an actor's sight reaches over matters, their parties and their events. Every
 * visibility rule below (object check and SQL scope alike) is written per reach, so a new role
 * only has to say which reach it has.
 *
 * - `all`: platform admins — every matter, parties masked;
 * - `ownCommunity`: the staff of a community — the matters of their own community, unmasked;
 * - `invited`: a partner agency — the matters its organization was invited to, unmasked once it accepted;
 * - `none`: no matters, events or parties at all (AUDITOR reads the audit trail elsewhere).
 */
export type Reach = 'all' | 'ownCommunity' | 'invited' | 'none';

const communitySide = (a: Actor): Reach => (a.organizationKind === OrganizationKind.COMMUNITY && a.communityId ? 'ownCommunity' : 'none');
const agencySide = (a: Actor): Reach => (a.organizationKind !== OrganizationKind.COMMUNITY ? 'invited' : 'none');

/** Role → reach. A `Record` over the enum: a new role (SUPERVISOR…) does not compile without its row. */
const REACH_OF_ROLE: Record<UserRole, (a: Actor) => Reach> = {
  [UserRole.ADMIN]: () => 'all',
  [UserRole.COORDINATOR]: communitySide,
  [UserRole.GRID_WORKER]: communitySide,
  [UserRole.MEDIATOR]: communitySide,
  [UserRole.AGENCY_LEAD]: agencySide,
  [UserRole.AGENCY_STAFF]: agencySide,
  [UserRole.AUDITOR]: () => 'none',
};

export function reachOf(actor: Actor): Reach {
  return REACH_OF_ROLE[actor.role]?.(actor) ?? 'none';
}

/** What the rules need to know about a matter. */
export interface MatterFacts {
  id: string;
  communityId: string;
  /** What the actor's own organization answered to its invitations to this matter (empty: never invited). */
  invitations: ReadonlySet<InvitationStatus | string>;
}

/** What the rules need to know about an event (a row of the event table, or a pushed one). */
export interface EventFacts {
  communityId: string | null;
  audienceOrgIds: readonly string[];
  notifyOrgIds?: readonly string[];
  eventType?: string;
}

/** A parameterised SQL fragment. */
export interface Sql {
  sql: string;
  params: unknown[];
}
const sql = (text: string, ...params: unknown[]): Sql => ({ sql: text, params });

/**
 * THE visibility rule, per reach: each row gives the object check and the SQL scope side by side
 * (`m` is the matter table, `e` the event table). policy.scope.test.ts checks, for a set of
 * actors and rows, that the two agree.
 */
export const VISIBILITY: Record<
  Reach,
  {
    matter: (a: Actor, m: MatterFacts) => boolean;
    matterSql: (a: Actor) => Sql;
    /** May read the parties' phone and ID numbers unmasked. */
    matterSensitive: (a: Actor, m: MatterFacts) => boolean;
    event: (a: Actor, e: EventFacts) => boolean;
    eventSql: (a: Actor) => Sql;
  }
> = {
  all: {
    matter: () => true,
    matterSql: () => sql('true'),
    matterSensitive: () => false,
    event: () => true,
    eventSql: () => sql('true'),
  },
  ownCommunity: {
    matter: (a, m) => a.communityId !== null && m.communityId === a.communityId,
    matterSql: (a) => sql('m.community_id = ?', a.communityId),
    matterSensitive: (a, m) => a.communityId !== null && m.communityId === a.communityId,
    event: (a, e) => e.communityId !== null && e.communityId === a.communityId,
    eventSql: (a) => sql('e.community_id = ?', a.communityId),
  },
  invited: {
    matter: (_a, m) => m.invitations.size > 0,
    matterSql: (a) => sql('exists (select 1 from invitation i where i.matter_id = m.id and i.organization_id = ?)', a.organizationId),
    matterSensitive: (_a, m) => m.invitations.has(InvitationStatus.ACCEPTED),
    event: (a, e) => e.audienceOrgIds.includes(a.organizationId),
    eventSql: (a) => sql('e.audience_org_ids @> array[?]::text[]', a.organizationId),
  },
  none: {
    matter: () => false,
    matterSql: () => sql('false'),
    matterSensitive: () => false,
    event: () => false,
    eventSql: () => sql('false'),
  },
};

// ─── Role sets ────────────────────────────────────────────────────────────────────────────────

const { ADMIN, COORDINATOR, GRID_WORKER, MEDIATOR, AGENCY_LEAD, AGENCY_STAFF } = UserRole;
export const REPORTER_ROLES: readonly UserRole[] = [COORDINATOR, GRID_WORKER, MEDIATOR, ADMIN];
export const COORDINATOR_ROLES: readonly UserRole[] = [COORDINATOR, ADMIN];
export const SESSION_ROLES: readonly UserRole[] = [COORDINATOR, MEDIATOR, ADMIN];
export const TERM_ROLES: readonly UserRole[] = [COORDINATOR, MEDIATOR, GRID_WORKER, ADMIN];
export const FOLLOW_UP_ROLES: readonly UserRole[] = [COORDINATOR, MEDIATOR, GRID_WORKER, ADMIN];
export const CONSENT_ROLES: readonly UserRole[] = [COORDINATOR, GRID_WORKER, MEDIATOR, ADMIN];
export const ACTIVITY_ROLES: readonly UserRole[] = [COORDINATOR, MEDIATOR, ADMIN];
export const COMMUNITY_OPINION_ROLES: readonly UserRole[] = [COORDINATOR, MEDIATOR];
/** Community staff who file evidence (证据材料); agencies file it once their organization accepted. */
export const ATTACHMENT_ROLES: readonly UserRole[] = [COORDINATOR, GRID_WORKER, MEDIATOR];
export const AGENCY_ROLES: readonly UserRole[] = [AGENCY_LEAD, AGENCY_STAFF];

const has = (roles: readonly UserRole[]) => (a: Actor) => roles.includes(a.role);

/** Community staff of the subject's own community with one of `roles`; admins (when listed) anywhere. */
const staffOf =
  (roles: readonly UserRole[]) =>
  (a: Actor, communityId: string | null): boolean => {
    if (!roles.includes(a.role)) return false;
    const reach = reachOf(a);
    if (reach === 'all') return true;
    return reach === 'ownCommunity' && communityId !== null && communityId === a.communityId;
  };

// ─── Policies per subject ─────────────────────────────────────────────────────────────────────

/** Decisions about the actor alone (a root field that needs a role, whatever the object). */
export const PLATFORM_POLICY = {
  /** Any signed-in user: the organization and community directories, one's own invitations. */
  signedIn: () => true,
  administer: has([ADMIN]),
  /** 审计日志: the PII access log and the record of administrative changes. */
  readAuditLog: has([ADMIN, UserRole.AUDITOR]),
  /** Gate before the community is known; `community.reportMatter` decides which community. */
  reportMatters: (a: Actor) => REPORTER_ROLES.includes(a.role) && (reachOf(a) === 'all' || reachOf(a) === 'ownCommunity'),
  manageRoutingRules: has([ADMIN]),
  /** Gate before an invitation is looked up (the lookup itself says NOT_FOUND for others' invitations). */
  answerInvitations: (a: Actor) => AGENCY_ROLES.includes(a.role) && reachOf(a) === 'invited',
  assignInvitations: (a: Actor) => a.role === AGENCY_LEAD && reachOf(a) === 'invited',
  confirmAgreements: (a: Actor) => AGENCY_ROLES.includes(a.role) && a.organizationKind === OrganizationKind.COURT,
  /** Gates before the community is known; `COMMUNITY_POLICY` decides which community. */
  runActivities: (a: Actor) => ACTIVITY_ROLES.includes(a.role) && (reachOf(a) === 'all' || reachOf(a) === 'ownCommunity'),
  editPlannedActivities: (a: Actor) => a.role === COORDINATOR && reachOf(a) === 'ownCommunity',
  /** An export of matters carries the party columns (filled per row by `matter.exportParties`). */
  exportPartyColumns: (a: Actor) => reachOf(a) === 'ownCommunity',
} satisfies Record<string, (a: Actor) => boolean>;

/** Decisions about a community (`communityId` null: every community — admins only). */
export const COMMUNITY_POLICY = {
  readStats: (a: Actor, c: CommunityFacts) => reachOf(a) === 'all' || (reachOf(a) === 'ownCommunity' && c.communityId === a.communityId),
  readOverdueWork: (a: Actor, c: CommunityFacts) => reachOf(a) === 'all' || (reachOf(a) === 'ownCommunity' && c.communityId === a.communityId),
  reportMatter: (a: Actor, c: CommunityFacts) => c.communityId !== null && staffOf(REPORTER_ROLES)(a, c.communityId),
  runActivities: (a: Actor, c: CommunityFacts) => c.communityId !== null && staffOf(ACTIVITY_ROLES)(a, c.communityId),
  /** Planned activities are edited by the community's own coordinator (not an admin). */
  editPlannedActivities: (a: Actor, c: CommunityFacts) => a.role === COORDINATOR && staffOf([COORDINATOR])(a, c.communityId),
  readRoutingRules: (a: Actor, c: CommunityFacts) => a.role === ADMIN || (a.role === COORDINATOR && staffOf([COORDINATOR])(a, c.communityId)),
  /** Listing a community's activities (agencies: filtered to theirs by the activity scope). */
  listActivities: (a: Actor, c: CommunityFacts) => reachOf(a) !== 'none' && (reachOf(a) !== 'ownCommunity' || c.communityId === null || c.communityId === a.communityId),
} satisfies Record<string, (a: Actor, c: CommunityFacts) => boolean>;

export interface CommunityFacts {
  communityId: string | null;
}

const visibleMatter = (a: Actor, m: MatterFacts) => VISIBILITY[reachOf(a)].matter(a, m);
const matterStaff = (roles: readonly UserRole[]) => (a: Actor, m: MatterFacts) => visibleMatter(a, m) && staffOf(roles)(a, m.communityId);

/** Decisions about one matter. `read` is the visibility rule; a matter one may not read is NOT_FOUND. */
export const MATTER_POLICY = {
  read: visibleMatter,
  readParties: (a: Actor, m: MatterFacts) => visibleMatter(a, m) && VISIBILITY[reachOf(a)].matterSensitive(a, m),
  /** Party names and phones in an export: the staff of the matter's own community only. */
  exportParties: (a: Actor, m: MatterFacts) => reachOf(a) === 'ownCommunity' && visibleMatter(a, m) && VISIBILITY.ownCommunity.matterSensitive(a, m),
  assess: matterStaff(COORDINATOR_ROLES),
  changeStatus: matterStaff(COORDINATOR_ROLES),
  requestJointMediation: matterStaff(COORDINATOR_ROLES),
  scheduleSession: matterStaff(SESSION_ROLES),
  recordSessionOutcome: matterStaff(SESSION_ROLES),
  /** 更正调解结果 within OUTCOME_CORRECTION_HOURS (the time rule is the session service's). */
  correctSessionOutcome: matterStaff(SESSION_ROLES),
  recordSessionAttendance: matterStaff(SESSION_ROLES),
  markTermPerformed: matterStaff(TERM_ROLES),
  recordFollowUp: matterStaff(FOLLOW_UP_ROLES),
  recordElevatorConsent: matterStaff(CONSENT_ROLES),
  /** 业主名册: every unit of the building with its area. */
  setElevatorRegister: matterStaff(CONSENT_ROLES),
  /** 添加意见: an agency that accepted, or the coordinators and mediators of the matter's community. */
  addOpinion: (a: Actor, m: MatterFacts) =>
    visibleMatter(a, m) &&
    (reachOf(a) === 'invited' ? m.invitations.has(InvitationStatus.ACCEPTED) : staffOf(COMMUNITY_OPINION_ROLES)(a, m.communityId)),
  /** 证据材料: an agency that accepted, or the coordinators, grid workers and mediators of the matter's community. */
  addAttachment: (a: Actor, m: MatterFacts) =>
    visibleMatter(a, m) &&
    (reachOf(a) === 'invited' ? m.invitations.has(InvitationStatus.ACCEPTED) : staffOf(ATTACHMENT_ROLES)(a, m.communityId)),
} satisfies Record<string, (a: Actor, m: MatterFacts) => boolean>;

/** A session of a matter: the matter's facts plus who was convened and attended. */
export interface SessionFacts extends MatterFacts {
  organizationIds: readonly string[];
  attendedOrganizationIds: readonly string[];
}

export const SESSION_POLICY = {
  read: (a: Actor, s: SessionFacts) => visibleMatter(a, s),
  /** 司法确认: a court convened to, attending, or invited and accepting the matter. */
  confirmAgreement: (a: Actor, s: SessionFacts) =>
    visibleMatter(a, s) &&
    PLATFORM_POLICY.confirmAgreements(a) &&
    (s.organizationIds.includes(a.organizationId) || s.attendedOrganizationIds.includes(a.organizationId) || s.invitations.has(InvitationStatus.ACCEPTED)),
} satisfies Record<string, (a: Actor, s: SessionFacts) => boolean>;

/** An invitation belongs to one organization: only its members see it (others: NOT_FOUND). */
export interface InvitationFacts {
  organizationId: string;
}

const ownInvitation = (a: Actor, i: InvitationFacts) => reachOf(a) === 'invited' && i.organizationId === a.organizationId;
export const INVITATION_POLICY = {
  read: ownInvitation,
  respond: (a: Actor, i: InvitationFacts) => ownInvitation(a, i) && PLATFORM_POLICY.answerInvitations(a),
  assign: (a: Actor, i: InvitationFacts) => ownInvitation(a, i) && PLATFORM_POLICY.assignInvitations(a),
} satisfies Record<string, (a: Actor, i: InvitationFacts) => boolean>;

const visibleEvent = (a: Actor, e: EventFacts) => VISIBILITY[reachOf(a)].event(a, e);
export const EVENT_POLICY = {
  read: visibleEvent,
  /** invitationReceived: pushed to the members of each invited organization, and no one else. */
  receiveInvitation: (a: Actor, e: EventFacts) =>
    visibleEvent(a, e) && reachOf(a) === 'invited' && e.eventType === EventType.JOINT_MEDIATION_REQUESTED && (e.notifyOrgIds ?? []).includes(a.organizationId),
} satisfies Record<string, (a: Actor, e: EventFacts) => boolean>;

/** 社区活动 (law explanation, deliberation, publicity). */
export interface ActivityFacts {
  communityId: string;
  hostOrganizationId: string;
  partnerOrganizationIds: readonly string[];
}

/** Activity visibility per reach: the object check and the MikroORM filter side by side. */
export const ACTIVITY_VISIBILITY: Record<Reach, { test: (a: Actor, x: ActivityFacts) => boolean; filter: (a: Actor) => Record<string, unknown> }> = {
  all: { test: () => true, filter: () => ({}) },
  ownCommunity: { test: (a, x) => x.communityId === a.communityId, filter: (a) => ({ community: a.communityId }) },
  invited: {
    test: (a, x) => x.hostOrganizationId === a.organizationId || x.partnerOrganizationIds.includes(a.organizationId),
    filter: (a) => ({ $or: [{ hostOrganization: a.organizationId }, { partnerOrganizationIds: { $contains: [a.organizationId] } }] }),
  },
  none: { test: () => false, filter: () => ({ id: { $in: [] } }) },
};

export const ACTIVITY_POLICY = {
  read: (a: Actor, x: ActivityFacts) => ACTIVITY_VISIBILITY[reachOf(a)].test(a, x),
  record: (a: Actor, x: ActivityFacts) => ACTIVITY_VISIBILITY[reachOf(a)].test(a, x) && staffOf(ACTIVITY_ROLES)(a, x.communityId),
  /** A planned activity is changed by its community's own coordinator (not an admin). */
  edit: (a: Actor, x: ActivityFacts) => ACTIVITY_VISIBILITY[reachOf(a)].test(a, x) && COMMUNITY_POLICY.editPlannedActivities(a, { communityId: x.communityId }),
} satisfies Record<string, (a: Actor, x: ActivityFacts) => boolean>;

/** Every subject with its policy; `can` dispatches on `subject.type`. */
export const POLICIES = {
  platform: PLATFORM_POLICY,
  community: COMMUNITY_POLICY,
  matter: MATTER_POLICY,
  session: SESSION_POLICY,
  invitation: INVITATION_POLICY,
  event: EVENT_POLICY,
  activity: ACTIVITY_POLICY,
} as const;

// ─── Audiences of a pushed event ──────────────────────────────────────────────────────────────

/**
 * The facts of an actor that the rules above read — and nothing else. Two actors with the same
 * facts get the same answer to every rule for every subject (permission-matrix.test.ts runs the
 * whole table with the personal fields unreadable), so a pushed event may be resolved once for
 * all the consoles of one audience and the same bytes sent to each. Who the person is (user,
 * session, name) is not among them: what a resolver reads of that makes its answer personal
 * (http/subscription-fanout.ts notices and resolves such a document per console).
 */
export const AUDIENCE_FACTS = ['role', 'organizationId', 'organizationKind', 'communityId', 'mfaEnrolmentRequired'] as const;
export type Audience = Pick<Actor, (typeof AUDIENCE_FACTS)[number]>;
/** The fields of a viewer that name the person rather than what they may see. */
export const PERSONAL_FACTS = ['userId', 'sessionId', 'username'] as const;

/** The audience an actor belongs to, as a string: equal keys, equal decisions. */
export function audienceKeyOf(actor: Actor): string {
  return JSON.stringify(AUDIENCE_FACTS.map((f) => actor[f] ?? null));
}
