import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { readEvents } from '../../events/activity.stream';
import { can } from '../../policy';
import { Event } from '../../events/event.entity';
import { answer, buildConvenedMatter, buildUser, buildWorld, type Actor, type World } from '../../test/factories';
import { codeOf, countRows, createTestDb, errorCodes, gql, withoutTrace } from '../../test/harness';
import { countStatements } from '../../test/statements';
import { EventType, MatterStatus, OrganizationKind, UserRole } from '../common/enums';
import { MatterService } from '../matter/matter.service';
import type { Matter } from '../matter/matter.entity';
import { OPINION_MAX_LENGTH, OpinionKind } from './opinion.entity';
import { OpinionService } from './opinion.service';

const ADD = /* GraphQL */ `
  mutation Add($input: AddOpinionInput!) {
    addOpinion(input: $input) { id kind body createdAt author { id displayName } organization { id kind } }
  }
`;
const OPINIONS = /* GraphQL */ `
  query Opinions($id: ID!) {
    matter(id: $id) { opinions { id kind body author { displayName } organization { kind } } }
  }
`;
type Opinions = { matter: { opinions: { id: string; kind: string; body: string; author: { displayName: string }; organization: { kind: string } }[] } };

let orm: MikroORM;
let world: World;

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
});

/** Convened with the judicial office (accepted) and the law firm (not answered yet). */
async function mediatingMatter(w: World = world): Promise<Matter> {
  const { matter, invitations } = await buildConvenedMatter(orm, { world: w, kinds: [OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM] });
  await answer(w, OrganizationKind.JUDICIAL_OFFICE, invitations.JUDICIAL_OFFICE, true);
  return matter;
}

const add = (actor: Actor | null, input: Record<string, unknown>) => gql(orm, actor?.viewer ?? null, ADD, { input }, world.services);

describe('addOpinion', () => {
  it('lets an agency that accepted add an opinion, recorded with an event its audience sees', async () => {
    const matter = await mediatingMatter();
    const judicial = world.agencies.JUDICIAL_OFFICE;
    const before = await countRows(orm);
    const r = await add(judicial, { matterId: matter.id, kind: 'LEGAL_OPINION', body: '  依据《民法典》第二百七十八条，加装电梯须经业主共同决定。\n' });
    expect(r.errors).toBeUndefined();
    const opinion = (r.data as { addOpinion: { id: string; kind: string; body: string; createdAt: string; author: { id: string }; organization: { id: string } } }).addOpinion;
    expect(new Date(opinion.createdAt).toISOString()).toBe(world.services.clock.now().toISOString());
    expect(opinion).toMatchObject({
      kind: 'LEGAL_OPINION',
      body: '依据《民法典》第二百七十八条，加装电梯须经业主共同决定。',
      author: { id: judicial.user.id },
      organization: { id: judicial.organization.id },
    });
    const after = await countRows(orm);
    expect(after.opinion - before.opinion).toBe(1);
    expect(after.event - before.event).toBe(1);

    const event = await orm.em.fork().findOneOrFail(Event, { matterId: matter.id, type: EventType.OPINION_ADDED });
    expect(event.actorId).toBe(judicial.user.id);
    expect(event.communityId).toBe(world.community.id);
    expect(event.payload).toMatchObject({ opinionId: opinion.id, kind: 'LEGAL_OPINION', organizationName: judicial.organization.name });
    // Every invited organization and the community see it; an agency never invited does not.
    expect([...event.audienceOrgIds].sort()).toEqual([judicial.organization.id, world.agencies.LAW_FIRM.organization.id].sort());
    const published = { type: 'event', communityId: event.communityId ?? null, audienceOrgIds: event.audienceOrgIds } as const;
    expect(can(world.coordinator.viewer, 'read', published)).toBe(true);
    expect(can(world.agencies.LAW_FIRM.viewer, 'read', published)).toBe(true);
    expect(can(world.agencies.POLICE.viewer, 'read', published)).toBe(false);
    const policeStream = await readEvents(orm.em.fork(), world.agencies.POLICE.viewer, { after: 0n, matterId: matter.id });
    expect(policeStream).toEqual([]);

    for (const viewer of [world.coordinator, judicial, world.agencies.LAW_FIRM]) {
      const seen = await gql<Opinions>(orm, viewer.viewer, OPINIONS, { id: matter.id });
      expect(seen.data!.matter.opinions.map((o) => o.id)).toEqual([opinion.id]);
    }
  });

  it("lets the matter's coordinator and mediator add opinions, oldest first, a suggestion by default", async () => {
    const matter = await mediatingMatter();
    const mediator = await buildUser(orm, UserRole.MEDIATOR, world.communityOrg, { displayName: '王调解员' });
    await add(world.coordinator, { matterId: matter.id, body: '建议先由物业出具采光评估。' });
    world.services.clock.advance(60_000);
    await add(mediator, { matterId: matter.id, body: '低层住户可给予适当补偿。', kind: 'SUGGESTION' });
    const seen = await gql<Opinions>(orm, world.coordinator.viewer, OPINIONS, { id: matter.id });
    expect(seen.data!.matter.opinions.map((o) => [o.kind, o.body, o.author.displayName, o.organization.kind])).toEqual([
      ['SUGGESTION', '建议先由物业出具采光评估。', world.coordinator.user.displayName, 'COMMUNITY'],
      ['SUGGESTION', '低层住户可给予适当补偿。', '王调解员', 'COMMUNITY'],
    ]);
  });

  it('refuses bad input with a clear code and leaves no rows', async () => {
    const matter = await mediatingMatter();
    const judicial = world.agencies.JUDICIAL_OFFICE;
    const ok = { matterId: matter.id, body: '意见' };
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['a missing body', { matterId: matter.id }, 'BAD_USER_INPUT'],
      ['an empty body', { ...ok, body: '' }, 'BAD_USER_INPUT'],
      ['a blank body', { ...ok, body: ' \n\t ' }, 'BAD_USER_INPUT'],
      ['a body that is too long', { ...ok, body: '很'.repeat(OPINION_MAX_LENGTH + 1) }, 'BAD_USER_INPUT'],
      ['an unknown kind', { ...ok, kind: 'VERDICT' }, 'BAD_USER_INPUT'],
      ['a matter id that is not an id', { ...ok, matterId: 'CS-2026-0001' }, 'BAD_USER_INPUT'],
      ['an unknown matter', { ...ok, matterId: '00000000-0000-4000-8000-000000000005' }, 'NOT_FOUND'],
    ];
    for (const [what, input, code] of cases) {
      const trace = await withoutTrace(orm, world.services.bus, () => add(judicial, input));
      expect(errorCodes(trace.result!), what).toEqual([code]);
      expect(trace.after, what).toEqual(trace.before);
      expect(trace.published, what).toBe(0);
    }
    const longest = await add(judicial, { ...ok, body: '很'.repeat(OPINION_MAX_LENGTH) });
    expect(longest.errors).toBeUndefined();
  });

  it('is only for agencies that accepted and for community coordinators and mediators', async () => {
    const { matter, invitations } = await buildConvenedMatter(orm, {
      world,
      kinds: [OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM, OrganizationKind.COURT],
    });
    await answer(world, OrganizationKind.COURT, invitations.COURT, false, '不属于本院管辖');
    const other = await buildWorld(orm, world.services);
    const admin = await buildUser(orm, UserRole.ADMIN);
    const input = { matterId: matter.id, body: '我们也有意见' };
    for (const [what, actor, code] of [
      ['an agency that has not answered yet', world.agencies.JUDICIAL_OFFICE, 'FORBIDDEN'],
      ['an agency that declined', world.agencies.COURT, 'FORBIDDEN'],
      ['an agency never invited', world.agencies.POLICE, 'NOT_FOUND'],
      ['a grid worker', world.gridWorker, 'FORBIDDEN'],
      ["another community's coordinator", other.coordinator, 'NOT_FOUND'],
      ['a platform admin', admin, 'FORBIDDEN'],
      ['nobody signed in', null, 'UNAUTHENTICATED'],
    ] as const) {
      const trace = await withoutTrace(orm, world.services.bus, () => add(actor, input));
      expect(errorCodes(trace.result!), what).toEqual([code]);
      expect(trace.after, what).toEqual(trace.before);
      expect(trace.published, what).toBe(0);
    }
  });

  it('refuses opinions on a withdrawn matter (CONFLICT)', async () => {
    const matter = await mediatingMatter();
    await new MatterService(world.ctx(world.coordinator)).changeStatus({ matterId: matter.id, status: MatterStatus.WITHDRAWN });
    for (const actor of [world.agencies.JUDICIAL_OFFICE, world.coordinator]) {
      const trace = await withoutTrace(orm, world.services.bus, () =>
        new OpinionService(world.ctx(actor)).add({ matterId: matter.id, body: '迟到的意见', kind: OpinionKind.SUGGESTION }),
      );
      expect(codeOf(trace.error)).toBe('CONFLICT');
      expect(trace.after).toEqual(trace.before);
    }
  });
});

