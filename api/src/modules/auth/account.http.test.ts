import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createClient } from 'graphql-ws';
import { generate } from 'otplib';
import WebSocket from 'ws';
import { ManualClock } from '../../clock';
import { createApp } from '../../http/server';
import { buildUser, TEST_PASSWORD } from '../../test/factories';
import { createTestDb, onDispose, testConfig, within } from '../../test/harness';
import { RawGraphqlSocket } from '../../test/ws-client';
import { InProcessEventBus } from '../../events/event-bus';
import { UserRole } from '../common/enums';

// A role in MFA_REQUIRED_ROLES without a second factor: over real HTTP and a real WebSocket the
// session can enrol and nothing else, until it has enrolled. Plus the client address and user
// agent a session keeps.

let orm: MikroORM;
let url: string;
let wsUrl: string;
const clock = new ManualClock();
const config = { ...testConfig, mfaRequiredRoles: [UserRole.ADMIN, UserRole.AGENCY_LEAD] };

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  const app = await createApp({ config, orm, bus: new InProcessEventBus(), clock });
  const port = await app.listen(0, '127.0.0.1');
  onDispose(() => app.close());
  url = `http://127.0.0.1:${port}/graphql`;
  wsUrl = `ws://127.0.0.1:${port}/graphql`;
});

interface Gql<T> {
  data?: T;
  errors?: { message: string; extensions: { code: string; reason?: string } }[];
}

async function post<T>(query: string, variables: Record<string, unknown> = {}, token?: string, headers: Record<string, string> = {}): Promise<Gql<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return res.json() as never;
}

/** Opens a graphql-ws connection with the token and runs one query: its result, or the close code. */
async function overSocket(token: string, query: string): Promise<{ closedWith?: number; result?: Gql<unknown> }> {
  return within(
    10_000,
    new Promise((resolve) => {
      const client = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authToken: token },
        retryAttempts: 0,
        on: { closed: (e) => resolve({ closedWith: (e as { code: number }).code }) },
      });
      client.subscribe(
        { query },
        {
          next: (result) => {
            resolve({ result: result as Gql<unknown> });
            void client.dispose();
          },
          error: () => undefined,
          complete: () => undefined,
        },
      );
    }),
    'socket',
  );
}

