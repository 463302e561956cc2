import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLFormattedError } from 'graphql';
import type { Config } from '../config';
import { InProcessEventBus, RedisEventBus, type EventBus } from '../events/event-bus';
import { hashToken } from '../modules/auth/auth.service';
import { AuthSession, User } from '../modules/auth/user.entity';
import { UserRole } from '../modules/common/enums';
import { Matter } from '../modules/matter/matter.entity';
import { buildMatter, buildUser, buildWorld, TEST_PASSWORD, type Actor, type World } from '../test/factories';
import { createTestDb, onDispose } from '../test/harness';
import { RawGraphqlSocket } from '../test/ws-client';
import { createApp } from './server';

// A WebSocket is held to the same rules as an HTTP request, on every operation and not only at
// connection_init: a session that ended (logout, deactivation, password reset, idle or absolute
// expiry) reads nothing and writes nothing more on a socket that was already open, and its
// sockets are closed with 4403 — at once on every instance when the session is revoked.

let orm: MikroORM;
let world: World;
const MINUTE = 60_000;

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
});

interface Server {
  http: string;
  ws: string;
}

async function start(overrides: Partial<Config> = {}, bus: EventBus = world.services.bus): Promise<Server> {
  const config = { ...world.services.config, ...overrides };
  const app = await createApp({ config, orm, bus, clock: world.services.clock });
  const port = await app.listen(0, '127.0.0.1');
  onDispose(() => app.close());
  return { http: `http://127.0.0.1:${port}/graphql`, ws: `ws://127.0.0.1:${port}/graphql` };
}

