import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { openConsole, type Console, type Feed, type LoggedIn } from '../support/graphql.js';
import { startPostgres, type PostgresInstance } from '../support/postgres-instance.js';
import { startRedis, type RedisInstance, type RespValue } from '../support/redis-instance.js';
import { startApi, type StartedApi } from '../support/server.js';
import {
  ACTIVITY,
  communityCursors,
  connect,
  createAdmin,
  eventually,
  loginCoordinator,
  reportMatter,
  setUpCommunity,
  type ActivityEvent,
  type Community,
} from './world.js';

// No lost work, Redis edition. Two api instances share one PostgreSQL and fan events out through
// one Redis; a console on instance B follows what happens on instance A. Redis goes away: the
// event table is the truth and B's event pump re-delivers what the bus did not bring. Redis comes
// back: fan-out runs through it again — also for an instance that (re)started while Redis was
// away. Either way the console gets every event exactly once.

/** The channel the api's RedisEventBus uses for committed events (prefix 'sst:' + Topic.EVENT). */
const CHANNEL = 'sst:sst.event';

describe('a Redis restart between two api instances', () => {
  let pgi: PostgresInstance;
  let redis: RedisInstance;
  let a: StartedApi;
  let b: StartedApi;
  /** B before its restart (kept to stop it in any case). */
  let bBefore: StartedApi | null = null;
  let world: Community;
  let onB: LoggedIn;
  let db: pg.Client;
  const consoles: Console[] = [];
  let feedB: Feed<ActivityEvent>;
  let feedA: Feed<ActivityEvent>;
  let whileDown: { id: string; cursor: string };

  /** Instances subscribed to the event channel, as Redis counts them. */
  const subscribers = async () => {
    const reply = (await redis.command(['PUBSUB', 'NUMSUB', CHANNEL])) as RespValue[];
    return Number(reply[1]);
  };
  /** PUBLISH calls this Redis process has served since it started. */
  const publishes = async () => {
    const info = String(await redis.command(['INFO', 'commandstats']));
    return Number(/cmdstat_publish:calls=(\d+)/.exec(info)?.[1] ?? 0);
  };
  const cursorOf = async (matterId: string) =>
    String((await db.query<{ id: string }>(`select id from event where matter_id = $1 and type = 'MATTER_REPORTED'`, [matterId])).rows[0].id);
  /** Lines where B's event pump re-delivered an event the bus had not brought. */
  const logLines = (api: StartedApi, text: string) =>
    api
      .logs()
      .split('\n')
      .filter((l) => l.includes(text));

  beforeAll(async () => {
    [pgi, redis] = await Promise.all([startPostgres(), startRedis()]);
    await createAdmin(pgi.url);
    // Migrations ran in create-admin; the two instances start side by side.
    const env = { REDIS_URL: redis.url };
    [a, b] = await Promise.all([
      startApi({ databaseUrl: pgi.url, seedDemo: false, env, readyTimeoutMs: 60_000 }),
      startApi({ databaseUrl: pgi.url, seedDemo: false, env, readyTimeoutMs: 60_000 }),
    ]);
    world = await setUpCommunity(a.url);
    // Sessions live in the database: the coordinator signs in on B as the load balancer would have it.
    onB = await loginCoordinator(b.url);
    db = await connect(pgi.url);
    const consoleB = openConsole(b.wsUrl, onB.token);
    const consoleA = openConsole(a.wsUrl, world.coordinator.token);
    consoles.push(consoleB, consoleA);
    feedB = consoleB.subscribe<ActivityEvent>(ACTIVITY, { after: '0' });
    feedA = consoleA.subscribe<ActivityEvent>(ACTIVITY, { after: '0' });
    await Promise.all([consoleA.connected, consoleB.connected]);
  }, 120_000);

  afterAll(async () => {
    for (const c of consoles) await c.dispose().catch(() => {});
    await db?.end().catch(() => {});
    await Promise.all([a?.stop(), b?.stop(), bBefore?.stop()]);
    await Promise.all([pgi?.destroy(), redis?.destroy()]);
  }, 60_000);

  it('fans a mutation on A out to a console on B through Redis (positive control)', async () => {
    await eventually('both instances to subscribe to the event channel', async () => (await subscribers()) === 2);
    const m = await reportMatter(a.url, world.coordinator, 'Redis正常时在A登记的事项');
    await feedB.waitFor((e) => e.matterId === m.id, 15_000, 'the matter on B');
    expect(await publishes()).toBeGreaterThanOrEqual(1);
  });

  it('while Redis is down, a mutation on A still reaches the console on B, from the event table', async () => {
    await redis.stop();
    const m = await reportMatter(a.url, world.coordinator, 'Redis停机时在A登记的事项');
    whileDown = { id: m.id, cursor: await cursorOf(m.id) };
    // Each instance's pump finds the committed row the bus did not bring and hands it to its consoles.
    await feedB.waitFor((e) => e.matterId === m.id, 20_000, 'the matter on B while Redis is down');
    await feedA.waitFor((e) => e.matterId === m.id, 20_000, 'the matter on A while Redis is down');
    // B logged the outage as a change of state, once — not a line per reconnect attempt
    // (ioredis retries several times a second) or per event (its log arrives on another pipe
    // than the console's message, so possibly a moment later).
    await eventually('B to log the outage', async () => logLines(b, 'redis unavailable').length > 0, 10_000);
    // A second event while Redis stays down (reconnect attempts go on meanwhile): still one line.
    const second = await reportMatter(a.url, world.coordinator, 'Redis停机时在A登记的第二件事项');
    await feedB.waitFor((e) => e.matterId === second.id, 20_000, 'the second matter on B while Redis is down');
    expect(logLines(b, 'redis unavailable')).toHaveLength(1);
    expect(logLines(b, 'event missed by the bus')).toHaveLength(0);
    expect(feedB.error).toBeNull();
    expect(a.alive() && b.alive()).toBe(true);
  });

  it('once Redis is back, fan-out runs through it again, and the console got every event exactly once', async () => {
    await redis.start();
    // Both instances reconnect and subscribe again by themselves.
    await eventually('both instances to subscribe again', async () => (await subscribers()) === 2, 30_000);
    const publishedBefore = await publishes();
    const m = await reportMatter(a.url, world.coordinator, 'Redis恢复后在A登记的事项');
    await feedB.waitFor((e) => e.matterId === m.id, 15_000, 'the matter on B after Redis is back');
    // A published it to the restarted Redis (where B is subscribed).
    expect(await publishes()).toBeGreaterThan(publishedBefore);

    // Exactly once, in order, nothing missing: the consoles' cursors are the table's.
    const table = await communityCursors(db, world.communityId, '0');
    await feedB.waitForCount(table.length, 10_000, 'every event on B');
    await feedA.waitForCount(table.length, 10_000, 'every event on A');
    expect(feedB.received.map((e) => e.cursor)).toEqual(table);
    expect(feedA.received.map((e) => e.cursor)).toEqual(table);
    expect(feedB.received.filter((e) => e.matterId === whileDown.id && e.type === 'MATTER_REPORTED')).toHaveLength(1);
  });

  it('an instance restarted while Redis is down joins the fan-out once Redis is back', async () => {
    const lastCursor = feedB.received.at(-1)!.cursor;
    await redis.stop();
    bBefore = b;
    await b.kill('SIGTERM');
    b = await startApi({ databaseUrl: pgi.url, port: bBefore.port, seedDemo: false, env: { REDIS_URL: redis.url }, readyTimeoutMs: 60_000 });
    const back = openConsole(b.wsUrl, onB.token);
    consoles.push(back);
    const resumed = back.subscribe<ActivityEvent>(ACTIVITY, { after: lastCursor });
    await back.connected;
    const whileRestarted = await reportMatter(a.url, world.coordinator, 'B重启、Redis停机时在A登记的事项');
    await resumed.waitFor((e) => e.matterId === whileRestarted.id, 20_000, 'the matter on the restarted B, from the table');

    await redis.start();
    // The restarted B never reached Redis before; it subscribes now, by itself.
    await eventually('A and the restarted B to subscribe', async () => (await subscribers()) === 2, 30_000);
    const publishedBefore = await publishes();
    const m = await reportMatter(a.url, world.coordinator, 'Redis再次恢复后在A登记的事项');
    await resumed.waitFor((e) => e.matterId === m.id, 15_000, 'the matter on the restarted B');
    expect(await publishes()).toBeGreaterThan(publishedBefore);
    const table = await communityCursors(db, world.communityId, lastCursor);
    await resumed.waitForCount(table.length, 10_000, 'every event since the restart on B');
    expect(resumed.received.map((e) => e.cursor)).toEqual(table);
  });
});
