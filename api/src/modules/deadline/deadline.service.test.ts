import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ManualClock } from '../../clock';
import { Event } from '../../events/event.entity';
import { InProcessEventBus, Topic, type PublishedEvent } from '../../events/event-bus';
import { answer, buildConvenedMatter, buildWorld, type World, openTermIds } from '../../test/factories';
import { codeOf, countRows, createTestDb, errorCodes, gql, onDispose, withoutTrace } from '../../test/harness';
import { EventType, InvitationStatus, MatterStatus, OrganizationKind, SessionOutcome } from '../common/enums';
import { FollowUpService } from '../followup/followup.service';
import { Matter } from '../matter/matter.entity';
import { MediationService } from '../mediation/mediation.service';
import { Invitation } from '../mediation/mediation.entity';
import { AgreementTerm } from '../session/session.entity';
import { SessionService } from '../session/session.service';
import { FOLLOW_UP_AFTER_DAYS } from './deadline.rules';
import { runDeadlineSweep, startDeadlineJob } from './deadline.sweep';

const RESPOND = /* GraphQL */ `
  mutation Respond($input: RespondToInvitationInput!) {
    respondToInvitation(input: $input) { id status }
  }
`;
const MARK = /* GraphQL */ `
  mutation Mark($input: MarkTermPerformedInput!) {
    markTermPerformed(input: $input) { id performedAt overdue }
  }
`;
const OVERDUE = /* GraphQL */ `
  query Overdue($communityId: ID) {
    overdueWork(communityId: $communityId) { terms { id description overdue } followUps { id overdueFollowUp followUpDueAt } }
  }
`;
const MINUTE = 60_000;
/** As a client receives it: DateTime values as ISO strings. */
const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let orm: MikroORM;

beforeAll(async () => {
  orm = (await createTestDb()).orm;
});

/**
 * The sweep is global (every community's invitations). Clearing what earlier tests left pending
 * lets each test count exactly its own expiries.
 */
beforeEach(async () => {
  await runDeadlineSweep(orm, { bus: new InProcessEventBus(), clock: new ManualClock(new Date('2100-01-01T00:00:00Z')) });
});

/** A world with its own clock, so moving time in one test does not move it in another. */
async function freshWorld(): Promise<World> {
  return buildWorld(orm, { clock: new ManualClock(new Date('2026-03-02T02:00:00.000Z')) });
}

function collect(world: World): { events: PublishedEvent[]; stop: () => void } {
  const events: PublishedEvent[] = [];
  const stop = world.services.bus.subscribe(Topic.EVENT, (e) => {
    events.push(e as PublishedEvent);
  });
  return { events, stop };
}

const sweep = (world: World) => runDeadlineSweep(orm, { bus: world.services.bus, clock: world.services.clock });
const clockOf = (world: World) => world.services.clock as ManualClock;

