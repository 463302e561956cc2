import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ManualClock } from './clock';
import { OrganizationKind, SessionOutcome } from './modules/common/enums';
import { CommunityActivityKind } from './modules/community-activity/community-activity.entity';
import { CommunityActivityService } from './modules/community-activity/community-activity.service';
import type { Matter } from './modules/matter/matter.entity';
import { SessionService } from './modules/session/session.service';
import { answer, buildConvenedMatter, buildMatter, buildWorld, type AgencyKind, type Actor, type World } from './test/factories';
import { createTestDb } from './test/harness';
import { countStatements } from './test/statements';

/**
 * "Constant SQL statements per request" for the list queries other than `matters` (see
 * matter.queries.test.ts and session.queries.test.ts): each is asked in a world holding 2 rows and
 * in one holding 8, with the nested fields the consoles ask for, and must cost the same.
 */

const DAY = 86_400_000;
const BOTH: AgencyKind[] = [OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM];
let orm: MikroORM;

/** Each size gets its own world (own community and agencies), a year apart so deadlines never mix. */
async function sized<T>(build: (w: World, n: number) => Promise<T>): Promise<{ small: World & { extra: T }; large: World & { extra: T } }> {
  const small = await buildWorld(orm, { clock: new ManualClock(new Date('2026-03-02T02:00:00Z')) });
  const large = await buildWorld(orm, { clock: new ManualClock(new Date('2027-03-02T02:00:00Z')) });
  return { small: Object.assign(small, { extra: await build(small, 2) }), large: Object.assign(large, { extra: await build(large, 8) }) };
}

async function mediating(w: World, kinds: AgencyKind[] = BOTH): Promise<Matter> {
  const { matter, invitations } = await buildConvenedMatter(orm, { world: w, kinds });
  for (const k of kinds) await answer(w, k, invitations[k], true);
  return matter;
}

async function compare<T>(query: string, who: (w: World) => Actor, worlds: { small: World; large: World }, variables: Record<string, unknown> = {}) {
  const small = await countStatements<T>(orm, who(worlds.small), query, variables, worlds.small.services);
  const large = await countStatements<T>(orm, who(worlds.large), query, variables, worlds.large.services);
  expect(small.statements).toBeGreaterThan(0);
  expect(large.statements, large.sql.join('\n')).toBe(small.statements);
  return { small: small.data, large: large.data };
}

beforeAll(async () => {
  orm = (await createTestDb()).orm;
});

