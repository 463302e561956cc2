import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { MatterScale, RiskLevel } from '../common/enums';
import { createTestDb } from '../../test/harness';
import { countStatements } from '../../test/statements';
import { assess, buildMatter, buildWorld, type World } from '../../test/factories';

/** 晴雨表: the period's matters are read once for every figure, however many figures there are. */
const STATS = /* GraphQL */ `{
  communityStats {
    total resolved major resolutionRate medianDaysToResolve demandsSolved disputesResolved
    byStatus { key count } byCategory { key count } byKind { key count } byChannel { key count }
    byMonth { key count } resolvedByMonth { key count }
    lawExplanationEvents deliberationMeetings publicityEvents
    agencies { invited accepted medianAnswerHours }
    majorMatters { id }
  }
}`;

let orm: MikroORM;
let world: World;

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
  for (let i = 0; i < 3; i++) {
    const { matter } = await buildMatter(orm, { world });
    await assess(world, matter, { riskLevel: RiskLevel.HIGH, scale: i === 0 ? MatterScale.MAJOR : MatterScale.ORDINARY });
  }
});

describe('communityStats statements', () => {
  it('scans the matter table once for all its figures', async () => {
    const { sql, data } = await countStatements<{ communityStats: { total: number; major: number; majorMatters: unknown[] } }>(orm, world.coordinator, STATS, {}, world.services);
    expect(data.communityStats).toMatchObject({ total: 3, major: 1 });
    expect(data.communityStats.majorMatters).toHaveLength(1);
    const overMatters = sql.filter((s) => /\bfrom\s+"?matter"?\b/i.test(s) && !/join\s+"?matter"?\b/i.test(s) && !/^select "m0"\./.test(s));
    expect(overMatters, sql.join('\n')).toHaveLength(1);
  });
});
