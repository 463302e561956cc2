import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { buildCommunity, buildMatter, buildUser, buildWorld, type Actor, type World } from '../../test/factories';
import { createTestDb, errorCodes, gql } from '../../test/harness';
import { MatterCategory, OrganizationKind, UserRole } from '../common/enums';
import type { Matter } from '../matter/matter.entity';
import { RoutingRule } from '../matter/matter.entity';

const RULES = /* GraphQL */ `
  query ($communityId: ID) { routingRules(communityId: $communityId) { id communityId category riskFlag scale organizationKinds note } }
`;
const SAVE = /* GraphQL */ `
  mutation ($input: SaveRoutingRuleInput!) { saveRoutingRule(input: $input) { id communityId category riskFlag scale organizationKinds note } }
`;
const DELETE = /* GraphQL */ `
  mutation ($id: ID!) { deleteRoutingRule(id: $id) }
`;
const SUGGEST = /* GraphQL */ `
  query ($id: ID!) { suggestOrganizations(matterId: $id) { id kind } }
`;

interface RuleOut {
  id: string;
  communityId: string | null;
  category: string | null;
  riskFlag: string | null;
  scale: string | null;
  organizationKinds: string[];
  note: string | null;
}

let orm: MikroORM;
let world: World;
let admin: Actor;
let matter: Matter;
beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
  admin = await buildUser(orm, UserRole.ADMIN, world.communityOrg);
  // 邻里纠纷: the default rules suggest the judicial office only.
  matter = (await buildMatter(orm, { world, input: { category: MatterCategory.NEIGHBOR } })).matter;
});

const ruleCount = () => orm.em.fork().count(RoutingRule, {});

async function suggestedKinds(): Promise<string[]> {
  const r = await gql<{ suggestOrganizations: { kind: string }[] }>(orm, world.coordinator.viewer, SUGGEST, { id: matter.id });
  expect(r.errors).toBeUndefined();
  return [...new Set(r.data!.suggestOrganizations.map((o) => o.kind))].sort();
}

async function save(input: Record<string, unknown>, actor: Actor = admin) {
  return gql<{ saveRoutingRule: RuleOut }>(orm, actor.viewer, SAVE, { input });
}

