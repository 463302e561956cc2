import { describe, expect, it } from 'vitest';
import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { AdminService } from '../modules/admin/admin.service';
import { MatterService } from '../modules/matter/matter.service';
import { MatterStatus, UserRole } from '../modules/common/enums';
import { assess, buildConvenedMatter, buildMatter, buildUser, buildWorld, TEST_PASSWORD, type Actor, type World } from '../test/factories';
import { codeOf, createTestDb, gql, onDispose, within, type TestDb } from '../test/harness';
import { RawGraphqlSocket } from '../test/ws-client';
import { createApp } from '../http/server';
import { rewriteEventTypeCheck } from '../db/migrations/event-type-check';
import { activityStream, latestEventId, readEvents } from './activity.stream';
import type { PublishedEvent } from './event-bus';
import { EVENT_PARTITION_LOCK, eventHorizon, maintainEventPartitions, type MaintenanceTarget } from './event-partitions';

// The event table partitioned by range of id (Migration20261201220000_event_partitions): the
// conversion keeps every row and id, cursors work across partition boundaries, and retention
// drops whole partitions — never one holding a row younger than 180 days.

const THIS = 'Migration20261201220000_event_partitions';
const TRAIL = `query { auditTrail(first: 50) { totalCount entries { id type actorUsername payload } } }`;
const TIMELINE = `query($id: ID!) { matter(id: $id) { timeline { cursor type matterId payload occurredAt } } }`;

const target = (db: TestDb): MaintenanceTarget => (db.embedded ? { em: db.orm.em } : { url: db.url });
const sql = async <T = Record<string, unknown>>(orm: MikroORM, text: string, params: unknown[] = []) => (await orm.em.fork().execute(text, params)) as T[];
const partitions = (orm: MikroORM) => sql<{ name: string; lo: string | null; hi: string | null }>(orm, 'select * from sst_event_partitions()');
const where = (orm: MikroORM) =>
  sql<{ id: string; part: string }>(orm, `select id::text, tableoid::regclass::text as part from event order by id`).then((rows) => rows.map((r) => [r.id, r.part]));

const drain = async (stream: AsyncGenerator<PublishedEvent>, n: number) => {
  const got: PublishedEvent[] = [];
  for (let i = 0; i < n; i++) {
    const r = await within(5_000, stream.next(), `event ${i + 1} of ${n}`);
    got.push(r.value as PublishedEvent);
  }
  await stream.return(undefined);
  return got;
};

interface Answers {
  rows: unknown[];
  sequence: string;
  replay: Record<string, string[]>;
  timelines: unknown[];
  trail: unknown;
}

async function answers(orm: MikroORM, world: World, admin: Actor, auditor: Actor, matterIds: string[]): Promise<Answers> {
  const em = orm.em.fork();
  const replay: Record<string, string[]> = {};
  for (const [who, actor] of [
    ['coordinator', world.coordinator],
    ['judicial', world.agencies.JUDICIAL_OFFICE],
    ['police', world.agencies.POLICE],
    ['admin', admin],
  ] as const) {
    replay[who] = (await readEvents(em, actor.viewer, { after: 0n, limit: 10_000 })).map((e) => `${e.cursor}:${e.type}`);
  }
  const timelines = [];
  for (const id of matterIds) {
    for (const actor of [world.coordinator, world.agencies.JUDICIAL_OFFICE]) timelines.push((await gql(orm, actor.viewer, TIMELINE, { id })).data);
  }
  return {
    rows: await sql(orm, 'select * from event order by id'),
    sequence: (await sql<{ last_value: string }>(orm, 'select last_value::text from event_id_seq'))[0]!.last_value,
    replay,
    timelines,
    trail: (await gql(orm, auditor.viewer, TRAIL)).data,
  };
}

