import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { graphql, type GraphQLFormattedError } from 'graphql';
import { afterAll, inject } from 'vitest';
import { ManualClock } from '../clock';
import { loadConfig, type Config } from '../config';
import type { Context, Viewer } from '../context';
import { initOrm } from '../db/orm';
import { formatError } from '../http/format-error';
import { InProcessEventBus, Topic, type EventBus, type TopicPayloads } from '../events/event-bus';
import { RateLimits } from '../http/rate-limit';
import { getSchema } from '../schema';
import { startTestPglite } from './pglite';
import { databaseUrlFor, onServer } from './template-db';
import { hasPiiKeyring, PiiKeyring, setPiiKeyring } from '../modules/pii/pii.crypto';

/** A fixed test key: party phones and ID numbers are sealed in every service test, as in production. */
export const TEST_PII_KEYS = 'test1:' + Buffer.alloc(32, 7).toString('base64');
if (!hasPiiKeyring()) setPiiKeyring(new PiiKeyring('aes-256-gcm', [{ id: 'test1', key: Buffer.alloc(32, 7) }]));

/**
 * Service-test harness: a real PostgreSQL with the real migrations, one per test file.
 *
 * - `TEST_DATABASE_URL` set (e.g. postgresql://postgres@127.0.0.1:5432/postgres): a fresh,
 *   uniquely named database is created on that server and dropped afterwards.
 * - unset: an in-memory PGlite (PostgreSQL compiled to WASM), so the tests pass on a fresh machine.
 */

type Disposer = () => Promise<void> | void;
const disposers: Disposer[] = [];

/** Registers cleanup run once the test file is done, last registered first. */
export function onDispose(fn: Disposer): void {
  disposers.push(fn);
}

afterAll(async () => {
  while (disposers.length) {
    const fn = disposers.pop()!;
    await fn();
  }
}, 60_000);

export interface TestDb {
  orm: MikroORM;
  url: string;
  /** true when the database is an in-memory PGlite. */
  embedded: boolean;
  dispose(): Promise<void>;
}

export { databaseUrlFor } from './template-db';

/** A fresh database with every migration applied; dropped when the test file ends. */
export async function createTestDb(): Promise<TestDb> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let db: TestDb;
  if (serverUrl) {
    const name = `sst_test_${randomBytes(6).toString('hex')}`;
    // A copy of the template that global-setup migrated once (migrate() below then finds nothing to do).
    const template = inject('testTemplateDb');
    await onServer(serverUrl, template ? `create database ${name} template ${template}` : `create database ${name}`);
    const url = databaseUrlFor(serverUrl, name);
    const orm = await initOrm(url);
    db = {
      orm,
      url,
      embedded: false,
      async dispose() {
        await orm.close(true);
        await onServer(serverUrl, `drop database if exists ${name} with (force)`);
      },
    };
  } else {
    const pg = await startTestPglite();
    const orm = await initOrm(pg.url, { embedded: true });
    db = {
      orm,
      url: pg.url,
      embedded: true,
      async dispose() {
        await orm.close(true);
        await pg.stop();
      },
    };
  }
  onDispose(() => db.dispose());
  return db;
}

export const testConfig: Config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: 'postgresql://unused/unused' });

/**
 * An event bus whose deliveries can be lost on purpose, to show that streams fill gaps from the
 * event table (the truth) rather than trusting the bus.
 */
export class LossyEventBus extends InProcessEventBus {
  private drop: ((payload: TopicPayloads[Topic]) => boolean) | null = null;
  readonly dropped: TopicPayloads[Topic][] = [];

  /** Loses the next `n` published messages. */
  dropNext(n = 1): void {
    let left = n;
    this.drop = () => left-- > 0;
  }

  override async publish<T extends Topic>(topic: T, payload: TopicPayloads[T]): Promise<void> {
    if (this.drop?.(payload)) {
      this.dropped.push(payload);
      return;
    }
    return super.publish(topic, payload);
  }
}

