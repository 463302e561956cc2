import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ManualClock } from '../../clock';
import { buildUser, buildWorld, TEST_PASSWORD, type Actor, type World } from '../../test/factories';
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
const NEW_PASSWORD = 'a brand new passphrase';

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
      expect(user.displayName).toBe('新同事');
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
