import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Event } from '../../events/event.entity';
import { Topic } from '../../events/event-bus';
import { buildMatter, buildUser, buildWorld, type World } from '../../test/factories';
import { countRows, createTestDb, errorCodes, gql, withoutTrace } from '../../test/harness';
import { EventType, OrganizationKind, UserRole } from '../common/enums';
import { CommunityActivity } from './community-activity.entity';

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateCommunityActivityInput!) { createCommunityActivity(input: $input) { id } }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateCommunityActivityInput!) {
    updateCommunityActivity(input: $input) {
      id kind title heldAt venue agenda held
      hostOrganization { id }
      partnerOrganizations { id }
      matters { id }
    }
  }
`;
const RECORD = /* GraphQL */ `
  mutation Record($input: RecordCommunityActivityInput!) { recordCommunityActivity(input: $input) { id held } }
`;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const UNKNOWN = '00000000-0000-4000-8000-00000000e001';

type Updated = {
  id: string;
  kind: string;
  title: string;
  heldAt: string;
  venue: string;
  agenda: string | null;
  held: boolean;
  hostOrganization: { id: string };
  partnerOrganizations: { id: string }[];
  matters: { id: string }[];
};

let orm: MikroORM;
let world: World;
const at = (ms: number) => new Date(world.services.clock.now().getTime() + ms).toISOString();
const orgId = (w: World, kind: Exclude<OrganizationKind, OrganizationKind.COMMUNITY>) => w.agencies[kind].organization.id;

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
});

async function plan(input: Record<string, unknown> = {}, w: World = world): Promise<string> {
  const r = await gql<{ createCommunityActivity: { id: string } }>(
    orm,
    w.coordinator.viewer,
    CREATE,
    { input: { kind: 'LAW_EXPLANATION', title: '以案释法：高空抛物', heldAt: at(3 * DAY), venue: '说事厅', agenda: '案例讲解', ...input } },
    w.services,
  );
  expect(r.errors).toBeUndefined();
  return r.data!.createCommunityActivity.id;
}

/** The stored row as plain values, to show that a refused change left it exactly as it was. */
async function snapshot(id: string) {
  const a = await orm.em.fork().findOneOrFail(CommunityActivity, id);
  return {
    kind: a.kind,
    title: a.title,
    heldAt: a.heldAt.toISOString(),
    venue: a.venue,
    agenda: a.agenda,
    host: a.hostOrganization.id,
    partners: a.partnerOrganizationIds,
    matters: a.matterIds,
    recordedAt: a.recordedAt,
  };
}

const update = (viewer: unknown, input: Record<string, unknown>, w: World = world) => gql<{ updateCommunityActivity: Updated }>(orm, viewer as never, UPDATE, { input }, w.services);

describe('updateCommunityActivity', () => {
  it('changes a planned activity and tells every organization involved, before and after', async () => {
    const { matter: first } = await buildMatter(orm, { world });
    const { matter: second } = await buildMatter(orm, { world, input: { title: '楼道堆物' } });
    const lawFirm = orgId(world, OrganizationKind.LAW_FIRM);
    const judicial = orgId(world, OrganizationKind.JUDICIAL_OFFICE);
    const police = orgId(world, OrganizationKind.POLICE);
    const id = await plan({ partnerOrganizationIds: [lawFirm, police], matterIds: [first.id] });

    const before = await countRows(orm);
    const published: string[] = [];
    const unsubscribe = world.services.bus.subscribe(Topic.EVENT, (e) => void published.push(e.type));
    const r = await update(world.coordinator.viewer, {
      activityId: id,
      kind: 'DELIBERATION',
      title: ' 以案释法：高空抛物（改期） ',
      heldAt: at(5 * DAY),
      venue: ' 八角凉亭 ',
      agenda: '  ',
      partnerOrganizationIds: [judicial, police, judicial],
      matterIds: [second.id, first.id],
    });
    unsubscribe();
    expect(r.errors).toBeUndefined();
    const a = r.data!.updateCommunityActivity;
    expect(a).toEqual(
      expect.objectContaining({
        id,
        kind: 'DELIBERATION',
        title: '以案释法：高空抛物（改期）',
        venue: '八角凉亭',
        agenda: null,
        held: false,
        hostOrganization: { id: world.communityOrg.id },
      }),
    );
    expect(new Date(a.heldAt).toISOString()).toBe(at(5 * DAY));
    expect(a.partnerOrganizations.map((o) => o.id).sort()).toEqual([judicial, police].sort());
    expect(a.matters.map((m) => m.id).sort()).toEqual([first.id, second.id].sort());

    const after = await countRows(orm);
    expect(after).toEqual({ ...before, event: before.event + 1 });
    expect(published).toEqual([EventType.COMMUNITY_ACTIVITY_UPDATED]);
    const event = await orm.em.fork().findOneOrFail(Event, { type: EventType.COMMUNITY_ACTIVITY_UPDATED, payload: { activityId: id } });
    expect(event.communityId).toBe(world.community.id);
    expect(event.actorId).toBe(world.coordinator.user.id);
    expect(event.matterId).toBeNull();
    // The law firm was dropped; it hears of it too.
    expect([...event.audienceOrgIds].sort()).toEqual([world.communityOrg.id, lawFirm, judicial, police].sort());
    expect(event.payload).toEqual(
      expect.objectContaining({
        title: '以案释法：高空抛物（改期）',
        venue: '八角凉亭',
        changed: expect.arrayContaining(['kind', 'title', 'heldAt', 'venue', 'agenda', 'partnerOrganizationIds', 'matterIds']),
        previous: { kind: 'LAW_EXPLANATION', title: '以案释法：高空抛物', heldAt: at(3 * DAY), venue: '说事厅' },
      }),
    );
    expect((event.payload.changed as string[]).includes('hostOrganizationId')).toBe(false);
  });

  it('leaves omitted fields alone, drops a new host from the partners, and records nothing when nothing changes', async () => {
    const court = orgId(world, OrganizationKind.COURT);
    const police = orgId(world, OrganizationKind.POLICE);
    const id = await plan({ partnerOrganizationIds: [court, police] });
    const r = await update(world.coordinator.viewer, { activityId: id, hostOrganizationId: court });
    expect(r.errors).toBeUndefined();
    expect(r.data!.updateCommunityActivity).toEqual(
      expect.objectContaining({ title: '以案释法：高空抛物', venue: '说事厅', agenda: '案例讲解', hostOrganization: { id: court }, partnerOrganizations: [{ id: police }] }),
    );

    const same = await snapshot(id);
    const quiet = await withoutTrace(orm, world.services.bus, () =>
      update(world.coordinator.viewer, { activityId: id, title: '以案释法：高空抛物', venue: '说事厅 ', partnerOrganizationIds: [police] }),
    );
    expect(quiet.result!.errors).toBeUndefined();
    expect(quiet.after).toEqual(quiet.before);
    expect(quiet.published).toBe(0);
    expect(await snapshot(id)).toEqual(same);
  });

  it('keeps a partner that has since stopped serving the community, but accepts no new stranger', async () => {
    const stranger = await buildWorld(orm, world.services);
    const police = orgId(world, OrganizationKind.POLICE);
    const id = await plan({ partnerOrganizationIds: [police] });
    await orm.em.fork().getConnection().execute('delete from organization_served_community where organization_id = ? and community_id = ?', [police, world.community.id]);
    try {
      const r = await update(world.coordinator.viewer, { activityId: id, title: '普法宣传：反诈', partnerOrganizationIds: [police] });
      expect(r.errors).toBeUndefined();
      expect(r.data!.updateCommunityActivity.partnerOrganizations).toEqual([{ id: police }]);
      const refused = await update(world.coordinator.viewer, { activityId: id, partnerOrganizationIds: [police, orgId(stranger, OrganizationKind.COURT)] });
      expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    } finally {
      await orm.em.fork().getConnection().execute('insert into organization_served_community (organization_id, community_id) values (?, ?)', [police, world.community.id]);
    }
  });

  it('refuses bad input without writing anything, even when other fields were fine', async () => {
    const other = await buildWorld(orm, world.services);
    const { matter: foreign } = await buildMatter(orm, { world: other });
    const id = await plan({ partnerOrganizationIds: [orgId(world, OrganizationKind.LAW_FIRM)] });
    const original = await snapshot(id);
    // Each case changes the title too: a refusal must not keep that part.
    const ok = { activityId: id, title: '不应保存的新主题', venue: '新地点' };
    const cases: Array<[string, Record<string, unknown>]> = [
      ['a one-character title', { ...ok, title: '法' }],
      ['a blank title', { ...ok, title: '    ' }],
      ['an empty venue', { ...ok, venue: '' }],
      ['a blank venue', { ...ok, venue: '   ' }],
      ['a title that is too long', { ...ok, title: '长'.repeat(121) }],
      ['an unknown kind', { ...ok, kind: 'PARTY' }],
      ['a date that is not a date', { ...ok, heldAt: '下周三' }],
      ['a malformed activity id', { ...ok, activityId: 'not-an-id' }],
      ['a partner of another community', { ...ok, partnerOrganizationIds: [orgId(other, OrganizationKind.COURT)] }],
      ['an unknown partner', { ...ok, partnerOrganizationIds: [UNKNOWN] }],
      ['a host of another community', { ...ok, hostOrganizationId: other.communityOrg.id }],
      ['an unknown host', { ...ok, hostOrganizationId: UNKNOWN }],
      ['a matter of another community', { ...ok, matterIds: [foreign.id] }],
      ['a malformed matter id', { ...ok, matterIds: ['CS-2026-0001'] }],
    ];
    for (const [what, input] of cases) {
      const trace = await withoutTrace(orm, world.services.bus, () => update(world.coordinator.viewer, input));
      expect(errorCodes(trace.result!), what).toEqual(['BAD_USER_INPUT']);
      expect(trace.after, what).toEqual(trace.before);
      expect(trace.published, what).toBe(0);
      expect(await snapshot(id), what).toEqual(original);
    }
  });

  it("is for the community's coordinator only", async () => {
    const other = await buildWorld(orm, world.services);
    const mediator = await buildUser(orm, UserRole.MEDIATOR, world.communityOrg);
    const admin = await buildUser(orm, UserRole.ADMIN, world.communityOrg);
    const id = await plan({ partnerOrganizationIds: [orgId(world, OrganizationKind.JUDICIAL_OFFICE)] });
    const original = await snapshot(id);
    const input = { activityId: id, title: '越权修改' };
    const cases: Array<[string, unknown, Record<string, unknown>, string]> = [
      ['a mediator', mediator.viewer, input, 'FORBIDDEN'],
      ['an admin', admin.viewer, input, 'FORBIDDEN'],
      ['a grid worker', world.gridWorker.viewer, input, 'FORBIDDEN'],
      ['the partner agency', world.agencies.JUDICIAL_OFFICE.viewer, input, 'FORBIDDEN'],
      ["another community's coordinator", other.coordinator.viewer, input, 'NOT_FOUND'],
      ['an unknown activity', world.coordinator.viewer, { ...input, activityId: UNKNOWN }, 'NOT_FOUND'],
      ['an anonymous caller', null, input, 'UNAUTHENTICATED'],
    ];
    for (const [what, viewer, vars, code] of cases) {
      const trace = await withoutTrace(orm, world.services.bus, () => update(viewer, vars));
      expect(errorCodes(trace.result!), what).toEqual([code]);
      expect(trace.after, what).toEqual(trace.before);
      expect(trace.published, what).toBe(0);
    }
    expect(await snapshot(id)).toEqual(original);
  });

  it('refuses to change an activity once it is recorded as held', async () => {
    const id = await plan({ heldAt: at(-HOUR) });
    const recorded = await gql(orm, world.coordinator.viewer, RECORD, { input: { activityId: id, attendance: 30, minutes: '居民30人参加' } }, world.services);
    expect(recorded.errors).toBeUndefined();
    const original = await snapshot(id);
    const trace = await withoutTrace(orm, world.services.bus, () => update(world.coordinator.viewer, { activityId: id, title: '事后改主题' }));
    expect(errorCodes(trace.result!)).toEqual(['CONFLICT']);
    expect(trace.after).toEqual(trace.before);
    expect(trace.published).toBe(0);
    expect(await snapshot(id)).toEqual(original);
  });

  it('an edit and a record at the same moment: either the edit comes first, or it is refused', async () => {
    for (let round = 0; round < 5; round++) {
      const id = await plan({ heldAt: at(-HOUR), title: `同时操作 ${round}` });
      const [edited, recorded] = await Promise.all([
        update(world.coordinator.viewer, { activityId: id, title: `同时操作 ${round}（改）` }),
        gql(orm, world.coordinator.viewer, RECORD, { input: { activityId: id, attendance: 5, minutes: '记录' } }, world.services),
      ]);
      expect(recorded.errors).toBeUndefined();
      const stored = await snapshot(id);
      expect(stored.recordedAt).not.toBeNull();
      if (edited.errors) {
        expect(errorCodes(edited)).toEqual(['CONFLICT']);
        expect(stored.title).toBe(`同时操作 ${round}`);
      } else {
        expect(stored.title).toBe(`同时操作 ${round}（改）`);
      }
    }
  });
});