export interface TestServices {
  clock: ManualClock;
  bus: EventBus;
  config: Config;
  /** Rate-limit counters; in memory, shared by the contexts built with these services. */
  limits: RateLimits;
}

export function testServices(overrides: Partial<TestServices> = {}): TestServices {
  const services = {
    clock: overrides.clock ?? new ManualClock(new Date('2026-03-02T02:00:00.000Z')),
    bus: overrides.bus ?? new InProcessEventBus(),
    config: overrides.config ?? testConfig,
    limits: overrides.limits ?? new RateLimits(),
  };
  return services;
}

/** The request context the HTTP server builds for one request: fresh EntityManager, empty caches. */
export function contextFor(orm: MikroORM, viewer: Viewer | null, services: Partial<TestServices> & { ip?: string } = {}): Context {
  const s = testServices(services);
  return {
    config: s.config,
    bus: s.bus,
    clock: s.clock,
    limits: s.limits,
    em: orm.em.fork(),
    viewer,
    access: new Map(),
    piiReads: [],
    ip: services.ip,
  };
}

export interface GqlResult<T = Record<string, unknown>> {
  data?: T | null;
  /** As a client would get them (formatError applied): message and extensions.code. */
  errors?: GraphQLFormattedError[];
  ctx: Context;
}

/**
 * Executes an operation against the real schema with a fresh context — the same path as an
 * HTTP request, including type-graphql's input validation and the error formatting.
 */
export async function gql<T = Record<string, unknown>>(
  orm: MikroORM,
  viewer: Viewer | null,
  source: string,
  variableValues?: Record<string, unknown>,
  services: Partial<TestServices> & { ip?: string } = {},
): Promise<GqlResult<T>> {
  const ctx = contextFor(orm, viewer, services);
  const result = await graphql({ schema: await getSchema(), source, variableValues, contextValue: ctx });
  return {
    data: result.data as T | null | undefined,
    errors: result.errors?.map((e) => formatError(e.toJSON(), e, false)),
    ctx,
  };
}

export function errorCodes(r: { errors?: readonly GraphQLFormattedError[] }): string[] {
  return (r.errors ?? []).map((e) => String(e.extensions?.code));
}

const COUNTED = [
  'matter',
  'party',
  'assessment',
  'event',
  'joint_mediation_request',
  'invitation',
  'joint_session',
  'agreement_term',
  'follow_up',
  'reference_counter',
  'auth_session',
  'elevator_consent',
  'community_activity',
  'activity_decision',
  'public_report',
  'opinion',
] as const;
export type RowCounts = Record<(typeof COUNTED)[number], number>;

/** Rows of every table a mutation of the core loop writes to. */
export async function countRows(orm: MikroORM): Promise<RowCounts> {
  const sql = `select ${COUNTED.map((t) => `(select count(*) from ${t})::int as ${t}`).join(', ')}`;
  const rows: RowCounts[] = await orm.em.fork().getConnection().execute(sql);
  return rows[0];
}

/**
 * Runs `fn` (expected to fail) and asserts that it left no row behind and published nothing.
 * Returns the error codes or the thrown error for further assertions.
 */
export async function withoutTrace<R>(orm: MikroORM, bus: EventBus | null, fn: () => Promise<R>): Promise<{ result?: R; error?: unknown; before: RowCounts; after: RowCounts; published: number }> {
  const before = await countRows(orm);
  let published = 0;
  const unsubscribe = bus?.subscribe(Topic.EVENT, () => {
    published += 1;
  });
  let result: R | undefined;
  let error: unknown;
  try {
    result = await fn();
  } catch (e) {
    error = e;
  } finally {
    unsubscribe?.();
  }
  const after = await countRows(orm);
  return { result, error, before, after, published };
}

/** Code of a thrown DomainError / GraphQLError. */
export function codeOf(e: unknown): string | undefined {
  return (e as { extensions?: { code?: string } } | undefined)?.extensions?.code;
}

/** Awaits a promise but fails (instead of hanging) after `ms`. A guard, never a wait. */
export async function within<T>(ms: number, p: Promise<T>, what = 'operation'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
