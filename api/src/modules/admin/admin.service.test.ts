import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ManualClock } from '../../clock';
import { buildMatter, buildUser, buildWorld, TEST_PASSWORD, type Actor, type World } from '../../test/factories';
import { codeOf, createTestDb, errorCodes, gql, testConfig, withoutTrace } from '../../test/harness';
import { AuthService } from '../auth/auth.service';
import { AuthSession, User } from '../auth/user.entity';
import { Community, Organization } from '../community/community.entity';
import { OrganizationKind, UserRole } from '../common/enums';
import { bootstrapAdmin, insertCommunity, insertOrganization } from './admin.service';

const CREATE_COMMUNITY = /* GraphQL */ `
  mutation ($input: CreateCommunityInput!) { createCommunity(input: $input) { id code name district } }
`;
const CREATE_ORG = /* GraphQL */ `
  mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name kind community { id } } }
`;
const CREATE_USER = /* GraphQL */ `
  mutation ($input: CreateUserInput!) { createUser(input: $input) { id username displayName role active organization { id kind } } }
`;
const SET_ACTIVE = /* GraphQL */ `
  mutation ($userId: ID!, $active: Boolean!) { setUserActive(userId: $userId, active: $active) { id active } }
`;
const RESET_PASSWORD = /* GraphQL */ `
  mutation ($userId: ID!, $password: String!) { resetUserPassword(userId: $userId, password: $password) { id } }
`;
const USERS = /* GraphQL */ `
  query ($organizationId: ID) { users(organizationId: $organizationId) { id username role active organization { id } } }
`;
const UPDATE_COMMUNITY = /* GraphQL */ `
  mutation ($input: UpdateCommunityInput!) { updateCommunity(input: $input) { id code name district } }
`;
const UPDATE_ORG = /* GraphQL */ `
  mutation ($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { id name kind community { id } servedCommunities { id } } }
`;
const NEW_PASSWORD = 'a brand new passphrase';
const UNKNOWN_ID = '00000000-0000-4000-8000-00000000a001';

let orm: MikroORM;
let world: World;
let admin: Actor;
const clock = new ManualClock(new Date('2026-03-02T02:00:00.000Z'));
beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
  admin = await buildUser(orm, UserRole.ADMIN, world.communityOrg);
});

const auth = () => new AuthService(orm.em.fork(), testConfig, clock);
let seq = 0;
const uniq = (p: string) => `${p}${(++seq).toString(36)}${Date.now().toString(36).slice(-4)}`;

async function adminRows() {
  const rows: { community: number; organization: number; app_user: number; served: number; auth_session: number }[] = await orm.em
    .fork()
    .getConnection()
    .execute(
      `select (select count(*) from community)::int as community, (select count(*) from organization)::int as organization,
              (select count(*) from app_user)::int as app_user, (select count(*) from organization_served_community)::int as served,
              (select count(*) from auth_session)::int as auth_session`,
    );
  return rows[0];
}

async function createCommunity(code = uniq('C').toUpperCase()) {
  const r = await gql<{ createCommunity: { id: string; code: string; name: string } }>(orm, admin.viewer, CREATE_COMMUNITY, {
    input: { code, name: `新社区 ${code}`, district: '城关区' },
  });
  expect(r.errors).toBeUndefined();
  return r.data!.createCommunity;
}

