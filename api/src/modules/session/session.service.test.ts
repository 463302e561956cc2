import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterSessionStarts, answer, buildConvenedMatter, buildWorld, type World } from '../../test/factories';
import { countRows, createTestDb, errorCodes, gql, withoutTrace } from '../../test/harness';
import { EventType, MatterStatus, OrganizationKind, SessionOutcome } from '../common/enums';
import { Event } from '../../events/event.entity';
import { JointSession } from './session.entity';
import { Matter } from '../matter/matter.entity';
import { MatterService } from '../matter/matter.service';
import { SessionService } from './session.service';

const SCHEDULE = /* GraphQL */ `
  mutation Schedule($input: ScheduleJointSessionInput!) {
    scheduleJointSession(input: $input) { id venue startsAt organizations { kind } outcome }
  }
`;
const OUTCOME = /* GraphQL */ `
  mutation Outcome($input: RecordSessionOutcomeInput!) {
    recordSessionOutcome(input: $input) { id outcome minutes terms { description amount dueAt } matter { status } }
  }
`;
const HOUR = 3_600_000;

let orm: MikroORM;
let world: World;
const later = (h: number) => new Date(world.services.clock.now().getTime() + h * HOUR).toISOString();

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
});

/** A matter in mediation where the judicial office accepted and the law firm has not answered. */
async function acceptedMatter() {
  const convened = await buildConvenedMatter(orm, { world });
  await answer(world, OrganizationKind.JUDICIAL_OFFICE, convened.invitations.JUDICIAL_OFFICE, true);
  return convened;
}

async function scheduled() {
  const { matter } = await acceptedMatter();
  const session = await new SessionService(world.ctx(world.coordinator)).schedule({
    matterId: matter.id,
    startsAt: new Date(later(48)),
    venue: '八角凉亭',
    organizationIds: [world.agencies.JUDICIAL_OFFICE.organization.id],
  });
  afterSessionStarts(world, session);
  return { matter, session };
}

describe('scheduleJointSession', () => {
  it('schedules a session with organizations that accepted, and records the event', async () => {
    const { matter } = await acceptedMatter();
    const before = await countRows(orm);
    const r = await gql<{ scheduleJointSession: { venue: string; organizations: { kind: string }[]; outcome: null } }>(
      orm,
      world.coordinator.viewer,
      SCHEDULE,
      { input: { matterId: matter.id, startsAt: later(24), venue: ' 法治说事厅 ', organizationIds: [world.agencies.JUDICIAL_OFFICE.organization.id], agenda: '核对表决情况' } },
      world.services,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.scheduleJointSession).toEqual(expect.objectContaining({ venue: '法治说事厅', organizations: [{ kind: 'JUDICIAL_OFFICE' }], outcome: null }));
    const after = await countRows(orm);
    expect(after.joint_session - before.joint_session).toBe(1);
    expect(after.event - before.event).toBe(1);
  });

  it('refuses bad input and leaves no rows', async () => {
    const { matter } = await acceptedMatter();
    const ok = { matterId: matter.id, startsAt: later(24), venue: '说事厅', organizationIds: [world.agencies.JUDICIAL_OFFICE.organization.id] };
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['a missing venue', { ...ok, venue: undefined }, 'BAD_USER_INPUT'],
      ['an empty venue', { ...ok, venue: '' }, 'BAD_USER_INPUT'],
      ['a start in the past', { ...ok, startsAt: later(-24) }, 'BAD_USER_INPUT'],
      ['a start that is not a date', { ...ok, startsAt: 'tomorrow' }, 'BAD_USER_INPUT'],
      ['an organization that has not accepted', { ...ok, organizationIds: [world.agencies.LAW_FIRM.organization.id] }, 'BAD_USER_INPUT'],
      ['an organization never invited', { ...ok, organizationIds: [world.agencies.POLICE.organization.id] }, 'BAD_USER_INPUT'],
      ['an unknown organization', { ...ok, organizationIds: ['00000000-0000-4000-8000-000000000003'] }, 'BAD_USER_INPUT'],
      ['no organization', { ...ok, organizationIds: [] }, 'BAD_USER_INPUT'],
      ['an unknown matter', { ...ok, matterId: '00000000-0000-4000-8000-000000000004' }, 'NOT_FOUND'],
    ];
    for (const [what, input, code] of cases) {
      for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
      const trace = await withoutTrace(orm, world.services.bus, () => gql(orm, world.coordinator.viewer, SCHEDULE, { input }, world.services));
      expect(errorCodes(trace.result!), what).toEqual([code]);
      expect(trace.after, what).toEqual(trace.before);
      expect(trace.published, what).toBe(0);
    }
  });

  it('refuses agencies, even invited ones, and matters not in mediation', async () => {
    const { matter } = await acceptedMatter();
    const input = { matterId: matter.id, startsAt: later(24), venue: '说事厅', organizationIds: [world.agencies.JUDICIAL_OFFICE.organization.id] };
    for (const [viewer, code] of [
      [world.agencies.JUDICIAL_OFFICE.viewer, 'FORBIDDEN'],
      [world.agencies.POLICE.viewer, 'NOT_FOUND'],
    ] as const) {
      const trace = await withoutTrace(orm, world.services.bus, () => gql(orm, viewer, SCHEDULE, { input }, world.services));
      expect(errorCodes(trace.result!)).toEqual([code]);
      expect(trace.after).toEqual(trace.before);
    }
    const withdrawn = await new MatterService(world.ctx(world.coordinator)).changeStatus({ matterId: matter.id, status: MatterStatus.WITHDRAWN });
    expect(withdrawn.status).toBe(MatterStatus.WITHDRAWN);
    const trace = await withoutTrace(orm, world.services.bus, () => gql(orm, world.coordinator.viewer, SCHEDULE, { input }, world.services));
    expect(errorCodes(trace.result!)).toEqual(['CONFLICT']);
    expect(trace.after).toEqual(trace.before);
  });
});