describe('runDeadlineSweep (及时办事)', () => {
  it('expires an unanswered invitation exactly when respondBy passes, once, and tells the community and the agency', async () => {
    const world = await freshWorld();
    const { matter, request, invitations } = await buildConvenedMatter(orm, { world });
    await answer(world, OrganizationKind.JUDICIAL_OFFICE, invitations.JUDICIAL_OFFICE, true);
    const lawFirm = world.agencies.LAW_FIRM;
    const judicial = world.agencies.JUDICIAL_OFFICE;

    // One minute before the deadline nothing happens.
    clockOf(world).set(new Date(request.respondBy.getTime() - MINUTE));
    expect(await sweep(world)).toBe(0);
    expect((await orm.em.fork().findOneOrFail(Invitation, invitations.LAW_FIRM.id)).status).toBe(InvitationStatus.PENDING);

    // At the deadline the pending one expires; the accepted one is untouched.
    clockOf(world).set(request.respondBy);
    const bus = collect(world);
    const before = await countRows(orm);
    expect(await sweep(world)).toBe(1);
    bus.stop();
    const after = await countRows(orm);
    expect(after.event - before.event).toBe(1);
    expect(after.invitation).toBe(before.invitation);

    const em = orm.em.fork();
    const expired = await em.findOneOrFail(Invitation, invitations.LAW_FIRM.id);
    expect(expired.status).toBe(InvitationStatus.EXPIRED);
    expect(expired.respondedAt?.toISOString()).toBe(request.respondBy.toISOString());
    const accepted = await em.findOneOrFail(Invitation, invitations.JUDICIAL_OFFICE.id);
    expect(accepted.status).toBe(InvitationStatus.ACCEPTED);
    expect((await em.findOneOrFail(Matter, matter.id)).status).toBe(MatterStatus.MEDIATING);

    const rows = await em.find(Event, { matterId: matter.id, type: EventType.INVITATION_EXPIRED });
    expect(rows).toHaveLength(1);
    const event = rows[0];
    expect(event.actorId).toBeNull();
    expect(event.communityId).toBe(world.community.id);
    expect(event.audienceOrgIds).toContain(lawFirm.organization.id);
    expect(event.audienceOrgIds).not.toContain(world.agencies.POLICE.organization.id);
    expect(event.payload).toEqual(
      expect.objectContaining({
        invitationId: expired.id,
        requestId: request.id,
        organizationId: lawFirm.organization.id,
        respondBy: request.respondBy.toISOString(),
        reference: matter.reference,
      }),
    );
    // Published once, after commit, to the same audience.
    expect(bus.events.map((e) => e.type)).toEqual([EventType.INVITATION_EXPIRED]);
    expect(bus.events[0].audienceOrgIds).toContain(lawFirm.organization.id);

    // The coordinator and the agency lead both see it on the timeline; the agency in its list.
    const TIMELINE = `query($id: ID!) { matter(id: $id) { timeline { type payload } } }`;
    for (const viewer of [world.coordinator.viewer, lawFirm.viewer, judicial.viewer]) {
      const r = await gql<{ matter: { timeline: { type: string; payload: { organizationId?: string } }[] } }>(orm, viewer, TIMELINE, { id: matter.id }, world.services);
      expect(r.errors, viewer.username).toBeUndefined();
      expect(r.data!.matter.timeline.filter((e) => e.type === EventType.INVITATION_EXPIRED), viewer.username).toEqual([
        expect.objectContaining({ payload: expect.objectContaining({ organizationId: lawFirm.organization.id }) }),
      ]);
    }
    const listed = await gql<{ myInvitations: { id: string; status: string }[] }>(orm, lawFirm.viewer, `{ myInvitations(status: EXPIRED) { id status } }`, {}, world.services);
    expect(listed.data!.myInvitations.map((i) => i.id)).toContain(expired.id);
    const police = await gql(orm, world.agencies.POLICE.viewer, TIMELINE, { id: matter.id }, world.services);
    expect(errorCodes(police)).toEqual(['NOT_FOUND']);

    // A second sweep, even much later, is a no-op: no row, no event, no push.
    clockOf(world).advance(7 * DAY);
    const again = await withoutTrace(orm, world.services.bus, () => sweep(world));
    expect(again.result).toBe(0);
    expect(again.after).toEqual(again.before);
    expect(again.published).toBe(0);
  });

  it('refuses an answer after the deadline (CONFLICT), before and after the sweep, leaving no rows', async () => {
    const world = await freshWorld();
    const { request, invitations } = await buildConvenedMatter(orm, { world });
    clockOf(world).set(new Date(request.respondBy.getTime() + MINUTE));
    const input = { invitationId: invitations.LAW_FIRM.id, accept: true };
    // Not swept yet: the deadline itself refuses the answer.
    const early = await withoutTrace(orm, world.services.bus, () => gql(orm, world.agencies.LAW_FIRM.viewer, RESPOND, { input }, world.services));
    expect(errorCodes(early.result!)).toEqual(['CONFLICT']);
    expect(early.after).toEqual(early.before);
    expect(early.published).toBe(0);

    expect(await sweep(world)).toBe(2);
    for (const [kind, accept, note] of [
      [OrganizationKind.LAW_FIRM, true, undefined],
      [OrganizationKind.JUDICIAL_OFFICE, false, '时间冲突'],
    ] as const) {
      const trace = await withoutTrace(orm, world.services.bus, () =>
        gql(orm, world.agencies[kind].viewer, RESPOND, { input: { invitationId: invitations[kind].id, accept, note } }, world.services),
      );
      expect(errorCodes(trace.result!), kind).toEqual(['CONFLICT']);
      expect(trace.result!.errors![0].extensions).toEqual(expect.objectContaining({ status: InvitationStatus.EXPIRED }));
      expect(trace.after, kind).toEqual(trace.before);
      expect(trace.published, kind).toBe(0);
    }
  });

  it('leaves answered invitations alone: an accepted and a declined one never expire', async () => {
    const world = await freshWorld();
    const { matter, request, invitations } = await buildConvenedMatter(orm, { world });
    await answer(world, OrganizationKind.JUDICIAL_OFFICE, invitations.JUDICIAL_OFFICE, true);
    await answer(world, OrganizationKind.LAW_FIRM, invitations.LAW_FIRM, false, '本所律师回避');
    clockOf(world).set(new Date(request.respondBy.getTime() + 30 * DAY));
    const trace = await withoutTrace(orm, world.services.bus, () => sweep(world));
    expect(trace.result).toBe(0);
    expect(trace.after).toEqual(trace.before);
    const statuses = (await orm.em.fork().find(Invitation, { matterId: matter.id })).map((i) => i.status).sort();
    expect(statuses).toEqual([InvitationStatus.ACCEPTED, InvitationStatus.DECLINED]);
  });

  it('expires only the invitations whose own request is due, when a matter has two requests', async () => {
    const world = await freshWorld();
    const { matter, request } = await buildConvenedMatter(orm, { world, kinds: [OrganizationKind.LAW_FIRM] });
    const later = await new MediationService(world.ctx(world.coordinator)).request({
      matterId: matter.id,
      organizationIds: [world.agencies.POLICE.organization.id],
      message: '请派出所到场',
      respondBy: new Date(request.respondBy.getTime() + 2 * DAY),
    });
    clockOf(world).set(new Date(request.respondBy.getTime() + HOUR));
    expect(await sweep(world)).toBe(1);
    const byOrg = new Map((await orm.em.fork().find(Invitation, { matterId: matter.id })).map((i) => [i.organization.id, i.status]));
    expect(byOrg.get(world.agencies.LAW_FIRM.organization.id)).toBe(InvitationStatus.EXPIRED);
    expect(byOrg.get(world.agencies.POLICE.organization.id)).toBe(InvitationStatus.PENDING);
    clockOf(world).set(later.respondBy);
    expect(await sweep(world)).toBe(1);
    expect((await orm.em.fork().find(Event, { matterId: matter.id, type: EventType.INVITATION_EXPIRED })).length).toBe(2);
  });

  it('never expires one invitation twice when two sweeps run side by side (two api instances)', async () => {
    const world = await freshWorld();
    const a = await buildConvenedMatter(orm, { world });
    const b = await buildConvenedMatter(orm, { world, kinds: [OrganizationKind.COURT, OrganizationKind.POLICE, OrganizationKind.PROCURATORATE] });
    clockOf(world).advance(4 * DAY);
    const counts = await Promise.all([sweep(world), sweep(world), sweep(world)]);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(5);
    const events = await orm.em.fork().find(Event, { matterId: { $in: [a.matter.id, b.matter.id] }, type: EventType.INVITATION_EXPIRED });
    expect(events).toHaveLength(5);
    expect(new Set(events.map((e) => e.payload.invitationId)).size).toBe(5);
  });

  it('catches up at boot on deadlines that passed while the api was down (the job reads the table, not a timer)', async () => {
    const world = await freshWorld();
    const { invitations } = await buildConvenedMatter(orm, { world });
    clockOf(world).advance(10 * DAY);
    const job = startDeadlineJob(orm, { bus: world.services.bus, clock: world.services.clock }, 3_600_000);
    onDispose(() => job.stop());
    // runNow joins the sweep started at boot rather than starting a second one.
    expect(await job.runNow()).toBe(2);
    await job.stop();
    expect((await orm.em.fork().findOneOrFail(Invitation, invitations.LAW_FIRM.id)).status).toBe(InvitationStatus.EXPIRED);
  });
});

