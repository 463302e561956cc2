/**
 * Reads at scale (issue 10): lists, search, 晴雨表 and request throughput over a generated
 * database (see generate.ts), each figure next to a baseline measured in the same run:
 * - a page, a search: the same page SQL alone through `pg`;
 * - `{ me { id } }`, c = 10: a bare HTTP server running the same session SQL through `pg`;
 * - `matters(first: 20)` with nested fields, c = 10: a bare HTTP server answering with one SQL
 *   statement that builds byte-identical JSON.
 * Figures only: nothing here asserts a timing.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { generate, scaleFromEnv } from './generate.js';

export interface Row {
  figure: string;
  now: string;
  baseline: string;
  ratio: string;
  goal: string;
}

/** The figures of one run, printed as they come and written as a Markdown table at the end. */
export class Report {
  readonly rows: Row[] = [];
  private readonly loadAtStart = loadavg();

  add(row: Row): void {
    this.rows.push(row);
    console.log(`${row.figure.padEnd(58)} ${row.now.padEnd(26)} baseline ${row.baseline.padEnd(26)} ${row.ratio}`);
  }

  markdown(title: string): string {
    const l = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(' / ');
    return [
      `### ${title}`,
      '',
      `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}); ` +
        `load average (1/5/15 min) ${l(this.loadAtStart)} at the start, ${l(loadavg())} at the end. ` +
        `A load above the number of cores means other work shared the machine: the figures are noisy, the ratios less so.`,
      '',
      '| figure | now | baseline (same run) | ratio | goal |',
      '|---|---|---|---|---|',
      ...this.rows.map((r) => `| ${r.figure} | ${r.now} | ${r.baseline} | ${r.ratio} | ${r.goal} |`),
      '',
    ].join('\n');
  }
}

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x: number) => (x >= 100 ? `${x.toFixed(0)} ms` : x >= 10 ? `${x.toFixed(1)} ms` : `${x.toFixed(2)} ms`);
const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `×${(a / b).toFixed(a / b >= 10 ? 0 : 1)}` : '');

async function timed(rounds: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn(); // warm-up
  const xs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return { p50: pct(xs, 50), p95: pct(xs, 95) };
}

/** `total` calls, `concurrency` at a time: requests per second and latency percentiles. */
async function throughput(total: number, concurrency: number, fn: () => Promise<unknown>): Promise<{ rps: number; p50: number; p99: number }> {
  for (let i = 0; i < concurrency; i++) await fn();
  let next = 0;
  const xs: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) {
        const t = performance.now();
        await fn();
        xs.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { rps: total / seconds, p50: pct(xs, 50), p99: pct(xs, 99) };
}

async function post(url: string, query: string, token: string, variables: Record<string, unknown> = {}): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  if (text.includes('"errors"')) throw new Error(text.slice(0, 500));
  return text;
}

/** A bare HTTP server answering every POST with `answer(authorization header)`. */
async function bareServer(answer: (authorization: string) => Promise<string>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      answer(String(req.headers.authorization ?? '')).then(
        (body) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(body);
        },
        (e: unknown) => {
          res.writeHead(500);
          res.end(String(e));
        },
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, server };
}

const SESSION_SQL = `select s.id as session_id, s.last_seen_at, s.expires_at, u.id as user_id, u.username, u.role,
        o.id as organization_id, o.kind as org_kind, o.community_id as org_community_id
   from auth_session s join app_user u on u.id = s.user_id join organization o on o.id = u.organization_id
  where s.token_hash = $1 and s.revoked_at is null and u.active`;