describe('Matter.opinions', () => {
  it('stays out of reach of an agency never invited', async () => {
    const matter = await mediatingMatter();
    await add(world.agencies.JUDICIAL_OFFICE, { matterId: matter.id, body: '仅限受邀单位可见' });
    const police = world.agencies.POLICE.viewer;
    const direct = await gql<Opinions>(orm, police, OPINIONS, { id: matter.id });
    expect(errorCodes(direct)).toEqual(['NOT_FOUND']);
    const listed = await gql<{ matters: { edges: { node: { opinions: unknown[] } }[] } }>(orm, police, `query { matters(first: 50) { edges { node { opinions { body } } } } }`);
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.matters.edges).toEqual([]);
  });

  it('costs the same number of statements for a page of 2 matters as for 8 (no N+1)', async () => {
    const w = await buildWorld(orm, world.services);
    for (let i = 0; i < 8; i++) {
      const matter = await mediatingMatter(w);
      await new OpinionService(w.ctx(w.agencies.JUDICIAL_OFFICE)).add({ matterId: matter.id, body: `意见 ${i}` });
      await new OpinionService(w.ctx(w.coordinator)).add({ matterId: matter.id, body: `社区意见 ${i}` });
    }
    const PAGE = `query($first: Int!) { matters(first: $first) { edges { node { id opinions { body kind createdAt author { displayName } organization { name } } } } } }`;
    type Page = { matters: { edges: { node: { opinions: unknown[] } }[] } };
    for (const actor of [w.coordinator, w.agencies.JUDICIAL_OFFICE]) {
      const small = await countStatements<Page>(orm, actor, PAGE, { first: 2 }, w.services);
      const large = await countStatements<Page>(orm, actor, PAGE, { first: 8 }, w.services);
      expect(small.data.matters.edges).toHaveLength(2);
      expect(large.data.matters.edges).toHaveLength(8);
      expect(large.data.matters.edges.every((e) => e.node.opinions.length === 2)).toBe(true);
      expect(large.statements).toBe(small.statements);
    }
  }, 90_000);
});
