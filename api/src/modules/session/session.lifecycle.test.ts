import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ManualClock } from '../../clock';
import { Event } from '../../events/event.entity';
import { answer, buildConvenedMatter, buildOrganization, buildUser, buildWorld, type AgencyKind, type World, afterSessionStarts } from '../../test/factories';
import { countRows, createTestDb, errorCodes, gql, withoutTrace } from '../../test/harness';
import { Community, Organization } from '../community/community.entity';
import { runDeadlineSweep } from '../deadline/deadline.sweep';
import { EventType, MatterStatus, OrganizationKind, SessionOutcome, UserRole } from '../common/enums';
import { Matter } from '../matter/matter.entity';
import { Invitation } from '../mediation/mediation.entity';
import { MediationService } from '../mediation/mediation.service';
import { SessionService } from './session.service';
import { AgreementTerm, JointSession } from './session.entity';

const SCHEDULE = /* GraphQL */ `
  mutation Schedule($input: ScheduleJointSessionInput!) {
    scheduleJointSession(input: $input) {
      id startsAt
      organizations { id kind }
      conflicts { organization { id kind } startsAt sessionId matterReference venue }
    }
  }
`;
const ATTENDANCE = /* GraphQL */ `
  mutation Attendance($input: RecordSessionAttendanceInput!) {
    recordSessionAttendance(input: $input) { id attendees attendedOrganizations { id kind } }
  }
`;
const OUTCOME = /* GraphQL */ `
  mutation Outcome($input: RecordSessionOutcomeInput!) {
    recordSessionOutcome(input: $input) { id outcome terms { description } matter { status } }
  }
`;
const CONFIRM = /* GraphQL */ `
  mutation Confirm($sessionId: ID!, $note: String) {
    confirmAgreement(sessionId: $sessionId, note: $note) {
      id judicialConfirmedAt judicialConfirmationNote judicialConfirmedBy { id } judicialConfirmedByOrganization { id kind }
    }
  }
`;
const FOLLOW_UP = /* GraphQL */ `
  mutation FollowUp($input: RecordFollowUpInput!) {
    recordFollowUp(input: $input) { id agreementFulfilled matter { status } }
  }
`;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

let orm: MikroORM;
let world: World;
const at = (w: World, ms: number) => new Date(w.services.clock.now().getTime() + ms);

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
});

/** A matter in mediation where `accepted` agencies accepted and the others invited did not answer. */
async function mediating(w: World, invited: AgencyKind[], accepted: AgencyKind[] = invited) {
  const convened = await buildConvenedMatter(orm, { world: w, kinds: invited });
  for (const k of accepted) await answer(w, k, convened.invitations[k], true);
  return convened;
}

async function schedule(w: World, matter: Matter, kinds: AgencyKind[], startsAt = at(w, 24 * HOUR), venue = '说事厅') {
  return new SessionService(w.ctx(w.coordinator)).schedule({
    matterId: matter.id,
    startsAt,
    venue,
    organizationIds: kinds.map((k) => w.agencies[k].organization.id),
  });
}

async function outcome(w: World, session: JointSession, o: SessionOutcome, terms = [{ description: '分期支付欠款' }]) {
  if (o !== SessionOutcome.ADJOURNED) afterSessionStarts(w, session);
  return new SessionService(w.ctx(w.coordinator)).recordOutcome({ sessionId: session.id, outcome: o, minutes: '调解记录', terms });
}