async function post<T = Record<string, unknown>>(
  server: Server,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{ data?: T | null; errors?: GraphQLFormattedError[] }> {
  const res = await fetch(server.http, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as never;
}

async function signIn(server: Server, actor: Actor): Promise<string> {
  const r = await post<{ login: { token: string } }>(server, `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, {
    u: actor.user.username,
    p: TEST_PASSWORD,
  });
  return r.data!.login.token;
}

const matterCount = () => orm.em.fork().count(Matter, {});

const READ = `query { me { id } matters { totalCount edges { node { id parties { phone idNumber } } } } }`;
const WRITE = `mutation($input: ReportMatterInput!) { reportMatter(input: $input) { id reporter { id } } }`;
const REPORT = { title: '楼道堆物', description: '3单元楼道长期堆放杂物', kind: 'DEMAND', category: 'NEIGHBOR', channel: 'TALK_HALL' };
const REPLAY = `subscription { activity(after: "0") { cursor type } }`;

describe('every operation on a socket re-checks its session', () => {
  let server: Server;
  beforeAll(async () => {
    // No bus message reaches this server's sockets: what is checked here is the per-operation rule.
    server = await start({}, new InProcessEventBus());
    await buildMatter(orm, { world });
  });

  const endings: [string, (actor: Actor, token: string) => Promise<void>][] = [
    ['logged out (revoked in the database)', async (_actor, token) => void (await orm.em.fork().nativeUpdate(AuthSession, { tokenHash: hashToken(token) }, { revokedAt: new Date() }))],
    ['the user deactivated', async (actor) => void (await orm.em.fork().nativeUpdate(User, { id: actor.user.id }, { active: false }))],
    ['the password reset (sessions revoked)', async (actor) => void (await orm.em.fork().nativeUpdate(AuthSession, { user: actor.user.id }, { revokedAt: new Date() }))],
    ['past its absolute expiry', async (actor) => void (await orm.em.fork().nativeUpdate(AuthSession, { user: actor.user.id }, { expiresAt: new Date(world.services.clock.now().getTime() - MINUTE) }))],
    [
      'idle for longer than SESSION_IDLE_MINUTES',
      async (actor) => {
        // Other users' sessions are made after the clock moved, so only this one is idle.
        void actor;
        world.services.clock.advance((world.services.config.SESSION_IDLE_MINUTES + 1) * MINUTE);
      },
    ],
  ];

  for (const [how, end] of endings) {
    it(`${how}: no read, no write, no replay — the socket is closed with 4403`, async () => {
      const actor = await buildUser(orm, UserRole.COORDINATOR, world.communityOrg);
      const token = await signIn(server, actor);
      const [reader, writer, replayer] = await Promise.all([0, 1, 2].map(() => RawGraphqlSocket.open(server.ws, token)));
      const before = await reader.run<{ me: { id: string }; matters: { totalCount: number } }>(READ);
      expect(before.data?.me.id).toBe(actor.user.id);
      expect(before.data?.matters.totalCount).toBeGreaterThan(0);

      await end(actor, token);
      const count = await matterCount();

      const read = await reader.run(READ);
      expect(read.data ?? null).toBeNull();
      expect(read.closed?.code ?? (await reader.waitForClose()).code).toBe(4403);

      const write = await writer.run(WRITE, { input: REPORT });
      expect(write.data ?? null).toBeNull();
      expect((await writer.waitForClose()).code).toBe(4403);
      expect(await matterCount()).toBe(count);

      const id = replayer.start(REPLAY);
      expect((await replayer.waitForClose()).code).toBe(4403);
      expect(replayer.nexts(id)).toEqual([]);

      // HTTP agrees.
      const http = await post(server, READ, {}, token);
      expect(http.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    });
  }
});

describe('a revoked session is closed at once', () => {
  let server: Server;
  let admin: Actor;
  beforeAll(async () => {
    server = await start();
    admin = await buildUser(orm, UserRole.ADMIN, world.communityOrg);
  });

  const revocations: [string, (target: Actor, token: string, adminToken: string) => Promise<unknown>][] = [
    ['logout', (_t, token) => post(server, `mutation { logout }`, {}, token)],
    ['an admin deactivates the user', (t, _tok, a) => post(server, `mutation($id: ID!) { setUserActive(userId: $id, active: false) { id } }`, { id: t.user.id }, a)],
    [
      "an admin resets the user's password",
      (t, _tok, a) => post(server, `mutation($id: ID!, $p: String!) { resetUserPassword(userId: $id, password: $p) { id } }`, { id: t.user.id, p: 'another horse battery staple 2' }, a),
    ],
  ];

  for (const [how, revoke] of revocations) {
    it(`${how}: every socket of the session closes with 4403, subscriptions included`, async () => {
      const target = await buildUser(orm, UserRole.COORDINATOR, world.communityOrg);
      const token = await signIn(server, target);
      const adminToken = await signIn(server, admin);
      const sockets = await Promise.all([0, 1].map(() => RawGraphqlSocket.open(server.ws, token)));
      sockets[0].start(`subscription { activity { cursor } }`);
      const bystander = await RawGraphqlSocket.open(server.ws, adminToken);

      const r = (await revoke(target, token, adminToken)) as { errors?: unknown };
      expect(r.errors).toBeUndefined();
      for (const s of sockets) expect((await s.waitForClose(2_000)).code).toBe(4403);
      // Someone else's socket is untouched.
      expect((await bystander.run<{ me: { id: string } }>(`{ me { id } }`)).data?.me.id).toBe(admin.user.id);
    });
  }

  it('a session that idles out is closed by the sweep, with no operation sent', async () => {
    const swept = await start({ WS_SESSION_SWEEP_SECONDS: 0.05 }, new InProcessEventBus());
    const actor = await buildUser(orm, UserRole.GRID_WORKER, world.communityOrg);
    const socket = await RawGraphqlSocket.open(swept.ws, await signIn(swept, actor));
    expect(socket.acknowledged).toBe(true);
    world.services.clock.advance((world.services.config.SESSION_IDLE_MINUTES + 1) * MINUTE);
    expect((await socket.waitForClose(2_000)).code).toBe(4403);
  });
});

describe.skipIf(!process.env.TEST_REDIS_URL)('revocation travels to every instance', () => {
  it('a logout on one instance closes the session’s socket on another', async () => {
    const prefix = `sst-test-${randomBytes(4).toString('hex')}:`;
    const busA = new RedisEventBus(process.env.TEST_REDIS_URL!, prefix);
    const busB = new RedisEventBus(process.env.TEST_REDIS_URL!, prefix);
    onDispose(() => busA.close());
    onDispose(() => busB.close());
    await Promise.all([busA.ready(), busB.ready()]);
    const a = await start({}, busA);
    const b = await start({}, busB);
    const actor = await buildUser(orm, UserRole.MEDIATOR, world.communityOrg);
    const token = await signIn(a, actor);
    const socket = await RawGraphqlSocket.open(b.ws, token);
    expect((await socket.run<{ me: { id: string } }>(`{ me { id } }`)).data?.me.id).toBe(actor.user.id);
    // Give B's subscriber a moment to be registered on Redis (it subscribes on first use).
    await new Promise((r) => setTimeout(r, 200));
    await post(a, `mutation { logout }`, {}, token);
    expect((await socket.waitForClose(2_000)).code).toBe(4403);
  });
});

describe('WebSocket resource limits', () => {
  it('a message larger than the HTTP body limit is refused with 1009, not parsed', async () => {
    const server = await start();
    const token = await signIn(server, world.coordinator);
    const socket = await RawGraphqlSocket.open(server.ws, token);
    const padding = 'x'.repeat(2 * 1024 * 1024);
    socket.send({ type: 'subscribe', id: '1', payload: { query: `{ me { id } } # ${padding}` } });
    expect((await socket.waitForClose()).code).toBe(1009);
  });

  it('caps sockets per session (4429)', async () => {
    const server = await start({ WS_MAX_SOCKETS_PER_SESSION: 2 });
    const token = await signIn(server, world.coordinator);
    const ok = await Promise.all([0, 1].map(() => RawGraphqlSocket.open(server.ws, token)));
    expect(ok.every((s) => s.acknowledged)).toBe(true);
    const third = await RawGraphqlSocket.open(server.ws, token);
    expect(third.acknowledged).toBe(false);
    expect((await third.waitForClose()).code).toBe(4429);
    // A socket closing frees its place.
    ok[0].close();
    await ok[0].waitForClose();
    await new Promise((r) => setTimeout(r, 100));
    expect((await RawGraphqlSocket.open(server.ws, token)).acknowledged).toBe(true);
  });

  it('caps sockets per client address, before connection_init (4429)', async () => {
    const server = await start({ WS_MAX_SOCKETS_PER_ADDRESS: 3 });
    const held = await Promise.all([0, 1, 2].map(() => RawGraphqlSocket.open(server.ws, null, { init: false })));
    const fourth = await RawGraphqlSocket.open(server.ws, await signIn(server, world.coordinator));
    expect((await fourth.waitForClose()).code).toBe(4429);
    expect(held.every((s) => s.closedWith === null)).toBe(true);
  });

  it('caps operations per socket with TOO_MANY_REQUESTS', async () => {
    const server = await start({ WS_MAX_SUBSCRIPTIONS_PER_SOCKET: 2 });
    const socket = await RawGraphqlSocket.open(server.ws, await signIn(server, world.coordinator));
    socket.start(`subscription { activity { cursor } }`);
    socket.start(`subscription { invitationReceived { id } }`);
    const third = await socket.run(`{ me { id } }`);
    expect(third.errors?.map((e) => e.extensions?.code)).toEqual(['TOO_MANY_REQUESTS']);
    expect(socket.closedWith).toBeNull();
  });
});

