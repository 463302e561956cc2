import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { OrganizationKind, UserRole } from '../modules/common/enums';
import { answer, buildConvenedMatter, buildMatter, buildUser, buildWorld, type Actor, type World } from '../test/factories';
import { createTestDb } from '../test/harness';
import { can, reachOf, visibleEventsSql, visibleMattersSql, type Actor as PolicyActor } from './index';

// The object check (`can(actor, 'read', …)`) and the SQL scope of lists, streams and exports come
// from one rule table (rules.ts VISIBILITY). This asks both, for every actor and every row of a
// small world, and requires the same answer — so a change to one without the other fails here.

let orm: MikroORM;
let world: World;
let other: World;
const actors: Record<string, PolicyActor> = {};

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
  other = await buildWorld(orm);
  // Matters: one never convened, one convened to the judicial office (accepted) and the law firm
  // (declined), one convened to the police (pending), and one in the other community.
  await buildMatter(orm, { world });
  const a = await buildConvenedMatter(orm, { world, kinds: [OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM] });
  await answer(world, OrganizationKind.JUDICIAL_OFFICE, a.invitations.JUDICIAL_OFFICE, true);
  await answer(world, OrganizationKind.LAW_FIRM, a.invitations.LAW_FIRM, false, '不在服务范围');
  await buildConvenedMatter(orm, { world, kinds: [OrganizationKind.POLICE] });
  await buildConvenedMatter(orm, { world: other, kinds: [OrganizationKind.COURT] });

  const admin: Actor = await buildUser(orm, UserRole.ADMIN, world.communityOrg);
  // In community A's own organization: the role, not the organization, decides.
  const auditor: Actor = await buildUser(orm, UserRole.AUDITOR, world.communityOrg);
  Object.assign(actors, {
    admin: admin.viewer,
    coordinator: world.coordinator.viewer,
    gridWorker: world.gridWorker.viewer,
    judicialAccepted: world.agencies.JUDICIAL_OFFICE.viewer,
    lawFirmDeclined: world.agencies.LAW_FIRM.viewer,
    policePending: world.agencies.POLICE.viewer,
    courtUninvited: world.agencies.COURT.viewer,
    otherCoordinator: other.coordinator.viewer,
    otherCourtInvited: other.agencies.COURT.viewer,
    auditorInCommunityOrg: auditor.viewer,
  });
});

interface MatterRow {
  id: string;
  community_id: string;
}
interface EventRow {
  id: string;
  community_id: string | null;
  audience_org_ids: string[];
  notify_org_ids: string[];
  type: string;
}

describe('the policy: object checks and SQL scopes agree', () => {
  it('on matters, for every actor and every matter', async () => {
    const em = orm.em.fork();
    const matters: MatterRow[] = await em.execute('select id, community_id from matter order by id');
    const invitations: { matter_id: string; organization_id: string; status: string }[] = await em.execute('select matter_id, organization_id, status from invitation');
    expect(matters.length).toBe(4);
    let cells = 0;
    for (const [name, actor] of Object.entries(actors)) {
      const scope = visibleMattersSql(actor);
      const bySql: { id: string }[] = await em.execute(`select m.id from matter m where ${scope.sql} order by m.id`, scope.params);
      const byCan = matters
        .filter((m) =>
          can(actor, 'read', {
            type: 'matter',
            id: m.id,
            communityId: m.community_id,
            invitations: new Set(invitations.filter((i) => i.matter_id === m.id && i.organization_id === actor.organizationId).map((i) => i.status)),
          }),
        )
        .map((m) => m.id);
      expect(bySql.map((r) => r.id), `${name} (${reachOf(actor)})`).toEqual(byCan);
      cells += matters.length;
    }
    console.log(`policy scope agreement: ${cells} (actor, matter) pairs`);
  });

  it('on events, for every actor and every event', async () => {
    const em = orm.em.fork();
    const events: EventRow[] = await em.execute('select id, community_id, audience_org_ids, notify_org_ids, type from event order by id');
    expect(events.length).toBeGreaterThan(8);
    for (const [name, actor] of Object.entries(actors)) {
      const scope = visibleEventsSql(actor);
      const bySql: { id: string }[] = await em.execute(`select e.id from event e where ${scope.sql} order by e.id`, scope.params);
      const byCan = events
        .filter((e) => can(actor, 'read', { type: 'event', communityId: e.community_id, audienceOrgIds: e.audience_org_ids, notifyOrgIds: e.notify_org_ids, eventType: e.type }))
        .map((e) => e.id);
      expect(bySql.map((r) => String(r.id)), name).toEqual(byCan.map(String));
    }
  });

  it('gives each actor the sight the table says, and AUDITOR none', () => {
    expect(Object.fromEntries(Object.entries(actors).map(([n, a]) => [n, reachOf(a)]))).toEqual({
      admin: 'all',
      coordinator: 'ownCommunity',
      gridWorker: 'ownCommunity',
      judicialAccepted: 'invited',
      lawFirmDeclined: 'invited',
      policePending: 'invited',
      courtUninvited: 'invited',
      otherCoordinator: 'ownCommunity',
      otherCourtInvited: 'invited',
      auditorInCommunityOrg: 'none',
    });
  });

  it('denies anonymous actors and unknown actions', () => {
    const m = { type: 'matter', id: 'x', communityId: world.community.id, invitations: new Set<string>() } as const;
    expect(can(null, 'read', m)).toBe(false);
    expect(can(actors.admin, 'noSuchAction' as 'read', m)).toBe(false);
    expect(can(actors.admin, 'constructor' as 'read', m)).toBe(false);
  });
});
