/**
 * Benchmarks — figures, not assertions (tests check behaviour; speed is measured here).
 *
 *   pnpm --filter @sst/tests bench            (build the api first: pnpm --filter @sst/api build)
 *
 * Each figure is printed next to a raw baseline measured in the same process and run:
 *  1. push latency: requestJointMediation → invitationReceived on N open graphql-ws consoles,
 *     against a bare `ws` broadcast of one JSON message to N sockets;
 *  2. a page of matters through GraphQL (auth, visibility, nested fields), against the bare SQL
 *     that reads the same rows with the `pg` driver;
 *  3. logins: one login's cost against a bare argon2id verification; a wrong password for a real
 *     username against an unknown username (they must cost the same: no timing oracle); and the
 *     p99 of a light query (`{ me { id } }`) while 50 logins run, against the same query idle —
 *     with argon2 bounded (ARGON2_CONCURRENCY, default cores − 1) and unbounded (libuv's 4 threads).
 *  4. reads at scale (scale.ts): generated matters (BENCH_SCALE: default 20k; `1m` for a million,
 *     minutes), first pages, search, 晴雨表, and c = 10 throughput against bare HTTP + SQL;
 *     needs TEST_DATABASE_URL; BENCH_SCALE=off skips it. It includes an export of the demo
 *     coordinator's matters (~7k at BENCH_SCALE=28000) while another user asks `{ me { id } }`:
 *     the export's duration and that user's p99 against the same query idle.
 *     BENCH_ONLY=scale runs only these figures (not 1–3).
 * Uses TEST_DATABASE_URL's server when set (a scratch database, dropped at the end), else PGlite.
 * Every figure also goes into a Markdown table, tests/bench/results-<scale>.md, that README quotes.
 */
