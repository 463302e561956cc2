/**
 * The event table at size (issue 9 item 10): does a console resuming from a recent cursor stay
 * fast when the table holds millions of events? Two scratch databases, migrated by the api
 * itself (the partitioned event table): one with BENCH_EVENTS events (default 200k, `10m` for
 * ten million — several minutes to generate), one with 1,000 (the baseline, same run, same
 * queries). Measured with the api's own code (api/dist): what `activity(after:)` runs to resume
 * (the retention horizon, a replay page of `readEvents` for a coordinator and for an agency, the
 * head) and the event pump's query, each from a cursor 100 events behind the head.
 * Figures only; nothing asserts a timing.
 *
 *   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres BENCH_EVENTS=10m pnpm --filter @sst/tests bench:events
 *
 * `pnpm bench` runs it after run.ts with the default size; BENCH_EVENTS=off skips it.
 * BENCH_KEEP=1 keeps the big database (sst_bench_events_<n>) and reuses it on the next run.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const require = createRequire(import.meta.url);

const serverUrl = process.env.TEST_DATABASE_URL;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const SMALL = 1_000;
const COMMUNITIES = 12;
const AGENCIES = 5;

export function eventsFromEnv(value = process.env.BENCH_EVENTS): number {
  const m = /^(\d+)([km]?)$/.exec((value ?? '').trim().toLowerCase());
  if (!m) return 200_000;
  return Number(m[1]) * (m[2] === 'm' ? 1_000_000 : m[2] === 'k' ? 1_000 : 1);
}

const urlFor = (name: string) => {
  const u = new URL(serverUrl!);
  u.pathname = `/${name}`;
  return u.toString();
};

async function onServer(sql: string): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

/**
 * `n` events written by PostgreSQL itself: 12 communities, a third of the events addressed to one
 * or two of five agencies, ids from the sequence (partitions made ahead first, as the api's job
 * does), occurred_at spread over the last two years in id order. One statement per million rows.
 */
async function generateEvents(url: string, n: number, log: (s: string) => void): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('set synchronous_commit = off');
    await c.query(`set maintenance_work_mem = '256MB'`);
    await c.query('select sst_event_partitions_ensure(1000000, $1)', [n + 2_000_000]);
    const chunk = 1_000_000;
    for (let from = 1; from <= n; from += chunk) {
      const to = Math.min(n, from + chunk - 1);
      const t = performance.now();
      await c.query(
        `insert into event (type, matter_id, community_id, actor_id, audience_org_ids, notify_org_ids, payload, occurred_at)
         select (array['MATTER_REPORTED','MATTER_ASSESSED','MATTER_STATUS_CHANGED','JOINT_MEDIATION_REQUESTED','INVITATION_ACCEPTED','SESSION_SCHEDULED'])[g % 6 + 1],
                md5('bench-matter-' || (g / 6))::uuid,
                md5('bench-community-' || (g / 6) % ${COMMUNITIES})::uuid,
                md5('bench-user-' || g % 50)::uuid,
                case when g % 3 = 0 then array[md5('bench-agency-' || g % ${AGENCIES})::uuid::text]
                     when g % 3 = 1 and g % 2 = 0 then array[md5('bench-agency-' || g % ${AGENCIES})::uuid::text, md5('bench-agency-' || (g + 1) % ${AGENCIES})::uuid::text]
                     else '{}' end,
                '{}',
                jsonb_build_object('reference', 'G' || (g / 6), 'title', '号楼加装电梯意见分歧', 'to', 'ACCEPTED'),
                now() - interval '730 days' + (g::float8 / $2) * interval '730 days'
           from generate_series($1::bigint, $3::bigint) g`,
        [from, n, to],
      );
      log(`  events ${from.toLocaleString('en')}–${to.toLocaleString('en')}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    const t = performance.now();
    await c.query('vacuum analyze event');
    log(`  vacuum analyze: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } finally {
    await c.end();
  }
}

interface Api {
  initOrm(url: string): Promise<{ em: { fork(): unknown }; close(force?: boolean): Promise<void> }>;
  readEvents(em: unknown, viewer: unknown, opts: { after: bigint; limit?: number }): Promise<unknown[]>;
  latestEventId(em: unknown): Promise<bigint>;
  eventHorizon(em: unknown): Promise<bigint>;
}

