import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { openConsole, type Console, type Feed } from '../support/graphql.js';
import { startPostgres, type PostgresInstance } from '../support/postgres-instance.js';
import { startApi, type StartedApi } from '../support/server.js';
import {
  ACTIVITY,
  communityCursors,
  connect,
  createAdmin,
  eventually,
  reportMatter,
  scalar,
  setUpCommunity,
  tryReportMatter,
  type ActivityEvent,
  type Community,
} from './world.js';

// No lost work, "killed mid-mutation" edition. A reportMatter is caught inside its transaction —
// its Event row, the matter and the next reference already written, its parties waiting on a lock
// the test holds — and the api is killed with SIGKILL (no shutdown hook runs). The database must
// keep nothing of it; a new api on the same database takes the same mutation, and a console that
// comes back with `after:` its last cursor gets exactly what it missed.

const TITLE = '3号楼漏水纠纷（提交时服务被强制终止）';

interface Counts {
  matter: number;
  party: number;
  event: number;
  references: number;
}

async function counts(db: pg.Client): Promise<Counts> {
  const r = await db.query<Counts>(
    `select (select count(*) from matter)::int as matter, (select count(*) from party)::int as party,
            (select count(*) from event)::int as event, (select coalesce(sum(value), 0) from reference_counter)::int as references`,
  );
  return r.rows[0];
}