import { createRequire } from 'node:module';
import { createHash, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import WebSocket, { WebSocketServer } from 'ws';
import { benchScale, Report, writeReport } from './scale.js';

const require = createRequire(import.meta.url);
/** BENCH_CONSOLES: one count or a list (`300,1000,3000,5000`); the push figures are measured for each. */
const CONSOLE_COUNTS = (process.env.BENCH_CONSOLES ?? '300').split(',').map((n) => Number(n.trim()));
let CONSOLES = CONSOLE_COUNTS[0];
/** BENCH_ONLY: a comma list of parts to run (push, replay, page, logins, scale); default all. */
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
const runs = (part: string) => !ONLY || ONLY.has(part);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const PAGE_ROUNDS = Number(process.env.BENCH_PAGE_ROUNDS ?? 50);

interface Running {
  port: number;
  stop(): Promise<void>;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

async function startPlatform(): Promise<{ running: Running; databaseUrl: string | null; drop(): Promise<void> }> {
  // The api's logger reads LOG_LEVEL when it is first loaded.
  process.env.LOG_LEVEL ??= 'warn';
  const { loadConfig } = require('../../api/dist/config.js');
  const { start } = require('../../api/dist/bootstrap.js');
  const server = process.env.TEST_DATABASE_URL;
  let databaseUrl: string | null = null;
  let drop = async () => {};
  if (server) {
    // BENCH_DB=name keeps the database (generated data included) for a later run or EXPLAIN;
    // otherwise a scratch database is dropped at the end.
    const keep = process.env.BENCH_DB;
    if (keep && !/^[a-z_][a-z0-9_]*$/.test(keep)) throw new Error('BENCH_DB: a lower-case database name');
    const name = keep ?? `sst_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount;
    if (!exists) await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(server);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    drop = async () => {
      if (keep) return console.log(`kept database ${name} (BENCH_DB)`);
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  // Every request comes from 127.0.0.1: the login limits are raised so that the login figures
  // measure the work, not the refusals (the counting itself still runs on every attempt).
  // Hundreds of consoles of one agency share a session and an address here: lift those caps.
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_DEMO: '1',
    LOG_LEVEL: 'warn',
    // A kept database (BENCH_DB) keeps its key from run to run: its sealed phones must open again.
    PII_KEYS: `bench1:${(process.env.BENCH_DB ? createHash('sha256').update(`sst-bench:${process.env.BENCH_DB}`).digest() : randomBytes(32)).toString('base64')}`,
    LOGIN_MAX_FAILURES_PER_ADDRESS: '1000000',
    LOGIN_ATTEMPTS_BEFORE_BACKOFF: '1000000',
    LOGIN_MAX_FAILURES_PER_USERNAME: '1000000',
    WS_MAX_SOCKETS_PER_SESSION: '100000',
    WS_MAX_SOCKETS_PER_ADDRESS: '100000',
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else env.DATA_DIR = `/tmp/sst-bench-${randomBytes(4).toString('hex')}`;
  const running: Running = await start(loadConfig(env));
  return { running, databaseUrl, drop };
}

async function gql<T>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const login = async (url: string, username: string) =>
  (await gql<{ login: { token: string } }>(url, 'mutation($u:String!,$p:String!){login(username:$u,password:$p){token}}', { u: username, p: 'changsheng-demo' })).login.token;

async function pushLatency(port: number) {
  const http = `http://127.0.0.1:${port}/graphql`;
  const ws = `ws://127.0.0.1:${port}/graphql`;
  const coordinator = await login(http, 'coordinator');
  const judicial = await login(http, 'judicial');
  const orgs = await gql<{ organizations: { id: string; kind: string }[] }>(http, '{ organizations { id kind } }', {}, coordinator);
  const judicialOrg = orgs.organizations.find((o) => o.kind === 'JUDICIAL_OFFICE')!.id;

  let onReceive: ((at: number) => void) | null = null;
  const clients: Client[] = [];
  // In batches, each client counted once: thousands of handshakes at once overflow the listen
  // backlog, and a client that reconnected must not be counted twice (the round would then wait
  // for a console whose subscription was not registered yet).
  for (let i = 0; i < CONSOLES; i += 250) {
    await Promise.all(
      Array.from({ length: Math.min(250, CONSOLES - i) }, () => {
        const client = createClient({ url: ws, webSocketImpl: WebSocket, connectionParams: { authToken: judicial }, lazy: false, retryAttempts: 20 });
        clients.push(client);
        return new Promise<void>((resolve) => {
          client.on('connected', () => resolve());
          client.subscribe({ query: 'subscription { invitationReceived { id request { id } } }' }, { next: () => onReceive?.(performance.now()), error: () => {}, complete: () => {} });
        });
      }),
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // subscriptions register right after connect

  const latencies: number[] = [];
  const spans: number[] = [];
  const lastArrivals: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const { reportMatter } = await gql<{ reportMatter: { id: string } }>(
      http,
      'mutation($i:ReportMatterInput!){reportMatter(input:$i){id}}',
      { i: { title: `压测事项 ${r}`, description: 'bench', kind: 'DISPUTE', category: 'NEIGHBOR', channel: 'PHONE' } },
      coordinator,
    );
    await gql(http, 'mutation($i:AssessMatterInput!){assessMatter(input:$i){id}}', { i: { matterId: reportMatter.id, riskLevel: 'LOW', summary: 'bench' } }, coordinator);
    let got = 0;
    const arrivals: number[] = [];
    const all = new Promise<void>((resolve) => {
      onReceive = (at) => {
        arrivals.push(at);
        if (++got === CONSOLES) resolve();
      };
    });
    const t0 = performance.now();
    await gql(
      http,
      'mutation($i:RequestJointMediationInput!){requestJointMediation(input:$i){id}}',
      { i: { matterId: reportMatter.id, organizationIds: [judicialOrg], message: 'bench', respondBy: new Date(Date.now() + 86_400_000).toISOString() } },
      coordinator,
    );
    const committed = performance.now();
    await all;
    for (const a of arrivals) latencies.push(a - committed);
    lastArrivals.push(Math.max(...arrivals) - t0);
    spans.push(Math.max(...arrivals) - committed);
  }
  for (const c of clients) await c.dispose();
  return { p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99), lastP50: pct(lastArrivals, 50), perSecond: (CONSOLES * 1000) / pct(spans, 50) };
}

/** Raw baseline: one JSON message broadcast to N bare WebSocket clients, same process. */
async function rawBroadcast() {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => wss.once('listening', r));
  const port = (wss.address() as { port: number }).port;
  let onReceive: ((at: number) => void) | null = null;
  const sockets: WebSocket[] = [];
  // In batches, retrying a refused handshake: thousands at once overflow the listen backlog.
  const connect = (): Promise<void> =>
    new Promise((resolve) => {
      const s = new WebSocket(`ws://127.0.0.1:${port}`);
      s.on('error', () => undefined);
      s.once('open', () => {
        s.on('message', () => onReceive?.(performance.now()));
        sockets.push(s);
        resolve();
      });
      s.once('close', () => {
        if (!sockets.includes(s)) void connect().then(resolve);
      });
    });
  for (let i = 0; i < CONSOLES; i += 250) await Promise.all(Array.from({ length: Math.min(250, CONSOLES - i) }, connect));
  const latencies: number[] = [];
  const lastArrivals: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let got = 0;
    const arrivals: number[] = [];
    const all = new Promise<void>((resolve) => {
      onReceive = (at) => {
        arrivals.push(at);
        if (++got === CONSOLES) resolve();
      };
    });
    const t0 = performance.now();
    const msg = JSON.stringify({ type: 'next', id: '1', payload: { data: { invitationReceived: { id: 'x', request: { id: 'y' } } } } });
    for (const c of wss.clients) c.send(msg);
    await all;
    for (const a of arrivals) latencies.push(a - t0);
    lastArrivals.push(Math.max(...arrivals) - t0);
  }
  for (const s of sockets) s.close();
  wss.close();
  return { p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99), lastP50: pct(lastArrivals, 50), perSecond: (CONSOLES * 1000) / pct(lastArrivals, 50) };
}

