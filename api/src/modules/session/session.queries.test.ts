import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { OrganizationKind, SessionOutcome } from '../common/enums';
import type { Matter } from '../matter/matter.entity';
import { answer, buildConvenedMatter, buildWorld, type AgencyKind, type Actor, type World, afterSessionStarts } from '../../test/factories';
import { createTestDb } from '../../test/harness';
import { countStatements } from '../../test/statements';
import { SessionService } from './session.service';
import type { JointSession } from './session.entity';

/**
 * A matter's sessions with everything the web's session cards ask for (clashes included) cost
 * the same number of SQL statements for 2 sessions as for 8.
 */
const SESSIONS = `query Sessions($id: ID!) {
  matter(id: $id) {
    id
    sessions {
      id startsAt venue agenda minutes outcome attendees
      matter { reference }
      organizations { id name kind }
      attendedOrganizations { id name kind }
      conflicts { organization { id name kind } sessionId matterReference startsAt venue }
      terms { id description amount dueAt overdue performedAt session { id } }
      judicialConfirmedAt judicialConfirmedBy { id displayName } judicialConfirmedByOrganization { id name }
    }
  }
}`;

const HOUR = 3_600_000;
const BOTH: AgencyKind[] = [OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM];
let orm: MikroORM;
let world: World;
let two: Matter;
let eight: Matter;
let T: Date;

async function mediating(kinds: AgencyKind[]): Promise<Matter> {
  const { matter, invitations } = await buildConvenedMatter(orm, { world, kinds });
  for (const k of kinds) await answer(world, k, invitations[k], true);
  return matter;
}

/** `count` sessions an hour apart from T; `recordOutcomes` later gives all but the last an agreement term. */
async function withSessions(count: number): Promise<{ matter: Matter; sessions: JointSession[] }> {
  const matter = await mediating(BOTH);
  const service = () => new SessionService(world.ctx(world.coordinator));
  const sessions: JointSession[] = [];
  for (let i = 0; i < count; i++) {
    const session = await service().schedule({
      matterId: matter.id,
      startsAt: new Date(T.getTime() + i * HOUR),
      venue: `说事厅 ${i + 1}`,
      organizationIds: BOTH.map((k) => world.agencies[k].organization.id),
    });
    await service().recordAttendance({ sessionId: session.id, attendees: ['司法所 王某'], attendedOrganizationIds: [world.agencies.JUDICIAL_OFFICE.organization.id] });
    sessions.push(session);
  }
  return { matter, sessions };
}

/** Outcomes are recorded once the sessions took place. */
async function recordOutcomes(sessions: JointSession[]): Promise<void> {
  for (const [i, session] of sessions.slice(0, -1).entries()) {
    await new SessionService(world.ctx(world.coordinator)).recordOutcome({
      sessionId: session.id,
      outcome: SessionOutcome.PARTIAL_AGREEMENT,
      minutes: '部分达成',
      terms: [{ description: `第 ${i + 1} 期付款`, amount: '500.00', dueAt: new Date(T.getTime() + 30 * 24 * HOUR) }],
    });
  }
}

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
  T = new Date(world.services.clock.now().getTime() + 24 * HOUR);
  // A session the judicial office may not know about: the law firm, at T, for another matter.
  const hidden = await mediating([OrganizationKind.LAW_FIRM]);
  await new SessionService(world.ctx(world.coordinator)).schedule({ matterId: hidden.id, startsAt: T, venue: '八角凉亭', organizationIds: [world.agencies.LAW_FIRM.organization.id] });
  const a = await withSessions(2);
  const b = await withSessions(8);
  afterSessionStarts(world, b.sessions.at(-1)!);
  await recordOutcomes(a.sessions);
  await recordOutcomes(b.sessions);
  two = a.matter;
  eight = b.matter;
});

interface SessionsData {
  matter: { sessions: { startsAt: string; conflicts: { organization: { kind: string }; sessionId: string | null; matterReference: string | null; venue: string | null }[] }[] };
}

async function sessionsOf(viewer: Actor, matter: Matter) {
  return countStatements<SessionsData>(orm, viewer, SESSIONS, { id: matter.id }, world.services);
}

describe('statements per request: a matter’s sessions', () => {
  it('do not grow with the number of sessions for the coordinator', async () => {
    const small = await sessionsOf(world.coordinator, two);
    const large = await sessionsOf(world.coordinator, eight);
    expect(small.data.matter.sessions).toHaveLength(2);
    expect(large.data.matter.sessions).toHaveLength(8);
    expect(large.statements, large.sql.join('\n')).toBe(small.statements);
  });

  it('do not grow with the number of sessions for an invited agency', async () => {
    const judicial = world.agencies.JUDICIAL_OFFICE;
    const small = await sessionsOf(judicial, two);
    const large = await sessionsOf(judicial, eight);
    expect(large.data.matter.sessions).toHaveLength(8);
    expect(large.statements, large.sql.join('\n')).toBe(small.statements);
  });

  it('show clashes with matters out of the agency’s reach without their details, and all of them to the coordinator', async () => {
    const judicialView = (await sessionsOf(world.agencies.JUDICIAL_OFFICE, eight)).data.matter.sessions;
    const coordinatorView = (await sessionsOf(world.coordinator, eight)).data.matter.sessions;
    const first = judicialView.find((s) => new Date(s.startsAt).getTime() === T.getTime())!;
    // At T: the 2-session matter's first two (1 h apart: T and T+1h) × 2 organizations, the hidden
    // law-firm session, and this matter's own session at T+1h × 2.
    const hidden = first.conflicts.filter((c) => c.sessionId === null);
    expect(hidden).toEqual([expect.objectContaining({ organization: expect.objectContaining({ kind: 'LAW_FIRM' }), matterReference: null, venue: null })]);
    expect(first.conflicts.filter((c) => c.sessionId !== null)).toHaveLength(6);
    const same = coordinatorView.find((s) => new Date(s.startsAt).getTime() === T.getTime())!;
    expect(same.conflicts).toHaveLength(7);
    expect(same.conflicts.every((c) => c.sessionId && c.matterReference && c.venue)).toBe(true);
    // Later sessions only clash with their neighbours an hour away (and the other matter's at T+1h).
    const last = judicialView.find((s) => new Date(s.startsAt).getTime() === T.getTime() + 7 * HOUR)!;
    expect(last.conflicts).toHaveLength(2);
  });
});