describe('the api killed in the middle of a mutation', () => {
  let pgi: PostgresInstance;
  let api: StartedApi;
  let restarted: StartedApi | null = null;
  let world: Community;
  let db: pg.Client;
  let locker: pg.Client | null = null;
  const consoles: Console[] = [];
  let before: Console;
  let beforeFeed: Feed<ActivityEvent>;
  let lastCursor: string;
  let firstReference: string;
  let countsBefore: Counts;

  beforeAll(async () => {
    pgi = await startPostgres();
    await createAdmin(pgi.url);
    api = await startApi({ databaseUrl: pgi.url, seedDemo: false, readyTimeoutMs: 60_000 });
    world = await setUpCommunity(api.url);
    db = await connect(pgi.url);
    before = openConsole(api.wsUrl, world.coordinator.token);
    consoles.push(before);
    beforeFeed = before.subscribe<ActivityEvent>(ACTIVITY, { after: '0' });
    await before.connected;
  }, 120_000);

  afterAll(async () => {
    for (const c of consoles) await c.dispose().catch(() => {});
    await locker?.end().catch(() => {});
    await db?.end().catch(() => {});
    await restarted?.stop();
    await api?.stop();
    await pgi?.destroy();
  }, 60_000);

  it('has a console following the community, up to date (positive control)', async () => {
    const m = await reportMatter(api.url, world.coordinator, '被终止前登记的事项');
    firstReference = m.reference;
    await beforeFeed.waitFor((e) => e.matterId === m.id, 10_000, 'the first matter on the console');
    const all = await communityCursors(db, world.communityId, '0');
    await beforeFeed.waitForCount(all.length, 10_000, 'every community event');
    expect(beforeFeed.received.map((e) => e.cursor)).toEqual(all);
    lastCursor = all.at(-1)!;
    countsBefore = await counts(db);
  });

  it('leaves no half-written matter when killed with SIGKILL inside the transaction', async () => {
    // Hold the party table: the mutation writes its Event row and its matter, then waits to write
    // the parties (MikroORM inserts them last: they reference the matter).
    locker = await connect(pgi.url);
    await locker.query('begin');
    await locker.query('lock table party in access exclusive mode');

    const pending = tryReportMatter(api.url, world.coordinator, TITLE).then(
      () => 'answered',
      () => 'connection lost',
    );

    // The mutation's backend is now inside its transaction, waiting for the lock.
    const blocked = await eventually('the mutation to block inside its transaction', async () => {
      const r = await db.query<{ pid: number; query: string; xact: boolean }>(
        `select pid, query, backend_xid is not null as xact from pg_stat_activity
          where datname = 'postgres' and wait_event_type = 'Lock' and query ilike 'insert into "party"%'`,
      );
      return r.rows[0];
    });
    // What it has written so far, in its uncommitted transaction (row-exclusive locks on the
    // tables it inserted into or updated): the Event, the matter, the next reference.
    const held = await db.query<{ relname: string }>(
      `select c.relname from pg_locks l join pg_class c on c.oid = l.relation
        where l.pid = $1 and l.granted and l.mode = 'RowExclusiveLock' order by 1`,
      [blocked.pid],
    );
    expect(held.rows.map((r) => r.relname)).toEqual(expect.arrayContaining(['event', 'matter', 'reference_counter']));
    expect(blocked.xact).toBe(true);

    expect(await api.kill('SIGKILL')).toBe('SIGKILL');
    expect(await pending).toBe('connection lost');
    // The console's socket went with the api.
    await before.closed;

    // Let go of the table: the orphaned backend finishes its statement, finds its client gone
    // and rolls the whole transaction back.
    await locker.query('rollback');
    await eventually('the killed api’s backend to end', async () => {
      const r = await db.query('select 1 from pg_stat_activity where pid = $1', [blocked.pid]);
      return r.rowCount === 0;
    });

    expect(await counts(db)).toEqual(countsBefore);
    expect(await scalar<number>(db, `select count(*)::int from matter where title = $1`, [TITLE])).toBe(0);
    // Every matter has its MATTER_REPORTED event, every party its matter, every event's matter exists.
    const unreported = await db.query(`select m.id from matter m where not exists (select 1 from event e where e.matter_id = m.id and e.type = 'MATTER_REPORTED')`);
    expect(unreported.rows).toEqual([]);
    const orphanParties = await db.query(`select p.id from party p where not exists (select 1 from matter m where m.id = p.matter_id)`);
    expect(orphanParties.rows).toEqual([]);
    const dangling = await db.query(`select e.id from event e where e.matter_id is not null and not exists (select 1 from matter m where m.id = e.matter_id)`);
    expect(dangling.rows).toEqual([]);
  });

  it('on a new api over the same database, the same mutation succeeds and the console catches up exactly', async () => {
    expect(api.alive()).toBe(false);
    restarted = await startApi({ databaseUrl: pgi.url, port: api.port, seedDemo: false, readyTimeoutMs: 60_000 });
    expect(restarted.url).toBe(api.url);

    // Sessions live in the database: the coordinator's token still works on the new process.
    const retried = await tryReportMatter(restarted.url, world.coordinator, TITLE);
    expect(retried.errors).toBeUndefined();
    const m = retried.data!.reportMatter;
    expect(m.parties.map((p) => p.name)).toEqual(['王建国', '李秀兰']);
    // The killed transaction's reference was rolled back with it: no number was burnt.
    const [prefix, year, n] = firstReference.split('-');
    expect(m.reference).toBe(`${prefix}-${year}-${String(Number(n) + 1).padStart(4, '0')}`);
    expect(await scalar<number>(db, `select count(*)::int from matter where title = $1`, [TITLE])).toBe(1);
    const another = await reportMatter(restarted.url, world.coordinator, '重启后登记的事项');

    // The console reconnects with its last cursor: it gets exactly what it missed, in order.
    const missed = await communityCursors(db, world.communityId, lastCursor);
    expect(missed.length).toBeGreaterThanOrEqual(2);
    const back = openConsole(restarted.wsUrl, world.coordinator.token);
    consoles.push(back);
    const resumed = back.subscribe<ActivityEvent>(ACTIVITY, { after: lastCursor });
    await resumed.waitForCount(missed.length, 10_000, 'the missed events');
    expect(resumed.received.map((e) => e.cursor)).toEqual(missed);
    expect(resumed.received.filter((e) => e.type === 'MATTER_REPORTED').map((e) => e.matterId)).toEqual([m.id, another.id]);

    // Then live, once each: the stream's cursors equal the table's, no gap and no duplicate.
    const live = await reportMatter(restarted.url, world.coordinator, '重启后实时推送的事项');
    await resumed.waitFor((e) => e.matterId === live.id, 10_000, 'the live event');
    expect(resumed.received.map((e) => e.cursor)).toEqual(await communityCursors(db, world.communityId, lastCursor));
    expect(restarted.alive()).toBe(true);
  });
});