describe('converting the event table', () => {
  it('keeps every row, id and cursor; replay, timelines and the audit trail answer the same', async () => {
    const db = await createTestDb();
    const { orm } = db;
    // Back to the plain table (this migration's down), then a world written on it.
    await orm.getMigrator().down({ migrations: [THIS] });
    expect((await sql<{ relkind: string }>(orm, `select relkind from pg_class where oid = 'event'::regclass`))[0]!.relkind).toBe('r');
    const world = await buildWorld(orm);
    const admin = await buildUser(orm, UserRole.ADMIN, world.communityOrg);
    const auditor = await buildUser(orm, UserRole.AUDITOR, world.communityOrg);
    const { matter: convened } = await buildConvenedMatter(orm, { world });
    const { matter: plain } = await buildMatter(orm, { world });
    await assess(world, plain);
    await new AdminService(world.ctx(admin)).createCommunity({ code: 'PT01', name: '分区社区', district: '城关区' });
    // A transaction that rolls back burns an id: the gap must survive the conversion as it is.
    await orm.em
      .fork()
      .transactional(async (em) => {
        await em.execute(`insert into event (type, audience_org_ids, notify_org_ids, payload, occurred_at) values ('MATTER_REPORTED', '{}', '{}', '{}', now())`);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    const before = await answers(orm, world, admin, auditor, [convened.id, plain.id]);
    expect(before.rows.length).toBeGreaterThan(5);
    const head = String(await latestEventId(orm.em.fork()));

    await orm.getMigrator().up();

    expect((await sql<{ relkind: string }>(orm, `select relkind from pg_class where oid = 'event'::regclass`))[0]!.relkind).toBe('p');
    const after = await answers(orm, world, admin, auditor, [convened.id, plain.id]);
    expect(after).toEqual(before);
    // The old table is the first partition, rows untouched; the next partition waits ahead.
    expect(await partitions(orm)).toEqual([
      { name: 'event_ids_0', lo: null, hi: '1000000' },
      { name: 'event_ids_1000000', lo: '1000000', hi: '2000000' },
    ]);
    expect(new Set((await where(orm)).map(([, part]) => part))).toEqual(new Set(['event_ids_0']));
    expect(await eventHorizon(orm.em.fork())).toBe(0n);

    // Writing goes on with the next id, and a console resuming from the last cursor before the
    // conversion gets exactly what came after it.
    const stream = activityStream(world.ctx(world.coordinator), head);
    await new MatterService(world.ctx(world.coordinator)).changeStatus({ matterId: plain.id, status: MatterStatus.WITHDRAWN });
    const [next] = await drain(stream, 1);
    expect(BigInt(next!.cursor)).toBe(BigInt(before.sequence) + 1n);
    expect(next!.payload.to).toBe(MatterStatus.WITHDRAWN);

    // A later migration adding an event type (drop + add of event_type_check on "event") still works.
    await orm.em.fork().execute(rewriteEventTypeCheck(['PARTITION_TEST'], [], false));
    await orm.em.fork().execute(`insert into event (type, audience_org_ids, notify_org_ids, payload, occurred_at) values ('PARTITION_TEST', '{}', '{}', '{}', now())`);
    await expect(orm.em.fork().execute(`insert into event (type, audience_org_ids, notify_org_ids, payload, occurred_at) values ('NO_SUCH_TYPE', '{}', '{}', '{}', now())`)).rejects.toThrow();
    await orm.em.fork().execute(`delete from event where type = 'PARTITION_TEST'`);
    await orm.em.fork().execute(rewriteEventTypeCheck([], ['PARTITION_TEST'], false));
    // Embedded PGlite runs the migrations (down and up) in WASM: slow on a busy machine.
  }, 120_000);
});

describe('partitions ahead and across boundaries', () => {
  it('creates partitions before the ids reach them; replay and the pump read across the boundary', async () => {
    const db = await createTestDb();
    const { orm } = db;
    const world = await buildWorld(orm);
    // Ids about to leave the first partitions (as after years of writing, or a restore that moved the sequence).
    await sql(orm, `select setval('event_id_seq', 1999997)`);
    const made = await maintainEventPartitions(target(db), { partitionSize: 10_000 });
    expect(made.ran).toBe(true);
    expect(made.created).toBe(2);
    expect((await partitions(orm)).map((p) => p.hi)).toEqual(['1000000', '2000000', '2010000', '2020000']);
    // Again: nothing to do.
    expect((await maintainEventPartitions(target(db), { partitionSize: 10_000 })).created).toBe(0);

    const cursor = String(await latestEventId(orm.em.fork()));
    const stream = activityStream(world.ctx(world.coordinator), '1999997');
    const { matter } = await buildMatter(orm, { world }); // 1999998
    await assess(world, matter); // 1999999
    const svc = new MatterService(world.ctx(world.coordinator));
    await svc.changeStatus({ matterId: matter.id, status: MatterStatus.WITHDRAWN }); // 2000000, the next partition
    await svc.changeStatus({ matterId: matter.id, status: MatterStatus.CLOSED });
    const got = await drain(stream, 4);
    expect(got.map((e) => e.cursor)).toEqual(['1999998', '1999999', '2000000', '2000001']);
    const placed = Object.fromEntries((await where(orm)).filter(([id]) => BigInt(id!) >= 1999998n));
    expect(placed).toEqual({ '1999998': 'event_ids_1000000', '1999999': 'event_ids_1000000', '2000000': 'event_ids_2000000', '2000001': 'event_ids_2000000' });
    // The pump's query and a later replay page read across it too.
    const pumped = await sql<{ id: string }>(orm, 'select * from event where id > ? order by id limit 1000', [cursor]);
    expect(pumped.map((r) => String(r.id))).toEqual(['1999998', '1999999', '2000000', '2000001']);
    const page = await readEvents(orm.em.fork(), world.coordinator.viewer, { after: 1999998n });
    expect(page.map((e) => e.cursor)).toEqual(['1999999', '2000000', '2000001']);
    const timeline = (await gql<{ matter: { timeline: { cursor: string }[] } }>(orm, world.coordinator.viewer, TIMELINE, { id: matter.id })).data!.matter.timeline;
    expect(timeline.map((e) => e.cursor)).toEqual(['1999998', '1999999', '2000000', '2000001']);
  });

  it('runs on one instance at a time: an instance finding the lock taken leaves the work to its holder', async (ctx) => {
    const db = await createTestDb();
    if (db.embedded) ctx.skip(); // one process, one connection: no lock to contend for
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query('select pg_advisory_lock($1)', [EVENT_PARTITION_LOCK]);
      expect(await maintainEventPartitions(target(db), { partitionSize: 10_000 })).toEqual({ ran: false, created: 0, dropped: [] });
      const waiting = maintainEventPartitions(target(db), { partitionSize: 10_000 }, { wait: true });
      let settled = false;
      void waiting.then(() => (settled = true));
      await new Promise((r) => setTimeout(r, 200));
      expect(settled).toBe(false);
      await other.query('select pg_advisory_unlock($1)', [EVENT_PARTITION_LOCK]);
      expect((await waiting).ran).toBe(true);
    } finally {
      await other.end();
    }
  });
});

describe('retention', () => {
  it('is refused under 180 days, by the api and by the database function', async () => {
    const db = await createTestDb();
    await expect(maintainEventPartitions(target(db), { partitionSize: 10_000, retentionDays: 179 })).rejects.toThrow(/180/);
    await expect(sql(db.orm, 'select * from sst_event_partitions_expire(30)')).rejects.toThrow(/180/);
  });

  it('drops whole partitions past it, oldest first, never one with a row younger than the retention; old cursors get CURSOR_EXPIRED', async () => {
    const db = await createTestDb();
    const { orm } = db;
    const world = await buildWorld(orm);
    const settings = { partitionSize: 10_000 };
    const write = async (id: number, daysAgo: number) => {
      await sql(orm, `select setval('event_id_seq', ?)`, [id - 1]);
      await maintainEventPartitions(target(db), settings);
      const { matter } = await buildMatter(orm, { world });
      await sql(orm, `update event set occurred_at = now() - make_interval(days => ?) where matter_id = ?`, [daysAgo, matter.id]);
      return matter;
    };
    await write(2_000_000, 400); // event_ids_2000000 … all a year old
    await write(2_010_000, 200); // event_ids_2010000: 200 days
    await write(2_020_000, 200);
    const young = await write(2_020_500, 179); // same partition, one day short of 180: it keeps the whole partition
    await write(2_030_000, 1000); // old rows in a later partition: kept, its elder neighbour stays
    await write(2_040_000, 1000); // the newest partition, which the sequence has not passed: kept whatever its age

    // 365 days: the year-old partition goes (and the older, empty or seeded ones before it).
    let result = await maintainEventPartitions(target(db), { ...settings, retentionDays: 365 });
    expect(result.dropped.map((d) => d.name)).toEqual(['event_ids_0', 'event_ids_1000000', 'event_ids_2000000']);
    expect(await eventHorizon(orm.em.fork())).toBe(2_010_000n);
    // 180 days: 200-day-old rows go; the partition holding a 179-day-old row stops it.
    result = await maintainEventPartitions(target(db), { ...settings, retentionDays: 180 });
    expect(result.dropped.map((d) => d.name)).toEqual(['event_ids_2010000']);
    expect(result.dropped[0]!.removed).toBe('1');
    expect((await partitions(orm)).map((p) => p.name)).toEqual(['event_ids_2020000', 'event_ids_2030000', 'event_ids_2040000', 'event_ids_2050000', 'event_ids_2060000']);
    const kept = await sql<{ id: string; age: number }>(orm, `select id::text, extract(day from now() - occurred_at)::int as age from event where type <> 'EVENTS_EXPIRED' order by id`);
    expect(kept.map((r) => r.id)).toEqual(['2020000', '2020500', '2030000', '2040000']);
    expect(Math.min(...kept.map((r) => r.age))).toBeLessThan(180);
    expect(await sql(orm, `select 1 from event where occurred_at > now() - interval '180 days' and id < 2020000`)).toEqual([]);
    // Nothing more to drop: a second round changes nothing.
    expect((await maintainEventPartitions(target(db), { ...settings, retentionDays: 180 })).dropped).toEqual([]);
    // Each drop is on the audit trail, written in the same transaction, for admins and auditors only.
    const auditor = await buildUser(orm, UserRole.AUDITOR, world.communityOrg);
    const trail = (await gql<{ auditTrail: { entries: { type: string; payload: Record<string, unknown> }[] } }>(orm, auditor.viewer, TRAIL)).data!.auditTrail.entries;
    expect(trail.filter((e) => e.type === 'EVENTS_EXPIRED').map((e) => [e.payload.partition, e.payload.fromId, e.payload.throughId, e.payload.rows, e.payload.retentionDays])).toEqual([
      ['event_ids_2010000', '2010000', '2019999', 1, 180],
      ['event_ids_2000000', '2000000', '2009999', 1, 365],
      ['event_ids_1000000', '1000000', '1999999', 0, 365],
      ['event_ids_0', null, '999999', 0, 365],
    ]);
    expect((await readEvents(orm.em.fork(), world.coordinator.viewer, { after: 2040000n })).map((e) => e.type)).toEqual([]);

    // A console whose cursor is older than what is kept is told so, with the code; one at the
    // edge resumes normally; the timeline of the young matter is whole.
    for (const cursor of ['0', '2000000', '2019998']) {
      const err = await activityStream(world.ctx(world.coordinator), cursor)
        .next()
        .catch((e: unknown) => e);
      expect(codeOf(err)).toBe('CURSOR_EXPIRED');
    }
    const edge = await drain(activityStream(world.ctx(world.coordinator), '2019999'), 4);
    expect(edge.map((e) => e.cursor)).toEqual(['2020000', '2020500', '2030000', '2040000']);
    const timeline = (await gql<{ matter: { timeline: { cursor: string }[] } }>(orm, world.coordinator.viewer, TIMELINE, { id: young.id })).data!.matter.timeline;
    expect(timeline.map((e) => e.cursor)).toEqual(['2020500']);

    // Over a real WebSocket the console gets the code (and the socket stays open for the next try).
    const app = await createApp({ config: world.services.config, orm, bus: world.services.bus, clock: world.services.clock });
    const port = await app.listen(0, '127.0.0.1');
    onDispose(() => app.close());
    const login = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, variables: { u: world.coordinator.user.username, p: TEST_PASSWORD } }),
    });
    const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
    const socket = await RawGraphqlSocket.open(`ws://127.0.0.1:${port}/graphql`, token);
    onDispose(() => socket.close());
    const refused = await socket.run(`subscription { activity(after: "2000000") { cursor } }`);
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'CURSOR_EXPIRED', oldestCursor: '2019999' });
    const resumed = socket.start(`subscription { activity(after: "2019999") { cursor } }`);
    await socket.waitForNext(resumed, 4);
    expect(socket.nexts<{ activity: { cursor: string } }>(resumed).map((r) => r.data?.activity.cursor)).toEqual(['2020000', '2020500', '2030000', '2040000']);
    expect(socket.closedWith).toBeNull();
  });
});