describe('createCommunity', () => {
  it('creates a community with an upper-cased code', async () => {
    const code = uniq('xy');
    const r = await gql<{ createCommunity: { id: string; code: string; district: string } }>(orm, admin.viewer, CREATE_COMMUNITY, {
      input: { code, name: `社区 ${code}`, district: ' 城关区 ' },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.createCommunity).toEqual(expect.objectContaining({ code: code.toUpperCase(), district: '城关区' }));
    expect(await orm.em.fork().count(Community, { code: code.toUpperCase() })).toBe(1);
  });

  it('rejects a duplicate code with CONFLICT and a malformed code with BAD_USER_INPUT', async () => {
    const dup = await gql(orm, admin.viewer, CREATE_COMMUNITY, { input: { code: world.community.code.toLowerCase(), name: '另一个' } });
    expect(errorCodes(dup)).toEqual(['CONFLICT']);
    const bad = await gql(orm, admin.viewer, CREATE_COMMUNITY, { input: { code: '1-bad', name: '坏代码' } });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
  });

  it('is for admins only', async () => {
    const input = { code: uniq('N').toUpperCase(), name: '不该存在' };
    expect(errorCodes(await gql(orm, world.coordinator.viewer, CREATE_COMMUNITY, { input }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(orm, world.agencies.COURT.viewer, CREATE_COMMUNITY, { input }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(orm, null, CREATE_COMMUNITY, { input }))).toEqual(['UNAUTHENTICATED']);
    expect(await orm.em.fork().count(Community, { code: input.code })).toBe(0);
  });
});

describe('createOrganization', () => {
  it('creates a community organization serving its own community', async () => {
    const c = await createCommunity();
    const r = await gql<{ createOrganization: { id: string; kind: string; community: { id: string } } }>(orm, admin.viewer, CREATE_ORG, {
      input: { name: '新社区居委会', kind: 'COMMUNITY', communityId: c.id, servedCommunityIds: [] },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.createOrganization).toEqual(expect.objectContaining({ kind: 'COMMUNITY', community: { id: c.id } }));
    const org = await orm.em.fork().findOneOrFail(Organization, { id: r.data!.createOrganization.id }, { populate: ['servedCommunities'] });
    expect(org.servedCommunities.getItems().map((s) => s.id)).toEqual([c.id]);

    const second = await gql(orm, admin.viewer, CREATE_ORG, { input: { name: '第二个居委会', kind: 'COMMUNITY', communityId: c.id, servedCommunityIds: [] } });
    expect(errorCodes(second)).toEqual(['CONFLICT']);
  });

  it('creates an agency serving several communities', async () => {
    const a = await createCommunity();
    const b = await createCommunity();
    const name = uniq('城关区人民法院');
    const r = await gql<{ createOrganization: { id: string; kind: string; community: null } }>(orm, admin.viewer, CREATE_ORG, {
      input: { name, kind: 'COURT', servedCommunityIds: [a.id, b.id, a.id] },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.createOrganization).toEqual(expect.objectContaining({ kind: 'COURT', community: null }));
    const org = await orm.em.fork().findOneOrFail(Organization, { id: r.data!.createOrganization.id }, { populate: ['servedCommunities'] });
    expect(org.servedCommunities.getItems().map((s) => s.id).sort()).toEqual([a.id, b.id].sort());

    const dup = await gql(orm, admin.viewer, CREATE_ORG, { input: { name, kind: 'COURT', servedCommunityIds: [a.id] } });
    expect(errorCodes(dup)).toEqual(['CONFLICT']);
  });

  it('rejects bad input and leaves no rows', async () => {
    const before = await adminRows();
    const cases = [
      { name: '缺社区', kind: 'COMMUNITY', servedCommunityIds: [] },
      { name: '无服务社区', kind: 'POLICE', servedCommunityIds: [] },
      { name: '未知社区', kind: 'POLICE', servedCommunityIds: [world.community.id, '00000000-0000-4000-8000-000000000000'] },
      { name: '机构带社区', kind: 'LAW_FIRM', communityId: world.community.id, servedCommunityIds: [world.community.id] },
      { name: '', kind: 'LAW_FIRM', servedCommunityIds: [world.community.id] },
      { name: '坏id', kind: 'LAW_FIRM', servedCommunityIds: ['not-a-uuid'] },
    ];
    for (const input of cases) {
      const r = await gql(orm, admin.viewer, CREATE_ORG, { input });
      expect(errorCodes(r), input.name).toEqual(['BAD_USER_INPUT']);
    }
    expect(await adminRows()).toEqual(before);
  });

  it('is for admins only', async () => {
    const input = { name: '不该存在', kind: 'POLICE', servedCommunityIds: [world.community.id] };
    expect(errorCodes(await gql(orm, world.coordinator.viewer, CREATE_ORG, { input }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(orm, null, CREATE_ORG, { input }))).toEqual(['UNAUTHENTICATED']);
  });
});

/** Communities and organizations as stored, with the communities each organization serves. */
async function directory() {
  const em = orm.em.fork();
  const communities = await em.find(Community, {}, { orderBy: { id: 'asc' } });
  const served: { organization_id: string; community_id: string }[] = await em
    .getConnection()
    .execute('select organization_id, community_id from organization_served_community order by organization_id, community_id');
  const organizations = await em.find(Organization, {}, { orderBy: { id: 'asc' } });
  return {
    communities: communities.map((c) => ({ id: c.id, code: c.code, name: c.name, district: c.district })),
    organizations: organizations.map((o) => ({ id: o.id, name: o.name, kind: o.kind, community: o.community?.id ?? null })),
    served,
  };
}

describe('updateCommunity', () => {
  it('renames a community and corrects its code while it has no matters', async () => {
    const c = await createCommunity();
    const code = uniq('nw');
    const r = await gql<{ updateCommunity: { id: string; code: string; name: string; district: string | null } }>(orm, admin.viewer, UPDATE_COMMUNITY, {
      input: { id: c.id, code, name: ` 改名社区 ${code} `, district: '' },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.updateCommunity).toEqual({ id: c.id, code: code.toUpperCase(), name: `改名社区 ${code}`, district: null });
    // Omitted fields stay as they are.
    const r2 = await gql<{ updateCommunity: { code: string; name: string; district: string | null } }>(orm, admin.viewer, UPDATE_COMMUNITY, {
      input: { id: c.id, district: '雄关区' },
    });
    expect(r2.data!.updateCommunity).toEqual(expect.objectContaining({ code: code.toUpperCase(), name: `改名社区 ${code}`, district: '雄关区' }));
    // Its own code and name again are no conflict.
    const same = await gql(orm, admin.viewer, UPDATE_COMMUNITY, { input: { id: c.id, code: code.toLowerCase(), name: `改名社区 ${code}` } });
    expect(same.errors).toBeUndefined();
  });

  it("keeps the code of a community whose matters carry it, and any other community's code or name", async () => {
    const w = await buildWorld(orm);
    await buildMatter(orm, { world: w });
    const before = await directory();
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['the code of a community with matters', { id: w.community.id, code: uniq('Z').toUpperCase() }, 'CONFLICT'],
      ["another community's code", { id: world.community.id, code: w.community.code.toLowerCase() }, 'CONFLICT'],
      ["another community's name", { id: world.community.id, name: ` ${w.community.name} ` }, 'CONFLICT'],
      ['a malformed code', { id: world.community.id, code: '9-bad' }, 'BAD_USER_INPUT'],
      ['an empty name', { id: world.community.id, name: '' }, 'BAD_USER_INPUT'],
      ['a blank name', { id: world.community.id, name: '   ' }, 'BAD_USER_INPUT'],
      ['a name that is too long', { id: world.community.id, name: '长'.repeat(101) }, 'BAD_USER_INPUT'],
      ['a malformed id', { id: 'not-an-id', name: '某社区' }, 'BAD_USER_INPUT'],
      ['an unknown community', { id: UNKNOWN_ID, name: '某社区' }, 'NOT_FOUND'],
      // A good name with a bad code: nothing of it is kept.
      ['a good name with a taken code', { id: world.community.id, name: uniq('不该保存'), code: w.community.code }, 'CONFLICT'],
    ];
    for (const [what, input, code] of cases) {
      const r = await gql(orm, admin.viewer, UPDATE_COMMUNITY, { input });
      expect(errorCodes(r), what).toEqual([code]);
      if (code === 'CONFLICT') expect(r.errors![0].extensions?.field, what).toBeDefined();
      if (what === 'the code of a community with matters') expect(r.errors![0].extensions).toEqual(expect.objectContaining({ field: 'code', reason: 'HAS_MATTERS' }));
    }
    expect(await directory()).toEqual(before);
    // A rename is fine with matters.
    const renamed = await gql(orm, admin.viewer, UPDATE_COMMUNITY, { input: { id: w.community.id, name: uniq('新名字') } });
    expect(renamed.errors).toBeUndefined();
  });

  it('is for admins only', async () => {
    const before = await directory();
    const input = { id: world.community.id, name: '越权改名' };
    expect(errorCodes(await gql(orm, world.coordinator.viewer, UPDATE_COMMUNITY, { input }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(orm, world.agencies.COURT.viewer, UPDATE_COMMUNITY, { input }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(orm, null, UPDATE_COMMUNITY, { input }))).toEqual(['UNAUTHENTICATED']);
    expect(await directory()).toEqual(before);
  });
});

describe('updateOrganization', () => {
  type Org = { id: string; name: string; kind: string; community: { id: string } | null; servedCommunities: { id: string }[] };

  it('renames an agency and changes the communities it serves', async () => {
    const a = await createCommunity();
    const b = await createCommunity();
    const created = await gql<{ createOrganization: { id: string } }>(orm, admin.viewer, CREATE_ORG, {
      input: { name: uniq('城关区司法所'), kind: 'JUDICIAL_OFFICE', servedCommunityIds: [a.id] },
    });
    const id = created.data!.createOrganization.id;
    const name = uniq('雄关区司法所');
    const r = await gql<{ updateOrganization: Org }>(orm, admin.viewer, UPDATE_ORG, { input: { id, name: ` ${name} `, servedCommunityIds: [b.id, a.id, b.id] } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.updateOrganization).toEqual(expect.objectContaining({ id, name, kind: 'JUDICIAL_OFFICE', community: null }));
    expect(r.data!.updateOrganization.servedCommunities.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());

    // Only the name: the served communities stay.
    const renamed = await gql<{ updateOrganization: Org }>(orm, admin.viewer, UPDATE_ORG, { input: { id, name: `${name}二` } });
    expect(renamed.data!.updateOrganization.servedCommunities.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
    // Only the communities.
    const narrowed = await gql<{ updateOrganization: Org }>(orm, admin.viewer, UPDATE_ORG, { input: { id, servedCommunityIds: [b.id] } });
    expect(narrowed.data!.updateOrganization).toEqual(expect.objectContaining({ name: `${name}二`, servedCommunities: [{ id: b.id }] }));
  });

  it('renames a community organization, which keeps serving its own community only', async () => {
    const org = world.communityOrg;
    const name = uniq('居委会');
    const r = await gql<{ updateOrganization: Org }>(orm, admin.viewer, UPDATE_ORG, { input: { id: org.id, name, servedCommunityIds: [world.community.id] } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.updateOrganization).toEqual({ id: org.id, name, kind: 'COMMUNITY', community: { id: world.community.id }, servedCommunities: [{ id: world.community.id }] });
  });

  it('refuses taken names and bad input without changing anything', async () => {
    const other = await createCommunity();
    const court = world.agencies.COURT.organization;
    const rival = (await buildWorld(orm)).agencies.COURT.organization;
    const before = await directory();
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['the name of another organization of the same kind', { id: court.id, name: ` ${rival.name} ` }, 'CONFLICT'],
      ['an empty name', { id: court.id, name: '' }, 'BAD_USER_INPUT'],
      ['a blank name', { id: court.id, name: '   ' }, 'BAD_USER_INPUT'],
      ['an agency serving no community', { id: court.id, servedCommunityIds: [] }, 'BAD_USER_INPUT'],
      ['an unknown community', { id: court.id, name: uniq('不该保存'), servedCommunityIds: [world.community.id, UNKNOWN_ID] }, 'BAD_USER_INPUT'],
      ['a malformed community id', { id: court.id, servedCommunityIds: ['CS'] }, 'BAD_USER_INPUT'],
      ['a community organization serving another community', { id: world.communityOrg.id, name: uniq('不该保存'), servedCommunityIds: [other.id] }, 'BAD_USER_INPUT'],
      ['a community organization serving two', { id: world.communityOrg.id, servedCommunityIds: [world.community.id, other.id] }, 'BAD_USER_INPUT'],
      ['a malformed id', { id: 'x', name: '某单位' }, 'BAD_USER_INPUT'],
      ['an unknown organization', { id: UNKNOWN_ID, name: '某单位' }, 'NOT_FOUND'],
    ];
    for (const [what, input, code] of cases) {
      const r = await gql(orm, admin.viewer, UPDATE_ORG, { input });
      expect(errorCodes(r), what).toEqual([code]);
    }
    expect(await directory()).toEqual(before);
  });

  it('is for admins only', async () => {
    const before = await directory();
    const input = { id: world.agencies.POLICE.organization.id, name: '越权改名', servedCommunityIds: [world.community.id] };
    expect(errorCodes(await gql(orm, world.coordinator.viewer, UPDATE_ORG, { input }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(orm, world.agencies.POLICE.viewer, UPDATE_ORG, { input }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(orm, null, UPDATE_ORG, { input }))).toEqual(['UNAUTHENTICATED']);
    expect(await directory()).toEqual(before);
  });
});

describe('createUser', () => {
  it('creates users who can log in, community and agency side', async () => {
    for (const [role, org] of [
      [UserRole.MEDIATOR, world.communityOrg],
      [UserRole.ADMIN, world.communityOrg],
      [UserRole.AGENCY_STAFF, world.agencies.POLICE.organization],
    ] as const) {
      const username = uniq('New.User-');
      const r = await gql<{ createUser: { id: string; username: string; role: string; active: boolean; organization: { id: string } } }>(
        orm,
        admin.viewer,
        CREATE_USER,
        { input: { username, displayName: ' 新同事 ', role, organizationId: org.id, password: NEW_PASSWORD } },
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!.createUser).toEqual(expect.objectContaining({ username: username.toLowerCase(), role, active: true, organization: expect.objectContaining({ id: org.id }) }));
      const { token, user } = await auth().login(username, NEW_PASSWORD);
      expect(user!.displayName).toBe('新同事');
      expect(await auth().viewerFromToken(token)).toEqual(expect.objectContaining({ role, organizationId: org.id }));
    }
  });

  it('rejects a role that does not fit the organization kind', async () => {
    const before = await adminRows();
    for (const [role, org] of [
      [UserRole.AGENCY_LEAD, world.communityOrg],
      [UserRole.COORDINATOR, world.agencies.COURT.organization],
      [UserRole.ADMIN, world.agencies.LAW_FIRM.organization],
    ] as const) {
      const r = await gql(orm, admin.viewer, CREATE_USER, { input: { username: uniq('misfit'), displayName: '错配', role, organizationId: org.id, password: NEW_PASSWORD } });
      expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0].extensions?.field).toBe('role');
    }
    expect(await adminRows()).toEqual(before);
  });

  it('rejects a taken username (any case) with CONFLICT', async () => {
    const r = await gql(orm, admin.viewer, CREATE_USER, {
      input: { username: world.coordinator.user.username.toUpperCase(), displayName: '重名', role: 'MEDIATOR', organizationId: world.communityOrg.id, password: NEW_PASSWORD },
    });
    expect(errorCodes(r)).toEqual(['CONFLICT']);
  });

  it('rejects short passwords, bad usernames and unknown organizations without a trace', async () => {
    const base = { username: uniq('okname'), displayName: '某人', role: 'MEDIATOR', organizationId: world.communityOrg.id, password: NEW_PASSWORD };
    const before = await adminRows();
    for (const input of [
      { ...base, password: 'short9chr' },
      { ...base, username: 'x' },
      { ...base, username: 'has space' },
      { ...base, organizationId: '00000000-0000-4000-8000-000000000000' },
    ]) {
      const traced = await withoutTrace(orm, null, () => gql(orm, admin.viewer, CREATE_USER, { input }));
      expect(errorCodes(traced.result!)).toEqual(['BAD_USER_INPUT']);
      expect(traced.after).toEqual(traced.before);
    }
    expect(await adminRows()).toEqual(before);
  });

  it('is for admins only', async () => {
    const input = { username: uniq('sneaky'), displayName: '越权', role: 'ADMIN', organizationId: world.communityOrg.id, password: NEW_PASSWORD };
    expect(errorCodes(await gql(orm, world.coordinator.viewer, CREATE_USER, { input }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(orm, world.agencies.JUDICIAL_OFFICE.viewer, CREATE_USER, { input }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(orm, null, CREATE_USER, { input }))).toEqual(['UNAUTHENTICATED']);
    expect(await orm.em.fork().count(User, { username: input.username })).toBe(0);
  });
});

describe('setUserActive and resetUserPassword', () => {
  it('deactivating revokes every session and blocks login; reactivating allows it again', async () => {
    const { user } = await buildUser(orm, UserRole.GRID_WORKER, world.communityOrg);
    const one = await auth().login(user.username, TEST_PASSWORD);
    const two = await auth().login(user.username, TEST_PASSWORD);
    expect(await auth().viewerFromToken(one.token)).not.toBeNull();

    const r = await gql<{ setUserActive: { id: string; active: boolean } }>(orm, admin.viewer, SET_ACTIVE, { userId: user.id, active: false }, { clock });
    expect(r.errors).toBeUndefined();
    expect(r.data!.setUserActive).toEqual({ id: user.id, active: false });
    expect(await auth().viewerFromToken(one.token)).toBeNull();
    expect(await auth().viewerFromToken(two.token)).toBeNull();
    const sessions = await orm.em.fork().find(AuthSession, { user: user.id });
    expect(sessions).toHaveLength(2);
    expect(sessions.every((s) => s.revokedAt?.getTime() === clock.now().getTime())).toBe(true);
    await expect(auth().login(user.username, TEST_PASSWORD)).rejects.toSatisfy((e) => codeOf(e) === 'UNAUTHENTICATED');

    const back = await gql(orm, admin.viewer, SET_ACTIVE, { userId: user.id, active: true });
    expect(back.errors).toBeUndefined();
    const three = await auth().login(user.username, TEST_PASSWORD);
    expect(await auth().viewerFromToken(three.token)).not.toBeNull();
    // Old sessions stay revoked.
    expect(await auth().viewerFromToken(one.token)).toBeNull();
  });

  it('an admin cannot deactivate themselves; unknown users are NOT_FOUND; non-admins are FORBIDDEN', async () => {
    expect(errorCodes(await gql(orm, admin.viewer, SET_ACTIVE, { userId: admin.user.id, active: false }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await gql(orm, admin.viewer, SET_ACTIVE, { userId: '00000000-0000-4000-8000-000000000000', active: false }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gql(orm, world.coordinator.viewer, SET_ACTIVE, { userId: world.gridWorker.user.id, active: false }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(orm, null, SET_ACTIVE, { userId: world.gridWorker.user.id, active: false }))).toEqual(['UNAUTHENTICATED']);
    expect((await orm.em.fork().findOneOrFail(User, { id: world.gridWorker.user.id })).active).toBe(true);
  });

  it('resetting a password revokes sessions; only the new password works', async () => {
    const { user } = await buildUser(orm, UserRole.AGENCY_STAFF, world.agencies.COURT.organization);
    const old = await auth().login(user.username, TEST_PASSWORD);
    const r = await gql(orm, admin.viewer, RESET_PASSWORD, { userId: user.id, password: NEW_PASSWORD });
    expect(r.errors).toBeUndefined();
    expect(await auth().viewerFromToken(old.token)).toBeNull();
    await expect(auth().login(user.username, TEST_PASSWORD)).rejects.toSatisfy((e) => codeOf(e) === 'UNAUTHENTICATED');
    const fresh = await auth().login(user.username, NEW_PASSWORD);
    expect(await auth().viewerFromToken(fresh.token)).not.toBeNull();

    expect(errorCodes(await gql(orm, admin.viewer, RESET_PASSWORD, { userId: user.id, password: 'tooshort' }))).toEqual(['BAD_USER_INPUT']);
    expect(await auth().viewerFromToken(fresh.token)).not.toBeNull();
    expect(errorCodes(await gql(orm, world.agencies.COURT.viewer, RESET_PASSWORD, { userId: user.id, password: NEW_PASSWORD }))).toEqual(['FORBIDDEN']);
  });
});

describe('users', () => {
  it('lists users for admins, optionally of one organization', async () => {
    const all = await gql<{ users: { id: string; organization: { id: string } }[] }>(orm, admin.viewer, USERS, {});
    expect(all.errors).toBeUndefined();
    expect(all.data!.users.map((u) => u.id)).toEqual(expect.arrayContaining([admin.user.id, world.coordinator.user.id, world.agencies.COURT.user.id]));
    const court = await gql<{ users: { id: string; organization: { id: string } }[] }>(orm, admin.viewer, USERS, { organizationId: world.agencies.COURT.organization.id });
    expect(court.data!.users.length).toBeGreaterThan(0);
    expect(court.data!.users.every((u) => u.organization.id === world.agencies.COURT.organization.id)).toBe(true);
  });

  it('is for admins only', async () => {
    expect(errorCodes(await gql(orm, world.coordinator.viewer, USERS, {}))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(orm, null, USERS, {}))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('bootstrapAdmin (create-admin script)', () => {
  it('creates the first community, its organization and an admin; refuses short passwords and existing usernames', async () => {
    const db = (await createTestDb()).orm;
    await expect(bootstrapAdmin(db.em.fork(), { username: 'root', password: 'short' })).rejects.toSatisfy((e) => codeOf(e) === 'BAD_USER_INPUT');
    await expect(bootstrapAdmin(db.em.fork(), { username: 'root', password: NEW_PASSWORD })).rejects.toSatisfy((e) => codeOf(e) === 'BAD_USER_INPUT');

    const r = await bootstrapAdmin(db.em.fork(), { username: 'Root', password: NEW_PASSWORD, communityName: '昌盛社区', communityCode: 'cs' });
    expect(r).toEqual(expect.objectContaining({ createdCommunity: true, createdOrganization: true }));
    expect(r.community.code).toBe('CS');
    expect(r.organization.kind).toBe(OrganizationKind.COMMUNITY);
    const { token } = await new AuthService(db.em.fork(), testConfig, clock).login('root', NEW_PASSWORD);
    expect(await new AuthService(db.em.fork(), testConfig, clock).viewerFromToken(token)).toEqual(
      expect.objectContaining({ role: UserRole.ADMIN, communityId: r.community.id, organizationKind: OrganizationKind.COMMUNITY }),
    );

    const counts = async () => [await db.em.fork().count(Community), await db.em.fork().count(Organization), await db.em.fork().count(User)];
    const before = await counts();
    await expect(bootstrapAdmin(db.em.fork(), { username: 'root', password: NEW_PASSWORD, communityName: '别的', communityCode: 'XX' })).rejects.toSatisfy(
      (e) => codeOf(e) === 'CONFLICT',
    );
    expect(await counts()).toEqual(before);

    // A failure after the community row was written rolls it back: the new community's
    // organization would take the name of another community's organization.
    await db.em.fork().transactional(async (em) => {
      const fb = await insertCommunity(em, { code: 'FB', name: '富北社区' });
      await insertOrganization(em, { name: '新城社区', kind: OrganizationKind.COMMUNITY, communityId: fb.id, servedCommunityIds: [] });
    });
    const rolledBack = await counts();
    await expect(
      bootstrapAdmin(db.em.fork(), { username: 'third', password: NEW_PASSWORD, communityName: '新城社区', communityCode: 'ZZ' }),
    ).rejects.toSatisfy((e) => codeOf(e) === 'CONFLICT' && /organization named 新城社区/.test((e as Error).message));
    expect(await counts()).toEqual(rolledBack);
    expect(await db.em.fork().count(Community, { code: 'ZZ' })).toBe(0);

    // With several communities, the script asks which one.
    await expect(bootstrapAdmin(db.em.fork(), { username: 'fourth', password: NEW_PASSWORD })).rejects.toSatisfy((e) => codeOf(e) === 'BAD_USER_INPUT');
    // A second admin joins an existing community by its code.
    const second = await bootstrapAdmin(db.em.fork(), { username: 'ops', password: NEW_PASSWORD, communityCode: 'cs' });
    expect(second).toEqual(expect.objectContaining({ createdCommunity: false, createdOrganization: false }));
    expect(second.organization.id).toBe(r.organization.id);
  });
});
