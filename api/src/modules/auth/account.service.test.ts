import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { generate } from 'otplib';
import { ManualClock } from '../../clock';
import { loadConfig, type Config } from '../../config';
import type { Viewer } from '../../context';
import { buildUser, TEST_PASSWORD } from '../../test/factories';
import { createTestDb, errorCodes, gql, testConfig } from '../../test/harness';
import { Event } from '../../events/event.entity';
import { EventType, UserRole } from '../common/enums';
import { AuthService } from './auth.service';
import { RecoveryCode } from './mfa.entity';
import { passwordProblem } from './password-policy';
import { CHALLENGE_MAX_ATTEMPTS, CHALLENGE_MINUTES, MFA_FAILURE_WINDOW_MINUTES, MFA_MAX_FAILURES_PER_WINDOW } from './totp.service';
import { AuthSession, User } from './user.entity';

const LOGIN = /* GraphQL */ `
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) { token expiresAt mfaRequired challenge mfaEnrolmentRequired user { id } }
  }
`;
const VERIFY = /* GraphQL */ `
  mutation Verify($challenge: String!, $code: String!) {
    verifyLoginMfa(challenge: $challenge, code: $code) { token mfaRequired user { id } }
  }
`;
const BEGIN = `mutation { beginTotpEnrolment { secret otpauthUri } }`;
const CONFIRM = `mutation($code: String!) { confirmTotpEnrolment(code: $code) { recoveryCodes } }`;

let orm: MikroORM;
beforeAll(async () => {
  orm = (await createTestDb()).orm;
});

interface LoginData {
  login: { token: string | null; expiresAt: string | null; mfaRequired: boolean; challenge: string | null; mfaEnrolmentRequired: boolean; user: { id: string } | null };
}

const auth = (clock: ManualClock, config: Config = testConfig) => new AuthService(orm.em.fork(), config, clock);
const epochOf = (clock: ManualClock) => Math.floor(clock.now().getTime() / 1000);
const codeAt = (secret: string, clock: ManualClock, stepsAhead = 0) => generate({ secret, epoch: epochOf(clock) + stepsAhead * 30 });

async function signIn(username: string, clock: ManualClock, password = TEST_PASSWORD, config: Config = testConfig): Promise<{ token: string; viewer: Viewer }> {
  const r = await gql<LoginData>(orm, null, LOGIN, { username, password }, { clock, config });
  expect(r.errors).toBeUndefined();
  const token = r.data!.login.token!;
  return { token, viewer: (await auth(clock, config).viewerFromToken(token))! };
}

/** A user with two-factor sign-in on: their secret (as their phone holds it) and recovery codes. */
async function enrolled(role = UserRole.COORDINATOR, clock = new ManualClock()) {
  const actor = await buildUser(orm, role);
  const { viewer } = await signIn(actor.user.username, clock);
  const begun = await gql<{ beginTotpEnrolment: { secret: string; otpauthUri: string } }>(orm, viewer, BEGIN, {}, { clock });
  const { secret, otpauthUri } = begun.data!.beginTotpEnrolment;
  expect(otpauthUri).toContain(`secret=${secret}`);
  const confirmed = await gql<{ confirmTotpEnrolment: { recoveryCodes: string[] } }>(orm, viewer, CONFIRM, { code: await codeAt(secret, clock) }, { clock });
  expect(confirmed.errors).toBeUndefined();
  // The enrolment code's step is spent; the next login uses the next one.
  clock.advance(30_000);
  return { ...actor, secret, recoveryCodes: confirmed.data!.confirmTotpEnrolment.recoveryCodes, clock, viewer };
}

async function challengeFor(username: string, clock: ManualClock): Promise<string> {
  const r = await gql<LoginData>(orm, null, LOGIN, { username, password: TEST_PASSWORD }, { clock });
  expect(r.errors).toBeUndefined();
  expect(r.data!.login).toMatchObject({ mfaRequired: true, token: null, user: null, expiresAt: null });
  return r.data!.login.challenge!;
}

