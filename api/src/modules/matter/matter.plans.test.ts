import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { OrganizationKind, UserRole } from '../common/enums';
import { createTestDb, gql } from '../../test/harness';
import { buildConvenedMatter, buildMatter, buildUser, buildWorld, type Actor, type World } from '../../test/factories';

/**
 * Reads that do not grow with the table: with enough rows for the planner to care, the first page
 * of each kind of viewer, and a search, are served by an index — no sequential scan of the
 * matters, no sort of them. Plans are checked, never timings (those are in tests/bench).
 */
const BULK = 20_000;
let orm: MikroORM;
let world: World;
let admin: Actor;
let judicial: Actor;
let cursor: string;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(n: PlanNode): PlanNode[] {
  return [n, ...(n.Plans ?? []).flatMap(nodes)];
}

/** Runs a GraphQL operation and returns the plan of the statement matching `statement`. */
async function planOf(viewer: Actor, source: string, variables: Record<string, unknown>, statement: RegExp): Promise<{ sql: string; plan: PlanNode[] }> {
  const connection = orm.em.getConnection();
  const spy = vi.spyOn(connection, 'execute');
  let calls: unknown[][];
  try {
    const r = await gql(orm, viewer.viewer, source, variables);
    expect(r.errors).toBeUndefined();
    calls = spy.mock.calls.map((c) => [...c]);
  } finally {
    spy.mockRestore();
  }
  const call = calls.find((c) => statement.test(String(c[0])));
  expect(call, `no statement matching ${statement}`).toBeDefined();
  const [sql, params] = call as [string, unknown[]];
  const rows: { 'QUERY PLAN': [{ Plan: PlanNode }] | string }[] = await orm.em.fork().execute(`explain (format json) ${sql}`, params);
  const raw = rows[0]['QUERY PLAN'];
  const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan: PlanNode }];
  if (process.env.PLAN_DUMP) console.log(sql, params, JSON.stringify(parsed[0].Plan, null, 1));
  return { sql, plan: nodes(parsed[0].Plan) };
}

function expectIndexPath(plan: PlanNode[], index: string) {
  const described = plan.map((n) => `${n['Node Type']} ${n['Relation Name'] ?? ''} ${n['Index Name'] ?? ''}`).join('\n');
  expect(plan.some((n) => n['Index Name'] === index), described).toBe(true);
  expect(plan.filter((n) => n['Node Type'] === 'Seq Scan' && (n['Relation Name'] === 'matter' || n['Relation Name'] === 'invitation')), described).toEqual([]);
  expect(plan.filter((n) => n['Node Type'] === 'Sort'), described).toEqual([]);
}

const PAGE = /* GraphQL */ `query($after: String) { matters(first: 20, after: $after) { edges { cursor node { id title } } pageInfo { endCursor } } }`;
const SEARCH = /* GraphQL */ `query($q: String!) { matters(first: 20, filter: { search: $q }) { edges { node { id } } } }`;

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
  const other = await buildWorld(orm, world.services);
  admin = await buildUser(orm, UserRole.ADMIN, world.communityOrg);
  judicial = world.agencies[OrganizationKind.JUDICIAL_OFFICE];
  await buildConvenedMatter(orm, { world });
  await buildMatter(orm, { world, input: { title: '楼上卫生间漏水', description: '渗到楼下天花板。' } });
  // Many matters in two communities (one in ten in this one); every other one with a joint-mediation request, mostly to
  // the other community's law firm and one in ten to this judicial office.
  const em = orm.em.fork();
  await em.execute(
    `insert into matter (id, reference, community_id, title, description, kind, category, channel, status, risk_flags, scale, created_at, updated_at)
     select md5('m' || g)::uuid, 'BULK-' || g, case when g % 10 = 0 then ?::uuid else ?::uuid end, '批量事项 ' || g, '用于查看查询计划', 'DEMAND', 'OTHER', 'PHONE', 'REPORTED', '{}', 'ORDINARY',
            timestamptz '2025-01-01' + g * interval '1 minute', now()
       from generate_series(1, ?) g`,
    [world.community.id, other.community.id, BULK],
  );
  await em.execute(
    `insert into joint_mediation_request (id, matter_id, message, respond_by, created_at)
     select md5('r' || g)::uuid, md5('m' || g)::uuid, '请参与', now(), now() from generate_series(1, ?) g where g % 2 = 1`,
    [BULK],
  );
  await em.execute(
    `insert into invitation (id, request_id, matter_id, matter_created_at, organization_id, status, created_at)
     select md5('i' || g)::uuid, md5('r' || g)::uuid, md5('m' || g)::uuid, timestamptz '2025-01-01' + g * interval '1 minute',
            case when g % 10 = 1 then ?::uuid else ?::uuid end, 'PENDING', now()
       from generate_series(1, ?) g where g % 2 = 1`,
    [judicial.organization.id, other.agencies[OrganizationKind.LAW_FIRM].organization.id, BULK],
  );
  await em.execute('analyze');
  const first = await gql<{ matters: { pageInfo: { endCursor: string } } }>(orm, world.coordinator.viewer, PAGE, {});
  cursor = first.data!.matters.pageInfo.endCursor;
}, 300_000);