/** A resolved matter with an agreement whose terms are due in 1 and 10 days (and one without a date). */
async function agreedMatter(world: World): Promise<{ matter: Matter; terms: AgreementTerm[] }> {
  const { matter, invitations } = await buildConvenedMatter(orm, { world, kinds: [OrganizationKind.JUDICIAL_OFFICE] });
  await answer(world, OrganizationKind.JUDICIAL_OFFICE, invitations.JUDICIAL_OFFICE, true);
  const now = world.services.clock.now().getTime();
  const session = await new SessionService(world.ctx(world.coordinator)).schedule({
    matterId: matter.id,
    startsAt: new Date(now),
    venue: '说事厅',
    organizationIds: [world.agencies.JUDICIAL_OFFICE.organization.id],
  });
  await new SessionService(world.ctx(world.coordinator)).recordOutcome({
    sessionId: session.id,
    outcome: SessionOutcome.AGREEMENT,
    minutes: '双方达成协议',
    terms: [
      { description: '王某支付赔偿款', amount: '50000.00', dueAt: new Date(now + DAY) },
      { description: '李某修复围墙', dueAt: new Date(now + 10 * DAY) },
      { description: '双方互谅互让' },
    ],
  });
  const terms = await orm.em.fork().find(AgreementTerm, { session: session.id }, { orderBy: { position: 'asc' } });
  return { matter: await orm.em.fork().findOneOrFail(Matter, matter.id), terms };
}

