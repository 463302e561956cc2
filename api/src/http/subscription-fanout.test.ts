import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { OrganizationKind, UserRole } from '../modules/common/enums';
import { answer, assess, buildConvenedMatter, buildUser, TEST_PASSWORD, type Actor, type World } from '../test/factories';
import { createTestDb, onDispose } from '../test/harness';
import { RawGraphqlSocket } from '../test/ws-client';
import type { Matter } from '../modules/matter/matter.entity';
import { buildSchema, parse } from 'graphql';
import { WebSocket } from 'ws';
import type { Context } from '../context';
import { createApp, type App } from './server';
import { SubscriptionFanout } from './subscription-fanout';

// A pushed event is resolved once per audience (the policy's facts of the viewer + the
// operation) and the same bytes are written to each console of it; what each console may see,
// the audit of what it saw, and the end of its session stay per console.

let orm: MikroORM;
let world: World;
let matter: Matter;
let app: App;
let http: string;
let ws: string;

const LIVE = `subscription($after: String) { activity(after: $after) { cursor type matter { id parties { phone idNumber } } } }`;

type Activity = { activity: { cursor: string; type: string; matter: { id: string; parties: { phone: string; idNumber: string | null }[] } | null } };

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  const convened = await buildConvenedMatter(orm);
  world = convened.world;
  matter = convened.matter;
  // The judicial office accepted (unmasked parties); the law firm has not answered (masked).
  await answer(world, OrganizationKind.JUDICIAL_OFFICE, convened.invitations.JUDICIAL_OFFICE, true);
  app = await createApp({ config: world.services.config, orm, bus: world.services.bus, clock: world.services.clock });
  const port = await app.listen(0, '127.0.0.1');
  onDispose(() => app.close());
  http = `http://127.0.0.1:${port}/graphql`;
  ws = `ws://127.0.0.1:${port}/graphql`;
});

