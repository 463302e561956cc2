import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLObjectType } from 'graphql';
import { ManualClock } from '../../clock';
import { Event } from '../../events/event.entity';
import { getSchema } from '../../schema';
import { buildConvenedMatter, buildMatter, buildUser, buildWorld, type World } from '../../test/factories';
import { countRows, createTestDb, errorCodes, gql, withoutTrace } from '../../test/harness';
import { EventType, MatterCategory, MatterStatus, OrganizationKind, UserRole } from '../common/enums';
import type { Matter } from '../matter/matter.entity';
import { MatterService } from '../matter/matter.service';
import { CommunityActivity } from './community-activity.entity';

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateCommunityActivityInput!) {
    createCommunityActivity(input: $input) {
      id kind title venue agenda held
      hostOrganization { id kind }
      partnerOrganizations { id kind }
      matters { id }
    }
  }
`;
const RECORD = /* GraphQL */ `
  mutation Record($input: RecordCommunityActivityInput!) {
    recordCommunityActivity(input: $input) { id held attendance minutes decisions { text matters { id } } matters { id } }
  }
`;
const LIST = /* GraphQL */ `
  query List($communityId: ID, $kind: CommunityActivityKind) {
    communityActivities(communityId: $communityId, kind: $kind) { id title matters { id } }
  }
`;
const AGENDA = /* GraphQL */ `
  query Agenda($communityId: ID) {
    deliberationAgendaSuggestions(communityId: $communityId) { grouping key location category matterCount label openCount matters { id } }
  }