describe('recordSessionOutcome', () => {
  it('records an agreement with exact amounts and resolves the matter', async () => {
    const { matter, session } = await scheduled();
    const before = await countRows(orm);
    const r = await gql<{ recordSessionOutcome: { outcome: string; terms: { amount: string | null }[]; matter: { status: string } } }>(
      orm,
      world.coordinator.viewer,
      OUTCOME,
      {
        input: {
          sessionId: session.id,
          outcome: 'AGREEMENT',
          minutes: '双方同意分摊费用。',
          terms: [
            { description: '高层住户分摊费用', dueAt: later(24 * 30) },
            { description: '补偿1、2层住户', amount: '12000.5' },
          ],
        },
      },
      world.services,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.recordSessionOutcome.outcome).toBe('AGREEMENT');
    expect(r.data!.recordSessionOutcome.terms.map((t) => t.amount)).toEqual([null, '12000.50']);
    expect(r.data!.recordSessionOutcome.matter.status).toBe(MatterStatus.RESOLVED);
    const after = await countRows(orm);
    expect(after.agreement_term - before.agreement_term).toBe(2);
    expect(after.event - before.event).toBe(1);
    expect((await orm.em.fork().findOneOrFail(Matter, matter.id)).resolvedAt).toBeTruthy();
  });

  it('keeps the matter in mediation after no agreement', async () => {
    const { matter, session } = await scheduled();
    const r = await gql<{ recordSessionOutcome: { matter: { status: string } } }>(
      orm,
      world.coordinator.viewer,
      OUTCOME,
      { input: { sessionId: session.id, outcome: 'NO_AGREEMENT', minutes: '分歧较大，择期再议。' } },
      world.services,
    );
    expect(r.data!.recordSessionOutcome.matter.status).toBe(MatterStatus.MEDIATING);
    expect((await orm.em.fork().findOneOrFail(Matter, matter.id)).status).toBe(MatterStatus.MEDIATING);
  });

  it('refuses bad outcomes, a second outcome and strangers, leaving no rows', async () => {
    const { session } = await scheduled();
    const ok = { sessionId: session.id, outcome: 'AGREEMENT', minutes: '达成协议', terms: [{ description: '赔偿', amount: '100.00' }] };
    const cases: Array<[string, unknown, Record<string, unknown>, string]> = [
      ['an agreement without terms', world.coordinator.viewer, { ...ok, terms: [] }, 'BAD_USER_INPUT'],
      ['an amount that is not a decimal', world.coordinator.viewer, { ...ok, terms: [{ description: '赔偿', amount: '一百元' }] }, 'BAD_USER_INPUT'],
      ['a term without description', world.coordinator.viewer, { ...ok, terms: [{ amount: '1.00' }] }, 'BAD_USER_INPUT'],
      ['missing minutes', world.coordinator.viewer, { sessionId: session.id, outcome: 'ADJOURNED' }, 'BAD_USER_INPUT'],
      ['an unknown outcome', world.coordinator.viewer, { ...ok, outcome: 'SETTLED' }, 'BAD_USER_INPUT'],
      ['an unknown session', world.coordinator.viewer, { ...ok, sessionId: '00000000-0000-4000-8000-000000000005' }, 'NOT_FOUND'],
      ['a non-invited agency', world.agencies.POLICE.viewer, ok, 'NOT_FOUND'],
      ['an invited agency', world.agencies.JUDICIAL_OFFICE.viewer, ok, 'FORBIDDEN'],
    ];
    for (const [what, viewer, input, code] of cases) {
      const trace = await withoutTrace(orm, world.services.bus, () => gql(orm, viewer as never, OUTCOME, { input }, world.services));
      expect(errorCodes(trace.result!), what).toEqual([code]);
      expect(trace.after, what).toEqual(trace.before);
      expect(trace.published, what).toBe(0);
    }
    await gql(orm, world.coordinator.viewer, OUTCOME, { input: ok }, world.services);
    const again = await withoutTrace(orm, world.services.bus, () =>
      gql(orm, world.coordinator.viewer, OUTCOME, { input: { ...ok, outcome: 'NO_AGREEMENT' } }, world.services),
    );
    expect(errorCodes(again.result!)).toEqual(['CONFLICT']);
    expect(again.after).toEqual(again.before);
  });
});