async function post<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const res = await fetch(http, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: T; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const signIn = async (actor: Actor) =>
  (await post<{ login: { token: string } }>(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, { u: actor.user.username, p: TEST_PASSWORD })).login
    .token;

const headCursor = async () => ((await orm.em.fork().execute('select coalesce(max(id), 0)::text as max from event')) as { max: string }[])[0].max;

/** A console subscribed to the activity stream from `after`, with the raw frames it received. */
async function console_(actor: Actor, after: string) {
  const token = await signIn(actor);
  const socket = await RawGraphqlSocket.open(ws, token);
  const raw: string[] = [];
  socket.ws.on('message', (data) => raw.push(String(data)));
  const id = socket.start(LIVE, { after });
  return { actor, token, socket, raw, id };
}

const payloadOf = (frame: string) => frame.slice(frame.indexOf('"payload":'));

describe('push resolved once per audience', () => {
  it('gives one audience byte-identical frames from one execution, each organization its own answer, the uninvited nothing, and logs PII per reader', async () => {
    const judicial = world.agencies.JUDICIAL_OFFICE;
    const colleague = await buildUser(orm, UserRole.AGENCY_LEAD, judicial.organization);
    const after = await headCursor();
    const a = await console_(judicial, after);
    const b = await console_(colleague, after);
    const lawFirm = await console_(world.agencies.LAW_FIRM, after);
    const outsider = await console_(world.agencies.POLICE, after);

    const before = app.fanout.executions;
    await assess(world, matter, { summary: '再次研判：共享推送' });
    for (const c of [a, b, lawFirm]) await c.socket.waitForNext(c.id, 1);

    // (1) One execution for the judicial office's two consoles, one for the law firm's.
    expect(app.fanout.executions - before).toBe(2);
    const frames = [a, b].map((c) => c.raw.filter((f) => f.includes('"type":"next"')));
    expect(frames[0]).toHaveLength(1);
    expect(payloadOf(frames[0][0])).toBe(payloadOf(frames[1][0]));

    // (2) Accepted: unmasked. Not answered yet: masked — never the other organization's answer.
    const mine = a.socket.nexts<Activity>(a.id)[0].data!.activity;
    const theirs = lawFirm.socket.nexts<Activity>(lawFirm.id)[0].data!.activity;
    expect(mine.type).toBe('MATTER_ASSESSED');
    expect(mine.matter!.parties[0].phone).toBe('13893712345');
    expect(theirs.matter!.parties[0].phone).not.toBe('13893712345');
    expect(theirs.matter!.parties[0].phone).toMatch(/\*/);

    // (3) Not invited: nothing at all.
    await lawFirm.socket.waitForNext(lawFirm.id, 1);
    expect(outsider.socket.nexts(outsider.id)).toEqual([]);

    // (4) The unmasked reads were made once but are logged for each reader, as PUSH.
    const logged = (await orm.em
      .fork()
      .execute(`select user_id, field from pii_access_log where via = 'PUSH' and matter_id = ? and user_id in (?, ?, ?) order by user_id, field`, [
        matter.id,
        judicial.user.id,
        colleague.user.id,
        world.agencies.LAW_FIRM.user.id,
      ])) as { user_id: string; field: string }[];
    const byUser = (u: string) => logged.filter((r) => r.user_id === u).map((r) => r.field);
    expect(byUser(judicial.user.id).length).toBeGreaterThan(0);
    expect(byUser(colleague.user.id)).toEqual(byUser(judicial.user.id));
    expect(byUser(world.agencies.LAW_FIRM.user.id)).toEqual([]);
  });

  it('stops writing to a console the moment its session is revoked, while its audience still receives', async () => {
    const judicial = world.agencies.JUDICIAL_OFFICE;
    const leaving = await buildUser(orm, UserRole.AGENCY_LEAD, judicial.organization);
    const after = await headCursor();
    const stays = await console_(judicial, after);
    const revoked = await console_(leaving, after);

    await assess(world, matter, { summary: '撤销前' });
    await stays.socket.waitForNext(stays.id, 1);
    await revoked.socket.waitForNext(revoked.id, 1);

    await post(`mutation { logout }`, {}, revoked.token);
    expect((await revoked.socket.waitForClose()).code).toBe(4403);

    await assess(world, matter, { summary: '撤销后' });
    await stays.socket.waitForNext(stays.id, 2);
    expect(revoked.socket.nexts(revoked.id)).toHaveLength(1);
  });

  it('replays a page of events with a constant number of statements, not one per event', async () => {
    const after = await headCursor();
    const second = (await buildConvenedMatter(orm, { world })).matter;
    for (let i = 0; i < 12; i++) await assess(world, i % 2 ? matter : second, { summary: `回放 ${i}` });
    const events = Number(((await orm.em.fork().execute('select count(*)::int as n from event where id > ?', [after])) as { n: number }[])[0].n);
    expect(events).toBeGreaterThanOrEqual(12);

    const token = await signIn(world.coordinator);
    const socket = await RawGraphqlSocket.open(ws, token);
    const connection = orm.em.getConnection();
    const spy = vi.spyOn(connection, 'execute');
    try {
      const id = socket.start(`subscription($after: String) { activity(after: $after) { cursor matter { id title } actor { id displayName } } }`, { after });
      await socket.waitForNext(id, events);
      const matterReads = spy.mock.calls.filter((c) => /from "matter"/.test(String(c[0])));
      // One page: the matters and actors of all its events are loaded together.
      expect(matterReads.length).toBeLessThanOrEqual(2);
      expect(socket.nexts<Activity>(id).every((n) => n.data!.activity.matter !== null)).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it('resolves per console a document whose answer depends on who the viewer is', async () => {
    // A resolver that reads the person (here: the user id; in the product, a download link signed
    // for the session) makes the shared answer unusable: each console gets its own.
    const schema = buildSchema(`type Query { ok: Boolean } type Subscription { who: String }`);
    const resolvers = {
      who: {
        subscribe: async function* () {
          yield { cursor: '1' };
          yield { cursor: '2' };
        },
        resolve: (_e: unknown, _a: unknown, ctx: Context) => ctx.viewer!.userId,
      },
    };
    Object.assign(schema.getSubscriptionType()!.getFields().who, resolvers.who);
    const fanout = new SubscriptionFanout({
      makeContext: (viewer) => ({ viewer, piiReads: [], access: new Map() }) as unknown as Context,
      afterResult: async () => undefined,
      formatError: (f) => f,
      em: () => orm.em.fork(),
      clock: world.services.clock,
    });
    const judicial = world.agencies.JUDICIAL_OFFICE;
    const colleague = await buildUser(orm, UserRole.AGENCY_LEAD, judicial.organization);
    const received = await Promise.all(
      [judicial, colleague].map(async (actor) => {
        const sent: string[] = [];
        const socket = { readyState: WebSocket.OPEN, send: (s: string) => sent.push(s) } as unknown as WebSocket;
        const ctx = { viewer: actor.viewer, piiReads: [], access: new Map() } as unknown as Context;
        const it = (await fanout.subscribe({ schema, document: parse('subscription { who }'), contextValue: ctx }, { socket, id: 'w', documentKey: 'who' })) as AsyncGenerator;
        await it.next();
        return sent.map((f) => (JSON.parse(f) as { payload: { data: { who: string } } }).payload.data.who);
      }),
    );
    expect(received[0]).toEqual([judicial.user.id, judicial.user.id]);
    expect(received[1]).toEqual([colleague.user.id, colleague.user.id]);
  });
});