`;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let orm: MikroORM;
let world: World;
const at = (ms: number) => new Date(world.services.clock.now().getTime() + ms).toISOString();
const orgId = (w: World, kind: Exclude<OrganizationKind, OrganizationKind.COMMUNITY>) => w.agencies[kind].organization.id;

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
});

async function createActivity(input: Record<string, unknown>, w: World = world) {
  const r = await gql<{ createCommunityActivity: { id: string } }>(
    orm,
    w.coordinator.viewer,
    CREATE,
    { input: { kind: 'DELIBERATION', title: '三月定期议事会', heldAt: at(-HOUR), venue: '八角凉亭', ...input } },
    w.services,
  );
  expect(r.errors).toBeUndefined();
  return r.data!.createCommunityActivity.id;
}

describe('createCommunityActivity', () => {
  it('plans a deliberation meeting hosted by the community with partner agencies and linked matters', async () => {
    const { matter } = await buildMatter(orm, { world });
    const before = await countRows(orm);
    const r = await gql<{ createCommunityActivity: Record<string, unknown> & { id: string } }>(
      orm,
      world.coordinator.viewer,
      CREATE,
      {
        input: {
          kind: 'DELIBERATION',
          title: ' 2号楼加装电梯议事会 ',
          heldAt: at(3 * DAY),
          venue: '说事厅',
          agenda: '1. 表决情况 2. 费用分摊',
          partnerOrganizationIds: [orgId(world, OrganizationKind.JUDICIAL_OFFICE), orgId(world, OrganizationKind.LAW_FIRM), world.communityOrg.id],
          matterIds: [matter.id, matter.id],
        },
      },
      world.services,
    );
    expect(r.errors).toBeUndefined();
    const a = r.data!.createCommunityActivity;
    expect(a).toEqual(
      expect.objectContaining({
        kind: 'DELIBERATION',
        title: '2号楼加装电梯议事会',
        held: false,
        hostOrganization: { id: world.communityOrg.id, kind: 'COMMUNITY' },
        matters: [{ id: matter.id }],
      }),
    );
    // The host is not listed again among the partners.
    expect((a.partnerOrganizations as { kind: string }[]).map((o) => o.kind).sort()).toEqual(['JUDICIAL_OFFICE', 'LAW_FIRM']);
    const after = await countRows(orm);
    expect(after.community_activity - before.community_activity).toBe(1);
    expect(after.event - before.event).toBe(1);
    const event = await orm.em.fork().findOneOrFail(Event, { type: EventType.COMMUNITY_ACTIVITY_PLANNED, payload: { activityId: a.id } });
    expect(event.communityId).toBe(world.community.id);
    expect(event.matterId).toBeNull();
    expect([...event.audienceOrgIds].sort()).toEqual([world.communityOrg.id, orgId(world, OrganizationKind.JUDICIAL_OFFICE), orgId(world, OrganizationKind.LAW_FIRM)].sort());
  });

  it('refuses bad input, foreign organizations and matters, and the wrong people, leaving no rows', async () => {
    const other = await buildWorld(orm, world.services);
    const { matter: foreignMatter } = await buildMatter(orm, { world: other });
    const mediator = await buildUser(orm, UserRole.MEDIATOR, world.communityOrg);
    const ok = { kind: 'LAW_EXPLANATION', title: '以案释法：高空抛物', heldAt: at(DAY), venue: '说事厅' };
    const cases: Array<[string, unknown, Record<string, unknown>, string]> = [
      ['a one-character title', world.coordinator.viewer, { ...ok, title: '法' }, 'BAD_USER_INPUT'],
      ['an empty venue', world.coordinator.viewer, { ...ok, venue: '' }, 'BAD_USER_INPUT'],
      ['an unknown kind', world.coordinator.viewer, { ...ok, kind: 'PARTY' }, 'BAD_USER_INPUT'],
      ['a date that is not a date', world.coordinator.viewer, { ...ok, heldAt: '下周三' }, 'BAD_USER_INPUT'],
      ['a partner of another community', world.coordinator.viewer, { ...ok, partnerOrganizationIds: [orgId(other, OrganizationKind.COURT)] }, 'BAD_USER_INPUT'],
      ['an unknown partner', world.coordinator.viewer, { ...ok, partnerOrganizationIds: ['00000000-0000-4000-8000-00000000d001'] }, 'BAD_USER_INPUT'],
      ['a host of another community', world.coordinator.viewer, { ...ok, hostOrganizationId: other.communityOrg.id }, 'BAD_USER_INPUT'],
      ['a matter of another community', world.coordinator.viewer, { ...ok, matterIds: [foreignMatter.id] }, 'BAD_USER_INPUT'],
      ['an unknown matter', world.coordinator.viewer, { ...ok, matterIds: ['00000000-0000-4000-8000-00000000d002'] }, 'BAD_USER_INPUT'],
      ['another community', world.coordinator.viewer, { ...ok, communityId: other.community.id }, 'FORBIDDEN'],
      ['a grid worker', world.gridWorker.viewer, ok, 'FORBIDDEN'],
      ['an agency', world.agencies.JUDICIAL_OFFICE.viewer, ok, 'FORBIDDEN'],
      ['an anonymous caller', null, ok, 'UNAUTHENTICATED'],
    ];
    for (const [what, viewer, input, code] of cases) {
      const trace = await withoutTrace(orm, world.services.bus, () => gql(orm, viewer as never, CREATE, { input }, world.services));
      expect(errorCodes(trace.result!), what).toEqual([code]);
      expect(trace.after, what).toEqual(trace.before);
      expect(trace.published, what).toBe(0);
    }
    // A mediator may, and an agency may host.
    const r = await gql(orm, mediator.viewer, CREATE, { input: { ...ok, hostOrganizationId: orgId(world, OrganizationKind.COURT) } }, world.services);
    expect(r.errors).toBeUndefined();
  });
});

describe('recordCommunityActivity', () => {
  it("records attendance, minutes and decisions; decisions about matters appear on those matters' timelines", async () => {
    const { matter: elevator } = await buildConvenedMatter(orm, { world, kinds: [OrganizationKind.JUDICIAL_OFFICE] });
    const { matter: parking } = await buildMatter(orm, { world, input: { title: '小区停车位纠纷', category: MatterCategory.PROPERTY_MANAGEMENT } });
    const { matter: untouched } = await buildMatter(orm, { world });
    const id = await createActivity({ partnerOrganizationIds: [orgId(world, OrganizationKind.JUDICIAL_OFFICE)], matterIds: [untouched.id] });

    const before = await countRows(orm);
    const r = await gql<{ recordCommunityActivity: { held: boolean; attendance: number; decisions: { text: string; matters: { id: string }[] }[]; matters: { id: string }[] } }>(
      orm,
      world.coordinator.viewer,
      RECORD,
      {
        input: {
          activityId: id,
          attendance: 23,
          minutes: ' 居民代表23人参加，司法所孙所长释法。 ',
          decisions: [
            { text: '2号楼加装电梯按面积分摊费用', matterIds: [elevator.id] },
            { text: '物业月底前划定停车位，电梯施工期间临时停车', matterIds: [parking.id, elevator.id] },
            { text: '下次议事会定于四月' },
          ],
        },
      },
      world.services,
    );
    expect(r.errors).toBeUndefined();
    const rec = r.data!.recordCommunityActivity;
    expect(rec.held).toBe(true);
    expect(rec.attendance).toBe(23);
    expect(rec.decisions.map((d) => d.matters.map((m) => m.id))).toEqual([[elevator.id], expect.arrayContaining([parking.id, elevator.id]), []]);
    expect(rec.matters.map((m) => m.id).sort()).toEqual([elevator.id, parking.id, untouched.id].sort());

    const after = await countRows(orm);
    expect(after.activity_decision - before.activity_decision).toBe(3);
    // COMMUNITY_ACTIVITY_RECORDED + one DELIBERATION_DECISION_LINKED per linked matter.
    expect(after.event - before.event).toBe(3);
    const em = orm.em.fork();
    const linked = await em.find(Event, { type: EventType.DELIBERATION_DECISION_LINKED, payload: { activityId: id } });
    expect(linked.map((e) => e.matterId).sort()).toEqual([elevator.id, parking.id].sort());
    const onElevator = linked.find((e) => e.matterId === elevator.id)!;
    expect(onElevator.payload.decisions).toEqual(['2号楼加装电梯按面积分摊费用', '物业月底前划定停车位，电梯施工期间临时停车']);
    // The matter's own audience (the invited judicial office) may see it.
    expect(onElevator.audienceOrgIds).toContain(orgId(world, OrganizationKind.JUDICIAL_OFFICE));

    const TIMELINE = `query($id: ID!) { matter(id: $id) { timeline { type payload } } }`;
    for (const viewer of [world.coordinator.viewer, world.agencies.JUDICIAL_OFFICE.viewer]) {
      const t = await gql<{ matter: { timeline: { type: string; payload: { activityId?: string } }[] } }>(orm, viewer, TIMELINE, { id: elevator.id }, world.services);
      expect(t.data!.matter.timeline.filter((e) => e.type === EventType.DELIBERATION_DECISION_LINKED).map((e) => e.payload.activityId), viewer.username).toEqual([id]);
    }
    const quiet = await gql<{ matter: { timeline: { type: string }[] } }>(orm, world.coordinator.viewer, TIMELINE, { id: untouched.id }, world.services);
    expect(quiet.data!.matter.timeline.map((e) => e.type)).not.toContain(EventType.DELIBERATION_DECISION_LINKED);
  });

  it('refuses a second record, a future meeting, foreign matters and strangers, leaving no rows', async () => {
    const other = await buildWorld(orm, world.services);
    const { matter: foreign } = await buildMatter(orm, { world: other });
    const { matter: own } = await buildMatter(orm, { world });
    const id = await createActivity({ partnerOrganizationIds: [orgId(world, OrganizationKind.LAW_FIRM)] });
    const future = await createActivity({ title: '下月议事会', heldAt: at(2 * HOUR) });
    const ok = { activityId: id, attendance: 12, minutes: '会议记录' };
    const cases: Array<[string, unknown, Record<string, unknown>, string]> = [
      ['a decision about a matter of another community', world.coordinator.viewer, { ...ok, decisions: [{ text: '甲', matterIds: [own.id] }, { text: '乙', matterIds: [foreign.id] }] }, 'BAD_USER_INPUT'],
      ['a negative attendance', world.coordinator.viewer, { ...ok, attendance: -1 }, 'BAD_USER_INPUT'],
      ['empty minutes', world.coordinator.viewer, { ...ok, minutes: '' }, 'BAD_USER_INPUT'],
      ['an empty decision', world.coordinator.viewer, { ...ok, decisions: [{ text: '' }] }, 'BAD_USER_INPUT'],
      ['a meeting that has not taken place', world.coordinator.viewer, { ...ok, activityId: future }, 'CONFLICT'],
      ['an unknown activity', world.coordinator.viewer, { ...ok, activityId: '00000000-0000-4000-8000-00000000d003' }, 'NOT_FOUND'],
      ["another community's coordinator", other.coordinator.viewer, ok, 'NOT_FOUND'],
      // The partner sees the activity (communityActivity) but does not run it: FORBIDDEN, not NOT_FOUND (the policy's rule: NOT_FOUND only for what is out of sight).
      ['the partner agency', world.agencies.LAW_FIRM.viewer, ok, 'FORBIDDEN'],
      ['a grid worker', world.gridWorker.viewer, ok, 'FORBIDDEN'],
      ['an anonymous caller', null, ok, 'UNAUTHENTICATED'],
    ];
    for (const [what, viewer, input, code] of cases) {
      const trace = await withoutTrace(orm, world.services.bus, () => gql(orm, viewer as never, RECORD, { input }, world.services));
      expect(errorCodes(trace.result!), what).toEqual([code]);
      expect(trace.after, what).toEqual(trace.before);
      expect(trace.published, what).toBe(0);
    }
    expect((await orm.em.fork().findOneOrFail(CommunityActivity, id)).recordedAt).toBeNull();

    const first = await gql(orm, world.coordinator.viewer, RECORD, { input: { ...ok, decisions: [{ text: '通过', matterIds: [own.id] }] } }, world.services);
    expect(first.errors).toBeUndefined();
    const twice = await withoutTrace(orm, world.services.bus, () => gql(orm, world.coordinator.viewer, RECORD, { input: ok }, world.services));
    expect(errorCodes(twice.result!)).toEqual(['CONFLICT']);
    expect(twice.after).toEqual(twice.before);
  });
});

describe('who sees which activities', () => {
  it('agencies see only the activities they host or join, and only the linked matters they were invited to', async () => {
    const w = await buildWorld(orm, world.services);
    const { matter: invited } = await buildConvenedMatter(orm, { world: w, kinds: [OrganizationKind.JUDICIAL_OFFICE] });
    const { matter: notInvited } = await buildMatter(orm, { world: w });
    const withJudicial = await createActivity({ title: '司法所以案释法', kind: 'LAW_EXPLANATION', partnerOrganizationIds: [orgId(w, OrganizationKind.JUDICIAL_OFFICE)], matterIds: [invited.id, notInvited.id] }, w);
    const withPolice = await createActivity({ title: '派出所普法宣传', kind: 'PUBLICITY', partnerOrganizationIds: [orgId(w, OrganizationKind.POLICE)] }, w);
    const hostedByLawFirm = await createActivity({ title: '律所主办议事会', hostOrganizationId: orgId(w, OrganizationKind.LAW_FIRM) }, w);
    const list = async (viewer: unknown, vars: Record<string, unknown> = {}) =>
      gql<{ communityActivities: { id: string; matters: { id: string }[] }[] }>(orm, viewer as never, LIST, vars, w.services);

    const judicial = (await list(w.agencies.JUDICIAL_OFFICE.viewer)).data!.communityActivities;
    expect(judicial.map((a) => a.id)).toEqual([withJudicial]);
    expect(judicial[0].matters.map((m) => m.id)).toEqual([invited.id]);
    expect((await list(w.agencies.POLICE.viewer)).data!.communityActivities.map((a) => a.id)).toEqual([withPolice]);
    expect((await list(w.agencies.LAW_FIRM.viewer)).data!.communityActivities.map((a) => a.id)).toEqual([hostedByLawFirm]);
    expect((await list(w.agencies.COURT.viewer)).data!.communityActivities).toEqual([]);
    expect((await list(w.agencies.POLICE.viewer, { kind: 'LAW_EXPLANATION' })).data!.communityActivities).toEqual([]);

    const own = (await list(w.coordinator.viewer)).data!.communityActivities;
    expect(own.map((a) => a.id).sort()).toEqual([withJudicial, withPolice, hostedByLawFirm].sort());
    expect(own.find((a) => a.id === withJudicial)!.matters.map((m) => m.id).sort()).toEqual([invited.id, notInvited.id].sort());
    expect((await list(w.coordinator.viewer, { kind: 'PUBLICITY' })).data!.communityActivities.map((a) => a.id)).toEqual([withPolice]);

    // Other communities see none of them, and may not ask.
    expect((await list(world.coordinator.viewer)).data!.communityActivities.map((a) => a.id)).not.toContain(withJudicial);
    expect(errorCodes(await list(world.coordinator.viewer, { communityId: w.community.id }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await list(null))).toEqual(['UNAUTHENTICATED']);

    const ONE = `query($id: ID!) { communityActivity(id: $id) { id } }`;
    for (const [viewer, code] of [
      [w.agencies.COURT.viewer, 'NOT_FOUND'],
      [world.coordinator.viewer, 'NOT_FOUND'],
    ] as const) {
      expect(errorCodes(await gql(orm, viewer, ONE, { id: withJudicial }, w.services))).toEqual([code]);
    }
    expect((await gql<{ communityActivity: { id: string } }>(orm, w.agencies.JUDICIAL_OFFICE.viewer, ONE, { id: withJudicial }, w.services)).data!.communityActivity.id).toBe(withJudicial);
  });
});

describe('deliberationAgendaSuggestions (定期议事)', () => {
  it('groups open and recent matters by building (2+) and by category (3+), leaving out groups with nothing open', async () => {
    const w = await buildWorld(orm, { clock: new ManualClock(new Date('2026-03-02T02:00:00Z')) });
    const report = async (location: string, category: MatterCategory, status?: MatterStatus) => {
      const { matter } = await buildMatter(orm, { world: w, input: { location, category, title: `${location} ${category}` } });
      if (status) await new MatterService(w.ctx(w.coordinator)).changeStatus({ matterId: matter.id, status: MatterStatus.WITHDRAWN });
      if (status === MatterStatus.CLOSED) await new MatterService(w.ctx(w.coordinator)).changeStatus({ matterId: matter.id, status });
      return matter;
    };
    const m1 = await report('昌盛小区 2号楼 1单元', MatterCategory.ELEVATOR_INSTALLATION);
    const m2 = await report('昌盛小区 2号楼 3单元', MatterCategory.NEIGHBOR);
    const m3 = await report('昌盛小区 5号楼', MatterCategory.NEIGHBOR);
    const m4 = await report('和平小区 5号楼', MatterCategory.NEIGHBOR, MatterStatus.CLOSED);
    const m5 = await report('昌盛小区 5号楼 2单元', MatterCategory.PROPERTY_MANAGEMENT, MatterStatus.WITHDRAWN);
    await report('幸福小区 9号楼', MatterCategory.LABOR, MatterStatus.CLOSED);
    await report('幸福小区 9号楼', MatterCategory.LABOR, MatterStatus.WITHDRAWN);

    type Group = { grouping: string; key: string; location: string | null; category: string | null; matterCount: number; label: string; openCount: number; matters: { id: string }[] };
    const suggest = async () => {
      const r = await gql<{ deliberationAgendaSuggestions: Group[] }>(orm, w.coordinator.viewer, AGENDA, {}, w.services);
      expect(r.errors).toBeUndefined();
      return r.data!.deliberationAgendaSuggestions.map((g) => ({ ...g, matters: g.matters.map((m) => m.id).sort() }));
    };
    const ids = (...ms: Matter[]) => ms.map((m) => m.id).sort();
    expect(await suggest()).toEqual([
      // The structured fields are what clients show (in their language); the Chinese label stays for older ones.
      { grouping: 'CATEGORY', key: 'NEIGHBOR', location: null, category: 'NEIGHBOR', matterCount: 3, label: '邻里纠纷：3 件事项', openCount: 2, matters: ids(m2, m3, m4) },
      { grouping: 'LOCATION', key: '昌盛小区 2号楼', location: '昌盛小区 2号楼', category: null, matterCount: 2, label: '昌盛小区 2号楼：2 件事项', openCount: 2, matters: ids(m1, m2) },
      { grouping: 'LOCATION', key: '昌盛小区 5号楼', location: '昌盛小区 5号楼', category: null, matterCount: 2, label: '昌盛小区 5号楼：2 件事项', openCount: 1, matters: ids(m3, m5) },
    ]);

    // Half a year on, finished matters no longer count as recurring; open ones still do.
    (w.services.clock as ManualClock).advance(181 * DAY);
    expect(await suggest()).toEqual([
      { grouping: 'LOCATION', key: '昌盛小区 2号楼', location: '昌盛小区 2号楼', category: null, matterCount: 2, label: '昌盛小区 2号楼：2 件事项', openCount: 2, matters: ids(m1, m2) },
    ]);

    // The Chinese-only label is deprecated in the schema.
    const label = ((await getSchema()).getType('AgendaSuggestion') as GraphQLObjectType).getFields().label;
    expect(label.deprecationReason).toMatch(/Chinese only/);
  });

  it('is for community coordinators and mediators of the community', async () => {
    for (const [what, viewer, communityId, code] of [
      ['an agency', world.agencies.COURT.viewer, world.community.id, 'FORBIDDEN'],
      ['a grid worker', world.gridWorker.viewer, null, 'FORBIDDEN'],
      ['another community', (await buildWorld(orm, world.services)).coordinator.viewer, world.community.id, 'FORBIDDEN'],
      ['an anonymous caller', null, null, 'UNAUTHENTICATED'],
    ] as const) {
      expect(errorCodes(await gql(orm, viewer, AGENDA, { communityId }, world.services)), what).toEqual([code]);
    }
  });
});
