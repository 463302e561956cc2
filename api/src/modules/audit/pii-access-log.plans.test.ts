import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { UserRole } from '../common/enums';
import { createTestDb, gql } from '../../test/harness';
import { buildUser, buildWorld, type Actor, type World } from '../../test/factories';

/**
 * The auditor's filters on the PII access log (who, which matter, whose phone, when) are served
 * by indexes: with a log large enough for the planner to care, neither the page nor its count
 * scans the whole log (issue 10: ~40 rows per coordinator page view). Plans, never timings.
 */
const BULK = 50_000;
let orm: MikroORM;
let world: World;
let auditor: Actor;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** A version-4-shaped id derived from a text (the filter validates ids), as an SQL expression. */
const uuidOf = (text: string) => `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;

const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

/** The plans of the statements the piiAccessLog query sends (the count and the page). */
async function plansOf(filter: Record<string, unknown>): Promise<PlanNode[][]> {
  const connection = orm.em.getConnection();
  const spy = vi.spyOn(connection, 'execute');
  let calls: unknown[][];
  try {
    const r = await gql(orm, auditor.viewer, `query($f: PiiAccessLogFilter) { piiAccessLog(filter: $f, first: 50) { totalCount entries { id } } }`, { f: filter });
    expect(r.errors).toBeUndefined();
    calls = spy.mock.calls.map((c) => [...c]).filter((c) => /pii_access_log/.test(String(c[0])));
  } finally {
    spy.mockRestore();
  }
  expect(calls.length).toBe(2);
  const plans: PlanNode[][] = [];
  for (const [sql, params] of calls as [string, unknown[]][]) {
    const rows: { 'QUERY PLAN': [{ Plan: PlanNode }] | string }[] = await orm.em.fork().execute(`explain (format json) ${sql}`, params);
    const raw = rows[0]['QUERY PLAN'];
    const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan: PlanNode }];
    if (process.env.PLAN_DUMP) console.log(sql, JSON.stringify(parsed[0].Plan, null, 1));
    plans.push(nodes(parsed[0].Plan));
  }
  return plans;
}

function expectIndexed(plans: PlanNode[][], index: string) {
  for (const plan of plans) {
    const described = plan.map((n) => `${n['Node Type']} ${n['Relation Name'] ?? ''} ${n['Index Name'] ?? ''}`).join('\n');
    expect(plan.some((n) => n['Index Name'] === index), described).toBe(true);
    expect(plan.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'pii_access_log'), described).toEqual([]);
  }
}

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
  auditor = await buildUser(orm, UserRole.AUDITOR, world.communityOrg);
  // A log of many reads: 500 readers, 5,000 matters, 10,000 parties, over a year.
  await orm.em.fork().execute(
    `insert into pii_access_log (user_id, organization_id, matter_id, party_id, field, via, at)
     select ${uuidOf(`'u' || g % 500`)}, null, ${uuidOf(`'m' || g % 5000`)}, ${uuidOf(`'p' || g % 10000`)}, 'phone', 'QUERY',
            timestamptz '2026-01-01' + g * interval '10 minutes'
       from generate_series(1, ?) g`,
    [BULK],
  );
  await orm.em.fork().execute('analyze pii_access_log');
}, 120_000);

describe("the auditor's filters on the PII access log", () => {
  it('whose phone was read: the party index', async () => {
    const party = (await orm.em.fork().execute(`select ${uuidOf(`'p7'`)} as id`))[0].id as string;
    expectIndexed(await plansOf({ partyId: party }), 'pii_access_log_party_id_id_index');
  });

  it('who read: the user index', async () => {
    const user = (await orm.em.fork().execute(`select ${uuidOf(`'u7'`)} as id`))[0].id as string;
    expectIndexed(await plansOf({ userId: user }), 'pii_access_log_user_id_at_index');
  });

  it('which matter: the matter index', async () => {
    const matter = (await orm.em.fork().execute(`select ${uuidOf(`'m7'`)} as id`))[0].id as string;
    expectIndexed(await plansOf({ matterId: matter }), 'pii_access_log_matter_id_at_index');
  });

  it('when: the time index', async () => {
    expectIndexed(await plansOf({ from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' }), 'pii_access_log_at_index');
  });
});
