import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterSessionStarts, answer, buildConvenedMatter, buildMatter, buildWorld, type World } from '../../test/factories';
import { countRows, createTestDb, errorCodes, gql, withoutTrace } from '../../test/harness';
import { EventType, MatterStatus, OrganizationKind, SessionOutcome } from '../common/enums';
import { Event } from '../../events/event.entity';
import { Matter } from '../matter/matter.entity';
import { SessionService } from '../session/session.service';
import { AgreementTerm } from '../session/session.entity';

const FOLLOW_UP = /* GraphQL */ `
  mutation FollowUp($input: RecordFollowUpInput!) {
    recordFollowUp(input: $input) { id agreementFulfilled satisfaction notes }
  }
`;

let orm: MikroORM;
let world: World;

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
});

/** A matter settled by agreement in a joint session (one term, or the given ones). */
async function resolvedMatter(terms: { description: string; amount?: string; dueAt?: Date }[] = [{ description: '按期施工' }]): Promise<Matter> {
  const { matter, invitations } = await buildConvenedMatter(orm, { world, kinds: [OrganizationKind.JUDICIAL_OFFICE] });
  await answer(world, OrganizationKind.JUDICIAL_OFFICE, invitations.JUDICIAL_OFFICE, true);
  const sessions = new SessionService(world.ctx(world.coordinator));
  const session = await sessions.schedule({
    matterId: matter.id,
    startsAt: new Date(world.services.clock.now().getTime() + 3_600_000),
    venue: '说事厅',
    organizationIds: [world.agencies.JUDICIAL_OFFICE.organization.id],
  });
  afterSessionStarts(world, session);
  await new SessionService(world.ctx(world.coordinator)).recordOutcome({
    sessionId: session.id,
    outcome: SessionOutcome.AGREEMENT,
    minutes: '达成协议',
    terms,
  });
  return orm.em.fork().findOneOrFail(Matter, matter.id);
}

