import { DEMO_USERS } from '../../api/dist/seed/demo.js';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, gqlOk, login, openConsole, within, type Console, type LoggedIn } from '../support/graphql.js';
import { startNginx, type NginxInstance } from '../support/nginx-instance.js';
import { startPostgres, type PostgresInstance } from '../support/postgres-instance.js';
import { startRedis, type RedisInstance } from '../support/redis-instance.js';
import { ROOT, freePort, startApi, type StartedApi } from '../support/server.js';

// The deployment as shipped, on loopback: a private PostgreSQL and Redis, three api processes
// and nginx running infra/nginx.conf itself (only its upstream addresses and listen port
// templated). First boot of the three at once on an empty database, a session used across
// instances, 100 consoles through nginx, an instance killed under load and a rolling restart —
// every console ends with exactly the events the table holds, in order, none twice — and each
// instance's /metrics consistent with what was sent.

const INSTANCES = 3;
const CONSOLES = 100;
const STAFF = ['coordinator', 'gridworker', 'mediator'];
/** Sign-ins the consoles share: like people with a few tabs each, within WS_MAX_SOCKETS_PER_SESSION. */
const SESSIONS = 25;

interface Instance {
  api: StartedApi;
  port: number;
  metricsPort: number;
}

let pgi: PostgresInstance;
let redis: RedisInstance;
let nginx: NginxInstance;
let db: pg.Client;
const instances: Instance[] = [];
const consoles: ResumingConsole[] = [];

function env(metricsPort: number): Record<string, string> {
  return { REDIS_URL: redis.url, REDIS_PREFIX: 'sst-scale:', METRICS_PORT: String(metricsPort), TRUST_PROXY: '1', LOG_LEVEL: 'warn' };
}

async function startInstance(i: number): Promise<void> {
  const api = await startApi({ databaseUrl: pgi.url, port: instances[i].port, env: env(instances[i].metricsPort), readyTimeoutMs: 240_000 });
  instances[i].api = api;
}

interface ActivityEvent {
  cursor: string;
  type: string;
  matterId: string | null;
}
const ACTIVITY = /* GraphQL */ `
  subscription($after: String) { activity(after: $after) { cursor type matterId } }
`;

/**
 * A console as the web console behaves: when its socket drops (its instance killed or restarted),
 * it connects again through nginx with `after:` the last cursor it got.
 */
class ResumingConsole {
  readonly cursors: string[] = [];
  private current: Console | null = null;
  private closedByUs = false;
  reconnects = 0;
  private waiters: (() => void)[] = [];

  constructor(private readonly token: string, private readonly from: string) {}

  async open(): Promise<void> {
    const c = openConsole(nginx.wsUrl, this.token);
    this.current = c;
    const feed = c.subscribe<ActivityEvent>(ACTIVITY, { after: this.cursors.at(-1) ?? this.from });
    const push = feed.push.bind(feed);
    feed.push = (e: ActivityEvent) => {
      push(e);
      this.cursors.push(e.cursor);
      for (const w of this.waiters.splice(0)) w();
    };
    void c.closed.then(() => {
      if (this.closedByUs || this.current !== c) return;
      this.reconnects++;
      // Through nginx again: it routes to an instance that is up.
      void this.reopen();
    });
    await within(30_000, c.connected, 'a console to connect through nginx');
  }

  private async reopen(): Promise<void> {
    for (let attempt = 0; !this.closedByUs; attempt++) {
      try {
        await this.open();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** attempt, 2_000)));
      }
    }
  }

  async until(check: () => boolean, ms: number, what: string): Promise<void> {
    await within(
      ms,
      (async () => {
        while (!check()) await new Promise<void>((r) => this.waiters.push(r));
      })(),
      what,
    );
  }

  async close(): Promise<void> {
    this.closedByUs = true;
    await this.current?.dispose();
  }
}

async function communityCursorsAfter(from: string): Promise<string[]> {
  const r = await db.query<{ id: string }>(`select id::text from event where id > $1 and community_id is not null order by id`, [from]);
  return r.rows.map((row) => row.id);
}

async function head(): Promise<string> {
  const r = await db.query<{ id: string }>('select coalesce(max(id), 0)::text as id from event');
  return r.rows[0].id;
}

const REPORT = /* GraphQL */ `
  mutation($input: ReportMatterInput!) { reportMatter(input: $input) { id } }
`;
const reportInput = (title: string) => ({ title, description: `${title}：规模测试登记。`, kind: 'DEMAND', category: 'OTHER', channel: 'PHONE' });

