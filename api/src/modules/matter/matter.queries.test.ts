import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { OrganizationKind } from '../common/enums';
import { createTestDb, gql } from '../../test/harness';
import { answer, buildConvenedMatter, buildWorld, type World } from '../../test/factories';

/**
 * "Constant SQL statements per request": a page of matters with its nested fields costs the same
 * number of statements whether it holds 2 matters or 8 (no N+1 through field resolvers).
 */
const PAGE = `query Page($first: Int!) {
  matters(first: $first) {
    totalCount
    edges { node {
      reference status community { name } reporter { displayName organization { name } }
      parties { name phone idNumber masked }
      assessment { riskLevel suggestedOrganizations { name kind } assessedBy { displayName } }
      jointRequests { message requestedBy { displayName } invitations { status note organization { name } assignee { displayName } } }
      sessions { venue organizations { name } terms { description } }
      followUps { satisfaction }
    } }
  }
}`;

let orm: MikroORM;
let world: World;

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
  for (let i = 0; i < 8; i++) {
    const { invitations } = await buildConvenedMatter(orm, { world, kinds: [OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM] });
    await answer(world, OrganizationKind.JUDICIAL_OFFICE, invitations[OrganizationKind.JUDICIAL_OFFICE], true);
  }
});

async function statementsFor(viewer: World['coordinator'], first: number): Promise<{ statements: number; matters: number }> {
  const connection = orm.em.getConnection();
  const spy = vi.spyOn(connection, 'execute');
  try {
    const r = await gql<{ matters: { edges: unknown[] } }>(orm, viewer.viewer, PAGE, { first }, world.services);
    expect(r.errors).toBeUndefined();
    return { statements: spy.mock.calls.length, matters: r.data!.matters.edges.length };
  } finally {
    spy.mockRestore();
  }
}

describe('statements per request', () => {
  it('does not grow with the page size for the coordinator', async () => {
    const small = await statementsFor(world.coordinator, 2);
    const large = await statementsFor(world.coordinator, 8);
    expect(small.matters).toBe(2);
    expect(large.matters).toBe(8);
    expect(small.statements).toBeGreaterThan(0);
    expectNoGrowth(small.statements, large.statements);
  });

  it('does not grow with the page size for an invited agency', async () => {
    const judicial = world.agencies[OrganizationKind.JUDICIAL_OFFICE];
    const small = await statementsFor(judicial, 2);
    const large = await statementsFor(judicial, 8);
    expect(large.matters).toBe(8);
    expectNoGrowth(small.statements, large.statements);
  });
});

/**
 * Six more matters would cost at least six more statements with any N+1. A difference of one
 * or two is timing, not growth: a user loaded as `reporter` may or may not be in the identity
 * map yet when the same user is asked for as `assessedBy` a tick later.
 */
function expectNoGrowth(small: number, large: number) {
  expect(Math.abs(large - small)).toBeLessThanOrEqual(2);
}
