import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ManualClock } from '../clock';
import type { Viewer } from '../context';
import { User } from '../modules/auth/user.entity';
import { OrganizationKind } from '../modules/common/enums';
import { runDeadlineSweep } from '../modules/deadline/deadline.sweep';
import { createTestDb, gql, testServices } from '../test/harness';
import { DEMO_PASSWORD, seedDemo } from './demo';

const NOW = new Date('2026-11-20T02:00:00.000Z');

let orm: MikroORM;
const services = testServices({ clock: new ManualClock(NOW) });

async function viewerOf(username: string): Promise<Viewer> {
  const user = await orm.em.fork().findOneOrFail(User, { username }, { populate: ['organization'] });
  const org = user.organization.getEntity();
  return {
    userId: user.id,
    sessionId: 'test',
    username,
    role: user.role,
    organizationId: org.id,
    organizationKind: org.kind,
    communityId: org.kind === OrganizationKind.COMMUNITY ? (org.community?.id ?? null) : null,
  };
}

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  expect(await seedDemo(orm, { clock: services.clock })).toBe(true);
}, 120_000);

describe('the demo community 昌盛社区', () => {
  it('is seeded once', async () => {
    expect(await seedDemo(orm, { clock: services.clock })).toBe(false);
  });

  it("reproduces the community's report on its dashboard, and its totals add up", async () => {
    const r = await gql<{ communityStats: Record<string, number> }>(
      orm,
      await viewerOf('coordinator'),
      `{ communityStats { demandsSolved disputesResolved majorDisputesResolved consultationsAnswered lawExplanationEvents deliberationMeetings major resolved } }`,
      {},
      services,
    );
    expect(r.errors).toBeUndefined();
    const s = r.data!.communityStats;
    expect(s).toEqual(expect.objectContaining({ demandsSolved: 16, disputesResolved: 36, majorDisputesResolved: 2, lawExplanationEvents: 5, deliberationMeetings: 6, major: 2 }));
    expect(s.demandsSolved + s.disputesResolved + s.consultationsAnswered).toBe(s.resolved);
  });

  it('records its two major disputes as the seed tells them: the Building 2 elevator (by register and vote) and the ¥50,000 loan', async () => {
    const r = await gql<{ matters: { edges: { node: { title: string; kind: string; scale: string; amountInDispute: string | null; elevatorTally: Record<string, unknown> | null } }[] } }>(
      orm,
      await viewerOf('coordinator'),
      `{ matters(first: 100, filter: { kind: [DISPUTE] }) { edges { node { title kind scale amountInDispute
          elevatorTally { totalHouseholds registeredHouseholds registerComplete participatingOwners agreeOwners participationMet approved } } } } }`,
      {},
      services,
    );
    expect(r.errors).toBeUndefined();
    const major = r.data!.matters.edges.map((e) => e.node).filter((m) => m.scale === 'MAJOR');
    expect(major.map((m) => m.title).sort()).toEqual(['昌盛小区2号楼加装电梯意见分歧', '邻居间5万元借款纠纷'].sort());
    expect(major.find((m) => m.title.includes('借款'))!.amountInDispute).toBe('50000.00');
    expect(major.find((m) => m.title.includes('电梯'))!.elevatorTally).toEqual({
      totalHouseholds: 18,
      registeredHouseholds: 18,
      registerComplete: true,
      participatingOwners: 17,
      agreeOwners: 15,
      participationMet: true,
      approved: true,
    });
  });

  it('leaves no invitation past its deadline unswept', async () => {
    expect(await runDeadlineSweep(orm, services)).toBe(0);
  });

  it('lets the demo users sign in with the documented password', async () => {
    for (const username of ['coordinator', 'court', 'judicialstaff']) {
      const r = await gql<{ login: { token: string; user: { username: string } } }>(
        orm,
        null,
        `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token user { username } } }`,
        { u: username, p: DEMO_PASSWORD },
        services,
      );
      expect(r.errors, username).toBeUndefined();
      expect(r.data!.login.user.username).toBe(username);
    }
  });

  it("keeps parties' phone numbers out of the admin's export", async () => {
    const r = await gql<{ exportMatters: { base64: string } }>(orm, await viewerOf('admin'), `{ exportMatters(format: CSV) { base64 } }`, {}, services);
    expect(r.errors).toBeUndefined();
    const text = Buffer.from(r.data!.exportMatters.base64, 'base64').toString('utf8');
    expect(text).toContain('CS-');
    expect(text).not.toMatch(/1[3-9]\d{9}/);
  });
});
