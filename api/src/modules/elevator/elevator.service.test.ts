import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Event } from '../../events/event.entity';
import { buildConvenedMatter, buildMatter, buildWorld, type World } from '../../test/factories';
import { codeOf, countRows, createTestDb, errorCodes, gql, withoutTrace } from '../../test/harness';
import { EventType, MatterCategory, MatterStatus, OrganizationKind } from '../common/enums';
import type { Matter } from '../matter/matter.entity';
import { MatterService } from '../matter/matter.service';
import { ElevatorVote } from './elevator.rules';
import { ElevatorService } from './elevator.service';

const RECORD = /* GraphQL */ `
  mutation Consent($input: RecordElevatorConsentInput!) {
    recordElevatorConsent(input: $input) { id unit floor area ownerName vote note matter { id } }
  }
`;
const TALLY = /* GraphQL */ `
  query Tally($id: ID!) {
    matter(id: $id) {
      elevatorConsents { unit floor area vote }
      elevatorTally {
        totalHouseholds totalArea participatingOwners participatingArea agreeOwners agreeArea
        disagreeOwners abstainOwners notVotedOwners participationMet approvalMet approved
      }
    }
  }
`;

const REGISTER_TALLY = /* GraphQL */ `
  query RegisterTally($id: ID!) {
    matter(id: $id) {
      elevatorTally { totalHouseholds registeredHouseholds registerComplete participatingOwners notVotedOwners agreeOwners participationMet approved }
    }
  }
`;
const SET_REGISTER = /* GraphQL */ `
  mutation Register($input: SetElevatorRegisterInput!) {
    setElevatorRegister(input: $input) { unit floor area ownerName vote }
  }
`;

type Tally = {
  totalHouseholds: number;
  totalArea: string;
  participatingOwners: number;
  participatingArea: string;
  agreeOwners: number;
  agreeArea: string;
  disagreeOwners: number;
  abstainOwners: number;
  notVotedOwners: number;
  participationMet: boolean;
  approvalMet: boolean;
  approved: boolean;
};

let orm: MikroORM;
let world: World;

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
});

/** An elevator matter; without a declared number of households, the register is what is recorded. */
async function elevatorMatter(householdsAffected: number | null = null): Promise<Matter> {
  return (await buildMatter(orm, { world, input: { householdsAffected } })).matter;
}

function vote(matter: Matter, unit: string, floor: number, area: string, v: ElevatorVote, viewer = world.gridWorker.viewer) {
  return gql<{ recordElevatorConsent: { id: string; unit: string; area: string; vote: string } }>(
    orm,
    viewer,
    RECORD,
    { input: { matterId: matter.id, unit, floor, area, ownerName: `业主${unit}`, vote: v } },
    world.services,
  );
}

async function tally(matter: Matter, viewer = world.coordinator.viewer): Promise<Tally> {
  const r = await gql<{ matter: { elevatorTally: Tally } }>(orm, viewer, TALLY, { id: matter.id }, world.services);
  expect(r.errors).toBeUndefined();
  return r.data!.matter.elevatorTally;
}