const REPLAY_EVENTS = Number(process.env.BENCH_REPLAY_EVENTS ?? 20_000);

/**
 * Replay: `activity(after: "0")` on one console, from a table of REPLAY_EVENTS events of the
 * coordinator's community (copies of its matters' events), against the replay's own SQL pages
 * read with `pg` (what the stream cannot do faster than).
 */
async function replay(port: number, databaseUrl: string | null) {
  const http = `http://127.0.0.1:${port}/graphql`;
  const ws = `ws://127.0.0.1:${port}/graphql`;
  const coordinator = await login(http, 'coordinator');
  let sqlPerSecond = NaN;
  let events = 0;
  if (databaseUrl) {
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const { reportMatter } = await gql<{ reportMatter: { community: { id: string } } }>(
        http,
        'mutation($i:ReportMatterInput!){reportMatter(input:$i){community{id}}}',
        { i: { title: '回放压测', description: 'bench', kind: 'DISPUTE', category: 'NEIGHBOR', channel: 'PHONE' } },
        coordinator,
      );
      const community = reportMatter.community.id;
      const have = Number((await db.query('select count(*) from event where community_id = $1', [community])).rows[0].count);
      if (have < REPLAY_EVENTS) {
        await db.query(
          `insert into event (type, matter_id, community_id, actor_id, audience_org_ids, notify_org_ids, payload, occurred_at)
           select e.type, e.matter_id, e.community_id, e.actor_id, e.audience_org_ids, e.notify_org_ids, e.payload, now()
           from generate_series(1, $2) g
           cross join lateral (select * from event where community_id = $1 and matter_id is not null order by id offset (g % 50) limit 1) e`,
          [community, REPLAY_EVENTS - have],
        );
      }
      events = Number((await db.query('select count(*) from event where community_id = $1', [community])).rows[0].count);
      const t = performance.now();
      let after = '0';
      for (;;) {
        const page = await db.query('select e.* from event e where e.id > $1 and e.community_id = $2 order by e.id asc limit 500', [after, community]);
        if (page.rows.length === 0) break;
        after = String(page.rows[page.rows.length - 1].id);
        if (page.rows.length < 500) break;
      }
      sqlPerSecond = (events * 1000) / (performance.now() - t);
    } finally {
      await db.end();
    }
  }
  const client = createClient({ url: ws, webSocketImpl: WebSocket, connectionParams: { authToken: coordinator }, lazy: false });
  const counted = events || 1;
  let got = 0;
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    client.subscribe(
      { query: 'subscription { activity(after: "0") { cursor type occurredAt matter { id reference title status } actor { id displayName } } }' },
      {
        next: () => {
          if (++got >= counted) resolve();
        },
        error: reject,
        complete: () => resolve(),
      },
    );
  });
  const perSecond = (got * 1000) / (performance.now() - t0);
  await client.dispose();
  return { events: got, perSecond, sqlPerSecond };
}