/** Reports matters through nginx one after another until `stop()`; failures (an instance going away mid-request) are counted, not thrown. */
function reportLoop(who: LoggedIn, label: string) {
  let running = true;
  let ok = 0;
  let failed = 0;
  const done = (async () => {
    for (let i = 0; running; i++) {
      const r = await gql(nginx.url, REPORT, { input: reportInput(`${label} ${i}`) }, who.token).catch(() => null);
      if (r && !r.errors) ok++;
      else failed++;
    }
  })();
  return {
    get ok() {
      return ok;
    },
    get failed() {
      return failed;
    },
    async stop() {
      running = false;
      await done;
    },
  };
}

/** Every console has exactly the community's events after its start cursor: all of them, in order, none twice. */
async function expectEveryConsoleExact(from: string, ms: number): Promise<void> {
  const expected = await communityCursorsAfter(from);
  expect(expected.length).toBeGreaterThan(0);
  await Promise.all(consoles.map((c, i) => c.until(() => c.cursors.length >= expected.length, ms, `console ${i} to catch up (${c.cursors.length}/${expected.length})`)));
  // Nothing extra arrives later either: compare after the last one came.
  for (const c of consoles) expect(c.cursors).toEqual(expected);
}

async function scrape(i: number): Promise<string> {
  return (await fetch(`http://127.0.0.1:${instances[i].metricsPort}/metrics`)).text();
}
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name + '{') && !line.startsWith(name + ' ')) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

const staff: LoggedIn[] = [];
let start: string;