describe('scheduling', () => {
  it('convenes only organizations that accepted: declined, expired, pending and never-invited ones are refused', async () => {
    // A year earlier than the other worlds, so that its deadline sweep expires nobody else's invitations.
    const w = await buildWorld(orm, { clock: new ManualClock(new Date('2025-03-02T02:00:00Z')) });
    const { matter, invitations } = await buildConvenedMatter(orm, {
      world: w,
      kinds: [OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM, OrganizationKind.POLICE],
    });
    await answer(w, OrganizationKind.JUDICIAL_OFFICE, invitations.JUDICIAL_OFFICE, true);
    await answer(w, OrganizationKind.LAW_FIRM, invitations.LAW_FIRM, false, '利益冲突');
    const ok = { matterId: matter.id, startsAt: at(w, 24 * HOUR).toISOString(), venue: '说事厅' };
    const ids = (...kinds: AgencyKind[]) => kinds.map((k) => w.agencies[k].organization.id);
    for (const [what, organizationIds] of [
      ['a declined organization', ids(OrganizationKind.LAW_FIRM)],
      ['a pending organization', ids(OrganizationKind.POLICE)],
      ['one that accepted with one that declined', ids(OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM)],
      ['a never-invited organization', ids(OrganizationKind.COURT)],
      ['the community itself', [w.communityOrg.id]],
    ] as const) {
      const trace = await withoutTrace(orm, w.services.bus, () => gql(orm, w.coordinator.viewer, SCHEDULE, { input: { ...ok, organizationIds } }, w.services));
      expect(errorCodes(trace.result!), what).toEqual(['BAD_USER_INPUT']);
      expect(trace.after, what).toEqual(trace.before);
      expect(trace.published, what).toBe(0);
    }
    // The police's invitation expires: still not convenable.
    (w.services.clock as ManualClock).advance(4 * 24 * HOUR);
    await runDeadlineSweep(orm, { bus: w.services.bus, clock: w.services.clock });
    const expired = await withoutTrace(orm, w.services.bus, () =>
      gql(orm, w.coordinator.viewer, SCHEDULE, { input: { ...ok, startsAt: at(w, HOUR).toISOString(), organizationIds: ids(OrganizationKind.POLICE) } }, w.services),
    );
    expect(errorCodes(expired.result!)).toEqual(['BAD_USER_INPUT']);
    expect(expired.after).toEqual(expired.before);

    // Accepted only, listed twice: one session, one organization.
    const r = await gql<{ scheduleJointSession: { organizations: { kind: string }[] } }>(
      orm,
      w.coordinator.viewer,
      SCHEDULE,
      { input: { ...ok, startsAt: at(w, HOUR).toISOString(), organizationIds: ids(OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.JUDICIAL_OFFICE) } },
      w.services,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.scheduleJointSession.organizations).toEqual([expect.objectContaining({ kind: 'JUDICIAL_OFFICE' })]);
  });

  it('warns (does not refuse) when an organization has another session within ±2 hours', async () => {
    const w = await buildWorld(orm, { clock: new ManualClock(new Date('2026-03-02T02:00:00Z')) });
    const judicial = w.agencies.JUDICIAL_OFFICE.organization;
    const lawFirm = w.agencies.LAW_FIRM.organization;
    const both = [OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM] as AgencyKind[];
    const first = await mediating(w, both);
    const second = await mediating(w, both);
    const third = await mediating(w, both);
    const T = at(w, 48 * HOUR);
    const a = await schedule(w, first.matter, [OrganizationKind.JUDICIAL_OFFICE], T, '八角凉亭');

    // 1 h 59 min later, judicial office and law firm: the judicial office clashes, the law firm does not.
    const before = await countRows(orm);
    const r = await gql<{ scheduleJointSession: { id: string; conflicts: unknown[] } }>(
      orm,
      w.coordinator.viewer,
      SCHEDULE,
      { input: { matterId: second.matter.id, startsAt: new Date(T.getTime() + 2 * HOUR - MINUTE).toISOString(), venue: '说事厅', organizationIds: [judicial.id, lawFirm.id] } },
      w.services,
    );
    expect(r.errors).toBeUndefined();
    expect((await countRows(orm)).joint_session - before.joint_session).toBe(1);
    expect(plain(r.data!.scheduleJointSession.conflicts)).toEqual([
      { organization: { id: judicial.id, kind: 'JUDICIAL_OFFICE' }, startsAt: T.toISOString(), sessionId: a.id, matterReference: first.matter.reference, venue: '八角凉亭' },
    ]);
    const scheduled = await orm.em.fork().findOneOrFail(Event, { matterId: second.matter.id, type: EventType.SESSION_SCHEDULED });
    expect(scheduled.payload.conflictingOrganizationIds).toEqual([judicial.id]);

    // Exactly 2 h before: outside the window (the window is open at both ends).
    const c = await gql<{ scheduleJointSession: { conflicts: { organization: { id: string }; sessionId: string }[] } }>(
      orm,
      w.coordinator.viewer,
      SCHEDULE,
      { input: { matterId: third.matter.id, startsAt: new Date(T.getTime() - 2 * HOUR).toISOString(), venue: '说事厅', organizationIds: [lawFirm.id] } },
      w.services,
    );
    expect(c.errors).toBeUndefined();
    expect(c.data!.scheduleJointSession.conflicts).toEqual([]);

    // An adjourned session frees its slot (30 min before it; the 1 h 59 session is 2 h 29 away).
    await outcome(w, a, SessionOutcome.ADJOURNED, []);
    const again = await gql<{ scheduleJointSession: { conflicts: { sessionId: string }[] } }>(
      orm,
      w.coordinator.viewer,
      SCHEDULE,
      { input: { matterId: first.matter.id, startsAt: new Date(T.getTime() - 30 * MINUTE).toISOString(), venue: '说事厅', organizationIds: [judicial.id] } },
      w.services,
    );
    expect(again.data!.scheduleJointSession.conflicts.map((x) => x.sessionId)).toEqual([]);
  });

  it("warns about another community's session without revealing which matter, where or its id", async () => {
    const w = await buildWorld(orm, { clock: new ManualClock(new Date('2026-03-02T02:00:00Z')) });
    const other = await buildWorld(orm, w.services);
    // The judicial office serves both communities (agencies serve many).
    const judicial = w.agencies.JUDICIAL_OFFICE.organization;
    {
      const em = orm.em.fork();
      const org = await em.findOneOrFail(Organization, judicial.id, { populate: ['servedCommunities'] });
      org.servedCommunities.add(em.getReference(Community, other.community.id));
      await em.flush();
    }
    const mine = await mediating(w, [OrganizationKind.JUDICIAL_OFFICE]);
    const { matter: theirs } = await buildConvenedMatter(orm, { world: other, kinds: [OrganizationKind.LAW_FIRM] });
    const req = await new MediationService(other.ctx(other.coordinator)).request({
      matterId: theirs.id,
      organizationIds: [judicial.id],
      message: '请司法所参与',
      respondBy: at(w, 24 * HOUR),
    });
    const inv = (await orm.em.fork().find(Invitation, { request: req.id }))[0];
    await new MediationService(w.ctx(w.agencies.JUDICIAL_OFFICE)).respond({ invitationId: inv.id, accept: true });
    const T = at(w, 72 * HOUR);
    await new SessionService(other.ctx(other.coordinator)).schedule({ matterId: theirs.id, startsAt: T, venue: '另一社区会议室', organizationIds: [judicial.id] });

    const r = await gql<{ scheduleJointSession: { conflicts: unknown[] } }>(
      orm,
      w.coordinator.viewer,
      SCHEDULE,
      { input: { matterId: mine.matter.id, startsAt: new Date(T.getTime() + HOUR).toISOString(), venue: '说事厅', organizationIds: [judicial.id] } },
      w.services,
    );
    expect(r.errors).toBeUndefined();
    expect(plain(r.data!.scheduleJointSession.conflicts)).toEqual([
      { organization: { id: judicial.id, kind: 'JUDICIAL_OFFICE' }, startsAt: T.toISOString(), sessionId: null, matterReference: null, venue: null },
    ]);
  });
});