describe('password policy', () => {
  it('refuses short passwords, ones containing the username and common ones; accepts a decent one', () => {
    expect(passwordProblem('short-pass1', 'wang', 12)).toBe('TOO_SHORT');
    expect(passwordProblem('my-name-is-wangwei-2026', 'wangwei', 12)).toBe('CONTAINS_USERNAME');
    expect(passwordProblem('WANGWEI-rules-here', 'wangwei', 12)).toBe('CONTAINS_USERNAME');
    for (const common of ['password1234', 'Password123!', 'qwertyuiop12', '1qaz2wsx3edc', 'aaaaaaaaaaaaa', '123456789012', 'abcdefghijklm', 'woaini1314!!', 'changsheng-demo']) {
      expect(passwordProblem(common, 'someone', 12), common).toBe('TOO_COMMON');
    }
    expect(passwordProblem('correct horse battery staple', 'someone', 12)).toBeNull();
    expect(passwordProblem('长江后浪推前浪一代更比一代强', 'someone', 12)).toBeNull();
  });

  it('is enforced when an admin creates a user or resets a password (PASSWORD_MIN_LENGTH, default 12)', async () => {
    const admin = await buildUser(orm, UserRole.ADMIN);
    const target = await buildUser(orm, UserRole.COORDINATOR);
    const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
    const input = { username: 'newcolleague', displayName: '新同事', role: 'COORDINATOR', organizationId: admin.organization.id };
    for (const [password, reason] of [
      ['elevenchars', 'TOO_SHORT'],
      ['newcolleague-2026!', 'CONTAINS_USERNAME'],
      ['password1234', 'TOO_COMMON'],
    ] as const) {
      const r = await gql(orm, admin.viewer, CREATE, { input: { ...input, password } });
      expect(errorCodes(r), password).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0].extensions).toMatchObject({ field: 'password', reason });
      const reset = await gql(orm, admin.viewer, `mutation($id: ID!, $p: String!) { resetUserPassword(userId: $id, password: $p) { id } }`, {
        id: target.user.id,
        p: password === 'newcolleague-2026!' ? `${target.user.username}-2026!` : password,
      });
      expect(errorCodes(reset), password).toEqual(['BAD_USER_INPUT']);
    }
    expect(await orm.em.fork().count(User, { username: 'newcolleague' })).toBe(0);
    // The old password still works: nothing was written.
    await signIn(target.user.username, new ManualClock());
    const ok = await gql(orm, admin.viewer, CREATE, { input: { ...input, password: 'a long enough passphrase' } });
    expect(ok.errors).toBeUndefined();
  });

  it('the minimum length is a setting', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://x/y' }).PASSWORD_MIN_LENGTH).toBe(12);
    expect(loadConfig({ DATABASE_URL: 'postgresql://x/y', PASSWORD_MIN_LENGTH: '16' }).PASSWORD_MIN_LENGTH).toBe(16);
    expect(() => loadConfig({ DATABASE_URL: 'postgresql://x/y', PASSWORD_MIN_LENGTH: '4' })).toThrow(/PASSWORD_MIN_LENGTH/);
  });
});