describe('recordSessionOutcome: rules of issue 11', () => {
  it('refuses a negative amount in a term (BAD_USER_INPUT): nothing written, the matter stays in mediation', async () => {
    const { matter, session } = await scheduled();
    const trace = await withoutTrace(orm, world.services.bus, () =>
      gql(orm, world.coordinator.viewer, OUTCOME, { input: { sessionId: session.id, outcome: 'AGREEMENT', minutes: '达成协议', terms: [{ description: '退还', amount: '-5' }] } }, world.services),
    );
    expect(errorCodes(trace.result!)).toEqual(['BAD_USER_INPUT']);
    expect(trace.result!.errors![0].message).toMatch(/non-negative/);
    expect(trace.after).toEqual(trace.before);
    expect(trace.published).toBe(0);
    expect((await orm.em.fork().findOneOrFail(Matter, matter.id)).status).toBe(MatterStatus.MEDIATING);
  });

  it('refuses an outcome before the session starts (CONFLICT), unless the time it actually took place is given — then corrected on the record', async () => {
    const { matter } = await acceptedMatter();
    const scheduledFor = later(48);
    const session = await new SessionService(world.ctx(world.coordinator)).schedule({
      matterId: matter.id,
      startsAt: new Date(scheduledFor),
      venue: '说事厅',
      organizationIds: [world.agencies.JUDICIAL_OFFICE.organization.id],
    });
    const ok = { sessionId: session.id, outcome: 'AGREEMENT', minutes: '达成协议', terms: [{ description: '修复围墙' }] };
    const early = await withoutTrace(orm, world.services.bus, () => gql(orm, world.coordinator.viewer, OUTCOME, { input: ok }, world.services));
    expect(errorCodes(early.result!)).toEqual(['CONFLICT']);
    expect(early.after).toEqual(early.before);
    const future = await withoutTrace(orm, world.services.bus, () => gql(orm, world.coordinator.viewer, OUTCOME, { input: { ...ok, heldAt: later(1) } }, world.services));
    expect(errorCodes(future.result!)).toEqual(['BAD_USER_INPUT']);
    expect(future.after).toEqual(future.before);

    // The session took place an hour after it was convened, not two days later as planned.
    world.services.clock.advance(2 * HOUR);
    const heldAt = new Date(world.services.clock.now().getTime() - HOUR);
    const r = await gql<{ recordSessionOutcome: { matter: { status: string } } }>(orm, world.coordinator.viewer, OUTCOME, { input: { ...ok, heldAt: heldAt.toISOString() } }, world.services);
    expect(r.errors).toBeUndefined();
    const saved = await orm.em.fork().findOneOrFail(JointSession, session.id);
    expect(saved.startsAt).toEqual(heldAt);
    const event = await orm.em.fork().findOneOrFail(Event, { matterId: matter.id, type: EventType.SESSION_OUTCOME_RECORDED });
    expect(event.payload.startsAtCorrected).toEqual({ from: scheduledFor, to: heldAt.toISOString() });
  });

  it('takes a heldAt given to the minute in which the matter was registered (the console picks minutes), not a minute earlier', async () => {
    const { matter } = await acceptedMatter();
    const session = await new SessionService(world.ctx(world.coordinator)).schedule({
      matterId: matter.id,
      startsAt: new Date(later(48)),
      venue: '说事厅',
      organizationIds: [world.agencies.JUDICIAL_OFFICE.organization.id],
    });
    const registered = (await orm.em.fork().findOneOrFail(Matter, matter.id)).createdAt.getTime();
    const minute = Math.floor(registered / 60_000) * 60_000;
    const ok = { sessionId: session.id, outcome: 'AGREEMENT', minutes: '当场调解达成协议', terms: [{ description: '修复围墙' }] };
    const before = await gql(orm, world.coordinator.viewer, OUTCOME, { input: { ...ok, heldAt: new Date(minute - 60_000).toISOString() } }, world.services);
    expect(errorCodes(before)).toEqual(['BAD_USER_INPUT']);
    const r = await gql(orm, world.coordinator.viewer, OUTCOME, { input: { ...ok, heldAt: new Date(minute).toISOString() } }, world.services);
    expect(r.errors).toBeUndefined();
  });
});