describe('attendance', () => {
  it('records who attended (trimmed, without duplicates) and which convened organizations came; recording again replaces it', async () => {
    const { matter } = await mediating(world, [OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM]);
    const session = await schedule(world, matter, [OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM]);
    const judicial = world.agencies.JUDICIAL_OFFICE.organization;
    const before = await countRows(orm);
    const r = await gql<{ recordSessionAttendance: { attendees: string[]; attendedOrganizations: { id: string }[] } }>(
      orm,
      world.coordinator.viewer,
      ATTENDANCE,
      { input: { sessionId: session.id, attendees: [' 孙所长 ', '马德明', '孙所长', '杨桂英'], attendedOrganizationIds: [judicial.id] } },
      world.services,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.recordSessionAttendance.attendees).toEqual(['孙所长', '马德明', '杨桂英']);
    expect(r.data!.recordSessionAttendance.attendedOrganizations.map((o) => o.id)).toEqual([judicial.id]);
    const after = await countRows(orm);
    expect(after.event - before.event).toBe(1);
    expect(after.joint_session).toBe(before.joint_session);

    const again = await gql<{ recordSessionAttendance: { attendees: string[]; attendedOrganizations: unknown[] } }>(
      orm,
      world.coordinator.viewer,
      ATTENDANCE,
      { input: { sessionId: session.id, attendees: ['马德明'] } },
      world.services,
    );
    expect(again.data!.recordSessionAttendance.attendees).toEqual(['马德明']);
    // Organizations are kept when not given.
    expect(again.data!.recordSessionAttendance.attendedOrganizations).toHaveLength(1);
  });

  it('refuses an organization that was not convened, agencies and strangers, leaving no rows', async () => {
    const { matter } = await mediating(world, [OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM]);
    const session = await schedule(world, matter, [OrganizationKind.JUDICIAL_OFFICE]);
    const other = await buildWorld(orm, world.services);
    const ok = { sessionId: session.id, attendees: ['马德明'] };
    const cases: Array<[string, unknown, Record<string, unknown>, string]> = [
      ['an accepted but not convened organization', world.coordinator.viewer, { ...ok, attendedOrganizationIds: [world.agencies.LAW_FIRM.organization.id] }, 'BAD_USER_INPUT'],
      ['an organization id that is not an id', world.coordinator.viewer, { ...ok, attendedOrganizationIds: ['police'] }, 'BAD_USER_INPUT'],
      ['an empty name', world.coordinator.viewer, { ...ok, attendees: [''] }, 'BAD_USER_INPUT'],
      ['the convened agency itself', world.agencies.JUDICIAL_OFFICE.viewer, ok, 'FORBIDDEN'],
      ['an agency not invited', world.agencies.POLICE.viewer, ok, 'NOT_FOUND'],
      ["another community's coordinator", other.coordinator.viewer, ok, 'NOT_FOUND'],
      ['an unknown session', world.coordinator.viewer, { ...ok, sessionId: '00000000-0000-4000-8000-0000000000a1' }, 'NOT_FOUND'],
      ['an anonymous caller', null, ok, 'UNAUTHENTICATED'],
    ];
    for (const [what, viewer, input, code] of cases) {
      const trace = await withoutTrace(orm, world.services.bus, () => gql(orm, viewer as never, ATTENDANCE, { input }, world.services));
      expect(errorCodes(trace.result!), what).toEqual([code]);
      expect(trace.after, what).toEqual(trace.before);
      expect(trace.published, what).toBe(0);
    }
    expect((await orm.em.fork().findOneOrFail(JointSession, session.id)).attendees).toEqual([]);
  });
});