function loadApi(): Api {
  const orm = require('../../api/dist/db/orm.js');
  const stream = require('../../api/dist/events/activity.stream.js');
  const partitions = require('../../api/dist/events/event-partitions.js');
  return { initOrm: orm.initOrm, readEvents: stream.readEvents, latestEventId: stream.latestEventId, eventHorizon: partitions.eventHorizon };
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
async function timed(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return { p50: pct(xs, 50), p95: pct(xs, 95) };
}

interface Measured {
  figures: Map<string, { p50: number; p95: number }>;
  rows: number;
  partitions: number;
  bytes: number;
}

async function measure(api: Api, url: string): Promise<Measured> {
  const orm = await api.initOrm(url);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const one = async (sql: string, params: unknown[] = []) => (await c.query(sql, params)).rows[0];
    const community = (await one(`select md5('bench-community-0')::uuid as id`)).id as string;
    const agency = (await one(`select md5('bench-agency-1')::uuid::text as id`)).id as string;
    const coordinator = { userId: community, username: 'bench', role: 'COORDINATOR', communityId: community, organizationId: community, sessionId: community };
    const lead = { userId: agency, username: 'bench-agency', role: 'AGENCY_LEAD', communityId: null, organizationId: agency, sessionId: agency };
    const em = () => orm.em.fork();
    const head = await api.latestEventId(em());
    const cursor = head - 100n;
    const figures = new Map<string, { p50: number; p95: number }>();
    figures.set('resume, coordinator: horizon + replay page + head', await timed(async () => {
      const e = em();
      await api.eventHorizon(e);
      await api.readEvents(e, coordinator, { after: cursor });
      await api.latestEventId(e);
    }));
    figures.set('resume, agency (audience filter): horizon + replay page + head', await timed(async () => {
      const e = em();
      await api.eventHorizon(e);
      await api.readEvents(e, lead, { after: cursor });
      await api.latestEventId(e);
    }));
    figures.set('replay page alone, coordinator (`readEvents`)', await timed(() => api.readEvents(em(), coordinator, { after: cursor })));
    figures.set('event pump query (`id > seen … limit 1000`)', await timed(() => c.query('select * from event where id > $1 order by id limit 1000', [String(cursor)])));
    figures.set('head (`max(id)`)', await timed(() => api.latestEventId(em())));
    figures.set('retention horizon (`sst_event_horizon()`)', await timed(() => api.eventHorizon(em())));
    const rows = Number((await one('select count(*) as n from event')).n);
    const partitions = Number((await one('select count(*) as n from sst_event_partitions()')).n);
    const bytes = Number((await one(`select sum(pg_total_relation_size(format('%I', name)::regclass)) as b from sst_event_partitions()`)).b);
    return { figures, rows, partitions, bytes };
  } finally {
    await c.end();
    await orm.close(true);
  }
}

async function prepare(api: Api, name: string, n: number, reuse: boolean): Promise<string> {
  const exists = (await onServer(`select 1 from pg_database where datname = '${name}'`)).rowCount! > 0;
  if (exists && reuse) {
    console.log(`reusing ${name} (BENCH_KEEP)`);
    return urlFor(name);
  }
  if (exists) await onServer(`drop database ${name} with (force)`);
  await onServer(`create database ${name}`);
  const url = urlFor(name);
  const orm = await api.initOrm(url); // the api's migrations: the partitioned table and its functions
  await orm.close(true);
  const t = performance.now();
  console.log(`generating ${n.toLocaleString('en')} events into ${name}…`);
  await generateEvents(url, n, console.log);
  console.log(`  done in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  return url;
}

async function main() {
  if (process.env.BENCH_EVENTS === 'off') return;
  if (!serverUrl) {
    console.log('events bench: needs TEST_DATABASE_URL (a PostgreSQL server to make scratch databases on); skipped');
    return;
  }
  process.env.LOG_LEVEL ??= 'warn';
  const api = loadApi();
  const n = eventsFromEnv();
  const keep = process.env.BENCH_KEEP === '1';
  const bigName = `sst_bench_events_${n}`;
  const smallName = `sst_bench_events_small_${process.pid}`;
  const load = loadavg();
  const bigUrl = await prepare(api, bigName, n, keep);
  const smallUrl = await prepare(api, smallName, SMALL, false);
  try {
    const big = await measure(api, bigUrl);
    const small = await measure(api, smallUrl);
    const ms = (x: number) => (x >= 10 ? `${x.toFixed(1)} ms` : `${x.toFixed(2)} ms`);
    const lines = [
      `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} cores; load average ${load.map((x) => x.toFixed(2)).join(' / ')} at the start, ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' / ')} at the end. ${ROUNDS} rounds each, cursor 100 events behind the head.`,
      '',
      `| figure, p50 / p95 | ${big.rows.toLocaleString('en')} events (${big.partitions} partitions) | baseline: ${small.rows.toLocaleString('en')} events | ratio (p50) |`,
      '|---|---|---|---|',
      ...[...big.figures].map(([figure, b]) => {
        const s = small.figures.get(figure)!;
        return `| ${figure} | ${ms(b.p50)} / ${ms(b.p95)} | ${ms(s.p50)} / ${ms(s.p95)} | ×${(b.p50 / s.p50).toFixed(1)} |`;
      }),
      '',
      `Size of the event table with its indexes: ${(big.bytes / 1024 ** 3).toFixed(2)} GiB, ${Math.round(big.bytes / big.rows)} bytes a row.`,
    ];
    console.log(`\n${lines.join('\n')}`);
    const label = n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000}m` : n % 1000 === 0 ? `${n / 1000}k` : String(n);
    const file = new URL(`./results-events-${label}.md`, import.meta.url);
    writeFileSync(file, [`### Resume from a recent cursor: ${n.toLocaleString('en')} events (bench/events.ts)`, '', ...lines, ''].join('\n'));
    console.log(`written to ${fileURLToPath(file)}`);
  } finally {
    await onServer(`drop database if exists ${smallName} with (force)`);
    if (!keep) await onServer(`drop database if exists ${bigName} with (force)`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