describe('recordElevatorConsent', () => {
  it('records a household with an exact area and an event on the matter', async () => {
    const matter = await elevatorMatter();
    const before = await countRows(orm);
    const r = await gql<{ recordElevatorConsent: Record<string, unknown> }>(
      orm,
      world.gridWorker.viewer,
      RECORD,
      { input: { matterId: matter.id, unit: ' 2-1-301 ', floor: 3, area: '86.5', ownerName: ' 马德明 ', vote: 'AGREE', note: '愿意分摊费用' } },
      world.services,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.recordElevatorConsent).toEqual(
      expect.objectContaining({ unit: '2-1-301', floor: 3, area: '86.50', ownerName: '马德明', vote: 'AGREE', note: '愿意分摊费用', matter: { id: matter.id } }),
    );
    const after = await countRows(orm);
    expect(after.elevator_consent - before.elevator_consent).toBe(1);
    expect(after.event - before.event).toBe(1);
    const event = await orm.em.fork().findOneOrFail(Event, { matterId: matter.id, type: EventType.ELEVATOR_CONSENT_RECORDED });
    expect(event.actorId).toBe(world.gridWorker.user.id);
    expect(event.payload).toEqual(expect.objectContaining({ unit: '2-1-301', vote: 'AGREE', previousVote: null, totalHouseholds: 1, agreeOwners: 1 }));
  });

  it('refuses bad areas, floors, names and votes, leaving no rows', async () => {
    const matter = await elevatorMatter();
    const ok = { matterId: matter.id, unit: '2-1-101', floor: 1, area: '72.00', ownerName: '杨桂英', vote: 'DISAGREE' };
    const cases: Array<[string, Record<string, unknown>, RegExp?]> = [
      ['an area that is not a number', { ...ok, area: '七十二' }],
      ['an area with three decimals', { ...ok, area: '72.005' }],
      ['a zero area', { ...ok, area: '0' }, /area/],
      ['a negative area', { ...ok, area: '-72.00' }, /area/],
      ['an area above 10000 m²', { ...ok, area: '10000.01' }, /area/],
      ['an area of eight digits', { ...ok, area: '12345678' }, /area/],
      ['a floor above 200', { ...ok, floor: 201 }],
      ['a floor that is not an integer', { ...ok, floor: 2.5 }],
      ['an empty unit', { ...ok, unit: '' }],
      ['a unit of 31 characters', { ...ok, unit: 'x'.repeat(31) }],
      ['an empty owner name', { ...ok, ownerName: '' }],
      ['an unknown vote', { ...ok, vote: 'YES' }],
      ['a matter id that is not an id', { ...ok, matterId: 'elevator' }],
    ];
    for (const [what, input, message] of cases) {
      const trace = await withoutTrace(orm, world.services.bus, () => gql(orm, world.gridWorker.viewer, RECORD, { input }, world.services));
      expect(errorCodes(trace.result!), what).toEqual(['BAD_USER_INPUT']);
      if (message) expect(trace.result!.errors![0].message, what).toMatch(message);
      expect(trace.after, what).toEqual(trace.before);
      expect(trace.published, what).toBe(0);
    }
  });

  it('is for elevator-installation matters only (BAD_USER_INPUT), leaving no rows', async () => {
    const { matter } = await buildMatter(orm, { world, input: { category: MatterCategory.NEIGHBOR, title: '楼上漏水' } });
    const trace = await withoutTrace(orm, world.services.bus, () => vote(matter, '1-1-201', 2, '60.00', ElevatorVote.AGREE));
    expect(errorCodes(trace.result!)).toEqual(['BAD_USER_INPUT']);
    expect(trace.result!.errors![0].message).toMatch(/elevator/);
    expect(trace.after).toEqual(trace.before);
    const r = await gql<{ matter: { elevatorTally: null; elevatorConsents: unknown[] } }>(orm, world.coordinator.viewer, TALLY, { id: matter.id }, world.services);
    expect(r.data!.matter).toEqual({ elevatorTally: null, elevatorConsents: [] });
  });

  it('freezes the tally of a withdrawn or closed matter (CONFLICT), leaving no rows', async () => {
    const matter = await elevatorMatter();
    await vote(matter, '2-1-601', 6, '90.00', ElevatorVote.AGREE);
    const matters = new MatterService(world.ctx(world.coordinator));
    await matters.changeStatus({ matterId: matter.id, status: MatterStatus.WITHDRAWN });
    for (const status of [MatterStatus.WITHDRAWN, MatterStatus.CLOSED]) {
      if (status === MatterStatus.CLOSED) await new MatterService(world.ctx(world.coordinator)).changeStatus({ matterId: matter.id, status });
      // A new household and a correction are both refused.
      for (const unit of ['2-1-602', '2-1-601']) {
        const trace = await withoutTrace(orm, world.services.bus, () => vote(matter, unit, 6, '90.00', ElevatorVote.DISAGREE));
        expect(errorCodes(trace.result!), `${status} ${unit}`).toEqual(['CONFLICT']);
        expect(trace.after, `${status} ${unit}`).toEqual(trace.before);
        expect(trace.published).toBe(0);
      }
    }
    expect((await tally(matter)).agreeOwners).toBe(1);
  });

  it('is for community staff of the matter: agencies, other communities and anonymous callers are refused', async () => {
    const { matter } = await buildConvenedMatter(orm, { world, kinds: [OrganizationKind.JUDICIAL_OFFICE] });
    const other = await buildWorld(orm, world.services);
    for (const [what, viewer, code] of [
      ['the invited judicial office', world.agencies.JUDICIAL_OFFICE.viewer, 'FORBIDDEN'],
      ['an agency not invited', world.agencies.POLICE.viewer, 'NOT_FOUND'],
      ["another community's grid worker", other.gridWorker.viewer, 'NOT_FOUND'],
      ['an anonymous caller', null, 'UNAUTHENTICATED'],
    ] as const) {
      const trace = await withoutTrace(orm, world.services.bus, () => vote(matter, '3-2-101', 1, '70.00', ElevatorVote.AGREE, viewer as never));
      expect(errorCodes(trace.result!), what).toEqual([code]);
      expect(trace.after, what).toEqual(trace.before);
    }
    // The invited agency may read the tally all the same.
    await vote(matter, '3-2-101', 1, '70.00', ElevatorVote.AGREE);
    expect((await tally(matter, world.agencies.JUDICIAL_OFFICE.viewer)).agreeOwners).toBe(1);
  });

  it('validates the area before touching the database when called as a service', async () => {
    const matter = await elevatorMatter();
    const trace = await withoutTrace(orm, world.services.bus, () =>
      new ElevatorService(world.ctx(world.gridWorker)).record({ matterId: matter.id, unit: '1', floor: 1, area: '1e3', ownerName: 'x', vote: ElevatorVote.AGREE }),
    );
    expect(codeOf(trace.error)).toBe('BAD_USER_INPUT');
    expect(trace.after).toEqual(trace.before);
  });
});

