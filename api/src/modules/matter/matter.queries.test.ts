import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { OrganizationKind, SessionOutcome } from '../common/enums';
import { createTestDb } from '../../test/harness';
import { countStatements } from '../../test/statements';
import { answer, buildConvenedMatter, buildWorld, type Actor, type World, afterSessionStarts } from '../../test/factories';
import { ElevatorService } from '../elevator/elevator.service';
import { ElevatorVote } from '../elevator/elevator.rules';
import { FollowUpService } from '../followup/followup.service';
import type { JointSession } from '../session/session.entity';
import { SessionService } from '../session/session.service';
import type { Matter } from './matter.entity';

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
      jointRequests {
        message requestedBy { displayName } matter { reference }
        invitations { status note organization { name } assignee { displayName } respondedBy { displayName } request { message } }
      }
      sessions {
        venue matter { reference } organizations { name } attendedOrganizations { name }
        terms { description overdue session { venue } }
        conflicts { organization { name } startsAt sessionId matterReference venue }
        judicialConfirmedBy { displayName } judicialConfirmedByOrganization { name }
      }
      followUps { satisfaction recordedBy { displayName } matter { reference } }
      timeline { cursor type occurredAt actor { displayName } matter { reference } }
      elevatorConsents { unit vote matter { reference } }
      elevatorTally { agreeOwners participatingArea approved }
      followUpDueAt overdueFollowUp
    } }
  }
}`;

const HOUR = 3_600_000;
let orm: MikroORM;
let world: World;
/** Every session of the world starts then: each convened organization has a clash in every one. */
let sessionsAt: Date;

async function mediating(kinds: (OrganizationKind.JUDICIAL_OFFICE | OrganizationKind.LAW_FIRM)[]): Promise<Matter> {
  world.services.clock.advance(60_000);
  const { matter, invitations } = await buildConvenedMatter(orm, { world, kinds });
  for (const k of kinds) await answer(world, k, invitations[k], true);
  return matter;
}

async function schedule(matter: Matter, kinds: OrganizationKind[]) {
  return new SessionService(world.ctx(world.coordinator)).schedule({
    matterId: matter.id,
    startsAt: sessionsAt,
    venue: '说事厅',
    organizationIds: kinds.map((k) => world.agencies[k as OrganizationKind.LAW_FIRM].organization.id),
  });
}

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
  sessionsAt = new Date(world.services.clock.now().getTime() + 24 * HOUR);
  // Oldest, out of every page below: a matter the judicial office was never invited to, whose
  // session clashes for the law firm — the judicial office sees that clash without its details.
  const other = await mediating([OrganizationKind.LAW_FIRM]);
  await schedule(other, [OrganizationKind.LAW_FIRM]);
  const convened: { matter: Matter; session: JointSession }[] = [];
  for (let i = 0; i < 8; i++) {
    const matter = await mediating([OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM]);
    const session = await schedule(matter, [OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM]);
    for (const unit of ['2-1-101', '2-1-201']) {
      await new ElevatorService(world.ctx(world.coordinator)).record({ matterId: matter.id, unit, floor: Number(unit.at(-3)), area: '86.50', ownerName: '业主', vote: ElevatorVote.AGREE });
    }
    convened.push({ matter, session });
  }
  // Outcomes are recorded once the sessions took place.
  afterSessionStarts(world, { startsAt: sessionsAt });
  for (const [i, { matter, session }] of convened.entries()) {
    if (i % 2 === 0) {
      // Half of them (one of the newest two) reached an agreement and had their follow-up visit.
      await new SessionService(world.ctx(world.coordinator)).recordOutcome({
        sessionId: session.id,
        outcome: SessionOutcome.AGREEMENT,
        minutes: '达成协议',
        terms: [{ description: '分期支付', amount: '1000.00', dueAt: new Date(sessionsAt.getTime() + HOUR) }],
      });
      await new FollowUpService(world.ctx(world.coordinator)).record({ matterId: matter.id, agreementFulfilled: false, satisfaction: 3, notes: '尚未履行' });
    }
  }
});

interface PageData {
  matters: { edges: { node: { sessions: { conflicts: { sessionId: string | null; matterReference: string | null; venue: string | null }[] }[]; timeline: unknown[] } }[] };
}

async function page(viewer: Actor, first: number) {
  const r = await countStatements<PageData>(orm, viewer, PAGE, { first }, world.services);
  return { ...r, matters: r.data.matters.edges.length };
}

describe('statements per request', () => {
  it('does not grow with the page size for the coordinator', async () => {
    const small = await page(world.coordinator, 2);
    const large = await page(world.coordinator, 8);
    expect(small.matters).toBe(2);
    expect(large.matters).toBe(8);
    expect(small.statements).toBeGreaterThan(0);
    expect(large.statements, large.sql.join('\n')).toBe(small.statements);
  });

  it('does not grow with the page size for an invited agency', async () => {
    const judicial = world.agencies[OrganizationKind.JUDICIAL_OFFICE];
    const small = await page(judicial, 2);
    const large = await page(judicial, 8);
    expect(small.matters).toBe(2);
    expect(large.matters).toBe(8);
    expect(large.statements, large.sql.join('\n')).toBe(small.statements);
  });

  it('batches without leaking: the agency sees the clash with a matter it was not invited to, without its details', async () => {
    const judicial = world.agencies[OrganizationKind.JUDICIAL_OFFICE];
    const { data } = await page(judicial, 8);
    for (const { node } of data.matters.edges) {
      const conflicts = node.sessions[0].conflicts;
      // 7 other sessions × 2 shared organizations, plus the law firm's session on the other matter.
      expect(conflicts).toHaveLength(15);
      const hidden = conflicts.filter((c) => c.sessionId === null);
      expect(hidden).toHaveLength(1);
      expect(hidden[0]).toMatchObject({ matterReference: null, venue: null });
      expect(conflicts.filter((c) => c.sessionId !== null).every((c) => c.matterReference && c.venue)).toBe(true);
      expect(node.timeline.length).toBeGreaterThan(0);
    }
  });
});
