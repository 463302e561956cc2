import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ManualClock } from '../../clock';
import { buildUser, TEST_PASSWORD } from '../../test/factories';
import { contextFor, createTestDb, errorCodes, gql, testConfig } from '../../test/harness';
import { UserRole } from '../common/enums';
import { AuthService } from './auth.service';
import { AuthSession } from './user.entity';

const LOGIN = /* GraphQL */ `
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) { token expiresAt user { id username role organization { kind } } }
  }
`;
const MINUTE = 60_000;

let orm: MikroORM;
beforeAll(async () => {
  orm = (await createTestDb()).orm;
});

const auth = (clock: ManualClock) => new AuthService(orm.em.fork(), testConfig, clock);

describe('login', () => {
  it('returns a token that authenticates, stored only as a hash', async () => {
    const clock = new ManualClock();
    const { user } = await buildUser(orm, UserRole.COORDINATOR);
    const r = await gql<{ login: { token: string; user: { id: string; username: string; role: string; organization: { kind: string } } } }>(
      orm,
      null,
      LOGIN,
      { username: `  ${user.username.toUpperCase()} `, password: TEST_PASSWORD },
      { clock },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.login.user).toEqual({ id: user.id, username: user.username, role: 'COORDINATOR', organization: { kind: 'COMMUNITY' } });
    const token = r.data!.login.token;
    const viewer = await auth(clock).viewerFromToken(token);
    expect(viewer).toEqual(expect.objectContaining({ userId: user.id, role: UserRole.COORDINATOR }));
    const sessions = await orm.em.fork().find(AuthSession, { user: user.id });
    expect(sessions).toHaveLength(1);
    expect(sessions[0].tokenHash).not.toContain(token);
    const me = await gql<{ me: { id: string } }>(orm, viewer, `query { me { id } }`);
    expect(me.data!.me.id).toBe(user.id);
  });

  it('refuses a wrong password, an unknown user, an inactive user and an empty password with UNAUTHENTICATED', async () => {
    const { user } = await buildUser(orm, UserRole.AGENCY_LEAD);
    const inactive = await buildUser(orm, UserRole.AGENCY_LEAD, undefined, { active: false });
    for (const [username, password] of [
      [user.username, 'wrong'],
      ['nobody-here', TEST_PASSWORD],
      [inactive.user.username, TEST_PASSWORD],
      [user.username, ''],
    ]) {
      const r = await gql(orm, null, LOGIN, { username, password });
      expect(errorCodes(r), username).toEqual(['UNAUTHENTICATED']);
      expect(r.errors![0].message).toBe('Wrong username or password');
    }
    expect(await orm.em.fork().count(AuthSession, { user: user.id })).toBe(0);
  });
  // Throttling (what replaced the account lockout): login-throttle.test.ts.
});

describe('sessions', () => {
  it('logout revokes the token', async () => {
    const clock = new ManualClock();
    const { user } = await buildUser(orm, UserRole.AGENCY_STAFF);
    const { token } = await auth(clock).login(user.username, TEST_PASSWORD);
    const viewer = await auth(clock).viewerFromToken(token);
    const out = await gql<{ logout: boolean }>(orm, viewer, `mutation { logout }`, {}, { clock });
    expect(out.data!.logout).toBe(true);
    expect(await auth(clock).viewerFromToken(token)).toBeNull();
    expect(await auth(clock).sessionStillValid(viewer!.sessionId)).toBe(false);
    // Logging out without a session is harmless.
    expect((await gql<{ logout: boolean }>(orm, null, `mutation { logout }`)).data!.logout).toBe(false);
  });

  it('expires after SESSION_IDLE_MINUTES without use, and use keeps it alive', async () => {
    const clock = new ManualClock();
    const { user } = await buildUser(orm, UserRole.COORDINATOR);
    const { token } = await auth(clock).login(user.username, TEST_PASSWORD);
    const idle = testConfig.SESSION_IDLE_MINUTES * MINUTE;
    // Used every (idle - 1) minutes for a while: still valid.
    for (let i = 0; i < 3; i++) {
      clock.advance(idle - MINUTE);
      expect(await auth(clock).viewerFromToken(token), `use ${i}`).not.toBeNull();
    }
    clock.advance(idle + 1000);
    expect(await auth(clock).viewerFromToken(token)).toBeNull();
    // And a query with the idle token is anonymous: matters are refused.
    const ctx = contextFor(orm, await auth(clock).viewerFromToken(token), { clock });
    expect(ctx.viewer).toBeNull();
    const r = await gql(orm, ctx.viewer, `query { matters { totalCount } }`);
    expect(errorCodes(r)).toEqual(['UNAUTHENTICATED']);
  });

  it('ends a subscription session that idled out, as it would a request', async () => {
    const clock = new ManualClock();
    const { user } = await buildUser(orm, UserRole.AGENCY_STAFF);
    const { token } = await auth(clock).login(user.username, TEST_PASSWORD);
    const viewer = (await auth(clock).viewerFromToken(token))!;
    const idle = testConfig.SESSION_IDLE_MINUTES * MINUTE;
    clock.advance(idle - MINUTE);
    expect(await auth(clock).sessionStillValid(viewer.sessionId)).toBe(true);
    // A request while the person is active refreshes it; checking it does not.
    await auth(clock).viewerFromToken(token);
    clock.advance(idle - MINUTE);
    expect(await auth(clock).sessionStillValid(viewer.sessionId)).toBe(true);
    clock.advance(2 * MINUTE);
    expect(await auth(clock).sessionStillValid(viewer.sessionId)).toBe(false);
  });

  it('expires after SESSION_MAX_HOURS even when in use', async () => {
    const clock = new ManualClock();
    const { user } = await buildUser(orm, UserRole.COORDINATOR);
    const { token, expiresAt: maybeExpiresAt } = await auth(clock).login(user.username, TEST_PASSWORD);
    const expiresAt = maybeExpiresAt!;
    expect(expiresAt.getTime() - clock.now().getTime()).toBe(testConfig.SESSION_MAX_HOURS * 3_600_000);
    while (clock.now() < expiresAt) {
      expect(await auth(clock).viewerFromToken(token)).not.toBeNull();
      clock.advance(20 * MINUTE);
    }
    expect(await auth(clock).viewerFromToken(token)).toBeNull();
  });

  it('ignores unknown and missing tokens', async () => {
    const clock = new ManualClock();
    expect(await auth(clock).viewerFromToken('not-a-token')).toBeNull();
    expect(await auth(clock).viewerFromToken('')).toBeNull();
    expect(await auth(clock).viewerFromToken(undefined)).toBeNull();
  });
});