/** `matters(first: 20)` with nested fields, and one SQL statement that writes the same bytes. */
const NESTED_PAGE = `{ matters(first: 20) { edges { node { reference title status community { name } parties { name } assessment { riskLevel } } } } }`;
const NESTED_PAGE_SQL = `
  with page as (select m.id, m.created_at from matter m where m.community_id = $1 order by m.created_at desc, m.id desc limit 20)
  select '{"data":{"matters":{"edges":[' || coalesce(string_agg('{"node":' || (
           select row_to_json(n)::text from (
             select m.reference, m.title, m.status,
                    (select row_to_json(c1) from (select c.name) c1) as community,
                    (select coalesce('[' || string_agg(row_to_json(p1)::text, ',' order by p.position) || ']', '[]')::json
                       from party p cross join lateral (select p.name) p1 where p.matter_id = m.id) as parties,
                    (select row_to_json(a1) from (select a.risk_level as "riskLevel" from assessment a where a.matter_id = m.id
                                                   order by a.assessed_at desc limit 1) a1) as assessment) n) || '}',
         ',' order by page.created_at desc, page.id desc), '') || ']}}}' as body
    from page join matter m on m.id = page.id join community c on c.id = m.community_id`;

export interface ScaleTarget {
  /** The api's GraphQL endpoint. */
  url: string;
  databaseUrl: string;
  login(username: string): Promise<string>;
  /** Seals a phone number as the api stores it (its live keyring), so exports decrypt as in production. */
  sealPhone?(plain: string): string;
}

/**
 * An export of the coordinator's matters (with parties and phones) while another user asks
 * `{ me { id } }` back to back: the export's duration, and that user's p99 against the same query
 * idle (issue 10: ≤ 2× idle). The generated phones are plaintext; they are sealed first, so the
 * export opens each one as it does in production.
 */
async function exportUnderLoad(target: ScaleTarget, db: pg.Pool, report: Report, community: string, coordinator: string, other: string): Promise<void> {
  if (target.sealPhone) {
    const plain = (await db.query(`select p.id, p.phone from party p join matter m on m.id = p.matter_id where m.community_id = $1 and p.phone is not null and p.phone not like 'sst1.%'`, [community])).rows as { id: string; phone: string }[];
    for (let i = 0; i < plain.length; i += 5_000) {
      const chunk = plain.slice(i, i + 5_000);
      await db.query(`update party p set phone = v.phone from unnest($1::uuid[], $2::text[]) v(id, phone) where p.id = v.id`, [chunk.map((r) => r.id), chunk.map((r) => target.sealPhone!(r.phone))]);
    }
    if (plain.length) console.log(`sealed ${plain.length} generated phones of the coordinator's community`);
  }
  const matters = Number((await db.query(`select count(*) as n from matter where community_id = $1`, [community])).rows[0].n);
  const me = async () => {
    const t = performance.now();
    await post(target.url, '{ me { id } }', other);
    return performance.now() - t;
  };
  for (let i = 0; i < 20; i++) await me(); // warm-up
  const idle: number[] = [];
  for (let i = 0; i < 300; i++) idle.push(await me());
  const idleP99 = pct(idle, 99);
  const EXPORT = `query($format: ExportFormat!) { exportMatters(format: $format) { filename base64 } }`;
  for (const format of ['XLSX', 'CSV'] as const) {
    await post(target.url, EXPORT, coordinator, { format }); // warm-up
    const times: number[] = [];
    let running = true;
    const probe = (async () => {
      while (running) times.push(await me());
    })();
    const t = performance.now();
    const body = await post(target.url, EXPORT, coordinator, { format });
    const took = performance.now() - t;
    running = false;
    await probe;
    const bytes = Buffer.from((JSON.parse(body) as { data: { exportMatters: { base64: string } } }).data.exportMatters.base64, 'base64').length;
    report.add({
      figure: `export of ${matters.toLocaleString('en')} matters with parties and phones (${format}, ${(bytes / 1e6).toFixed(1)} MB), coordinator`,
      now: ms(took),
      baseline: '—',
      ratio: '',
      goal: '',
    });
    const p99 = pct(times, 99);
    report.add({
      figure: `\`{ me { id } }\` p99 of another user while that ${format} export runs`,
      now: `p99 ${ms(p99)}, p50 ${ms(pct(times, 50))} (${times.length} requests)`,
      baseline: `the same query idle: p99 ${ms(idleP99)}, p50 ${ms(pct(idle, 50))}`,
      ratio: ratio(p99, idleP99),
      goal: '≤ 2× idle',
    });
  }
}