describe('bad documents get the same answer over HTTP and WebSocket (production)', () => {
  const deep = (levels: number) => {
    let q = 'id';
    for (let i = 0; i < levels; i++) q = `jointRequests { matter { ${q} } }`;
    return `{ matters { edges { node { ${q} } } } }`;
  };
  const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
  const documents: [string, string, Record<string, unknown>][] = [
    ['over-deep', deep(6), {}],
    ['over-aliased', aliases(25), {}],
    ['over-cost', `{ matters(first: 100) { edges { node { parties { name } sessions { venue } jointRequests { message } } } } }`, {}],
    ['unknown field', `{ matterz { id } }`, {}],
    ['unknown subscription field', `subscription { activityy { cursor } }`, {}],
    ['unknown argument', `{ matters(frist: 2) { totalCount } }`, {}],
    ['unknown enum literal', `{ myInvitations(status: PENDINGG) { id } }`, {}],
    ['bad enum in a variable', `query($s: InvitationStatus) { myInvitations(status: $s) { id } }`, { s: 'PENDINGG' }],
    ['missing variable', `query($id: ID!) { matter(id: $id) { id } }`, {}],
    ['variable field misspelt', `mutation($input: ReportMatterInput!) { reportMatter(input: $input) { id } }`, { input: { ...REPORT, titel: 'x' } }],
    ['introspection', `{ __schema { types { name } } }`, {}],
    ['type introspection', `{ __type(name: "Matter") { fields { name } } }`, {}],
  ];

  let server: Server;
  let token: string;
  beforeAll(async () => {
    server = await start({ NODE_ENV: 'production', production: true, GRAPHQL_MAX_COST: 400 });
    token = await signIn(server, world.coordinator);
  });

  const shape = (errors: GraphQLFormattedError[] | undefined) => (errors ?? []).map((e) => ({ message: e.message, code: e.extensions?.code }));

  for (const [name, query, variables] of documents) {
    it(name, async () => {
      const http = await post(server, query, variables, token);
      const socket = await RawGraphqlSocket.open(server.ws, token);
      const ws = await socket.result(socket.start(query, variables));
      socket.close(); // one session may hold only WS_MAX_SOCKETS_PER_SESSION sockets
      expect(http.errors?.length ?? 0).toBeGreaterThan(0);
      expect(http.data ?? null).toBeNull();
      expect(ws.data ?? null).toBeNull();
      expect(shape(ws.errors)).toEqual(shape(http.errors));
      for (const e of [...shape(http.errors), ...shape(ws.errors)]) {
        expect(e.message).not.toMatch(/did you mean/i);
        expect(e.code).toMatch(/^(GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT)$/);
      }
    });
  }
});
