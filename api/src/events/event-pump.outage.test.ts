import Redis from 'ioredis';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../config';
import { logger } from '../logger';
import { buildMatter, buildWorld, type World } from '../test/factories';
import { createTestDb, within } from '../test/harness';
import { TcpHop } from '../test/tcp-hop';
import { createEventBus, RedisEventBus, Topic, type PublishedEvent } from './event-bus';
import { startEventPump } from './event-pump';

/**
 * Redis down under a running instance: the bus says so once (not on every reconnect attempt), and
 * the event pump delivers each committed event from the table on its next fast tick instead of
 * waiting for the bus to miss it. Redis is "down" behind a TCP hop the test cuts; the database is real.
 */
const redisUrl = process.env.TEST_REDIS_URL;
const disposers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  while (disposers.length) await disposers.pop()!();
});

let orm: MikroORM;
let world: World;

const once = (emitter: Redis, name: string) => new Promise<void>((resolve) => emitter.once(name, () => resolve()));
const connections = (bus: RedisEventBus) => bus as unknown as { pub: Redis; sub: Redis };

async function until(what: string, check: () => boolean): Promise<void> {
  await within(
    10_000,
    (async () => {
      while (!check()) await new Promise((r) => setTimeout(r, 20));
    })(),
    what,
  );
}

describe.skipIf(!redisUrl || !process.env.TEST_DATABASE_URL)('the event pump and the Redis bus while Redis is down', () => {
  beforeAll(async () => {
    orm = (await createTestDb()).orm;
  });

  it('logs the outage once and the recovery once, however many reconnect attempts it takes', async () => {
    const warn = vi.spyOn(logger, 'warn');
    const info = vi.spyOn(logger, 'info');
    const hop = await TcpHop.open(redisUrl!, 6379);
    disposers.push(() => hop.close());
    const bus = new RedisEventBus(hop.urlFor(redisUrl!), `sst-log-${Math.random()}:`);
    disposers.push(() => bus.close());
    bus.subscribe(Topic.EVENT, () => undefined);
    await bus.ready();
    await until('the subscription', () => bus.connected());

    hop.cut();
    const { pub, sub } = connections(bus);
    for (let i = 0; i < 4; i++) await within(10_000, Promise.all([once(pub, 'reconnecting'), once(sub, 'reconnecting')]), 'reconnect attempts');
    expect(bus.connected()).toBe(false);
    const outages = () => warn.mock.calls.filter((c) => String(c[1] ?? c[0]).startsWith('redis unavailable'));
    expect(outages()).toHaveLength(1);

    hop.restore();
    const recoveries = () => info.mock.calls.filter((c) => String(c[0]) === 'redis connected again');
    await until('the recovery to be logged', () => recoveries().length > 0);
    await until('Redis back', () => bus.connected());
    expect(recoveries()).toHaveLength(1);
    expect(outages()).toHaveLength(1);
  });

  it('delivers from the table on its fast tick while the bus is disconnected', async () => {
    world = await buildWorld(orm);
    const hop = await TcpHop.open(redisUrl!, 6379);
    disposers.push(() => hop.close());
    const bus = new RedisEventBus(hop.urlFor(redisUrl!), `sst-pump-${Math.random()}:`);
    disposers.push(() => bus.close());
    const received: PublishedEvent[] = [];
    bus.subscribe(Topic.EVENT, (e) => received.push(e));
    await bus.ready();
    hop.cut();
    await until('the bus to notice', () => !bus.connected());
    // The ordinary gap check would take a minute here: only the disconnected path can deliver in time.
    const pump = startEventPump(orm, bus, { intervalMs: 60_000, disconnectedIntervalMs: 50 });
    disposers.push(() => pump.stop());
    await within(10_000, pump.started, 'the pump to start');

    const { matter } = await buildMatter(orm, { world: { ...world, services: { ...world.services, bus } } });
    await until('delivery from the table', () => received.some((e) => e.matterId === matter.id));
    const cursors = received.map((e) => e.cursor);
    expect(new Set(cursors).size).toBe(cursors.length);
  });

  it('keeps two deployments sharing one Redis apart by REDIS_PREFIX', async () => {
    const a = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgresql://x/y', REDIS_URL: redisUrl, REDIS_PREFIX: `city-a-${Date.now()}:` });
    const b = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgresql://x/y', REDIS_URL: redisUrl, REDIS_PREFIX: `city-b-${Date.now()}:` });
    expect(loadConfig({ NODE_ENV: 'test' }).REDIS_PREFIX).toBe('sst:');
    const busA = createEventBus(a.REDIS_URL, a.REDIS_PREFIX) as RedisEventBus;
    const busA2 = createEventBus(a.REDIS_URL, a.REDIS_PREFIX) as RedisEventBus;
    const busB = createEventBus(b.REDIS_URL, b.REDIS_PREFIX) as RedisEventBus;
    disposers.push(() => busA.close(), () => busA2.close(), () => busB.close());
    const heardA: string[] = [];
    const heardB: string[] = [];
    busA2.subscribe(Topic.EVENT, (e) => heardA.push(e.cursor));
    busB.subscribe(Topic.EVENT, (e) => heardB.push(e.cursor));
    await until('subscriptions', () => busA2.connected() && busB.connected());
    await busA.ready();
    const e = { cursor: '7', type: 'MATTER_REPORTED', matterId: null, communityId: null, actorId: null, audienceOrgIds: [], notifyOrgIds: [], payload: {}, occurredAt: new Date().toISOString() } as unknown as PublishedEvent;
    await busA.publish(Topic.EVENT, e);
    await until('delivery within deployment A', () => heardA.length === 1);
    // B shares the Redis but not the channel. A second message through A proves B had time to hear the first.
    await busA.publish(Topic.EVENT, { ...e, cursor: '8' });
    await until('the second message in A', () => heardA.length === 2);
    expect(heardB).toEqual([]);
    expect(() => loadConfig({ NODE_ENV: 'test', REDIS_PREFIX: 'bad prefix with spaces' })).toThrow(/REDIS_PREFIX/);
  });
});