describe('recordSessionOutcome', () => {
  it('refuses an agreement without terms, a second outcome, and an agreement on an already resolved matter', async () => {
    const { matter } = await mediating(world, [OrganizationKind.JUDICIAL_OFFICE]);
    const first = await schedule(world, matter, [OrganizationKind.JUDICIAL_OFFICE], at(world, 24 * HOUR));
    const second = await schedule(world, matter, [OrganizationKind.JUDICIAL_OFFICE], at(world, 96 * HOUR));
    afterSessionStarts(world, second);
    const input = (sessionId: string, outcome: string, terms?: unknown[]) => ({ sessionId, outcome, minutes: '记录', ...(terms ? { terms } : {}) });

    for (const [what, i] of [
      ['no terms', input(first.id, 'AGREEMENT')],
      ['an empty list of terms', input(first.id, 'AGREEMENT', [])],
    ] as const) {
      const trace = await withoutTrace(orm, world.services.bus, () => gql(orm, world.coordinator.viewer, OUTCOME, { input: i }, world.services));
      expect(errorCodes(trace.result!), what).toEqual(['BAD_USER_INPUT']);
      expect(trace.result!.errors![0].message, what).toMatch(/term/);
      expect(trace.after, what).toEqual(trace.before);
    }
    const anonymous = await withoutTrace(orm, world.services.bus, () => gql(orm, null, OUTCOME, { input: input(first.id, 'NO_AGREEMENT') }, world.services));
    expect(errorCodes(anonymous.result!)).toEqual(['UNAUTHENTICATED']);
    expect(anonymous.after).toEqual(anonymous.before);

    const ok = await gql<{ recordSessionOutcome: { matter: { status: string } } }>(
      orm,
      world.coordinator.viewer,
      OUTCOME,
      { input: input(first.id, 'AGREEMENT', [{ description: '赔偿', amount: '800' }]) },
      world.services,
    );
    expect(ok.data!.recordSessionOutcome.matter.status).toBe(MatterStatus.RESOLVED);

    const twice = await withoutTrace(orm, world.services.bus, () =>
      gql(orm, world.coordinator.viewer, OUTCOME, { input: input(first.id, 'AGREEMENT', [{ description: '另一条' }]) }, world.services),
    );
    expect(errorCodes(twice.result!)).toEqual(['CONFLICT']);
    expect(twice.after).toEqual(twice.before);

    // The other session of the same matter cannot resolve it a second time (RESOLVED → RESOLVED).
    const resolvedAgain = await withoutTrace(orm, world.services.bus, () =>
      gql(orm, world.coordinator.viewer, OUTCOME, { input: input(second.id, 'AGREEMENT', [{ description: '再次协议' }]) }, world.services),
    );
    expect(errorCodes(resolvedAgain.result!)).toEqual(['CONFLICT']);
    expect(resolvedAgain.after).toEqual(resolvedAgain.before);
    expect(resolvedAgain.published).toBe(0);
    expect((await orm.em.fork().findOneOrFail(JointSession, second.id)).outcome).toBeNull();
  });

  it('keeps the matter in mediation after a partial agreement, with its terms', async () => {
    const { matter } = await mediating(world, [OrganizationKind.JUDICIAL_OFFICE]);
    const session = await schedule(world, matter, [OrganizationKind.JUDICIAL_OFFICE]);
    afterSessionStarts(world, session);
    const r = await gql<{ recordSessionOutcome: { outcome: string; terms: unknown[]; matter: { status: string } } }>(
      orm,
      world.coordinator.viewer,
      OUTCOME,
      { input: { sessionId: session.id, outcome: 'PARTIAL_AGREEMENT', minutes: '部分达成', terms: [{ description: '先行支付一半' }] } },
      world.services,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.recordSessionOutcome).toEqual(expect.objectContaining({ outcome: 'PARTIAL_AGREEMENT', matter: { status: 'MEDIATING' } }));
    expect(r.data!.recordSessionOutcome.terms).toHaveLength(1);
  });
});