describe('overdue agreement terms and follow-ups', () => {
  it('shows a term as overdue once its due date passes, until it is recorded as performed', async () => {
    const world = await freshWorld();
    const { matter, terms } = await agreedMatter(world);
    const [pay, wall, undated] = terms;
    const overdue = async () =>
      (await gql<{ overdueWork: { terms: { id: string; overdue: boolean }[]; followUps: { id: string }[] } }>(orm, world.coordinator.viewer, OVERDUE, {}, world.services)).data!
        .overdueWork;

    expect((await overdue()).terms).toEqual([]);
    clockOf(world).advance(DAY + MINUTE);
    expect((await overdue()).terms).toEqual([{ id: pay.id, description: pay.description, overdue: true }]);
    clockOf(world).advance(10 * DAY);
    expect((await overdue()).terms.map((t) => t.id)).toEqual([pay.id, wall.id]);

    const before = await countRows(orm);
    const r = await gql<{ markTermPerformed: { performedAt: string; overdue: boolean } }>(
      orm,
      world.gridWorker.viewer,
      MARK,
      { input: { termId: pay.id, note: '已转账，回单号 2026-0301' } },
      world.services,
    );
    expect(r.errors).toBeUndefined();
    expect(plain(r.data!.markTermPerformed)).toEqual({ id: pay.id, performedAt: world.services.clock.now().toISOString(), overdue: false });
    expect((await countRows(orm)).event - before.event).toBe(1);
    const event = await orm.em.fork().findOneOrFail(Event, { matterId: matter.id, type: EventType.AGREEMENT_TERM_PERFORMED });
    expect(event.actorId).toBe(world.gridWorker.user.id);
    expect(event.payload).toEqual(expect.objectContaining({ termId: pay.id, amount: '50000.00', late: true }));
    expect((await overdue()).terms.map((t) => t.id)).toEqual([wall.id]);

    // A term without a due date is never overdue, and can be recorded on time.
    const onTime = await gql<{ markTermPerformed: { overdue: boolean } }>(orm, world.coordinator.viewer, MARK, { input: { termId: undated.id } }, world.services);
    expect(onTime.data!.markTermPerformed.overdue).toBe(false);
    const latest = await orm.em.fork().find(Event, { matterId: matter.id, type: EventType.AGREEMENT_TERM_PERFORMED }, { orderBy: { id: 'desc' }, limit: 1 });
    expect(latest[0].payload.late).toBe(false);
  });

  it('refuses to record a term twice (CONFLICT), and refuses strangers and bad ids, leaving no rows', async () => {
    const world = await freshWorld();
    const { terms } = await agreedMatter(world);
    const other = await freshWorld();
    const term = terms[0];
    await gql(orm, world.coordinator.viewer, MARK, { input: { termId: term.id } }, world.services);
    const performedAt = (await orm.em.fork().findOneOrFail(AgreementTerm, term.id)).performedAt;
    clockOf(world).advance(HOUR);
    const cases: Array<[string, unknown, Record<string, unknown>, string]> = [
      ['the same term again', world.coordinator.viewer, { termId: term.id }, 'CONFLICT'],
      ["another community's coordinator", other.coordinator.viewer, { termId: terms[1].id }, 'NOT_FOUND'],
      ['an agency that never took part', world.agencies.POLICE.viewer, { termId: terms[1].id }, 'NOT_FOUND'],
      ['the agency that mediated', world.agencies.JUDICIAL_OFFICE.viewer, { termId: terms[1].id }, 'FORBIDDEN'],
      ['an unknown term', world.coordinator.viewer, { termId: '00000000-0000-4000-8000-00000000beef' }, 'NOT_FOUND'],
      ['a term id that is not an id', world.coordinator.viewer, { termId: 'term-1' }, 'BAD_USER_INPUT'],
      ['an anonymous caller', null, { termId: terms[1].id }, 'UNAUTHENTICATED'],
    ];
    for (const [what, viewer, input, code] of cases) {
      const trace = await withoutTrace(orm, world.services.bus, () => gql(orm, viewer as never, MARK, { input }, world.services));
      expect(errorCodes(trace.result!), what).toEqual([code]);
      expect(trace.after, what).toEqual(trace.before);
      expect(trace.published, what).toBe(0);
    }
    const em = orm.em.fork();
    expect((await em.findOneOrFail(AgreementTerm, term.id)).performedAt).toEqual(performedAt);
    expect((await em.findOneOrFail(AgreementTerm, terms[1].id)).performedAt).toBeNull();
  });

  it(`shows a resolved matter's follow-up as overdue ${FOLLOW_UP_AFTER_DAYS} days after resolution, until the visit is recorded`, async () => {
    const world = await freshWorld();
    const { matter } = await agreedMatter(world);
    const FIELDS = `query($id: ID!) { matter(id: $id) { status followUpDueAt overdueFollowUp } }`;
    const read = async () => plain((await gql<{ matter: { status: string; followUpDueAt: string | null; overdueFollowUp: boolean } }>(orm, world.coordinator.viewer, FIELDS, { id: matter.id }, world.services)).data!.matter);
    const due = new Date(matter.resolvedAt!.getTime() + FOLLOW_UP_AFTER_DAYS * DAY).toISOString();
    expect(await read()).toEqual({ status: 'RESOLVED', followUpDueAt: due, overdueFollowUp: false });

    clockOf(world).set(new Date(new Date(due).getTime() - MINUTE));
    let work = (await gql<{ overdueWork: { followUps: { id: string }[] } }>(orm, world.coordinator.viewer, OVERDUE, {}, world.services)).data!.overdueWork;
    expect(work.followUps).toEqual([]);

    clockOf(world).set(new Date(due));
    expect((await read()).overdueFollowUp).toBe(true);
    work = (await gql<{ overdueWork: { followUps: { id: string; overdueFollowUp: boolean }[] } }>(orm, world.coordinator.viewer, OVERDUE, {}, world.services)).data!.overdueWork;
    expect(plain(work.followUps)).toEqual([{ id: matter.id, overdueFollowUp: true, followUpDueAt: due }]);

    await new FollowUpService(world.ctx(world.gridWorker)).record({ matterId: matter.id, agreementFulfilled: true, satisfaction: 4, termsPerformed: await openTermIds(orm, matter.id) });
    expect(await read()).toEqual({ status: 'CLOSED', followUpDueAt: null, overdueFollowUp: false });
    work = (await gql<{ overdueWork: { followUps: { id: string }[] } }>(orm, world.coordinator.viewer, OVERDUE, {}, world.services)).data!.overdueWork;
    expect(work.followUps).toEqual([]);
  });

  it('keeps overdue work to the staff of the community', async () => {
    const world = await freshWorld();
    const other = await freshWorld();
    for (const [what, viewer, communityId, code] of [
      ['an agency', world.agencies.COURT.viewer, null, 'FORBIDDEN'],
      ["another community's coordinator", other.coordinator.viewer, world.community.id, 'FORBIDDEN'],
      ['an anonymous caller', null, null, 'UNAUTHENTICATED'],
    ] as const) {
      const r = await gql(orm, viewer, OVERDUE, { communityId }, world.services);
      expect(errorCodes(r), what).toEqual([code]);
    }
  });
});

describe('markTermPerformed, called as a service', () => {
  it('markTermPerformed through the service throws a typed NOT_FOUND for an unknown term', async () => {
    const world = await freshWorld();
    const trace = await withoutTrace(orm, world.services.bus, () =>
      new SessionService(world.ctx(world.coordinator)).markTermPerformed({ termId: '00000000-0000-4000-8000-00000000cafe' }),
    );
    expect(codeOf(trace.error)).toBe('NOT_FOUND');
    expect(trace.after).toEqual(trace.before);
  });
});
