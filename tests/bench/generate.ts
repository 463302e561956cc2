/**
 * Bench data: many realistic matters, written by PostgreSQL itself (`insert … select
 * generate_series`), not through the ORM — a million matters with their parties, assessments,
 * joint-mediation requests, invitations and events take minutes, not hours.
 *
 * Runs against a database the api has migrated and seeded with the demo (昌盛社区 and its five
 * partner agencies): it adds more communities served by the same agencies, so the demo
 * coordinator sees one community's share and the demo agencies are invited across all of them
 * (the heavy case for an agency's list).
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';

export interface GenerateOptions {
  matters: number;
  communities: number;
  log?: (line: string) => void;
}

export interface Generated {
  matters: number;
  parties: number;
  assessments: number;
  requests: number;
  invitations: number;
  events: number;
  seconds: number;
}

/** Titles as residents bring them (category, title); the search terms 电梯/漏水 occur in a few. */
const TEMPLATES: [string, string][] = [
  ['ELEVATOR_INSTALLATION', '号楼加装电梯意见分歧'],
  ['NEIGHBOR', '楼上卫生间漏水渗到楼下'],
  ['NEIGHBOR', '广场舞噪音扰民'],
  ['PROPERTY_RIGHTS', '宅基地边界纠纷'],
  ['LABOR', '工地拖欠农民工工资'],
  ['PROPERTY_MANAGEMENT', '物业费收取标准争议'],
  ['HOUSING_RENOVATION', '装修噪音影响休息'],
  ['FAMILY', '赡养老人费用分担'],
  ['NEIGHBOR', '停车位被长期占用'],
  ['ECONOMIC', '房屋租赁押金不退'],
  ['FAMILY', '婚姻家庭矛盾调解'],
  ['ECONOMIC', '邻居借款到期未还'],
  ['PROPERTY_MANAGEMENT', '小区绿化带被毁'],
  ['NEIGHBOR', '楼道堆放杂物堵塞通道'],
  ['NEIGHBOR', '养犬扰民及卫生问题'],
  ['OTHER', '反映路灯损坏'],
];
const DETAILS = ['住户多次协商未果，请求社区调解。', '双方情绪激动，需尽快介入。', '涉及多户居民，影响邻里和睦。', '当事人年事已高，行动不便。', '已向物业反映，未得到答复。'];
const PLACES = ['昌盛小区', '幸福家园', '和平里', '新华苑', '阳光花园', '雄关小区'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['德明', '桂英', '建国', '秀兰', '志强', '海燕', '文华', '玉梅', '国庆', '丽娟'];

const sqlArray = (xs: string[]) => `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]`;

export async function generate(databaseUrl: string, opts: GenerateOptions): Promise<Generated> {
  const log = opts.log ?? (() => {});
  const started = performance.now();
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t = performance.now();
    const r = await c.query(sql, params);
    log(`  ${label}: ${r.rowCount ?? 0} rows, ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return r.rowCount ?? 0;
  };
  try {
    const demo = (await c.query(`select id from community where code = 'CS'`)).rows[0]?.id as string | undefined;
    if (!demo) throw new Error('generate: the demo community (CS) is missing; start the api with SEED_DEMO=1 first');
    const agencies = (await c.query(`select id, kind from organization where kind <> 'COMMUNITY' order by kind`)).rows as { id: string; kind: string }[];
    const reporter = (await c.query(`select id from app_user where username = 'coordinator'`)).rows[0].id as string;
    await c.query('set synchronous_commit = off');
    await c.query(`set work_mem = '64MB'`);
    await c.query(`set maintenance_work_mem = '256MB'`);

    // More communities, each with its community organization; the demo's agencies serve them all.
    await step(
      'communities',
      `insert into community (id, code, name, district, created_at)
       select md5('bench-community-' || g)::uuid, 'B' || g, '压测社区' || g, '压测区', now() from generate_series(1, $1::int) g
       on conflict do nothing`,
      [opts.communities - 1],
    );
    await c.query(
      `insert into organization (id, name, kind, community_id, created_at)
       select md5('bench-org-' || g)::uuid, '压测社区' || g || '居委会', 'COMMUNITY', md5('bench-community-' || g)::uuid, now()
         from generate_series(1, $1::int) g on conflict do nothing`,
      [opts.communities - 1],
    );
    await c.query(
      `insert into organization_served_community (organization_id, community_id)
       select o.id, md5('bench-community-' || g)::uuid from organization o, generate_series(1, $1::int) g where o.kind <> 'COMMUNITY'
       on conflict do nothing`,
      [opts.communities - 1],
    );
    // community index k (0 = the demo) of matter g
    const communityOf = (g: string) => `case when ${g} % ${opts.communities} = 0 then '${demo}'::uuid else md5('bench-community-' || (${g} % ${opts.communities}))::uuid end`;

    // The search index is built once at the end: far faster than entry by entry.
    await c.query('drop index if exists matter_search_bigrams_index');

    const statuses = sqlArray(['REPORTED', 'REPORTED', 'ASSESSING', 'ASSESSING', 'MEDIATING', 'MEDIATING', 'MEDIATING', 'RESOLVED', 'RESOLVED', 'RESOLVED', 'RESOLVED', 'RESOLVED', 'RESOLVED', 'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'ESCALATED', 'ESCALATED', 'WITHDRAWN']);
    // created_at: one matter every 90 s over ~3 years up to now, whole seconds (cursors carry ms).
    const created = (g: string) => `date_trunc('second', now()) - (($1::int - ${g}) * interval '90 seconds')`;
    const n = await step(
      'matters',
      `insert into matter (id, reference, community_id, grid_id, title, description, kind, category, channel, status, risk_level, risk_flags, scale,
                           location, amount_in_dispute, households_affected, reporter_id, created_at, updated_at, resolved_at, closed_at)
       select md5('bench-matter-' || g)::uuid,
              'G' || lpad(g::text, 8, '0'),
              ${communityOf('g')},
              null,
              case when t % ${TEMPLATES.length} = 0 then (g % 30 + 1) || '' else '' end || (${sqlArray(TEMPLATES.map((x) => x[1]))})[t % ${TEMPLATES.length} + 1],
              (${sqlArray(DETAILS)})[g % ${DETAILS.length} + 1] || (${sqlArray(PLACES)})[g % ${PLACES.length} + 1] || (g % 40 + 1) || '号楼。',
              (array['DEMAND','DISPUTE','CONSULTATION'])[g % 3 + 1],
              (${sqlArray(TEMPLATES.map((x) => x[0]))})[t % ${TEMPLATES.length} + 1],
              (array['TALK_HALL','GRID_PATROL','PHONE','ONLINE','REFERRAL'])[g % 5 + 1],
              s,
              case when s in ('REPORTED') then null else (array['LOW','MEDIUM','HIGH','CRITICAL'])[g % 4 + 1] end,
              '{}',
              case when g % 50 = 0 then 'MAJOR' else 'ORDINARY' end,
              (${sqlArray(PLACES)})[g % ${PLACES.length} + 1] || ' ' || (g % 40 + 1) || '号楼',
              case when g % 4 = 0 then (g % 50000)::numeric(14,2) else null end,
              case when t % ${TEMPLATES.length} = 0 then g % 30 + 2 else null end,
              '${reporter}'::uuid,
              ${created('g')}, ${created('g')},
              case when s in ('RESOLVED','CLOSED') then ${created('g')} + (g % 40 + 1) * interval '1 day' else null end,
              case when s = 'CLOSED' then ${created('g')} + (g % 40 + 20) * interval '1 day' else null end
         from (select g, ((g::bigint * 7919) % 1000003)::int as t, (${statuses})[g % 20 + 1] as s from generate_series(1, $1::int) g) x`,
      [opts.matters],
    );
    const parties = await step(
      'parties',
      `insert into party (id, matter_id, position, name, role, phone, id_number)
       select md5('bench-party-' || g || '-' || p)::uuid, md5('bench-matter-' || g)::uuid, p,
              substr('${SURNAMES}', (g + p) % ${SURNAMES.length} + 1, 1) || (${sqlArray(GIVEN)})[(g * 3 + p) % ${GIVEN.length} + 1],
              case when p = 0 then 'APPLICANT' else 'RESPONDENT' end,
              '13' || lpad(((g * 7 + p) % 1000000000)::text, 9, '0'),
              case when p = 0 then '6202' || lpad((g % 100000000000000)::text, 14, '0') else null end
         from generate_series(1, $1::int) g, generate_series(0, 1) p`,
      [opts.matters],
    );
    const assessments = await step(
      'assessments',
      `insert into assessment (id, matter_id, risk_level, risk_flags, scale, summary, suggested_organization_ids, assessed_by_id, assessed_at)
       select md5('bench-assessment-' || m.reference)::uuid, m.id, m.risk_level, '{}', m.scale, '需释法说理，组织协商。', '{}', m.reporter_id, m.created_at + interval '1 hour'
         from matter m where m.reference like 'G%' and m.risk_level is not null`,
    );
    // A joint-mediation request for a third of the matters that got that far, to two agencies.
    const requests = await step(
      'joint-mediation requests',
      `insert into joint_mediation_request (id, matter_id, message, respond_by, requested_by_id, created_at)
       select md5('bench-request-' || m.reference)::uuid, m.id, '请参与联合调解', m.created_at + interval '3 days', m.reporter_id, m.created_at + interval '2 hours'
         from matter m
        where m.reference like 'G%' and m.status in ('MEDIATING','RESOLVED','CLOSED','ESCALATED') and substr(m.reference, 2)::int % 3 = 0`,
    );
    const agencyIds = sqlArray(agencies.map((a) => a.id));
    const invitations = await step(
      'invitations',
      `insert into invitation (id, request_id, matter_id, matter_created_at, organization_id, status, responded_at, created_at)
       select md5('bench-invitation-' || r.id || '-' || k)::uuid, r.id, r.matter_id, m.created_at,
              ((${agencyIds})::uuid[])[(substr(m.reference, 2)::int / 3 + k) % ${agencies.length} + 1],
              case when m.status = 'MEDIATING' and k = 1 then 'PENDING' when substr(m.reference, 2)::int % 11 = 0 then 'DECLINED' else 'ACCEPTED' end,
              case when m.status = 'MEDIATING' and k = 1 then null else r.created_at + interval '5 hours' end,
              r.created_at
         from joint_mediation_request r join matter m on m.id = r.matter_id, generate_series(0, 1) k
        where m.reference like 'G%'`,
    );
    const events =
      (await step(
        'events: reported',
        `insert into event (type, matter_id, community_id, actor_id, audience_org_ids, notify_org_ids, payload, occurred_at)
         select 'MATTER_REPORTED', m.id, m.community_id, m.reporter_id, '{}', '{}',
                jsonb_build_object('reference', m.reference, 'title', m.title, 'kind', m.kind, 'category', m.category, 'channel', m.channel), m.created_at
           from matter m where m.reference like 'G%' order by m.created_at`,
      )) +
      (await step(
        'events: joint mediation requested',
        `insert into event (type, matter_id, community_id, actor_id, audience_org_ids, notify_org_ids, payload, occurred_at)
         select 'JOINT_MEDIATION_REQUESTED', m.id, m.community_id, r.requested_by_id, array_agg(i.organization_id::text), array_agg(i.organization_id::text),
                jsonb_build_object('reference', m.reference, 'title', m.title, 'requestId', r.id), r.created_at
           from joint_mediation_request r join matter m on m.id = r.matter_id join invitation i on i.request_id = r.id
          where m.reference like 'G%' group by r.id, m.id order by r.created_at`,
      ));
    await step('search index (GIN over bigrams)', 'create index matter_search_bigrams_index on matter using gin (search_bigrams) with (fastupdate = off)');
    await step('vacuum analyze', 'vacuum analyze');
    return { matters: n, parties, assessments, requests, invitations, events, seconds: (performance.now() - started) / 1000 };
  } finally {
    await c.end();
  }
}

/**
 * BENCH_SCALE: `1m` → 1,000,000 matters in 12 communities; `100k`; default 20,000 in 4.
 * BENCH_COMMUNITIES overrides the number of communities (the demo coordinator sees 1/n of the
 * matters: `BENCH_SCALE=28k BENCH_COMMUNITIES=4` gives the ~7k-matter export of issue 10).
 */
export function scaleFromEnv(value = process.env.BENCH_SCALE): { matters: number; communities: number; label: string } {
  const s = scaleOf(value);
  const n = Number(process.env.BENCH_COMMUNITIES);
  return Number.isInteger(n) && n >= 2 ? { ...s, communities: n } : s;
}

function scaleOf(value: string | undefined): { matters: number; communities: number; label: string } {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '1m') return { matters: 1_000_000, communities: 12, label: '1M' };
  if (v === '100k') return { matters: 100_000, communities: 8, label: '100k' };
  const m = /^(\d+)(k?)$/.exec(v);
  if (m) {
    const matters = Number(m[1]) * (m[2] ? 1000 : 1);
    return { matters, communities: Math.max(2, Math.min(12, Math.round(matters / 50_000) || 4)), label: v };
  }
  return { matters: 20_000, communities: 4, label: '20k' };
}