async function matterPage(port: number, databaseUrl: string | null) {
  const http = `http://127.0.0.1:${port}/graphql`;
  const coordinator = await login(http, 'coordinator');
  const query = `{ matters(first: 20) { edges { node { reference title status community { name } parties { name phone } assessment { riskLevel } jointRequests { invitations { status organization { name } } } } } } }`;
  await gql(http, query, {}, coordinator);
  const gqlTimes: number[] = [];
  for (let i = 0; i < PAGE_ROUNDS; i++) {
    const t = performance.now();
    await gql(http, query, {}, coordinator);
    gqlTimes.push(performance.now() - t);
  }
  let sqlTimes: number[] = [];
  if (databaseUrl) {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    const sql = `select m.reference, m.title, m.status, c.name,
                   (select json_agg(json_build_object('name', p.name, 'phone', p.phone)) from party p where p.matter_id = m.id),
                   (select json_agg(json_build_object('status', i.status, 'org', o.name)) from invitation i join organization o on o.id = i.organization_id where i.matter_id = m.id)
              from matter m join community c on c.id = m.community_id order by m.created_at desc limit 20`;
    await c.query(sql);
    for (let i = 0; i < PAGE_ROUNDS; i++) {
      const t = performance.now();
      await c.query(sql);
      sqlTimes.push(performance.now() - t);
    }
    await c.end();
  } else {
    sqlTimes = [];
  }
  return { gqlP50: pct(gqlTimes, 50), sqlP50: sqlTimes.length ? pct(sqlTimes, 50) : NaN };
}

const DEMO_USERS = ['coordinator', 'gridworker', 'mediator', 'court', 'procuratorate', 'police', 'lawfirm', 'judicial', 'judicialstaff', 'admin'];
const LOGIN_ROUNDS = Number(process.env.BENCH_LOGIN_ROUNDS ?? 20);

async function tryLogin(url: string, username: string, password: string): Promise<number> {
  const t = performance.now();
  await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($u:String!,$p:String!){login(username:$u,password:$p){token}}', variables: { u: username, p: password } }),
  }).then((r) => r.json());
  return performance.now() - t;
}