describe('statements per request: other lists', () => {
  it('myInvitations, with each invitation’s request and matter', async () => {
    const worlds = await sized(async (w, n) => {
      for (let i = 0; i < n; i++) {
        const matter = await mediating(w);
        await new SessionService(w.ctx(w.coordinator)).schedule({
          matterId: matter.id,
          startsAt: new Date(w.services.clock.now().getTime() + DAY),
          venue: '说事厅',
          organizationIds: BOTH.map((k) => w.agencies[k].organization.id),
        });
      }
    });
    const MY_INVITATIONS = `{
      myInvitations {
        id status note respondedAt organization { id name kind } assignee { displayName } respondedBy { displayName }
        request {
          id message respondBy createdAt requestedBy { displayName }
          invitations { status organization { name } }
          matter {
            id reference title category status riskLevel parties { name phone masked } assessment { riskLevel }
            sessions { venue organizations { name } conflicts { sessionId venue organization { name } } }
            timeline { type actor { displayName } }
          }
        }
      }
    }`;
    const { small, large } = await compare<{ myInvitations: unknown[] }>(MY_INVITATIONS, (w) => w.agencies.JUDICIAL_OFFICE, worlds);
    expect(small.myInvitations).toHaveLength(2);
    expect(large.myInvitations).toHaveLength(8);
  });

  it('communityActivities, with linked matters, decisions and organizations — for the community and for a partner agency', async () => {
    const worlds = await sized(async (w, n) => {
      for (let i = 0; i < n; i++) {
        // One matter the judicial office takes part in, one it was never invited to.
        const shared = await mediating(w);
        const { matter: own } = await buildMatter(orm, { world: w });
        const service = () => new CommunityActivityService(w.ctx(w.coordinator));
        const activity = await service().create({
          kind: CommunityActivityKind.DELIBERATION,
          title: `第 ${i + 1} 次定期议事`,
          heldAt: w.services.clock.now(),
          venue: '说事厅',
          partnerOrganizationIds: [w.agencies.JUDICIAL_OFFICE.organization.id],
          matterIds: [shared.id, own.id],
        });
        await service().record({ activityId: activity.id, attendance: 20, minutes: '议定事项', decisions: [{ text: '下周再议', matterIds: [shared.id, own.id] }] });
      }
    });
    const ACTIVITIES = `{
      communityActivities {
        id kind title heldAt venue held attendance
        community { name } hostOrganization { id name kind } partnerOrganizations { id name kind }
        matters { id reference title status assessment { riskLevel } }
        decisions { id text matters { id reference title } }
      }
    }`;
    type Activities = { communityActivities: { matters: unknown[]; decisions: { matters: unknown[] }[] }[] };
    const coordinator = await compare<Activities>(ACTIVITIES, (w) => w.coordinator, worlds);
    expect(coordinator.large.communityActivities).toHaveLength(8);
    expect(coordinator.large.communityActivities.every((a) => a.matters.length === 2 && a.decisions[0].matters.length === 2)).toBe(true);
    const partner = await compare<Activities>(ACTIVITIES, (w) => w.agencies.JUDICIAL_OFFICE, worlds);
    expect(partner.large.communityActivities).toHaveLength(8);
    // The partner sees only the matter it was invited to, in the activity and in its decision.
    expect(partner.large.communityActivities.every((a) => a.matters.length === 1 && a.decisions[0].matters.length === 1)).toBe(true);
  });

  it('overdueWork, with each term’s session and matter', async () => {
    const worlds = await sized(async (w, n) => {
      for (let i = 0; i < n; i++) {
        const matter = await mediating(w);
        const session = await new SessionService(w.ctx(w.coordinator)).schedule({
          matterId: matter.id,
          startsAt: w.services.clock.now(),
          venue: '说事厅',
          organizationIds: BOTH.map((k) => w.agencies[k].organization.id),
        });
        await new SessionService(w.ctx(w.coordinator)).recordOutcome({
          sessionId: session.id,
          outcome: SessionOutcome.AGREEMENT,
          minutes: '达成协议',
          terms: [{ description: '支付欠款', amount: '800.00', dueAt: new Date(w.services.clock.now().getTime() + 2 * DAY) }],
        });
      }
      // The terms and the follow-up visits fall due.
      (w.services.clock as ManualClock).advance(40 * DAY);
    });
    const OVERDUE = `{
      overdueWork {
        followUps { id reference title status followUpDueAt overdueFollowUp community { name } }
        terms { id description dueAt amount overdue session { id venue organizations { name } matter { id reference title status } } }
      }
    }`;
    const { small, large } = await compare<{ overdueWork: { terms: unknown[]; followUps: unknown[] } }>(OVERDUE, (w) => w.coordinator, worlds);
    expect(small.overdueWork.terms).toHaveLength(2);
    expect(large.overdueWork.terms).toHaveLength(8);
    expect(large.overdueWork.followUps).toHaveLength(8);
  });

  it('deliberationAgendaSuggestions, with the matters of each suggestion', async () => {
    const worlds = await sized(async (w, n) => {
      for (let i = 0; i < n; i++) {
        await buildMatter(orm, { world: w, input: { location: `昌盛小区 2号楼 ${i + 1}单元` } });
      }
    });
    const SUGGESTIONS = `{
      deliberationAgendaSuggestions {
        grouping key openCount
        matters { id reference title status category location reporter { displayName } parties { name } assessment { riskLevel } }
      }
    }`;
    const { large } = await compare<{ deliberationAgendaSuggestions: { matters: unknown[] }[] }>(SUGGESTIONS, (w) => w.coordinator, worlds);
    expect(large.deliberationAgendaSuggestions[0].matters).toHaveLength(8);
  });
});