describe('a page of matters is read from an index, whatever the table holds', () => {
  it("the coordinator's: its community's (community_id, created_at, id), first page and next", async () => {
    for (const after of [null, cursor]) {
      const { plan } = await planOf(world.coordinator, PAGE, { after }, /^select m\.id from matter m/);
      expectIndexPath(plan, 'matter_community_id_created_at_id_index');
    }
  });

  it("an agency's: its invitations' (organization_id, matter_created_at, matter_id), without scanning the matters", async () => {
    const page = await gql<{ matters: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string } } }>(orm, judicial.viewer, PAGE, {});
    expect(page.data!.matters.edges).toHaveLength(20);
    for (const after of [null, page.data!.matters.pageInfo.endCursor]) {
      const { plan } = await planOf(judicial, PAGE, { after }, /^select distinct i\.matter_created_at/);
      expectIndexPath(plan, 'invitation_organization_id_matter_created_at_matter_id_index');
    }
  });

  it('an agency invited twice to a matter lists it once, and its pages follow on by cursor without gap or repeat', async () => {
    const em = orm.em.fork();
    // The newest bulk matter with a judicial invitation gets a second request to the judicial office.
    const g = BULK - 9;
    await em.execute(
      `insert into joint_mediation_request (id, matter_id, message, respond_by, created_at) values (md5('again')::uuid, md5('m' || ?)::uuid, '再次邀请', now(), now())`,
      [g],
    );
    await em.execute(
      `insert into invitation (id, request_id, matter_id, matter_created_at, organization_id, status, created_at)
       select md5('again-i')::uuid, md5('again')::uuid, id, created_at, ?, 'PENDING', now() from matter where id = md5('m' || ?)::uuid`,
      [judicial.organization.id, g],
    );
    const expected: { id: string }[] = await em.execute(
      `select m.id from matter m where exists (select 1 from invitation i where i.matter_id = m.id and i.organization_id = ?) order by m.created_at desc, m.id desc limit 60`,
      [judicial.organization.id],
    );
    const seen: string[] = [];
    let after: string | null = null;
    for (let p = 0; p < 3; p++) {
      const r: { data?: { matters: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string } } } | null } = await gql(orm, judicial.viewer, PAGE, { after });
      seen.push(...r.data!.matters.edges.map((e) => e.node.id));
      after = r.data!.matters.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected.map((r) => r.id));
    const [twice] = (await em.execute(`select md5('m' || ?)::uuid::text as id`, [g])) as { id: string }[];
    expect(seen.filter((id) => id === twice.id)).toHaveLength(1);
  });

  it("the admin's: every matter's (created_at, id)", async () => {
    const { plan } = await planOf(admin, PAGE, {}, /^select m\.id from matter m/);
    expectIndexPath(plan, 'matter_created_at_id_index');
  });

  it('a search for a two-character Chinese term, found or not, goes through the bigram GIN index', async () => {
    for (const q of ['漏水', '停车']) {
      const { plan } = await planOf(admin, SEARCH, { q }, /^select m\.id from matter m/);
      const described = plan.map((n) => `${n['Node Type']} ${n['Relation Name'] ?? ''} ${n['Index Name'] ?? ''}`).join('\n');
      expect(plan.some((n) => n['Node Type'] === 'Bitmap Index Scan' && n['Index Name'] === 'matter_search_bigrams_index'), described).toBe(true);
      expect(plan.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'matter'), described).toEqual([]);
    }
    const found = await gql<{ matters: { edges: unknown[] } }>(orm, world.coordinator.viewer, SEARCH, { q: '漏水' });
    expect(found.data!.matters.edges).toHaveLength(1);
  });

  it('counts only when totalCount is selected', async () => {
    const countStatement = /count\(/;
    const without = vi.spyOn(orm.em.getConnection(), 'execute');
    try {
      await gql(orm, world.coordinator.viewer, PAGE, {});
      expect(without.mock.calls.map((c) => String(c[0])).filter((s) => countStatement.test(s))).toEqual([]);
    } finally {
      without.mockRestore();
    }
    const withCount = vi.spyOn(orm.em.getConnection(), 'execute');
    try {
      const r = await gql<{ matters: { totalCount: number } }>(orm, judicial.viewer, `{ matters(first: 1) { totalCount } }`);
      expect(r.data!.matters.totalCount).toBe(BULK / 10 + 1);
      expect(withCount.mock.calls.map((c) => String(c[0])).filter((s) => countStatement.test(s))).toHaveLength(1);
    } finally {
      withCount.mockRestore();
    }
  });
});