/** Generates the data (BENCH_SCALE) into the running api's database and measures the reads. */
export async function benchScale(target: ScaleTarget, report: Report): Promise<{ label: string; markdownPath: string }> {
  const scale = scaleFromEnv();
  console.log(`\ngenerating ${scale.matters.toLocaleString('en')} matters in ${scale.communities} communities (BENCH_SCALE=${scale.label}) …`);
  const present = new pg.Client({ connectionString: target.databaseUrl });
  await present.connect();
  const already = Number((await present.query(`select count(*) as n from matter where reference like 'G%'`)).rows[0].n);
  await present.end();
  if (already >= scale.matters) {
    console.log(`(the database already holds ${already.toLocaleString('en')} generated matters: kept, not generated again)`);
  } else {
    const made = await generate(target.databaseUrl, { ...scale, log: (l) => console.log(l) });
    console.log(
      `generated in ${made.seconds.toFixed(0)} s: ${made.matters} matters, ${made.parties} parties, ${made.assessments} assessments, ` +
        `${made.requests} requests, ${made.invitations} invitations, ${made.events} events`,
    );
  }
  const rounds = Number(process.env.BENCH_SCALE_ROUNDS ?? 30);
  const n = scale.label;
  const db = new pg.Pool({ connectionString: target.databaseUrl, max: 10 });
  const coordinator = await target.login('coordinator');
  const judicial = await target.login('judicial');
  const admin = await target.login('admin');
  const ids = (await db.query(
    `select (select id from community where code = 'CS') as community, (select id from organization where kind = 'JUDICIAL_OFFICE' order by created_at limit 1) as judicial`,
  )).rows[0] as { community: string; judicial: string };
  const q = (query: string, token: string, variables: Record<string, unknown> = {}) => () => post(target.url, query, token, variables);
  const sql = (text: string, params: unknown[]) => () => db.query(text, params);
  const line = async (figure: string, gqlFn: () => Promise<unknown>, baselineFn: (() => Promise<unknown>) | null, goal: string) => {
    const a = await timed(rounds, gqlFn);
    const b = baselineFn ? await timed(rounds, baselineFn) : null;
    report.add({
      figure,
      now: `p50 ${ms(a.p50)}, p95 ${ms(a.p95)}`,
      baseline: b ? `page SQL alone p50 ${ms(b.p50)}` : '—',
      ratio: b ? ratio(a.p50, b.p50) : '',
      goal,
    });
  };
  try {
    const PAGE = `{ matters(first: 20) { edges { cursor node { id reference title status category createdAt } } pageInfo { hasNextPage endCursor } } }`;
    const PAGE_COUNTED = `{ matters(first: 20) { totalCount edges { cursor node { id reference title status category createdAt } } pageInfo { hasNextPage endCursor } } }`;
    const SEARCH = `query($q: String!) { matters(first: 20, filter: { search: $q }) { edges { node { id reference title } } } }`;
    const coordinatorSql = `select m.id from matter m where m.community_id = $1 order by m.created_at desc, m.id desc limit 21`;
    const agencySql = `select distinct i.matter_created_at, i.matter_id as id from invitation i join matter m on m.id = i.matter_id
                        where i.organization_id = $1 and exists (select 1 from invitation i2 where i2.matter_id = m.id and i2.organization_id = $1)
                        order by i.matter_created_at desc, i.matter_id desc limit 21`;
    const searchSql = (scope: string) =>
      `select m.id from matter m where ${scope} m.search_bigrams @> search_bigrams($1) and (m.reference ilike $2 or m.title ilike $2 or m.description ilike $2 or m.location ilike $2)
        order by m.created_at desc, m.id desc limit 21`;

    await line(`${n} matters: first page, coordinator`, q(PAGE, coordinator), sql(coordinatorSql, [ids.community]), '≤ 20 ms p95');
    await line(`${n} matters: first page, agency (judicial office)`, q(PAGE, judicial), sql(agencySql, [ids.judicial]), '≤ 20 ms p95');
    await line(`${n} matters: first page with totalCount, coordinator (the console's list)`, q(PAGE_COUNTED, coordinator), sql(`select count(*) from matter m where m.community_id = $1`, [ids.community]), '');
    for (const [label, term] of [
      ['"电梯"', '电梯'],
      ['"漏水"', '漏水'],
      ['no match ("火星")', '火星'],
    ] as const) {
      await line(`${n} matters: search ${label}, coordinator`, q(SEARCH, coordinator, { q: term }), sql(searchSql('m.community_id = $3 and'), [term, `%${term}%`, ids.community]), '≤ 50 ms p95');
    }
    for (const [label, term] of [
      ['"电梯"', '电梯'],
      ['no match ("火星")', '火星'],
    ] as const) {
      await line(`${n} matters: search ${label}, admin (every community)`, q(SEARCH, admin, { q: term }), sql(searchSql(''), [term, `%${term}%`]), '≤ 50 ms p95');
    }
    await line(
      `${n} matters: communityStats, coordinator`,
      q(`{ communityStats { total resolved major byStatus { key count } byCategory { key count } byKind { key count } byChannel { key count } byMonth { key count } resolvedByMonth { key count } resolutionRate medianDaysToResolve demandsSolved disputesResolved agencies { invited accepted medianAnswerHours } majorMatters { id } } }`, coordinator),
      null,
      '≤ 200 ms',
    );

    await exportUnderLoad(target, db, report, ids.community, coordinator, judicial);

    // c = 10 throughput: `{ me { id } }` against HTTP + the same session SQL.
    const total = Number(process.env.BENCH_REQUESTS ?? 1000);
    {
      const me = await throughput(total, 10, q(`{ me { id } }`, coordinator));
      const bare = await bareServer(async (authorization) => {
        const token = authorization.replace(/^Bearer /, '');
        const r = await db.query(SESSION_SQL, [createHash('sha256').update(token).digest('hex')]);
        return JSON.stringify({ data: { me: r.rows[0] ? { id: r.rows[0].user_id } : null } });
      });
      const base = await throughput(total, 10, () => post(bare.url, '{ me { id } }', coordinator));
      bare.server.close();
      report.add({
        figure: '`{ me { id } }` over HTTP, c = 10',
        now: `${me.rps.toFixed(0)} req/s, p99 ${ms(me.p99)}`,
        baseline: `HTTP + session SQL (pg): ${base.rps.toFixed(0)} req/s`,
        ratio: (me.rps / base.rps).toFixed(2),
        goal: '≥ 0.5',
      });
    }
    {
      const viaApi = await post(target.url, NESTED_PAGE, coordinator);
      const bare = await bareServer(async () => (await db.query(NESTED_PAGE_SQL, [ids.community])).rows[0].body as string);
      const viaSql = await (await fetch(bare.url, { method: 'POST', body: '{}' })).text();
      const identical = viaApi.trim() === viaSql.trim();
      const page = await throughput(total / 2, 10, q(NESTED_PAGE, coordinator));
      const base = await throughput(total / 2, 10, () => fetch(bare.url, { method: 'POST', body: '{}' }).then((r) => r.text()));
      bare.server.close();
      report.add({
        figure: `\`matters(first: 20)\` with nested fields, c = 10 (${n} matters)`,
        now: `${page.rps.toFixed(0)} req/s, p50 ${ms(page.p50)}`,
        baseline: `HTTP + one SQL${identical ? ' (byte-identical JSON)' : ' (JSON differs!)'}: ${base.rps.toFixed(0)} req/s`,
        ratio: (page.rps / base.rps).toFixed(2),
        goal: '≥ 0.25',
      });
    }
  } finally {
    await db.end();
  }
  const markdownPath = new URL(`./results-${n.toLowerCase()}.md`, import.meta.url).pathname;
  return { label: n, markdownPath };
}

export function writeReport(report: Report, title: string, path: string): void {
  writeFileSync(path, report.markdown(title));
  console.log(`\nwrote ${path}`);
}
