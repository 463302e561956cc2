import Redis from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisEventBus, Topic, type PublishedEvent } from './event-bus';
import { EventType } from '../modules/common/enums';
import { within } from '../test/harness';
import { TcpHop } from '../test/tcp-hop';

/**
 * Redis going away and coming back, between the bus and the test Redis: a TCP hop the test cuts
 * (every connection dropped, new ones refused) and restores, as a Redis restart looks to a
 * client. Skipped without TEST_REDIS_URL; CI always provides one. tests/fault shows the same
 * with real api processes and a real Redis restart.
 */
const url = process.env.TEST_REDIS_URL;
const disposers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (disposers.length) await disposers.pop()!();
});

function event(cursor: string): PublishedEvent {
  return {
    cursor,
    type: EventType.MATTER_REPORTED,
    matterId: null,
    communityId: 'c1',
    actorId: null,
    audienceOrgIds: [],
    notifyOrgIds: [],
    payload: {},
    occurredAt: new Date('2026-03-02T02:00:00Z').toISOString(),
  };
}

/** The bus's connections, to wait on their events (a test's view inside; the api never does this). */
const connections = (bus: RedisEventBus) => bus as unknown as { pub: Redis; sub: Redis };

const once = (emitter: Redis, name: string) => new Promise<void>((resolve) => emitter.once(name, () => resolve()));

async function subscribers(prefix: string): Promise<number> {
  const probe = new Redis(url!);
  try {
    const [, n] = (await probe.pubsub('NUMSUB', `${prefix}${Topic.EVENT}`)) as [string, number];
    return Number(n);
  } finally {
    probe.disconnect();
  }
}

/** Polls Redis (another process: no event to wait on) until `check` holds. */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  let done = false;
  const loop = (async () => {
    while (!done && !(await check())) await new Promise((r) => setTimeout(r, 20));
  })();
  try {
    await within(10_000, loop, what);
  } finally {
    done = true;
  }
}

function bus(busUrl: string, prefix: string): RedisEventBus {
  const b = new RedisEventBus(busUrl, prefix);
  disposers.push(() => b.close());
  return b;
}

describe.skipIf(!url)('RedisEventBus when Redis goes away', () => {
  it('subscribes once Redis is reachable, even when it was not when the instance started', async () => {
    const prefix = `sst-late-${Math.random()}:`;
    const hop = await TcpHop.open(url!, 6379);
    disposers.push(() => hop.close());
    hop.cut(); // Redis is "down" when the instance starts
    const b = bus(hop.urlFor(url!), prefix);
    const received: string[] = [];
    const got = new Promise<void>((resolve) => b.subscribe(Topic.EVENT, (e) => (received.push(e.cursor), resolve())));
    // Let ioredis give up on the queued commands (maxRetriesPerRequest) before Redis comes.
    const sub = connections(b).sub;
    for (let i = 0; i < 4; i++) await within(5_000, once(sub, 'reconnecting'), 'a reconnect attempt');

    hop.restore();
    await until('the late instance to subscribe', async () => (await subscribers(prefix)) === 1);
    const a = bus(url!, prefix);
    await a.ready();
    await a.publish(Topic.EVENT, event('11'));
    await within(5_000, got, 'delivery to the late instance');
    expect(received).toEqual(['11']);
  });

  it('fails a publish at once while disconnected, and subscribes again after a restart', async () => {
    const prefix = `sst-restart-${Math.random()}:`;
    const hop = await TcpHop.open(url!, 6379);
    disposers.push(() => hop.close());
    const b = bus(hop.urlFor(url!), prefix);
    const received: string[] = [];
    let onEvent = () => {};
    b.subscribe(Topic.EVENT, (e) => (received.push(e.cursor), onEvent()));
    await b.ready();
    await until('the subscription', async () => (await subscribers(prefix)) === 1);

    // Redis "restarts": every connection is cut and new ones are refused for a while.
    const pub = connections(b).pub;
    const reconnecting = once(pub, 'reconnecting');
    hop.cut();
    await within(5_000, reconnecting, 'the publisher to notice');
    await until('Redis to drop the old subscription', async () => (await subscribers(prefix)) === 0);
    // Not queued behind the reconnect backoff (the mutation's answer would wait on it): refused now,
    // and the event reaches consoles from the table.
    await expect(b.publish(Topic.EVENT, event('20'))).rejects.toThrow(/redis is not connected/);

    const ready = once(pub, 'ready');
    hop.restore();
    await until('the subscription to come back', async () => (await subscribers(prefix)) === 1);
    const a = bus(url!, prefix);
    await a.ready();
    const got = new Promise<void>((resolve) => (onEvent = resolve));
    await a.publish(Topic.EVENT, event('21'));
    await within(5_000, got, 'delivery after the restart');
    expect(received).toEqual(['21']);
    // And the bus publishes again.
    await within(10_000, ready, 'the publisher to reconnect');
    await expect(b.publish(Topic.EVENT, event('22'))).resolves.toBeUndefined();
  });
});