describe('correctSessionOutcome', () => {
  const CORRECT = /* GraphQL */ `
    mutation Correct($input: CorrectSessionOutcomeInput!) {
      correctSessionOutcome(input: $input) { id minutes outcome outcomeCorrectableUntil terms { description amount } }
    }
  `;

  async function agreed() {
    const { matter, session } = await scheduled();
    await new SessionService(world.ctx(world.coordinator)).recordOutcome({ sessionId: session.id, outcome: SessionOutcome.AGREEMENT, minutes: '达成协议', terms: [{ description: '赔偿', amount: '800.00' }] });
    return { matter, session };
  }

  it('corrects the minutes and terms within the window, with the old and new text on the record', async () => {
    const { matter, session } = await agreed();
    const r = await gql<{ correctSessionOutcome: { minutes: string; terms: { description: string; amount: string | null }[] } }>(
      orm,
      world.coordinator.viewer,
      CORRECT,
      { input: { sessionId: session.id, minutes: '达成协议（补记第二条）', reason: '漏记一条', terms: [{ description: '赔偿', amount: '800.00' }, { description: '赔礼道歉' }] } },
      world.services,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.correctSessionOutcome.terms).toEqual([{ description: '赔偿', amount: '800.00' }, { description: '赔礼道歉', amount: null }]);
    const event = await orm.em.fork().findOneOrFail(Event, { matterId: matter.id, type: EventType.SESSION_OUTCOME_CORRECTED });
    expect(event.payload).toEqual(expect.objectContaining({ reason: '漏记一条', before: expect.objectContaining({ minutes: '达成协议' }) }));
  });

  it('refuses after the window, a negative amount, and agencies, leaving no rows', async () => {
    const { session } = await agreed();
    const ok = { sessionId: session.id, minutes: '更正', reason: '笔误', terms: [{ description: '赔偿', amount: '900.00' }] };
    for (const [what, viewer, input, code] of [
      ['a negative amount', world.coordinator.viewer, { ...ok, terms: [{ description: '赔偿', amount: '-900' }] }, 'BAD_USER_INPUT'],
      ['no reason', world.coordinator.viewer, { ...ok, reason: '' }, 'BAD_USER_INPUT'],
      ['an invited agency', world.agencies.JUDICIAL_OFFICE.viewer, ok, 'FORBIDDEN'],
    ] as const) {
      const trace = await withoutTrace(orm, world.services.bus, () => gql(orm, viewer, CORRECT, { input }, world.services));
      expect(errorCodes(trace.result!), what).toEqual([code]);
      expect(trace.after, what).toEqual(trace.before);
    }
    world.services.clock.advance((world.services.config.OUTCOME_CORRECTION_HOURS + 1) * HOUR);
    const late = await withoutTrace(orm, world.services.bus, () => gql(orm, world.coordinator.viewer, CORRECT, { input: ok }, world.services));
    expect(errorCodes(late.result!)).toEqual(['CONFLICT']);
    expect(late.after).toEqual(late.before);
  });
});
