import Redis from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisEventBus, Topic, type PublishedEvent } from './event-bus';
import { EventType } from '../modules/common/enums';
import { within } from '../test/harness';

/**
 * Fan-out across API instances goes through a real Redis. Locally without TEST_REDIS_URL these
 * are skipped; CI (.ci/run) always provides one.
 */
const url = process.env.TEST_REDIS_URL;
const buses: RedisEventBus[] = [];
afterEach(async () => {
  while (buses.length) await buses.pop()!.close();
});

function event(cursor: string): PublishedEvent {
  return {
    cursor,
    type: EventType.MATTER_REPORTED,
    matterId: null,
    communityId: 'c1',
    actorId: null,
    audienceOrgIds: ['o1'],
    notifyOrgIds: [],
    payload: { reference: `CS-2026-${cursor}` },
    occurredAt: new Date('2026-03-02T02:00:00Z').toISOString(),
  };
}

describe.skipIf(!url)('RedisEventBus', () => {
  it('delivers an event published on one instance to subscribers on another, intact', async () => {
    const prefix = `sst-test-${Date.now()}-${Math.random()}:`;
    const a = new RedisEventBus(url!, prefix);
    const b = new RedisEventBus(url!, prefix);
    buses.push(a, b);
    const received: PublishedEvent[] = [];
    const got = new Promise<void>((resolve) =>
      b.subscribe(Topic.EVENT, (e) => {
        received.push(e);
        if (received.length === 2) resolve();
      }),
    );
    await b.ready();
    // SUBSCRIBE is asynchronous; publish until the subscriber is attached, then the real events.
    await within(5_000, waitUntilSubscribed(prefix), 'redis subscription');
    await a.publish(Topic.EVENT, event('41'));
    await a.publish(Topic.EVENT, event('42'));
    await within(5_000, got, 'cross-instance delivery');
    expect(received.map((e) => e.cursor)).toEqual(['41', '42']);
    expect(received[1]).toEqual(event('42'));
  });

  it('keeps instances with another prefix apart', async () => {
    const prefixA = `sst-a-${Math.random()}:`;
    const prefixB = `sst-b-${Math.random()}:`;
    const a = new RedisEventBus(url!, prefixA);
    const b = new RedisEventBus(url!, prefixB);
    buses.push(a, b);
    const received: PublishedEvent[] = [];
    b.subscribe(Topic.EVENT, (e) => received.push(e));
    const own: PublishedEvent[] = [];
    const ownGot = new Promise<void>((resolve) => a.subscribe(Topic.EVENT, (e) => (own.push(e), resolve())));
    await a.ready();
    await b.ready();
    await within(5_000, Promise.all([waitUntilSubscribed(prefixA), waitUntilSubscribed(prefixB)]), 'redis subscriptions');
    await a.publish(Topic.EVENT, event('7'));
    await within(5_000, ownGot, 'own delivery');
    // a's own subscriber got it (positive control); b, on another prefix, got nothing.
    expect(own).toHaveLength(1);
    expect(received).toHaveLength(0);
  });
});

async function waitUntilSubscribed(prefix: string): Promise<void> {
  // PUBSUB NUMSUB tells when the other instance's SUBSCRIBE is in place.
  const probe = new Redis(url!);
  try {
    for (;;) {
      const [, n] = (await probe.pubsub('NUMSUB', `${prefix}${Topic.EVENT}`)) as [string, number];
      if (Number(n) > 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    probe.disconnect();
  }
}