describe('changeMyPassword', () => {
  const CHANGE = `mutation($c: String!, $n: String!) { changeMyPassword(currentPassword: $c, newPassword: $n) }`;

  it('needs the current password, applies the policy, and signs out every other session', async () => {
    const clock = new ManualClock();
    const { user } = await buildUser(orm, UserRole.COORDINATOR);
    const here = await signIn(user.username, clock);
    const elsewhere = await signIn(user.username, clock);

    const wrong = await gql(orm, here.viewer, CHANGE, { c: 'not my password', n: 'a brand new passphrase' }, { clock });
    expect(errorCodes(wrong)).toEqual(['BAD_USER_INPUT']);
    expect(wrong.errors![0].extensions).toMatchObject({ field: 'currentPassword', reason: 'WRONG_PASSWORD' });
    const weak = await gql(orm, here.viewer, CHANGE, { c: TEST_PASSWORD, n: 'qwertyuiop123' }, { clock });
    expect(weak.errors![0].extensions).toMatchObject({ field: 'newPassword', reason: 'TOO_COMMON' });
    const same = await gql(orm, here.viewer, CHANGE, { c: TEST_PASSWORD, n: TEST_PASSWORD }, { clock });
    expect(same.errors![0].extensions).toMatchObject({ reason: 'SAME_AS_CURRENT' });
    expect(await auth(clock).viewerFromToken(elsewhere.token)).not.toBeNull();

    const ok = await gql<{ changeMyPassword: number }>(orm, here.viewer, CHANGE, { c: TEST_PASSWORD, n: 'a brand new passphrase' }, { clock });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.changeMyPassword).toBe(1);
    expect(await auth(clock).viewerFromToken(elsewhere.token)).toBeNull();
    expect(await auth(clock).viewerFromToken(here.token)).not.toBeNull();
    expect(errorCodes(await gql(orm, null, LOGIN, { username: user.username, password: TEST_PASSWORD }, { clock }))).toEqual(['UNAUTHENTICATED']);
    await signIn(user.username, clock, 'a brand new passphrase');
  });

  it('refuses without a session', async () => {
    expect(errorCodes(await gql(orm, null, CHANGE, { c: TEST_PASSWORD, n: 'a brand new passphrase' }))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('own sessions', () => {
  const SESSIONS = `query { mySessions { id current clientAddress userAgent createdAt lastSeenAt } }`;

  it('mySessions lists only the viewer\'s usable sessions, the current one marked, with where they came from', async () => {
    const clock = new ManualClock();
    const { user } = await buildUser(orm, UserRole.GRID_WORKER);
    const other = await buildUser(orm, UserRole.GRID_WORKER);
    const a = await signIn(user.username, clock);
    const b = await auth(clock).login(user.username, TEST_PASSWORD, { address: '203.0.113.7', userAgent: 'Mozilla/5.0 (Android) 浏览器' });
    await signIn(other.user.username, clock);
    const revoked = await signIn(user.username, clock);
    await auth(clock).logout(revoked.viewer.sessionId);

    const r = await gql<{ mySessions: { id: string; current: boolean; clientAddress: string | null; userAgent: string | null }[] }>(orm, a.viewer, SESSIONS, {}, { clock });
    expect(r.errors).toBeUndefined();
    const bViewer = (await auth(clock).viewerFromToken(b.token))!;
    expect(r.data!.mySessions.map((s) => s.id).sort()).toEqual([a.viewer.sessionId, bViewer.sessionId].sort());
    expect(r.data!.mySessions.find((s) => s.current)!.id).toBe(a.viewer.sessionId);
    expect(r.data!.mySessions.find((s) => s.id === bViewer.sessionId)).toMatchObject({ current: false, clientAddress: '203.0.113.7', userAgent: 'Mozilla/5.0 (Android) 浏览器' });
    expect(errorCodes(await gql(orm, null, SESSIONS))).toEqual(['UNAUTHENTICATED']);
  });

  it('revokeMySession signs out one own session; another user\'s session is NOT_FOUND and stays', async () => {
    const clock = new ManualClock();
    const { user } = await buildUser(orm, UserRole.MEDIATOR);
    const other = await buildUser(orm, UserRole.MEDIATOR);
    const a = await signIn(user.username, clock);
    const b = await signIn(user.username, clock);
    const theirs = await signIn(other.user.username, clock);
    const REVOKE = `mutation($id: ID!) { revokeMySession(id: $id) }`;
    expect(errorCodes(await gql(orm, a.viewer, REVOKE, { id: theirs.viewer.sessionId }, { clock }))).toEqual(['NOT_FOUND']);
    expect(await auth(clock).viewerFromToken(theirs.token)).not.toBeNull();
    expect((await gql(orm, a.viewer, REVOKE, { id: b.viewer.sessionId }, { clock })).errors).toBeUndefined();
    expect(await auth(clock).viewerFromToken(b.token)).toBeNull();
    expect(await auth(clock).viewerFromToken(a.token)).not.toBeNull();
    expect(errorCodes(await gql(orm, a.viewer, REVOKE, { id: b.viewer.sessionId }, { clock }))).toEqual(['NOT_FOUND']);
  });

  it('signOutEverywhere revokes every other token (or all of them), never another user\'s', async () => {
    const clock = new ManualClock();
    const { user } = await buildUser(orm, UserRole.COORDINATOR);
    const other = await buildUser(orm, UserRole.COORDINATOR);
    const here = await signIn(user.username, clock);
    const phone = await signIn(user.username, clock);
    const laptop = await signIn(user.username, clock);
    const theirs = await signIn(other.user.username, clock);
    const r = await gql<{ signOutEverywhere: number }>(orm, here.viewer, `mutation { signOutEverywhere }`, {}, { clock });
    expect(r.data!.signOutEverywhere).toBe(2);
    expect(await auth(clock).viewerFromToken(phone.token)).toBeNull();
    expect(await auth(clock).viewerFromToken(laptop.token)).toBeNull();
    expect(await auth(clock).viewerFromToken(here.token)).not.toBeNull();
    expect(await auth(clock).viewerFromToken(theirs.token)).not.toBeNull();
    const all = await gql<{ signOutEverywhere: number }>(orm, here.viewer, `mutation { signOutEverywhere(keepCurrent: false) }`, {}, { clock });
    expect(all.data!.signOutEverywhere).toBe(1);
    expect(await auth(clock).viewerFromToken(here.token)).toBeNull();
    expect(await orm.em.fork().count(AuthSession, { user: user.id, revokedAt: null })).toBe(0);
  });
});

describe('two-factor sign-in (TOTP)', () => {
  it('login answers a challenge, not a session, once 2FA is on; a right code then gives the token', async () => {
    const u = await enrolled();
    const before = await orm.em.fork().count(AuthSession, { user: u.user.id });
    const challenge = await challengeFor(u.user.username, u.clock);
    expect(await orm.em.fork().count(AuthSession, { user: u.user.id })).toBe(before);
    // The challenge is no session token.
    expect(await auth(u.clock).viewerFromToken(challenge)).toBeNull();

    const r = await gql<{ verifyLoginMfa: { token: string; mfaRequired: boolean; user: { id: string } } }>(orm, null, VERIFY, { challenge, code: await codeAt(u.secret, u.clock) }, { clock: u.clock });
    expect(r.errors).toBeUndefined();
    expect(r.data!.verifyLoginMfa).toMatchObject({ mfaRequired: false, user: { id: u.user.id } });
    expect(await auth(u.clock).viewerFromToken(r.data!.verifyLoginMfa.token)).toMatchObject({ userId: u.user.id, mfaEnrolmentRequired: false });
    // A challenge is used once.
    clock30(u.clock);
    expect(errorCodes(await gql(orm, null, VERIFY, { challenge, code: await codeAt(u.secret, u.clock) }, { clock: u.clock }))).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a wrong code, and a code already used (replay) even on a new challenge', async () => {
    const u = await enrolled();
    const c1 = await challengeFor(u.user.username, u.clock);
    const wrong = await gql(orm, null, VERIFY, { challenge: c1, code: (Number(await codeAt(u.secret, u.clock)) + 1).toString().padStart(6, '0').slice(-6) }, { clock: u.clock });
    expect(errorCodes(wrong)).toEqual(['BAD_USER_INPUT']);
    expect(wrong.errors![0].extensions).toMatchObject({ reason: 'WRONG_CODE' });
    const code = await codeAt(u.secret, u.clock);
    expect((await gql(orm, null, VERIFY, { challenge: c1, code }, { clock: u.clock })).errors).toBeUndefined();
    // An onlooker who saw the code tries it within the same window: refused.
    const c2 = await challengeFor(u.user.username, u.clock);
    expect(errorCodes(await gql(orm, null, VERIFY, { challenge: c2, code }, { clock: u.clock }))).toEqual(['BAD_USER_INPUT']);
    // The previous step's code is older than the last accepted one: refused too.
    expect(errorCodes(await gql(orm, null, VERIFY, { challenge: c2, code: await codeAt(u.secret, u.clock, -1) }, { clock: u.clock }))).toEqual(['BAD_USER_INPUT']);
    // The next window's code is fine.
    clock30(u.clock);
    expect((await gql(orm, null, VERIFY, { challenge: c2, code: await codeAt(u.secret, u.clock) }, { clock: u.clock })).errors).toBeUndefined();
  });

  it('accepts the same code once when two requests race with it', async () => {
    const u = await enrolled();
    const [c1, c2] = [await challengeFor(u.user.username, u.clock), await challengeFor(u.user.username, u.clock)];
    const code = await codeAt(u.secret, u.clock);
    const results = await Promise.all([c1, c2].map((challenge) => gql(orm, null, VERIFY, { challenge, code }, { clock: u.clock })));
    expect(results.map((r) => (r.errors ? errorCodes(r)[0] : 'OK')).sort()).toEqual(['BAD_USER_INPUT', 'OK']);
  });

  it('a recovery code works once only', async () => {
    const u = await enrolled();
    expect(u.recoveryCodes).toHaveLength(10);
    expect(new Set(u.recoveryCodes).size).toBe(10);
    // Only hashes are stored.
    const stored = await orm.em.fork().find(RecoveryCode, { user: u.user.id });
    expect(stored).toHaveLength(10);
    for (const s of stored) expect(u.recoveryCodes.map((c) => c.replace('-', ''))).not.toContain(s.codeHash);
    const recovery = u.recoveryCodes[3];
    const c1 = await challengeFor(u.user.username, u.clock);
    expect((await gql(orm, null, VERIFY, { challenge: c1, code: recovery.toLowerCase() }, { clock: u.clock })).errors).toBeUndefined();
    const c2 = await challengeFor(u.user.username, u.clock);
    expect(errorCodes(await gql(orm, null, VERIFY, { challenge: c2, code: recovery }, { clock: u.clock }))).toEqual(['BAD_USER_INPUT']);
    const me = await gql<{ me: { recoveryCodesLeft: number; twoFactorEnabled: boolean } }>(orm, u.viewer, `query { me { recoveryCodesLeft twoFactorEnabled } }`, {}, { clock: u.clock });
    expect(me.data!.me).toEqual({ recoveryCodesLeft: 9, twoFactorEnabled: true });
  });

  it('new recovery codes replace the old ones, for a current code', async () => {
    const u = await enrolled();
    const REGENERATE = `mutation($code: String!) { regenerateRecoveryCodes(code: $code) { recoveryCodes } }`;
    expect(errorCodes(await gql(orm, u.viewer, REGENERATE, { code: '000000' === (await codeAt(u.secret, u.clock)) ? '111111' : '000000' }, { clock: u.clock }))).toEqual(['BAD_USER_INPUT']);
    const r = await gql<{ regenerateRecoveryCodes: { recoveryCodes: string[] } }>(orm, u.viewer, REGENERATE, { code: await codeAt(u.secret, u.clock) }, { clock: u.clock });
    const fresh = r.data!.regenerateRecoveryCodes.recoveryCodes;
    expect(fresh).toHaveLength(10);
    const c1 = await challengeFor(u.user.username, u.clock);
    expect(errorCodes(await gql(orm, null, VERIFY, { challenge: c1, code: u.recoveryCodes[0] }, { clock: u.clock }))).toEqual(['BAD_USER_INPUT']);
    expect((await gql(orm, null, VERIFY, { challenge: c1, code: fresh[0] }, { clock: u.clock })).errors).toBeUndefined();
  });

  it('a challenge allows a few attempts and expires', async () => {
    const u = await enrolled();
    const c1 = await challengeFor(u.user.username, u.clock);
    for (let i = 0; i < CHALLENGE_MAX_ATTEMPTS; i++) {
      expect(errorCodes(await gql(orm, null, VERIFY, { challenge: c1, code: '000000' }, { clock: u.clock }))).toEqual(['BAD_USER_INPUT']);
    }
    const exhausted = await gql(orm, null, VERIFY, { challenge: c1, code: await codeAt(u.secret, u.clock) }, { clock: u.clock });
    expect(errorCodes(exhausted)).toEqual(['UNAUTHENTICATED']);
    expect(exhausted.errors![0].extensions).toMatchObject({ reason: 'CHALLENGE_EXPIRED' });
    const c2 = await challengeFor(u.user.username, u.clock);
    u.clock.advance(CHALLENGE_MINUTES * 60_000 + 1000);
    expect(errorCodes(await gql(orm, null, VERIFY, { challenge: c2, code: await codeAt(u.secret, u.clock) }, { clock: u.clock }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await gql(orm, null, VERIFY, { challenge: 'made-up', code: '123456' }, { clock: u.clock }))).toEqual(['UNAUTHENTICATED']);
  });

  it('new challenges do not buy more guesses: wrong codes are limited per user and window', async () => {
    const u = await enrolled();
    let wrong = 0;
    while (wrong < MFA_MAX_FAILURES_PER_WINDOW) {
      const challenge = await challengeFor(u.user.username, u.clock);
      for (let i = 0; i < CHALLENGE_MAX_ATTEMPTS && wrong < MFA_MAX_FAILURES_PER_WINDOW; i++, wrong++) {
        expect(errorCodes(await gql(orm, null, VERIFY, { challenge, code: '000000' }, { clock: u.clock }))).toEqual(['BAD_USER_INPUT']);
      }
    }
    const fresh = await challengeFor(u.user.username, u.clock);
    const refused = await gql(orm, null, VERIFY, { challenge: fresh, code: await codeAt(u.secret, u.clock) }, { clock: u.clock });
    expect(errorCodes(refused)).toEqual(['TOO_MANY_REQUESTS']);
    u.clock.advance(MFA_FAILURE_WINDOW_MINUTES * 60_000 + 1000);
    const later = await challengeFor(u.user.username, u.clock);
    expect((await gql(orm, null, VERIFY, { challenge: later, code: await codeAt(u.secret, u.clock) }, { clock: u.clock })).errors).toBeUndefined();
  });

  it('enrolment needs a right code; the secret is shown once and cannot be fetched again', async () => {
    const clock = new ManualClock();
    const { user } = await buildUser(orm, UserRole.MEDIATOR);
    const { viewer } = await signIn(user.username, clock);
    const { secret } = (await gql<{ beginTotpEnrolment: { secret: string } }>(orm, viewer, BEGIN, {}, { clock })).data!.beginTotpEnrolment;
    const wrong = await gql(orm, viewer, CONFIRM, { code: '000000' === (await codeAt(secret, clock)) ? '111111' : '000000' }, { clock });
    expect(errorCodes(wrong)).toEqual(['BAD_USER_INPUT']);
    expect((await orm.em.fork().findOneOrFail(User, user.id)).totpEnabledAt).toBeNull();
    expect((await gql(orm, viewer, CONFIRM, { code: await codeAt(secret, clock) }, { clock })).errors).toBeUndefined();
    expect(errorCodes(await gql(orm, viewer, BEGIN, {}, { clock }))).toEqual(['CONFLICT']);
    expect(errorCodes(await gql(orm, null, BEGIN, {}, { clock }))).toEqual(['UNAUTHENTICATED']);
  });

  it('turning it off needs a current code; roles that must use it cannot', async () => {
    const u = await enrolled();
    const DISABLE = `mutation($code: String!) { disableTotp(code: $code) }`;
    expect(errorCodes(await gql(orm, u.viewer, DISABLE, { code: '12345' }, { clock: u.clock }))).toEqual(['BAD_USER_INPUT']);
    expect((await gql(orm, u.viewer, DISABLE, { code: await codeAt(u.secret, u.clock) }, { clock: u.clock })).errors).toBeUndefined();
    const r = await gql<LoginData>(orm, null, LOGIN, { username: u.user.username, password: TEST_PASSWORD }, { clock: u.clock });
    expect(r.data!.login.mfaRequired).toBe(false);
    expect(await orm.em.fork().count(RecoveryCode, { user: u.user.id })).toBe(0);

    const config = requiring(UserRole.COORDINATOR);
    const v = await enrolled();
    expect(errorCodes(await gql(orm, v.viewer, DISABLE, { code: await codeAt(v.secret, v.clock) }, { clock: v.clock, config }))).toEqual(['FORBIDDEN']);
  });

  it('an admin resets a user\'s 2FA (重置两步验证), which signs them out everywhere; others may not', async () => {
    const u = await enrolled(UserRole.AGENCY_LEAD);
    const admin = await buildUser(orm, UserRole.ADMIN);
    const RESET = `mutation($id: ID!) { resetUserTwoFactor(userId: $id) { id twoFactorEnabled } }`;
    const session = await gql<{ verifyLoginMfa: { token: string } }>(orm, null, VERIFY, { challenge: await challengeFor(u.user.username, u.clock), code: await codeAt(u.secret, u.clock) }, { clock: u.clock });
    const token = session.data!.verifyLoginMfa.token;
    expect(errorCodes(await gql(orm, u.viewer, RESET, { id: u.user.id }, { clock: u.clock }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(orm, admin.viewer, RESET, { id: admin.user.id }, { clock: u.clock }))).toEqual(['BAD_USER_INPUT']);
    const r = await gql<{ resetUserTwoFactor: { twoFactorEnabled: boolean } }>(orm, admin.viewer, RESET, { id: u.user.id }, { clock: u.clock });
    expect(r.errors).toBeUndefined();
    expect(r.data!.resetUserTwoFactor.twoFactorEnabled).toBe(false);
    // On the record (审计日志 → administrative changes), in the reset's own transaction.
    const recorded = await orm.em.fork().find(Event, { type: EventType.USER_TWO_FACTOR_RESET, actorId: admin.user.id });
    expect(recorded.map((e) => e.payload)).toEqual([{ userId: u.user.id, username: u.user.username }]);
    expect(await auth(u.clock).viewerFromToken(token)).toBeNull();
    const again = await gql<LoginData>(orm, null, LOGIN, { username: u.user.username, password: TEST_PASSWORD }, { clock: u.clock });
    expect(again.data!.login.mfaRequired).toBe(false);
    const users = await gql<{ users: { id: string; twoFactorEnabled: boolean | null }[] }>(orm, admin.viewer, `query { users { id twoFactorEnabled } }`);
    expect(users.data!.users.find((x) => x.id === u.user.id)!.twoFactorEnabled).toBe(false);
  });

  it('a role in MFA_REQUIRED_ROLES without 2FA signs in to an enrolment-only session', async () => {
    const config = requiring(UserRole.ADMIN, UserRole.AGENCY_LEAD);
    const clock = new ManualClock();
    const { user } = await buildUser(orm, UserRole.AGENCY_LEAD);
    const r = await gql<LoginData>(orm, null, LOGIN, { username: user.username, password: TEST_PASSWORD }, { clock, config });
    expect(r.data!.login).toMatchObject({ mfaRequired: false, mfaEnrolmentRequired: true });
    expect(await auth(clock, config).viewerFromToken(r.data!.login.token)).toMatchObject({ mfaEnrolmentRequired: true });
    // Not required for other roles.
    const staff = await buildUser(orm, UserRole.AGENCY_STAFF);
    const s = await gql<LoginData>(orm, null, LOGIN, { username: staff.user.username, password: TEST_PASSWORD }, { clock, config });
    expect(s.data!.login.mfaEnrolmentRequired).toBe(false);
  });

  it('MFA_REQUIRED_ROLES defaults to ADMIN,AGENCY_LEAD in production and to none otherwise', () => {
    const PII_KEYS = `k1:${Buffer.alloc(32, 7).toString('base64')}`; // production needs its personal-data key
    expect(loadConfig({ DATABASE_URL: 'postgresql://x/y', NODE_ENV: 'production', PII_KEYS }).mfaRequiredRoles).toEqual(['ADMIN', 'AGENCY_LEAD']);
    expect(loadConfig({ DATABASE_URL: 'postgresql://x/y' }).mfaRequiredRoles).toEqual([]);
    expect(loadConfig({ DATABASE_URL: 'postgresql://x/y', MFA_REQUIRED_ROLES: 'admin, coordinator' }).mfaRequiredRoles).toEqual(['ADMIN', 'COORDINATOR']);
    expect(() => loadConfig({ DATABASE_URL: 'postgresql://x/y', MFA_REQUIRED_ROLES: 'ADMIN,BOSS' })).toThrow(/MFA_REQUIRED_ROLES/);
  });
});

function clock30(clock: ManualClock): void {
  clock.advance(30_000);
}

export function requiring(...roles: UserRole[]): Config {
  return { ...testConfig, mfaRequiredRoles: roles };
}
