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
  readyz,
  reportMatter,
  setUpCommunity,
  tryReportMatter,
  type ActivityEvent,
  type Community,
} from './world.js';

// No lost work, PostgreSQL edition: the database goes away under a running api with consoles
// open and comes back. The api must stay up, say it is not ready, refuse work cleanly, and
// recover by itself; consoles get every event that was committed, without a gap or a duplicate.

describe('a PostgreSQL restart under a running api', () => {
  let pgi: PostgresInstance;
  let api: StartedApi;
  let world: Community;
  let db: pg.Client | null = null;
  const consoles: Console[] = [];
  /** Stays connected through the outage. */
  let steady: Feed<ActivityEvent>;
  /** Closed during the outage; comes back with `after:` its last cursor. */
  let leaving: Console;
  let leavingFeed: Feed<ActivityEvent>;
  let lastCursorBeforeOutage: string;
  const open = () => {
    const c = openConsole(api.wsUrl, world.coordinator.token);
    consoles.push(c);
    return c;
  };

  beforeAll(async () => {
    pgi = await startPostgres();
    await createAdmin(pgi.url);
    api = await startApi({ databaseUrl: pgi.url, seedDemo: false, readyTimeoutMs: 60_000 });
    world = await setUpCommunity(api.url);
    const a = open();
    steady = a.subscribe<ActivityEvent>(ACTIVITY, {});
    leaving = open();
    leavingFeed = leaving.subscribe<ActivityEvent>(ACTIVITY, {});
    await Promise.all([a.connected, leaving.connected]);
  }, 120_000);

  afterAll(async () => {
    for (const c of consoles) await c.dispose().catch(() => {});
    await db?.end().catch(() => {});
    await api?.stop();
    await pgi?.destroy();
  }, 60_000);

  it('delivers live events before the outage (positive control)', async () => {
    // A live-only subscription is in place once it delivers; report until both consoles have one.
    const first = await eventually(
      'both consoles to be live',
      async () => {
        const m = await reportMatter(api.url, world.coordinator, '停库前的事项');
        const seen = await Promise.all(
          [steady, leavingFeed].map((f) => f.waitFor((e) => e.matterId === m.id, 3_000, 'the matter on a console').then(() => true, () => false)),
        );
        return seen.every(Boolean) && m;
      },
      20_000,
      0,
    );
    const e = await steady.waitFor((x) => x.matterId === first.id, 1_000);
    expect(e.type).toBe('MATTER_REPORTED');
    lastCursorBeforeOutage = leavingFeed.received.at(-1)!.cursor;
  });

  it('while PostgreSQL is down: stays up, reports not ready, refuses a mutation cleanly', async () => {
    const pidBefore = api.pid;
    await pgi.stop('fast');
    // The console that leaves does so while the database is away.
    await leaving.dispose();

    expect(await readyz(api.url)).toBe(503);
    const health = await fetch(`${api.url}/healthz`);
    expect(health.status).toBe(200);

    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.coordinator.token}` },
      body: JSON.stringify({ query: 'mutation($input: ReportMatterInput!) { reportMatter(input: $input) { id } }', variables: { input: { title: '停库期间的事项', description: '数据库停止时提交', kind: 'DEMAND', category: 'OTHER', channel: 'PHONE' } } }),
    });
    // A GraphQL answer a console can show ("try again"), not a crash or an HTML page.
    expect(res.status).toBe(503);
    const body = (await res.json()) as { errors?: { message: string; extensions?: { code?: string } }[]; data?: unknown };
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(body.data ?? null).toBeNull();

    // A console connecting now is turned away with graphql-ws's internal-error close (4500), which
    // the web console retries — not 4401/4403, which would sign its user out.
    const early = openConsole(api.wsUrl, world.coordinator.token);
    consoles.push(early);
    early.subscribe(ACTIVITY, {});
    expect(await early.closed).toBe(4500);

    // The background work that polls the database (the event pump, every 2 s) fails a tick and
    // carries on: the process survives it.
    await eventually('the event pump to meet the stopped database', async () => api.logs().includes('event pump tick failed'), 15_000);

    expect(api.alive()).toBe(true);
    expect(api.pid).toBe(pidBefore);
    // The console that stayed got nothing it should not have, and was not ended.
    expect(steady.error).toBeNull();
    expect(steady.completed).toBe(false);
  });

  it('after PostgreSQL is back: ready again, mutations work, consoles catch up without gap or duplicate', async () => {
    await pgi.start();
    await eventually('/readyz to report ready', async () => (await readyz(api.url)) === 200);

    // The first mutation after readiness succeeds (stale pooled connections are not handed out).
    const first = await tryReportMatter(api.url, world.coordinator, '恢复后的第一件事项');
    expect(first.errors).toBeUndefined();
    const m1 = first.data!.reportMatter;
    expect(m1.status).toBe('REPORTED');
    expect(m1.parties.map((p) => p.name)).toEqual(['王建国', '李秀兰']);
    const m2 = await reportMatter(api.url, world.coordinator, '恢复后的第二件事项');

    // The console that stayed connected receives the new events live, on the same subscription.
    await steady.waitFor((e) => e.matterId === m2.id, 15_000, 'the second matter on the console that stayed');
    expect(steady.error).toBeNull();

    // The console that left comes back with its last cursor and gets exactly what it missed.
    db = await connect(pgi.url);
    const missed = await communityCursors(db, world.communityId, lastCursorBeforeOutage);
    expect(missed.length).toBeGreaterThanOrEqual(2);
    const back = open();
    const resumed = back.subscribe<ActivityEvent>(ACTIVITY, { after: lastCursorBeforeOutage });
    await resumed.waitForCount(missed.length, 15_000, 'the missed events');
    expect(resumed.received.map((e) => e.cursor)).toEqual(missed);
    expect(resumed.received.filter((e) => e.type === 'MATTER_REPORTED').map((e) => e.matterId)).toEqual([m1.id, m2.id]);

    // Both consoles then see the next event once, and every cursor the steady console holds is
    // distinct and increasing.
    const m3 = await reportMatter(api.url, world.coordinator, '恢复后的第三件事项');
    await Promise.all([steady, resumed].map((f) => f.waitFor((e) => e.matterId === m3.id, 15_000, 'the third matter')));
    const steadyCursors = steady.received.map((e) => BigInt(e.cursor));
    expect(steadyCursors.every((c, i) => i === 0 || c > steadyCursors[i - 1])).toBe(true);
    const sinceOutage = steady.received.filter((e) => BigInt(e.cursor) > BigInt(lastCursorBeforeOutage)).map((e) => e.cursor);
    expect(sinceOutage).toEqual(await communityCursors(db, world.communityId, lastCursorBeforeOutage));
    expect(resumed.received.map((e) => e.cursor)).toEqual(sinceOutage);

    // No matter without its event, no party without its matter.
    const orphans = await db.query(
      `select m.id from matter m where not exists (select 1 from event e where e.matter_id = m.id and e.type = 'MATTER_REPORTED')`,
    );
    expect(orphans.rows).toEqual([]);
    expect(api.alive()).toBe(true);
  });
});
