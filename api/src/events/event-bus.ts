import { EventEmitter } from 'node:events';
import Redis from 'ioredis';
import type { EventType } from '../modules/common/enums';
import { logger } from '../logger';

/** Topics are declared once, with their payloads; resolvers never publish raw strings. */
export enum Topic {
  /** Every committed Event row, as soon as its transaction commits. */
  EVENT = 'sst.event',
  /** Sessions that ended (logout, deactivation, password reset…): every instance closes their sockets. */
  SESSION_REVOKED = 'sst.session-revoked',
}

/** Which sessions ended: by id, or every session of a user. */
export interface SessionRevocation {
  sessionIds: string[];
  userIds: string[];
}

export interface PublishedEvent {
  cursor: string;
  type: EventType;
  matterId: string | null;
  communityId: string | null;
  actorId: string | null;
  audienceOrgIds: string[];
  notifyOrgIds: string[];
  payload: Record<string, unknown>;
  occurredAt: string;
}

export interface TopicPayloads {
  [Topic.EVENT]: PublishedEvent;
  [Topic.SESSION_REVOKED]: SessionRevocation;
}

export type Unsubscribe = () => void;

/**
 * Fan-out of committed events to every console on every API instance. Delivery is best effort:
 * the event table is the truth, and subscribers fill gaps from it.
 */
export interface EventBus {
  publish<T extends Topic>(topic: T, payload: TopicPayloads[T]): Promise<void>;
  subscribe<T extends Topic>(topic: T, handler: (payload: TopicPayloads[T]) => void): Unsubscribe;
  /** Hands a payload to this instance's subscribers only (used to re-deliver what the bus lost). */
  deliverLocally<T extends Topic>(topic: T, payload: TopicPayloads[T]): void;
  close(): Promise<void>;
}

export class InProcessEventBus implements EventBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  async publish<T extends Topic>(topic: T, payload: TopicPayloads[T]): Promise<void> {
    this.emitter.emit(topic, payload);
  }
  subscribe<T extends Topic>(topic: T, handler: (payload: TopicPayloads[T]) => void): Unsubscribe {
    this.emitter.on(topic, handler);
    return () => this.emitter.off(topic, handler);
  }
  deliverLocally<T extends Topic>(topic: T, payload: TopicPayloads[T]): void {
    this.emitter.emit(topic, payload);
  }
  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/**
 * Redis pub/sub behind the same interface: one subscriber connection per instance, local fan-out.
 * Redis may come and go (a restart, a failover); both connections reconnect by themselves, and
 * what was published meanwhile reaches consoles from the event table (see event-pump.ts).
 */
export class RedisEventBus implements EventBus {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly local = new InProcessEventBus();
  private readonly channels = new Set<string>();
  private pubConnectedOnce = false;

  constructor(url: string, private readonly prefix = 'sst:') {
    const opts = { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false };
    this.pub = new Redis(url, opts);
    this.pub.once('ready', () => (this.pubConnectedOnce = true));
    // The channels are (re)subscribed on every 'ready', not by ioredis's autoResubscribe: that
    // only restores subscriptions Redis had confirmed, so an instance that started while Redis
    // was down would never subscribe and would hear other instances only through its pump.
    this.sub = new Redis(url, { ...opts, autoResubscribe: false });
    for (const c of [this.pub, this.sub]) c.on('error', (err) => logger.warn({ err: err.message }, 'redis error'));
    this.sub.on('ready', () => this.subscribeChannels([...this.channels]));
    this.sub.on('message', (channel: string, message: string) => {
      const topic = channel.slice(this.prefix.length) as Topic;
      try {
        void this.local.publish(topic, JSON.parse(message));
      } catch (err) {
        logger.warn({ err }, 'bad message on redis channel');
      }
    });
  }

  async ready(): Promise<void> {
    await this.pub.ping();
  }

  async publish<T extends Topic>(topic: T, payload: TopicPayloads[T]): Promise<void> {
    // Once the connection is lost, fail at once instead of queueing: a queued PUBLISH holds the
    // mutation's answer through ioredis's reconnect attempts and backoff (seconds), while the
    // committed event reaches every instance's consoles from the table anyway. (Before the first
    // connection, while the instance starts, the command waits in the queue as usual.)
    if (this.pubConnectedOnce && this.pub.status !== 'ready') {
      throw new Error(`redis is not connected (${this.pub.status}); the event is delivered from the table`);
    }
    await this.pub.publish(this.prefix + topic, JSON.stringify(payload));
  }

  private subscribeChannels(channels: string[]): void {
    if (channels.length === 0) return;
    // A failure here is retried on the next 'ready'; SUBSCRIBE to a channel already held is a no-op.
    this.sub.subscribe(...channels).catch((err) => logger.warn({ err: (err as Error).message }, 'redis subscribe failed; retried on reconnect'));
  }

  subscribe<T extends Topic>(topic: T, handler: (payload: TopicPayloads[T]) => void): Unsubscribe {
    const channel = this.prefix + topic;
    if (!this.channels.has(channel)) {
      this.channels.add(channel);
      if (this.sub.status === 'ready') this.subscribeChannels([channel]);
    }
    return this.local.subscribe(topic, handler);
  }

  deliverLocally<T extends Topic>(topic: T, payload: TopicPayloads[T]): void {
    this.local.deliverLocally(topic, payload);
  }

  async close(): Promise<void> {
    await this.local.close();
    this.sub.disconnect();
    this.pub.disconnect();
  }
}

export function createEventBus(redisUrl?: string): EventBus {
  return redisUrl ? new RedisEventBus(redisUrl) : new InProcessEventBus();
}