const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token mfaRequired mfaEnrolmentRequired challenge } }`;

describe('a required role before enrolment (HTTP and WebSocket)', () => {
  it('can see who it is and enrol, nothing else; after enrolment everything works, and login asks for the code', async () => {
    const lead = await buildUser(orm, UserRole.AGENCY_LEAD);
    const login = await post<{ login: { token: string; mfaEnrolmentRequired: boolean } }>(LOGIN, { u: lead.user.username, p: TEST_PASSWORD });
    expect(login.data!.login.mfaEnrolmentRequired).toBe(true);
    const token = login.data!.login.token;

    const me = await post<{ me: { id: string; twoFactorRequired: boolean; twoFactorEnabled: boolean } }>(`query { me { id twoFactorRequired twoFactorEnabled } }`, {}, token);
    expect(me.data!.me).toEqual({ id: lead.user.id, twoFactorRequired: true, twoFactorEnabled: false });
    const raw = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: `query { matters { totalCount } }` }) });
    // Refused before anything runs: 403, not a masked 500.
    expect(raw.status).toBe(403);
    for (const q of [
      `query { myInvitations { id } }`,
      `query { matters { totalCount } }`,
      `query { mySessions { id } }`,
      `mutation { signOutEverywhere }`,
      `query { me { id } ...F } fragment F on Query { matters { totalCount } }`,
      `mutation { changeMyPassword(currentPassword: "${TEST_PASSWORD}", newPassword: "another long passphrase") }`,
    ]) {
      const r = await post(q, {}, token);
      expect(r.errors?.map((e) => [e.extensions.code, e.extensions.reason]), q).toEqual([['FORBIDDEN', 'MFA_ENROLMENT_REQUIRED']]);
      expect(r.data ?? null, q).toBeNull();
    }
    // No socket for it either: closed with 4403 before any operation.
    expect(await overSocket(token, `subscription { invitationReceived { id } }`)).toEqual({ closedWith: 4403 });

    const begun = await post<{ beginTotpEnrolment: { secret: string } }>(`mutation { beginTotpEnrolment { secret } }`, {}, token);
    const secret = begun.data!.beginTotpEnrolment.secret;
    const code = await generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) });
    const confirmed = await post<{ confirmTotpEnrolment: { recoveryCodes: string[] } }>(`mutation($c: String!) { confirmTotpEnrolment(code: $c) { recoveryCodes } }`, { c: code }, token);
    expect(confirmed.data!.confirmTotpEnrolment.recoveryCodes).toHaveLength(10);

    // The same session is a full one now.
    expect((await post(`query { myInvitations { id } }`, {}, token)).errors).toBeUndefined();
    const socket = await overSocket(token, `query { me { id } }`);
    expect(socket.result).toEqual({ data: { me: { id: lead.user.id } } });

    // The next sign-in has two steps, and no token before the second.
    clock.advance(30_000);
    const next = await post<{ login: { token: string | null; mfaRequired: boolean; challenge: string } }>(LOGIN, { u: lead.user.username, p: TEST_PASSWORD });
    expect(next.data!.login).toMatchObject({ token: null, mfaRequired: true });
    const verified = await post<{ verifyLoginMfa: { token: string } }>(`mutation($ch: String!, $c: String!) { verifyLoginMfa(challenge: $ch, code: $c) { token } }`, {
      ch: next.data!.login.challenge,
      c: await generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) }),
    });
    expect((await post(`query { myInvitations { id } }`, {}, verified.data!.verifyLoginMfa.token)).errors).toBeUndefined();
  });

  it('a role that is not required signs in as before, with no second step', async () => {
    const staff = await buildUser(orm, UserRole.AGENCY_STAFF);
    const login = await post<{ login: { token: string; mfaRequired: boolean; mfaEnrolmentRequired: boolean } }>(LOGIN, { u: staff.user.username, p: TEST_PASSWORD });
    expect(login.data!.login).toMatchObject({ mfaRequired: false, mfaEnrolmentRequired: false });
    expect((await post(`query { myInvitations { id } }`, {}, login.data!.login.token)).errors).toBeUndefined();
    const socket = await overSocket(login.data!.login.token, `query { me { id } }`);
    expect(socket.result).toEqual({ data: { me: { id: staff.user.id } } });
  });
});

describe('a session remembers where it came from', () => {
  it('mySessions shows the user agent of the sign-in', async () => {
    const staff = await buildUser(orm, UserRole.AGENCY_STAFF);
    const login = await post<{ login: { token: string } }>(LOGIN, { u: staff.user.username, p: TEST_PASSWORD }, undefined, { 'user-agent': 'TestBrowser/1.0' });
    const r = await post<{ mySessions: { current: boolean; userAgent: string; clientAddress: string }[] }>(`query { mySessions { current userAgent clientAddress } }`, {}, login.data!.login.token);
    expect(r.data!.mySessions).toEqual([{ current: true, userAgent: 'TestBrowser/1.0', clientAddress: expect.stringContaining('127.0.0.1') }]);
  });
});

describe('revoking mutations close the revoked sessions\' open sockets at once (4403)', () => {
  const signInToken = async (username: string) => (await post<{ login: { token: string } }>(LOGIN, { u: username, p: TEST_PASSWORD })).data!.login.token;
  const currentSessionId = async (token: string) =>
    (await post<{ mySessions: { id: string; current: boolean }[] }>(`query { mySessions { id current } }`, {}, token)).data!.mySessions.find((s) => s.current)!.id;
  const enrolWith = async (token: string) => {
    const { secret } = (await post<{ beginTotpEnrolment: { secret: string } }>(`mutation { beginTotpEnrolment { secret } }`, {}, token)).data!.beginTotpEnrolment;
    const r = await post(`mutation($c: String!) { confirmTotpEnrolment(code: $c) { recoveryCodes } }`, { c: await generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) }) }, token);
    expect(r.errors).toBeUndefined();
  };

  interface Case {
    here: string;
    other: string;
    userId: string;
  }
  const cases: [string, (c: Case) => Promise<Gql<unknown>>][] = [
    ['signOutEverywhere', ({ here }) => post(`mutation { signOutEverywhere }`, {}, here)],
    ['revokeMySession', async ({ here, other }) => post(`mutation($id: ID!) { revokeMySession(id: $id) }`, { id: await currentSessionId(other) }, here)],
    ['changeMyPassword', ({ here }) => post(`mutation { changeMyPassword(currentPassword: "${TEST_PASSWORD}", newPassword: "another long passphrase") }`, {}, here)],
    [
      'resetUserTwoFactor (by an admin)',
      async ({ here, userId }) => {
        await enrolWith(here);
        // ADMIN must use 2FA in this deployment: the admin enrols before doing anything.
        const admin = await buildUser(orm, UserRole.ADMIN);
        const adminToken = await signInToken(admin.user.username);
        await enrolWith(adminToken);
        return post(`mutation($id: ID!) { resetUserTwoFactor(userId: $id) { id } }`, { id: userId }, adminToken);
      },
    ],
  ];

  for (const [how, revoke] of cases) {
    it(how, async () => {
      const staff = await buildUser(orm, UserRole.AGENCY_STAFF);
      const here = await signInToken(staff.user.username);
      const other = await signInToken(staff.user.username);
      const bystander = await buildUser(orm, UserRole.AGENCY_STAFF);
      const bystanderSocket = await RawGraphqlSocket.open(wsUrl, await signInToken(bystander.user.username));
      const otherSocket = await RawGraphqlSocket.open(wsUrl, other);
      otherSocket.start(`subscription { activity { cursor } }`);
      const r = await revoke({ here, other, userId: staff.user.id });
      expect(r.errors).toBeUndefined();
      expect((await otherSocket.waitForClose(2_000)).code).toBe(4403);
      expect((await post(`query { me { id } }`, {}, other)).data).toEqual({ me: null });
      expect((await bystanderSocket.run<{ me: { id: string } }>(`{ me { id } }`)).data?.me.id).toBe(bystander.user.id);
    });
  }
});