describe('confirmAgreement (司法确认)', () => {
  /** Court and judicial office accepted and convened; an agreement recorded. */
  async function agreedWithCourt(o: SessionOutcome = SessionOutcome.AGREEMENT) {
    const { matter } = await mediating(world, [OrganizationKind.COURT, OrganizationKind.JUDICIAL_OFFICE]);
    const session = await schedule(world, matter, [OrganizationKind.COURT, OrganizationKind.JUDICIAL_OFFICE]);
    if (o) await outcome(world, session, o);
    return { matter, session };
  }

  it('lets the convened court confirm an agreement once, with its note, as an event on the timeline', async () => {
    const { matter, session } = await agreedWithCourt();
    const court = world.agencies.COURT;
    const before = await countRows(orm);
    const r = await gql<{ confirmAgreement: Record<string, unknown> }>(orm, court.viewer, CONFIRM, { sessionId: session.id, note: ' (2026)甘0102民特12号 ' }, world.services);
    expect(r.errors).toBeUndefined();
    expect(plain(r.data!.confirmAgreement)).toEqual({
      id: session.id,
      judicialConfirmedAt: world.services.clock.now().toISOString(),
      judicialConfirmationNote: '(2026)甘0102民特12号',
      judicialConfirmedBy: { id: court.user.id },
      judicialConfirmedByOrganization: { id: court.organization.id, kind: 'COURT' },
    });
    expect((await countRows(orm)).event - before.event).toBe(1);
    const event = await orm.em.fork().findOneOrFail(Event, { matterId: matter.id, type: EventType.AGREEMENT_CONFIRMED });
    expect(event.actorId).toBe(court.user.id);
    expect(event.audienceOrgIds).toEqual(expect.arrayContaining([court.organization.id, world.agencies.JUDICIAL_OFFICE.organization.id]));

    const twice = await withoutTrace(orm, world.services.bus, () => gql(orm, court.viewer, CONFIRM, { sessionId: session.id }, world.services));
    expect(errorCodes(twice.result!)).toEqual(['CONFLICT']);
    expect(twice.after).toEqual(twice.before);
    expect(twice.published).toBe(0);
  });

  it('lets court staff confirm a partial agreement', async () => {
    const { session } = await agreedWithCourt(SessionOutcome.PARTIAL_AGREEMENT);
    const staff = await buildUser(orm, UserRole.AGENCY_STAFF, world.agencies.COURT.organization);
    const r = await gql<{ confirmAgreement: { judicialConfirmedBy: { id: string } } }>(orm, staff.viewer, CONFIRM, { sessionId: session.id }, world.services);
    expect(r.errors).toBeUndefined();
    expect(r.data!.confirmAgreement.judicialConfirmedBy.id).toBe(staff.user.id);
  });

  it('confirms only agreements: no outcome, no agreement or adjourned is a CONFLICT', async () => {
    for (const o of [null, SessionOutcome.NO_AGREEMENT, SessionOutcome.ADJOURNED]) {
      const { session } = await agreedWithCourt(o as SessionOutcome);
      const trace = await withoutTrace(orm, world.services.bus, () => gql(orm, world.agencies.COURT.viewer, CONFIRM, { sessionId: session.id }, world.services));
      expect(errorCodes(trace.result!), String(o)).toEqual(['CONFLICT']);
      expect(trace.after, String(o)).toEqual(trace.before);
    }
  });

  it('is for a court that took part: others are refused, leaving no rows', async () => {
    const { session } = await agreedWithCourt();
    // A second court of the same community, never invited.
    const otherCourt = await buildUser(orm, UserRole.AGENCY_LEAD, await buildOrganization(orm, OrganizationKind.COURT, world.community));
    // A matter where the court was invited but declined.
    const declined = await buildConvenedMatter(orm, { world, kinds: [OrganizationKind.COURT, OrganizationKind.JUDICIAL_OFFICE] });
    await answer(world, OrganizationKind.COURT, declined.invitations.COURT, false, '非本院管辖');
    await answer(world, OrganizationKind.JUDICIAL_OFFICE, declined.invitations.JUDICIAL_OFFICE, true);
    const declinedSession = await schedule(world, declined.matter, [OrganizationKind.JUDICIAL_OFFICE]);
    await outcome(world, declinedSession, SessionOutcome.AGREEMENT);

    const cases: Array<[string, unknown, string, string]> = [
      ['a court never invited', otherCourt.viewer, session.id, 'NOT_FOUND'],
      ['a court that declined', world.agencies.COURT.viewer, declinedSession.id, 'FORBIDDEN'],
      ['the convened judicial office', world.agencies.JUDICIAL_OFFICE.viewer, session.id, 'FORBIDDEN'],
      ['the coordinator', world.coordinator.viewer, session.id, 'FORBIDDEN'],
      ['an unknown session', world.agencies.COURT.viewer, '00000000-0000-4000-8000-0000000000c1', 'NOT_FOUND'],
      ['a session id that is not an id', world.agencies.COURT.viewer, 'session-1', 'BAD_USER_INPUT'],
      ['an anonymous caller', null, session.id, 'UNAUTHENTICATED'],
    ];
    for (const [what, viewer, sessionId, code] of cases) {
      const trace = await withoutTrace(orm, world.services.bus, () => gql(orm, viewer as never, CONFIRM, { sessionId }, world.services));
      expect(errorCodes(trace.result!), what).toEqual([code]);
      expect(trace.after, what).toEqual(trace.before);
      expect(trace.published, what).toBe(0);
    }
    expect((await orm.em.fork().findOneOrFail(JointSession, session.id)).judicialConfirmedAt).toBeNull();
  });
});