describe('three instances behind the shipped nginx', () => {
  beforeAll(async () => {
    [pgi, redis] = await Promise.all([startPostgres(), startRedis()]);
    db = new pg.Client({ connectionString: pgi.url });
    await db.connect();
    for (let i = 0; i < INSTANCES; i++) instances.push({ api: null as unknown as StartedApi, port: await freePort(), metricsPort: await freePort() });
    nginx = await startNginx(instances.map((i) => i.port));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(consoles.map((c) => c.close().catch(() => undefined)));
    await Promise.all(instances.map((i) => i.api?.stop().catch(() => undefined)));
    await nginx?.stop();
    await db?.end().catch(() => undefined);
    await redis?.destroy();
    await pgi?.destroy();
  }, 120_000);

  it('boot together on an empty database: all come up, the demo is there once', async () => {
    await Promise.all(instances.map((_, i) => startInstance(i)));
    const r = await db.query<{ communities: number; users: number; matters: number; migrations: number; names: number }>(
      `select (select count(*) from community)::int as communities, (select count(*) from app_user)::int as users,
              (select count(*) from matter)::int as matters,
              (select count(*) from mikro_orm_migrations)::int as migrations, (select count(distinct name) from mikro_orm_migrations)::int as names`,
    );
    expect(r.rows[0].communities).toBe(1);
    // Every demo account once (the seed's own list, api/src/seed/demo.ts).
    expect(r.rows[0].users).toBe(DEMO_USERS.length);
    expect(r.rows[0].matters).toBeGreaterThan(40);
    expect(r.rows[0].migrations).toBe(r.rows[0].names);
    for (const i of instances) expect(i.api.alive()).toBe(true);
  }, 600_000);

  it('take a session signed in on one on the others, and count what each served in its own /metrics', async () => {
    const who = await login(instances[0].api.url, 'coordinator');
    const totals = await Promise.all(
      instances.map((i) => gqlOk<{ matters: { totalCount: number } }>(i.api.url, `query ScaleCount { matters { totalCount } }`, {}, who.token)),
    );
    expect(new Set(totals.map((t) => t.matters.totalCount)).size).toBe(1);
    // Through nginx: 30 named operations spread over the instances; their metrics add up to 30.
    const before = await Promise.all(instances.map((_, i) => scrape(i)));
    const N = 30;
    for (let k = 0; k < N; k++) await gqlOk(nginx.url, `query ScaleThroughNginx { matters { totalCount } }`, {}, who.token);
    const after = await Promise.all(instances.map((_, i) => scrape(i)));
    const served = after.map((t, i) => sample(t, 'sst_graphql_operations_total', { operation: 'ScaleThroughNginx', outcome: 'ok' }) - sample(before[i], 'sst_graphql_operations_total', { operation: 'ScaleThroughNginx', outcome: 'ok' }));
    expect(served.reduce((a, b) => a + b, 0)).toBe(N);
    // nginx balanced them: more than one instance took a share.
    expect(served.filter((n) => n > 0).length).toBeGreaterThan(1);
    for (let k = 0; k < SESSIONS; k++) staff.push(await login(instances[k % INSTANCES].api.url, STAFF[k % STAFF.length]));
  }, 120_000);

  it('serve 100 consoles through nginx, and metrics count their sockets and streams', async () => {
    start = await head();
    for (let k = 0; k < CONSOLES; k++) {
      const c = new ResumingConsole(staff[k % staff.length].token, start);
      consoles.push(c);
    }
    await Promise.all(consoles.map((c) => c.open()));
    const texts = await Promise.all(instances.map((_, i) => scrape(i)));
    await within(
      20_000,
      (async () => {
        for (;;) {
          const t = await Promise.all(instances.map((_, i) => scrape(i)));
          if (t.reduce((a, x) => a + sample(x, 'sst_subscriptions_open'), 0) === CONSOLES) return;
          await new Promise((r) => setTimeout(r, 200));
        }
      })(),
      'every stream to be counted',
    );
    expect(texts.reduce((a, x) => a + sample(x, 'sst_websockets_open'), 0)).toBe(CONSOLES);
    const loop = reportLoop(staff[0], '规模测试 A');
    await within(60_000, (async () => { while (loop.ok < 5) await new Promise((r) => setTimeout(r, 100)); })(), 'five reports');
    await loop.stop();
    await expectEveryConsoleExact(start, 60_000);
    // Each event reached every console once: the instances' delivered counters add up.
    const delivered = (await Promise.all(instances.map((_, i) => scrape(i)))).reduce((a, x) => a + sample(x, 'sst_events_delivered_total'), 0);
    expect(delivered).toBe(CONSOLES * (await communityCursorsAfter(start)).length);
  }, 180_000);

  it('lose nothing and duplicate nothing when an instance is killed (SIGKILL) under load', async () => {
    const loop = reportLoop(staff[0], '规模测试 B');
    await within(60_000, (async () => { while (loop.ok < 5) await new Promise((r) => setTimeout(r, 100)); })(), 'reports before the kill');
    await instances[1].api.kill('SIGKILL');
    const okAtKill = loop.ok;
    await within(60_000, (async () => { while (loop.ok < okAtKill + 10) await new Promise((r) => setTimeout(r, 100)); })(), 'reports after the kill');
    await loop.stop();
    await startInstance(1);
    await expectEveryConsoleExact(start, 120_000);
    expect(consoles.reduce((a, c) => a + c.reconnects, 0)).toBeGreaterThan(0);
  }, 360_000);

  it('lose nothing and duplicate nothing in a rolling restart of all three (SIGTERM, then start again)', async () => {
    const loop = reportLoop(staff[0], '规模测试 C');
    for (let i = 0; i < INSTANCES; i++) {
      await instances[i].api.kill('SIGTERM');
      await startInstance(i);
    }
    await loop.stop();
    expect(loop.ok).toBeGreaterThan(0);
    await expectEveryConsoleExact(start, 120_000);
  }, 600_000);

  it('limit public reports per client address behind nginx', async (ctx) => {
    const site = fs.readFileSync(path.join(ROOT, 'infra', 'nginx.conf'), 'utf8');
    if (!/X-Forwarded-For/i.test(site)) {
      // Needs infra/nginx.conf to forward the client address (issue 9 item 2, the signin branch).
      console.warn('[scale] infra/nginx.conf sets no X-Forwarded-For yet: per-address public report limits not checked');
      ctx.skip();
      return;
    }
    const SUBMIT = /* GraphQL */ `mutation($input: SubmitPublicReportInput!) { submitPublicReport(input: $input) { trackingCode } }`;
    const input = { description: '小区路灯损坏，夜间出行不便，希望尽快维修。', category: 'PROPERTY_MANAGEMENT', location: '昌盛小区 5号楼', consent: true };
    /** POST through nginx from a loopback address of our choosing (the whole 127/8 is local). */
    const submitFrom = (address: string) =>
      new Promise<{ codes: string[] }>((resolve, reject) => {
        const body = JSON.stringify({ query: SUBMIT, variables: { input } });
        const req = http.request(
          { host: '127.0.0.1', port: nginx.port, path: '/graphql', method: 'POST', localAddress: address, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => {
              const parsed = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
              resolve({ codes: (parsed.errors ?? []).map((e) => e.extensions?.code ?? '') });
            });
          },
        );
        req.once('error', reject);
        req.end(body);
      });
    // One address until it is refused…
    let refusedAfter = -1;
    for (let k = 0; k < 50; k++) {
      const r = await submitFrom('127.0.0.2');
      if (r.codes.includes('TOO_MANY_REQUESTS')) {
        refusedAfter = k;
        break;
      }
      expect(r.codes).toEqual([]);
    }
    expect(refusedAfter).toBeGreaterThan(0);
    // …while residents at other addresses are not.
    for (let a = 3; a < 13; a++) expect((await submitFrom(`127.0.0.${a}`)).codes).toEqual([]);
  }, 120_000);
});