describe('recordFollowUp', () => {
  it('refuses to close a matter while a term of its agreement is still open (CONFLICT, nothing written)', async () => {
    const due = new Date(world.services.clock.now().getTime() + 30 * 86_400_000);
    const matter = await resolvedMatter([{ description: '补偿款', amount: '8000.00', dueAt: due }]);
    const trace = await withoutTrace(orm, world.services.bus, () =>
      gql(orm, world.gridWorker.viewer, FOLLOW_UP, { input: { matterId: matter.id, agreementFulfilled: true, satisfaction: 5 } }, world.services),
    );
    expect(errorCodes(trace.result!)).toEqual(['CONFLICT']);
    expect(trace.result!.errors![0].extensions!.openTerms).toEqual([expect.objectContaining({ description: '补偿款', amount: '8000.00' })]);
    expect(trace.after).toEqual(trace.before);
    expect(trace.published).toBe(0);
    const [term] = await orm.em.fork().find(AgreementTerm, { session: { matter: matter.id } });
    expect(term.performedAt).toBeNull();
    expect((await orm.em.fork().findOneOrFail(Matter, matter.id)).status).toBe(MatterStatus.RESOLVED);
  });

  it('closes when the visit records each open term performed, or waived with its reason — both on the record', async () => {
    const matter = await resolvedMatter([{ description: '修复围墙' }, { description: '赔礼道歉' }]);
    const [wall, apology] = await orm.em.fork().find(AgreementTerm, { session: { matter: matter.id } }, { orderBy: { position: 'asc' } });
    const noReason = await withoutTrace(orm, world.services.bus, () =>
      gql(orm, world.gridWorker.viewer, FOLLOW_UP, { input: { matterId: matter.id, agreementFulfilled: true, termsPerformed: [wall.id], termsWaived: [{ termId: apology.id, reason: '' }] } }, world.services),
    );
    expect(errorCodes(noReason.result!)).toEqual(['BAD_USER_INPUT']);
    expect(noReason.after).toEqual(noReason.before);
    const r = await gql(
      orm,
      world.gridWorker.viewer,
      FOLLOW_UP,
      { input: { matterId: matter.id, agreementFulfilled: true, termsPerformed: [wall.id], termsWaived: [{ termId: apology.id, reason: '申请人表示不再要求' }] } },
      world.services,
    );
    expect(r.errors).toBeUndefined();
    const terms = await orm.em.fork().find(AgreementTerm, { session: { matter: matter.id } }, { orderBy: { position: 'asc' } });
    expect(terms[0].performedAt).toEqual(world.services.clock.now());
    expect(terms[1]).toEqual(expect.objectContaining({ performedAt: null, waivedReason: '申请人表示不再要求', waivedAt: world.services.clock.now() }));
    const types = (await orm.em.fork().find(Event, { matterId: matter.id }, { orderBy: { id: 'asc' } })).map((e) => e.type);
    expect(types.slice(-3)).toEqual([EventType.AGREEMENT_TERM_PERFORMED, EventType.AGREEMENT_TERM_WAIVED, EventType.FOLLOW_UP_RECORDED]);
    expect((await orm.em.fork().findOneOrFail(Matter, matter.id)).status).toBe(MatterStatus.CLOSED);
  });

  it('closes a resolved matter when the agreement was fulfilled', async () => {
    const matter = await resolvedMatter();
    expect(matter.status).toBe(MatterStatus.RESOLVED);
    const [term] = await orm.em.fork().find(AgreementTerm, { session: { matter: matter.id } });
    const before = await countRows(orm);
    const r = await gql<{ recordFollowUp: { agreementFulfilled: boolean; satisfaction: number } }>(
      orm,
      world.gridWorker.viewer,
      FOLLOW_UP,
      { input: { matterId: matter.id, agreementFulfilled: true, satisfaction: 5, notes: '电梯已开工', termsPerformed: [term.id] } },
      world.services,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.recordFollowUp).toEqual(expect.objectContaining({ agreementFulfilled: true, satisfaction: 5 }));
    const after = await countRows(orm);
    expect(after.follow_up - before.follow_up).toBe(1);
    expect(after.event - before.event).toBe(2); // the term performed, and the visit
    const closed = await orm.em.fork().findOneOrFail(Matter, matter.id);
    expect(closed.status).toBe(MatterStatus.CLOSED);
    expect(closed.closedAt).toBeTruthy();
  });

  it('reopens the matter for mediation when the agreement was not fulfilled', async () => {
    const matter = await resolvedMatter();
    await gql(orm, world.coordinator.viewer, FOLLOW_UP, { input: { matterId: matter.id, agreementFulfilled: false, satisfaction: 2 } }, world.services);
    const reopened = await orm.em.fork().findOneOrFail(Matter, matter.id);
    expect(reopened.status).toBe(MatterStatus.MEDIATING);
    expect(reopened.resolvedAt).toBeNull();
  });

  it('refuses bad input, unresolved or closed matters and strangers, leaving no rows', async () => {
    const matter = await resolvedMatter();
    const { matter: open } = await buildMatter(orm, { world });
    const [term] = await orm.em.fork().find(AgreementTerm, { session: { matter: matter.id } });
    const ok = { matterId: matter.id, agreementFulfilled: true, termsPerformed: [term.id] };
    const cases: Array<[string, unknown, Record<string, unknown>, string]> = [
      ['a satisfaction of 6', world.coordinator.viewer, { ...ok, satisfaction: 6 }, 'BAD_USER_INPUT'],
      ['a satisfaction of 0', world.coordinator.viewer, { ...ok, satisfaction: 0 }, 'BAD_USER_INPUT'],
      ['a missing agreementFulfilled', world.coordinator.viewer, { matterId: matter.id }, 'BAD_USER_INPUT'],
      ['a matter id that is not an id', world.coordinator.viewer, { ...ok, matterId: 'x' }, 'BAD_USER_INPUT'],
      ['a matter not yet resolved', world.coordinator.viewer, { ...ok, matterId: open.id, termsPerformed: [] }, 'CONFLICT'],
      ['a term of another matter', world.coordinator.viewer, { ...ok, termsPerformed: ['00000000-0000-4000-8000-0000000000b1'] }, 'BAD_USER_INPUT'],
      ['an agency', world.agencies.JUDICIAL_OFFICE.viewer, ok, 'FORBIDDEN'],
      ['a non-invited agency', world.agencies.COURT.viewer, ok, 'NOT_FOUND'],
      ['nobody', null, ok, 'UNAUTHENTICATED'],
    ];
    for (const [what, viewer, input, code] of cases) {
      const trace = await withoutTrace(orm, world.services.bus, () => gql(orm, viewer as never, FOLLOW_UP, { input }, world.services));
      expect(errorCodes(trace.result!), what).toEqual([code]);
      expect(trace.after, what).toEqual(trace.before);
      expect(trace.published, what).toBe(0);
    }
    await gql(orm, world.coordinator.viewer, FOLLOW_UP, { input: ok }, world.services);
    const closedAgain = await withoutTrace(orm, world.services.bus, () => gql(orm, world.coordinator.viewer, FOLLOW_UP, { input: ok }, world.services));
    expect(errorCodes(closedAgain.result!)).toEqual(['CONFLICT']);
    expect(closedAgain.after).toEqual(closedAgain.before);
  });
});