describe('follow-up (事后查事)', () => {
  const HISTORY = `query($id: ID!) { matter(id: $id) { status sessions { id outcome terms { description } } followUps { agreementFulfilled } timeline { type payload } } }`;
  type History = {
    matter: {
      status: string;
      sessions: { id: string; outcome: string | null; terms: { description: string }[] }[];
      followUps: { agreementFulfilled: boolean }[];
      timeline: { type: string; payload: Record<string, unknown> }[];
    };
  };

  it('a failed follow-up reopens the matter to MEDIATING with its history; a new agreement and a fulfilled follow-up close it', async () => {
    const { matter } = await mediating(world, [OrganizationKind.JUDICIAL_OFFICE]);
    const first = await schedule(world, matter, [OrganizationKind.JUDICIAL_OFFICE]);
    await outcome(world, first, SessionOutcome.AGREEMENT, [{ description: '三十日内修复漏水' }]);

    const failed = await gql<{ recordFollowUp: { matter: { status: string } } }>(
      orm,
      world.gridWorker.viewer,
      FOLLOW_UP,
      { input: { matterId: matter.id, agreementFulfilled: false, satisfaction: 2, notes: '仍在漏水' } },
      world.services,
    );
    expect(failed.errors).toBeUndefined();
    expect(failed.data!.recordFollowUp.matter.status).toBe(MatterStatus.MEDIATING);
    let h = (await gql<History>(orm, world.coordinator.viewer, HISTORY, { id: matter.id }, world.services)).data!.matter;
    expect(h.status).toBe('MEDIATING');
    expect(h.sessions).toEqual([{ id: first.id, outcome: 'AGREEMENT', terms: [{ description: '三十日内修复漏水' }] }]);
    expect(h.followUps).toEqual([{ agreementFulfilled: false }]);
    expect(h.timeline.map((e) => e.type)).toEqual(expect.arrayContaining([EventType.SESSION_OUTCOME_RECORDED, EventType.FOLLOW_UP_RECORDED]));
    expect(h.timeline.find((e) => e.type === EventType.FOLLOW_UP_RECORDED)!.payload).toEqual(expect.objectContaining({ from: 'RESOLVED', to: 'MEDIATING' }));
    const reopened = await orm.em.fork().findOneOrFail(Matter, matter.id);
    expect(reopened.resolvedAt).toBeNull();
    expect(reopened.closedAt).toBeFalsy();

    // A reopened matter is mediated again: the accepted organization can be convened anew.
    const second = await schedule(world, matter, [OrganizationKind.JUDICIAL_OFFICE], at(world, 96 * HOUR));
    const resolved = await outcome(world, second, SessionOutcome.AGREEMENT, [{ description: '由物业维修，费用由楼上住户承担' }]);
    expect(resolved.outcome).toBe(SessionOutcome.AGREEMENT);
    // The new agreement replaces the failed one: its open term is superseded, not overdue forever.
    const termsNow = await orm.em.fork().find(AgreementTerm, { session: { matter: matter.id } }, { orderBy: { description: 'asc' } });
    const oldTerm = termsNow.find((t) => t.description === '三十日内修复漏水')!;
    const newTerm = termsNow.find((t) => t.description === '由物业维修，费用由楼上住户承担')!;
    expect(oldTerm.supersededAt).toEqual(world.services.clock.now());
    expect(newTerm.supersededAt).toBeNull();
    const closed = await gql<{ recordFollowUp: { matter: { status: string } } }>(
      orm,
      world.coordinator.viewer,
      FOLLOW_UP,
      { input: { matterId: matter.id, agreementFulfilled: true, satisfaction: 5, termsPerformed: [newTerm.id] } },
      world.services,
    );
    expect(closed.data!.recordFollowUp.matter.status).toBe(MatterStatus.CLOSED);
    h = (await gql<History>(orm, world.coordinator.viewer, HISTORY, { id: matter.id }, world.services)).data!.matter;
    expect(h.sessions.map((s) => s.id)).toEqual([first.id, second.id]);
    expect(h.followUps.map((f) => f.agreementFulfilled).sort()).toEqual([false, true]);
    expect(h.timeline.filter((e) => e.type === EventType.FOLLOW_UP_RECORDED)).toHaveLength(2);
    expect((await orm.em.fork().findOneOrFail(Matter, matter.id)).closedAt).toBeTruthy();
  });

  it('refuses a follow-up on a matter that is not resolved (still mediating, or already closed), leaving no rows', async () => {
    const { matter } = await mediating(world, [OrganizationKind.JUDICIAL_OFFICE]);
    const session = await schedule(world, matter, [OrganizationKind.JUDICIAL_OFFICE]);
    const input = { matterId: matter.id, agreementFulfilled: true };
    const stillMediating = await withoutTrace(orm, world.services.bus, () => gql(orm, world.coordinator.viewer, FOLLOW_UP, { input }, world.services));
    expect(errorCodes(stillMediating.result!)).toEqual(['CONFLICT']);
    expect(stillMediating.after).toEqual(stillMediating.before);

    await outcome(world, session, SessionOutcome.AGREEMENT);
    // Closing by hand is refused too: a resolved matter closes only through a follow-up.
    const byHand = await withoutTrace(orm, world.services.bus, () =>
      gql(orm, world.coordinator.viewer, `mutation($input: ChangeMatterStatusInput!) { changeMatterStatus(input: $input) { status } }`, { input: { matterId: matter.id, status: 'CLOSED' } }, world.services),
    );
    expect(errorCodes(byHand.result!)).toEqual(['BAD_USER_INPUT']);
    expect(byHand.after).toEqual(byHand.before);

    const [term] = await orm.em.fork().find(AgreementTerm, { session: session.id });
    expect((await gql(orm, world.coordinator.viewer, FOLLOW_UP, { input: { ...input, termsPerformed: [term.id] } }, world.services)).errors).toBeUndefined();
    for (const fulfilled of [true, false]) {
      const afterClose = await withoutTrace(orm, world.services.bus, () =>
        gql(orm, world.coordinator.viewer, FOLLOW_UP, { input: { ...input, agreementFulfilled: fulfilled } }, world.services),
      );
      expect(errorCodes(afterClose.result!)).toEqual(['CONFLICT']);
      expect(afterClose.after).toEqual(afterClose.before);
      expect(afterClose.published).toBe(0);
    }
    expect((await orm.em.fork().findOneOrFail(Matter, matter.id)).status).toBe(MatterStatus.CLOSED);
  });
});