async function logins(port: number) {
  const url = `http://127.0.0.1:${port}/graphql`;
  const apiRequire = createRequire(new URL('../../api/package.json', import.meta.url));
  const argon2 = apiRequire('@node-rs/argon2') as {
    hash(password: string, options: { memoryCost: number; timeCost: number; parallelism: number }): Promise<string>;
    verify(hash: string, password: string): Promise<boolean>;
  };
  const { limitArgon2Concurrency } = require('../../api/dist/modules/auth/password-hash.js') as { limitArgon2Concurrency(n: number): void };
  const { loadConfig } = require('../../api/dist/config.js');
  const bounded: number = loadConfig({}).ARGON2_CONCURRENCY;

  const hash = await argon2.hash('changsheng-demo', { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  const bare: number[] = [];
  for (let i = 0; i < LOGIN_ROUNDS; i++) {
    const t = performance.now();
    await argon2.verify(hash, 'changsheng-demo');
    bare.push(performance.now() - t);
  }
  const ok: number[] = [];
  const wrong: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < LOGIN_ROUNDS; i++) {
    const user = DEMO_USERS[i % DEMO_USERS.length];
    ok.push(await tryLogin(url, user, 'changsheng-demo'));
    wrong.push(await tryLogin(url, user, `wrong-${i}`));
    unknown.push(await tryLogin(url, `nobody-${i}`, `wrong-${i}`));
  }

  const token = await login(url, 'coordinator');
  const me = async () => {
    const t = performance.now();
    await gql(url, '{ me { id } }', {}, token);
    return performance.now() - t;
  };
  const idle: number[] = [];
  for (let i = 0; i < 200; i++) idle.push(await me());
  const underLogins = async (concurrency: number) => {
    limitArgon2Concurrency(concurrency);
    const times: number[] = [];
    let running = true;
    const probe = (async () => {
      while (running) times.push(await me());
    })();
    const t = performance.now();
    await Promise.all(Array.from({ length: 50 }, (_, i) => tryLogin(url, DEMO_USERS[i % DEMO_USERS.length], 'changsheng-demo')));
    const all = performance.now() - t;
    running = false;
    await probe;
    return { p99: pct(times, 99), p50: pct(times, 50), samples: times.length, all };
  };
  const withBound = await underLogins(bounded);
  const unbounded = await underLogins(4);
  limitArgon2Concurrency(bounded);
  return { bare: pct(bare, 50), ok: pct(ok, 50), wrong: pct(wrong, 50), unknown: pct(unknown, 50), idleP99: pct(idle, 99), idleP50: pct(idle, 50), bounded, withBound, unbounded };
}

async function main() {
  const { running, databaseUrl, drop } = await startPlatform();
  const report = new Report();
  try {
    console.log(`说事厅 benchmarks — ${CONSOLE_COUNTS.join(' / ')} consoles, ${ROUNDS} rounds, database: ${databaseUrl ? 'PostgreSQL server' : 'embedded PGlite'}`);
    for (const n of runs('push') ? CONSOLE_COUNTS : []) {
      CONSOLES = n;
      const raw = await rawBroadcast();
      const push = await pushLatency(running.port);
      console.log(
        `push to ${n} consoles: ${push.perSecond.toFixed(0)} deliveries/s (raw ws broadcast ${raw.perSecond.toFixed(0)}/s, ratio ${(push.perSecond / raw.perSecond).toFixed(2)}); ` +
          `latency after commit p50 ${fmt(push.p50)} p99 ${fmt(push.p99)} (raw p50 ${fmt(raw.p50)} p99 ${fmt(raw.p99)})`,
      );
      console.log(`mutation start → last console p50 ${fmt(push.lastP50)}   (raw: last socket p50 ${fmt(raw.lastP50)})`);
      report.add({
        figure: `push to ${n} consoles of one agency, deliveries/s (commit → last console)`,
        now: `${push.perSecond.toFixed(0)}/s`,
        baseline: `raw \`ws\` broadcast: ${raw.perSecond.toFixed(0)}/s`,
        ratio: (push.perSecond / raw.perSecond).toFixed(2),
        goal: '≥ 0.5 at 5,000',
      });
      report.add({
        figure: `push to ${n} consoles, latency after commit`,
        now: `p50 ${fmt(push.p50)}, p99 ${fmt(push.p99)}`,
        baseline: `raw \`ws\` broadcast p50 ${fmt(raw.p50)}, p99 ${fmt(raw.p99)}`,
        ratio: `×${(push.p50 / raw.p50).toFixed(1)}`,
        goal: 'p99 ≤ 150 ms',
      });
      report.add({ figure: `push to ${n}: mutation start → last console`, now: `p50 ${fmt(push.lastP50)}`, baseline: `raw: last socket p50 ${fmt(raw.lastP50)}`, ratio: '', goal: '' });
    }
    if (runs('replay')) {
      const r = await replay(running.port, databaseUrl);
      console.log(`replay activity(after: "0") of ${r.events} events: ${r.perSecond.toFixed(0)} events/s   (the replay SQL pages alone: ${r.sqlPerSecond.toFixed(0)} events/s)`);
      report.add({
        figure: `replay \`activity(after: "0")\` of ${r.events} events over a socket, events/s`,
        now: `${r.perSecond.toFixed(0)}/s`,
        baseline: Number.isNaN(r.sqlPerSecond) ? '—' : `the replay SQL pages alone: ${r.sqlPerSecond.toFixed(0)}/s`,
        ratio: Number.isNaN(r.sqlPerSecond) ? '' : (r.perSecond / r.sqlPerSecond).toFixed(2),
        goal: '≥ 20,000 events/s',
      });
    }
    if (runs('page')) {
    const page = await matterPage(running.port, databaseUrl);
    console.log(
      `matters(first:20) over HTTP p50 ${fmt(page.gqlP50)}` +
        (Number.isNaN(page.sqlP50) ? '   (raw SQL baseline needs TEST_DATABASE_URL)' : `   (raw SQL p50 ${fmt(page.sqlP50)})  ratio ×${(page.gqlP50 / page.sqlP50).toFixed(1)}`),
    );
    report.add({
      figure: '`matters(first: 20)` with nested fields, demo data, one at a time',
      now: `p50 ${fmt(page.gqlP50)}`,
      baseline: Number.isNaN(page.sqlP50) ? '—' : `the rows by one SQL p50 ${fmt(page.sqlP50)}`,
      ratio: Number.isNaN(page.sqlP50) ? '' : `×${(page.gqlP50 / page.sqlP50).toFixed(1)}`,
      goal: '',
    });
    }
    if (runs('logins')) {
    const l = await logins(running.port);
    console.log(`login (argon2id) p50 ${fmt(l.ok)}   (bare argon2id verify p50 ${fmt(l.bare)})`);
    console.log(`failed login p50: real username ${fmt(l.wrong)}, unknown username ${fmt(l.unknown)}  (same work: no timing oracle)`);
    console.log(
      `{ me { id } } p99 while 50 logins run: ${fmt(l.withBound.p99)} with ARGON2_CONCURRENCY=${l.bounded} (50 logins in ${fmt(l.withBound.all)}), ` +
        `${fmt(l.unbounded.p99)} unbounded (4 threads; 50 logins in ${fmt(l.unbounded.all)})   (idle p99 ${fmt(l.idleP99)}, p50 ${fmt(l.idleP50)})`,
    );
    report.add({
      figure: 'one login (argon2id), p50',
      now: fmt(l.ok),
      baseline: `bare argon2id verify ${fmt(l.bare)}`,
      ratio: `×${(l.ok / l.bare).toFixed(1)}`,
      goal: '',
    });
    report.add({
      figure: '`{ me { id } }` p99 while 50 logins run',
      now: `${fmt(l.withBound.p99)} (ARGON2_CONCURRENCY=${l.bounded})`,
      baseline: `idle p99 ${fmt(l.idleP99)}`,
      ratio: `×${(l.withBound.p99 / l.idleP99).toFixed(1)}`,
      goal: '≤ 3× idle',
    });
    }
    let results = new URL('./results-demo.md', import.meta.url).pathname;
    let title = 'Demo data';
    if (databaseUrl && process.env.BENCH_SCALE !== 'off' && runs('scale')) {
      const http = `http://127.0.0.1:${running.port}/graphql`;
      const { piiKeyring } = require('../../api/dist/modules/pii/pii.crypto.js') as { piiKeyring(): { seal(field: string, plain: string): string } };
      const sealPhone = (plain: string) => piiKeyring().seal('party.phone', plain);
      const scale = await benchScale({ url: http, databaseUrl, login: (u) => login(http, u), sealPhone }, report);
      results = scale.markdownPath;
      title = `${scale.label} matters (BENCH_SCALE=${process.env.BENCH_SCALE ?? ''})`;
    }
    writeReport(report, `说事厅 benchmarks — ${title}, ${databaseUrl ? 'PostgreSQL server' : 'embedded PGlite'}`, results);
  } finally {
    await running.stop();
    await drop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
