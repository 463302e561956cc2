import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import { isDatabaseUnavailable } from '../db/orm';
import type { PublishedEvent } from '../events/event-bus';
import { OrganizationKind, SessionOutcome } from '../modules/common/enums';
import { Matter } from '../modules/matter/matter.entity';
import { InvitationResolver } from '../modules/mediation/mediation.resolver';
import { SessionService } from '../modules/session/session.service';
import { answer, buildConvenedMatter, buildMatter, buildWorld, type World } from '../test/factories';
import { codeOf, createTestDb, errorCodes, gql } from '../test/harness';

// Issue 7, item 4 — the codes a client is told must say what happened: an ill-formed id is the
// client's mistake (BAD_USER_INPUT), an organization mismatch must not sign an agency out
// (UNAUTHENTICATED), a database outage is not NOT_FOUND, and `matter(id)` out of sight is
// null with NOT_FOUND.

let orm: MikroORM;
let world: World;

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('wrong codes', () => {
  it('answers an ill-formed UUID with BAD_USER_INPUT, in a query, a nested lookup and a mutation', async () => {
    const viewer = world.coordinator.viewer;
    const cases: [string, string, Record<string, unknown>][] = [
      ['matter', `query($id: ID!) { matter(id: $id) { id } }`, { id: 'not-a-uuid' }],
      ['communityActivity', `query($id: ID!) { communityActivity(id: $id) { id } }`, { id: '1234' }],
      ['suggestOrganizations', `query($id: ID!) { suggestOrganizations(matterId: $id) { id } }`, { id: "x' or 1=1" }],
      [
        'recordSessionOutcome',
        `mutation($id: ID!) { recordSessionOutcome(input: { sessionId: $id, outcome: ADJOURNED, minutes: "m" }) { id } }`,
        { id: 'zzz' },
      ],
      ['addOpinion', `mutation($id: ID!) { addOpinion(input: { matterId: $id, body: "意见" }) { id } }`, { id: '00000000-0000' }],
    ];
    for (const [what, query, variables] of cases) {
      const r = await gql(orm, viewer, query, variables);
      expect(errorCodes(r), what).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('answers matter(id) out of sight or missing alike: data.matter null and NOT_FOUND', async () => {
    const { matter } = await buildMatter(orm, { world });
    const query = `query($id: ID!) { matter(id: $id) { id } }`;
    for (const id of [matter.id, '00000000-0000-4000-8000-000000000000']) {
      const r = await gql<{ matter: unknown }>(orm, world.agencies.POLICE.viewer, query, { id });
      expect(r.data).toEqual({ matter: null });
      expect(errorCodes(r)).toEqual(['NOT_FOUND']);
    }
    const mine = await gql<{ matter: { id: string } }>(orm, world.coordinator.viewer, query, { id: matter.id });
    expect(mine.data?.matter.id).toBe(matter.id);
  });

  it("never answers invitationReceived with another organization's invitation, and says NOT_FOUND (not UNAUTHENTICATED, which signs the console out)", async () => {
    const { matter, invitations } = await buildConvenedMatter(orm, { world, kinds: [OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM] });
    const judicial = world.agencies.JUDICIAL_OFFICE;
    // An event whose payload points the judicial office at the law firm's invitation.
    const event: PublishedEvent = {
      cursor: '999999',
      type: 'JOINT_MEDIATION_REQUESTED' as PublishedEvent['type'],
      matterId: matter.id,
      communityId: world.community.id,
      actorId: world.coordinator.user.id,
      audienceOrgIds: [judicial.organization.id, world.agencies.LAW_FIRM.organization.id],
      notifyOrgIds: [judicial.organization.id],
      payload: { invitations: { [judicial.organization.id]: invitations.LAW_FIRM.id } },
      occurredAt: new Date().toISOString(),
    };
    const error = await new InvitationResolver().invitationReceived(event, world.ctx(judicial)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(codeOf(error)).toBe('NOT_FOUND');
    // And its own invitation comes through.
    event.payload = { invitations: { [judicial.organization.id]: invitations.JUDICIAL_OFFICE.id } };
    const own = await new InvitationResolver().invitationReceived(event, world.ctx(judicial));
    expect(own.id).toBe(invitations.JUDICIAL_OFFICE.id);
  });

  it('lets a database failure while checking the matter through, instead of calling it NOT_FOUND', async () => {
    const { matter, invitations } = await buildConvenedMatter(orm, { world, kinds: [OrganizationKind.JUDICIAL_OFFICE] });
    await answer(world, OrganizationKind.JUDICIAL_OFFICE, invitations.JUDICIAL_OFFICE, true);
    const session = await new SessionService(world.ctx(world.coordinator)).schedule({
      matterId: matter.id,
      startsAt: new Date(world.services.clock.now().getTime() + 86_400_000),
      venue: '说事厅',
      organizationIds: [world.agencies.JUDICIAL_OFFICE.organization.id],
    });
    // Fault injection: the database goes away exactly when the session's matter is looked up.
    const findOne = EntityManager.prototype.findOne;
    vi.spyOn(EntityManager.prototype, 'findOne').mockImplementation(function (this: EntityManager, entityName: unknown, ...rest: unknown[]) {
      if (entityName === Matter) return Promise.reject(Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' }));
      return (findOne as (...a: unknown[]) => Promise<unknown>).call(this, entityName, ...rest);
    } as typeof findOne);
    const error = await new SessionService(world.ctx(world.coordinator))
      .recordOutcome({ sessionId: session.id, outcome: SessionOutcome.ADJOURNED, minutes: '改期' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(codeOf(error)).not.toBe('NOT_FOUND');
    // …so that the server answers SERVICE_UNAVAILABLE (retry), not "this session does not exist".
    expect(isDatabaseUnavailable(error)).toBe(true);
    vi.restoreAllMocks();
    // A session that really is out of sight is still NOT_FOUND.
    const outsider = await new SessionService(world.ctx(world.agencies.POLICE))
      .recordOutcome({ sessionId: session.id, outcome: SessionOutcome.ADJOURNED, minutes: '改期' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(codeOf(outsider)).toBe('NOT_FOUND');
  });
});