describe('elevatorTally (Civil Code art. 278)', () => {
  it('tallies by owners and by area, exactly, and approves when both thresholds are met', async () => {
    const matter = await elevatorMatter();
    const households: Array<[string, number, string, ElevatorVote]> = [
      ['2-1-601', 6, '100.00', ElevatorVote.AGREE],
      ['2-1-501', 5, '100.00', ElevatorVote.AGREE],
      ['2-1-401', 4, '100.00', ElevatorVote.AGREE],
      ['2-1-301', 3, '100.00', ElevatorVote.AGREE],
      ['2-1-201', 2, '100.00', ElevatorVote.DISAGREE],
      ['2-1-101', 1, '50.10', ElevatorVote.NOT_VOTED],
    ];
    for (const [unit, floor, area, v] of households) expect((await vote(matter, unit, floor, area, v)).errors).toBeUndefined();
    expect(await tally(matter)).toEqual({
      totalHouseholds: 6,
      totalArea: '550.10',
      participatingOwners: 5,
      participatingArea: '500.00',
      agreeOwners: 4,
      agreeArea: '400.00',
      disagreeOwners: 1,
      abstainOwners: 0,
      notVotedOwners: 1,
      participationMet: true,
      approvalMet: true,
      approved: true,
    });
    const r = await gql<{ matter: { elevatorConsents: { unit: string }[] } }>(orm, world.coordinator.viewer, TALLY, { id: matter.id }, world.services);
    expect(r.data!.matter.elevatorConsents.map((c) => c.unit)).toEqual(['2-1-101', '2-1-201', '2-1-301', '2-1-401', '2-1-501', '2-1-601']);
  });

  it('a second vote of a household corrects the first (no new row) and can tip the result', async () => {
    const matter = await elevatorMatter();
    for (const unit of ['A', 'B', 'C']) await vote(matter, unit, 3, '80.25', ElevatorVote.AGREE);
    await vote(matter, 'D', 1, '80.25', ElevatorVote.DISAGREE);
    // Exactly 3/4 of owners and of area agree: "以上" includes the threshold.
    expect(await tally(matter)).toEqual(expect.objectContaining({ totalHouseholds: 4, agreeOwners: 3, agreeArea: '240.75', approvalMet: true, approved: true }));

    const before = await countRows(orm);
    const r = await gql<{ recordElevatorConsent: { vote: string } }>(
      orm,
      world.gridWorker.viewer,
      RECORD,
      { input: { matterId: matter.id, unit: ' C ', floor: 3, area: '80.25', ownerName: '业主C', vote: 'ABSTAIN' } },
      world.services,
    );
    expect(r.data!.recordElevatorConsent.vote).toBe('ABSTAIN');
    const after = await countRows(orm);
    expect(after.elevator_consent).toBe(before.elevator_consent);
    expect(after.event - before.event).toBe(1);
    expect(await tally(matter)).toEqual(
      expect.objectContaining({ totalHouseholds: 4, participatingOwners: 4, agreeOwners: 2, abstainOwners: 1, approvalMet: false, approved: false }),
    );
    const events = await orm.em.fork().find(Event, { matterId: matter.id, type: EventType.ELEVATOR_CONSENT_RECORDED }, { orderBy: { id: 'desc' }, limit: 1 });
    expect(events[0].payload).toEqual(expect.objectContaining({ unit: 'C', vote: 'ABSTAIN', previousVote: 'AGREE', approved: false }));

    // Correcting the area is a correction too: the tally follows it.
    await vote(matter, 'D', 1, '10.00', ElevatorVote.DISAGREE);
    expect(await tally(matter)).toEqual(expect.objectContaining({ totalHouseholds: 4, totalArea: '250.75' }));
  });

  it('measures participation against every household of the building: three AGREE votes of 12 households approve nothing', async () => {
    const matter = await elevatorMatter(12);
    for (const unit of ['2-1-601', '2-1-501', '2-1-401']) await vote(matter, unit, Number(unit.at(-3)), '90.00', ElevatorVote.AGREE);
    const r = await gql<{ matter: { elevatorTally: Record<string, unknown> } }>(orm, world.coordinator.viewer, REGISTER_TALLY, { id: matter.id }, world.services);
    expect(r.data!.matter.elevatorTally).toEqual({
      totalHouseholds: 12,
      registeredHouseholds: 3,
      registerComplete: false,
      participatingOwners: 3,
      notVotedOwners: 9,
      agreeOwners: 3,
      participationMet: false,
      approved: false,
    });
  });

  it('takes the building register (every unit and its area, voting or not); unvoted units count as not taking part', async () => {
    const matter = await elevatorMatter(12);
    const units = Array.from({ length: 12 }, (_, i) => ({ unit: `2-1-${Math.floor(i / 2) + 1}0${(i % 2) + 1}`, floor: Math.floor(i / 2) + 1, area: i < 2 ? '60.00' : '90.00', ownerName: `业主${i + 1}` }));
    await vote(matter, units[11].unit, units[11].floor, units[11].area, ElevatorVote.AGREE);
    const before = await countRows(orm);
    const set = await gql<{ setElevatorRegister: { unit: string; vote: string }[] }>(orm, world.coordinator.viewer, SET_REGISTER, { input: { matterId: matter.id, units } }, world.services);
    expect(set.errors).toBeUndefined();
    expect(set.data!.setElevatorRegister).toHaveLength(12);
    // The vote already recorded stays with its unit.
    expect(set.data!.setElevatorRegister.find((u) => u.unit === units[11].unit)!.vote).toBe('AGREE');
    const after = await countRows(orm);
    expect(after.elevator_consent - before.elevator_consent).toBe(11);
    expect(after.event - before.event).toBe(1);
    expect((await orm.em.fork().findOneOrFail(Event, { matterId: matter.id, type: EventType.ELEVATOR_REGISTER_UPDATED })).payload).toEqual(
      expect.objectContaining({ units: 12, totalArea: '1020.00', added: 11, removed: 0 }),
    );
    // Eight of twelve owners (2/3) with 8 × 90 = 720 of 1020 m² (more than 2/3) take part; all agree.
    for (const u of units.slice(4, 11)) await vote(matter, u.unit, u.floor, u.area, ElevatorVote.AGREE);
    const r = await gql<{ matter: { elevatorTally: Record<string, unknown> } }>(orm, world.coordinator.viewer, REGISTER_TALLY, { id: matter.id }, world.services);
    expect(r.data!.matter.elevatorTally).toEqual({
      totalHouseholds: 12,
      registeredHouseholds: 12,
      registerComplete: true,
      participatingOwners: 8,
      notVotedOwners: 4,
      agreeOwners: 8,
      participationMet: true,
      approved: true,
    });
  });

  it('refuses a register that drops a unit with a vote, lists a unit twice or has a bad area, leaving no rows', async () => {
    const matter = await elevatorMatter(2);
    await vote(matter, '2-1-101', 1, '60.00', ElevatorVote.DISAGREE);
    const unit = (u: string, area = '60.00') => ({ unit: u, floor: 1, area, ownerName: '业主' });
    for (const [what, units] of [
      ['a voted unit dropped', [unit('2-1-102'), unit('2-1-103')]],
      ['a unit listed twice', [unit('2-1-101'), unit('2-1-101')]],
      ['a negative area', [unit('2-1-101'), unit('2-1-102', '-60.00')]],
      ['a zero area', [unit('2-1-101'), unit('2-1-102', '0')]],
      ['no unit at all', []],
    ] as const) {
      const trace = await withoutTrace(orm, world.services.bus, () => gql(orm, world.coordinator.viewer, SET_REGISTER, { input: { matterId: matter.id, units } }, world.services));
      expect(errorCodes(trace.result!), what).toEqual(['BAD_USER_INPUT']);
      expect(trace.after, what).toEqual(trace.before);
      expect(trace.published, what).toBe(0);
    }
    const agency = await withoutTrace(orm, world.services.bus, () =>
      gql(orm, world.agencies.POLICE.viewer, SET_REGISTER, { input: { matterId: matter.id, units: [unit('2-1-101')] } }, world.services),
    );
    expect(errorCodes(agency.result!)).toEqual(['NOT_FOUND']);
    expect(agency.after).toEqual(agency.before);
  });

  it('fails participation when fewer than 2/3 of owners took part, even if all who voted agree', async () => {
    const matter = await elevatorMatter();
    await vote(matter, '1', 5, '100.00', ElevatorVote.AGREE);
    await vote(matter, '2', 4, '100.00', ElevatorVote.NOT_VOTED);
    await vote(matter, '3', 3, '100.00', ElevatorVote.NOT_VOTED);
    expect(await tally(matter)).toEqual(expect.objectContaining({ participationMet: false, approvalMet: true, approved: false }));
  });
});