describe('saveRoutingRule', () => {
  it('changes what suggestOrganizations returns, and deleting the rule changes it back', async () => {
    expect(await suggestedKinds()).toEqual([OrganizationKind.JUDICIAL_OFFICE]);

    const created = await save({ communityId: world.community.id, category: 'NEIGHBOR', organizationKinds: ['POLICE', 'POLICE'], note: ' 邻里：派出所 ' });
    expect(created.errors).toBeUndefined();
    const rule = created.data!.saveRoutingRule;
    expect(rule).toEqual(
      expect.objectContaining({ communityId: world.community.id, category: 'NEIGHBOR', riskFlag: null, scale: null, organizationKinds: ['POLICE'], note: '邻里：派出所' }),
    );
    expect(await suggestedKinds()).toEqual([OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.POLICE].sort());

    // Editing: the rule now needs a MAJOR matter, which this one is not.
    const edited = await save({ id: rule.id, communityId: world.community.id, category: 'NEIGHBOR', scale: 'MAJOR', organizationKinds: ['COURT'] });
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.saveRoutingRule).toEqual(expect.objectContaining({ id: rule.id, scale: 'MAJOR', organizationKinds: ['COURT'], note: null }));
    expect(await suggestedKinds()).toEqual([OrganizationKind.JUDICIAL_OFFICE]);

    const before = await ruleCount();
    const del = await gql<{ deleteRoutingRule: string }>(orm, admin.viewer, DELETE, { id: rule.id });
    expect(del.errors).toBeUndefined();
    expect(del.data!.deleteRoutingRule).toBe(rule.id);
    expect(await ruleCount()).toBe(before - 1);
    expect(errorCodes(await gql(orm, admin.viewer, DELETE, { id: rule.id }))).toEqual(['NOT_FOUND']);
  });

  it('a rule of another community does not affect this one', async () => {
    const other = await buildCommunity(orm);
    const r = await save({ communityId: other.id, category: 'NEIGHBOR', organizationKinds: ['PROCURATORATE'] });
    expect(r.errors).toBeUndefined();
    expect(await suggestedKinds()).toEqual([OrganizationKind.JUDICIAL_OFFICE]);
  });

  it('rejects invalid rules with BAD_USER_INPUT and writes nothing', async () => {
    const before = await ruleCount();
    const cases: Record<string, unknown>[] = [
      { organizationKinds: ['COURT'] }, // no condition
      { category: 'NEIGHBOR', organizationKinds: [] },
      { category: 'NEIGHBOR', organizationKinds: ['COMMUNITY'] },
      { category: 'NEIGHBOR', organizationKinds: ['COURT', 'COMMUNITY'] },
      { category: 'NEIGHBOR', organizationKinds: ['COURT'], communityId: '00000000-0000-4000-8000-000000000000' },
      { category: 'NEIGHBOR', organizationKinds: ['COURT'], communityId: 'not-an-id' },
      { category: 'NEIGHBOR', organizationKinds: ['COURT'], note: 'x'.repeat(500) },
      { category: 'NOT_A_CATEGORY', organizationKinds: ['COURT'] },
    ];
    for (const input of cases) expect(errorCodes(await save(input)), JSON.stringify(input)).toEqual(['BAD_USER_INPUT']);
    expect(await ruleCount()).toBe(before);
  });

  it('an unknown id is NOT_FOUND and creates nothing', async () => {
    const before = await ruleCount();
    const r = await save({ id: '00000000-0000-4000-8000-000000000001', category: 'NEIGHBOR', organizationKinds: ['COURT'] });
    expect(errorCodes(r)).toEqual(['NOT_FOUND']);
    expect(await ruleCount()).toBe(before);
  });

  it('is for admins only', async () => {
    const before = await ruleCount();
    const input = { category: 'NEIGHBOR', organizationKinds: ['COURT'] };
    expect(errorCodes(await save(input, world.coordinator))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await save(input, world.agencies.COURT))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(orm, null, SAVE, { input }))).toEqual(['UNAUTHENTICATED']);
    const someRule = (await orm.em.fork().find(RoutingRule, {}, { limit: 1 }))[0];
    expect(errorCodes(await gql(orm, world.coordinator.viewer, DELETE, { id: someRule.id }))).toEqual(['FORBIDDEN']);
    expect(await ruleCount()).toBe(before);
    expect(await suggestedKinds()).toEqual([OrganizationKind.JUDICIAL_OFFICE]);
  });
});

describe('routingRules', () => {
  it('ADMIN sees all rules or those applying to one community', async () => {
    const other = await buildCommunity(orm);
    const own = await save({ communityId: other.id, riskFlag: 'GROUP_PETITION', organizationKinds: ['COURT'] });
    expect(own.errors).toBeUndefined();
    const all = await gql<{ routingRules: RuleOut[] }>(orm, admin.viewer, RULES, {});
    expect(all.errors).toBeUndefined();
    expect(all.data!.routingRules).toHaveLength(await ruleCount());
    const scoped = await gql<{ routingRules: RuleOut[] }>(orm, admin.viewer, RULES, { communityId: other.id });
    expect(scoped.data!.routingRules.every((r) => r.communityId === null || r.communityId === other.id)).toBe(true);
    expect(scoped.data!.routingRules.map((r) => r.id)).toContain(own.data!.saveRoutingRule.id);
  });

  it('a COORDINATOR reads the global rules and their own community’s, nothing else; agencies not at all', async () => {
    const other = await buildCommunity(orm);
    const foreign = await save({ communityId: other.id, category: 'LABOR', organizationKinds: ['POLICE'] });
    const mine = await save({ communityId: world.community.id, category: 'LABOR', organizationKinds: ['POLICE'] });
    const r = await gql<{ routingRules: RuleOut[] }>(orm, world.coordinator.viewer, RULES, {});
    expect(r.errors).toBeUndefined();
    const ids = r.data!.routingRules.map((x) => x.id);
    expect(ids).toContain(mine.data!.saveRoutingRule.id);
    expect(ids).not.toContain(foreign.data!.saveRoutingRule.id);
    expect(r.data!.routingRules.every((x) => x.communityId === null || x.communityId === world.community.id)).toBe(true);
    expect(errorCodes(await gql(orm, world.coordinator.viewer, RULES, { communityId: other.id }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(orm, world.agencies.COURT.viewer, RULES, {}))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(orm, null, RULES, {}))).toEqual(['UNAUTHENTICATED']);
  });
});
