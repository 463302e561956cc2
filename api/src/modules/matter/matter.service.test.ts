import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Event } from '../../events/event.entity';
import { assess, buildConvenedMatter, buildMatter, buildUser, buildWorld, reportInput, type World } from '../../test/factories';
import { codeOf, countRows, createTestDb, errorCodes, gql, withoutTrace } from '../../test/harness';
import { EventType, MatterStatus, OrganizationKind, RiskFlag, RiskLevel, UserRole } from '../common/enums';
import { MediationService } from '../mediation/mediation.service';
import { MatterService } from './matter.service';

const REPORT = /* GraphQL */ `
  mutation Report($input: ReportMatterInput!) {
    reportMatter(input: $input) { id reference status amountInDispute parties { name phone idNumber } }
  }
`;
const ASSESS = /* GraphQL */ `
  mutation Assess($input: AssessMatterInput!) {
    assessMatter(input: $input) { id status riskLevel assessment { suggestedOrganizations { id kind } } }
  }
`;
const CHANGE = /* GraphQL */ `
  mutation Change($input: ChangeMatterStatusInput!) { changeMatterStatus(input: $input) { id status } }
`;

let orm: MikroORM;
let world: World;

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
});

describe('reportMatter', () => {
  it('writes the matter, its parties and its event in one go, with a community reference', async () => {
    const before = await countRows(orm);
    const r = await gql<{ reportMatter: { id: string; reference: string; status: string; amountInDispute: string; parties: unknown[] } }>(
      orm,
      world.gridWorker.viewer,
      REPORT,
      { input: { ...reportInput(), amountInDispute: '50000', parties: reportInput().parties } },
      world.services,
    );
    expect(r.errors).toBeUndefined();
    const m = r.data!.reportMatter;
    expect(m.reference).toMatch(new RegExp(`^${world.community.code}-\\d{4}-0001$`));
    expect(m.status).toBe(MatterStatus.REPORTED);
    expect(m.amountInDispute).toBe('50000.00');
    expect(m.parties).toHaveLength(2);
    const after = await countRows(orm);
    expect(after.matter - before.matter).toBe(1);
    expect(after.party - before.party).toBe(2);
    expect(after.event - before.event).toBe(1);
    const event = await orm.em.fork().findOneOrFail(Event, { matterId: m.id });
    expect(event.type).toBe(EventType.MATTER_REPORTED);
    expect(event.communityId).toBe(world.community.id);
    expect(event.audienceOrgIds).toEqual([]);
  });

  it('numbers references per community and year', async () => {
    const a = await buildMatter(orm, { world });
    const b = await buildMatter(orm, { world });
    const n = (ref: string) => Number(ref.split('-').at(-1));
    expect(n(b.matter.reference)).toBe(n(a.matter.reference) + 1);
  });

  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    ['a missing title', { title: undefined }, /title/],
    ['an unknown kind', { kind: 'GOSSIP' }, /kind|MatterKind/],
    ['an amount that is not a decimal', { amountInDispute: '5万元' }, /Decimal/],
    ['an amount with three decimals', { amountInDispute: '10.005' }, /Decimal/],
    ['an amount given as a float', { amountInDispute: 1e21 }, /Decimal/],
    ['a negative amount', { amountInDispute: '-100' }, /non-negative/],
    ['a negative amount given as a number', { amountInDispute: -100 }, /non-negative/],
    ['a too short title', { title: 'x' }, /Argument Validation Error|title/],
    ['a bad phone number', { parties: [{ name: '马德明', role: 'APPLICANT', phone: '12345' }] }, /Argument Validation Error|phone/],
    ['a bad ID number', { parties: [{ name: '马德明', role: 'APPLICANT', idNumber: 'ABC' }] }, /Argument Validation Error|idNumber/],
    ['a community id that is not an id', { communityId: 'not-a-uuid' }, /Argument Validation Error|communityId/],
    ['negative households', { householdsAffected: -3 }, /Argument Validation Error|households/],
  ];
  it.each(bad)('refuses %s with BAD_USER_INPUT and leaves no rows', async (_what, patch, message) => {
    const input: Record<string, unknown> = { ...reportInput(), ...patch };
    for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
    const trace = await withoutTrace(orm, world.services.bus, () => gql(orm, world.coordinator.viewer, REPORT, { input }, world.services));
    expect(errorCodes(trace.result!)).toEqual(['BAD_USER_INPUT']);
    expect(trace.result!.errors![0].message).toMatch(message);
    expect(trace.after).toEqual(trace.before);
    expect(trace.published).toBe(0);
  });

  it('refuses an unknown community (FORBIDDEN for another community than the reporter\'s)', async () => {
    const trace = await withoutTrace(orm, world.services.bus, () =>
      gql(orm, world.coordinator.viewer, REPORT, { input: { ...reportInput(), communityId: '00000000-0000-4000-8000-000000000000' } }, world.services),
    );
    expect(errorCodes(trace.result!)).toEqual(['FORBIDDEN']);
    expect(trace.after).toEqual(trace.before);
  });

  it('refuses an unknown community for an admin with BAD_USER_INPUT', async () => {
    const admin = await buildUser(orm, UserRole.ADMIN);
    const trace = await withoutTrace(orm, world.services.bus, () =>
      gql(orm, admin.viewer, REPORT, { input: { ...reportInput(), communityId: '00000000-0000-4000-8000-000000000000' } }, world.services),
    );
    expect(errorCodes(trace.result!)).toEqual(['BAD_USER_INPUT']);
    expect(trace.after).toEqual(trace.before);
  });

  it('refuses agencies (FORBIDDEN) and anonymous callers (UNAUTHENTICATED), leaving no rows', async () => {
    for (const [viewer, code] of [
      [world.agencies.COURT.viewer, 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED'],
    ] as const) {
      const trace = await withoutTrace(orm, world.services.bus, () => gql(orm, viewer, REPORT, { input: reportInput() }, world.services));
      expect(errorCodes(trace.result!)).toEqual([code]);
      expect(trace.after).toEqual(trace.before);
    }
  });
});

describe('assessMatter', () => {
  it('moves the matter to ASSESSING and suggests the judicial office and a law firm for an elevator', async () => {
    const { matter } = await buildMatter(orm, { world });
    const r = await gql<{ assessMatter: { status: string; riskLevel: string; assessment: { suggestedOrganizations: { id: string; kind: string }[] } } }>(
      orm,
      world.coordinator.viewer,
      ASSESS,
      { input: { matterId: matter.id, riskLevel: 'HIGH', summary: '涉及18户，需释法。' } },
      world.services,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.assessMatter.status).toBe(MatterStatus.ASSESSING);
    expect(r.data!.assessMatter.riskLevel).toBe(RiskLevel.HIGH);
    const kinds = r.data!.assessMatter.assessment.suggestedOrganizations.map((o) => o.kind).sort();
    expect(kinds).toEqual([OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM].sort());
    const ids = r.data!.assessMatter.assessment.suggestedOrganizations.map((o) => o.id).sort();
    expect(ids).toEqual([world.agencies.JUDICIAL_OFFICE.organization.id, world.agencies.LAW_FIRM.organization.id].sort());
  });

  it('adds the police and procuratorate for a risk of criminal escalation', async () => {
    const { matter } = await buildMatter(orm, { world, input: { category: 'ECONOMIC' as never } });
    const m = await assess(world, matter, { riskFlags: [RiskFlag.CRIMINAL_ESCALATION], riskLevel: RiskLevel.HIGH });
    const suggested = await gql<{ matter: { assessment: { suggestedOrganizations: { kind: string }[] } } }>(
      orm,
      world.coordinator.viewer,
      `query($id: ID!) { matter(id: $id) { assessment { suggestedOrganizations { kind } } } }`,
      { id: m.id },
    );
    expect(suggested.data!.matter.assessment.suggestedOrganizations.map((o) => o.kind).sort()).toEqual(['COURT', 'LAW_FIRM', 'POLICE', 'PROCURATORATE']);
  });

  it('refuses a missing summary, a bad risk level and an unknown matter, leaving no rows', async () => {
    const { matter } = await buildMatter(orm, { world });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ matterId: matter.id, riskLevel: 'HIGH' }, 'BAD_USER_INPUT'],
      [{ matterId: matter.id, riskLevel: 'APOCALYPTIC', summary: 'x' }, 'BAD_USER_INPUT'],
      [{ matterId: matter.id, riskLevel: 'HIGH', summary: '' }, 'BAD_USER_INPUT'],
      [{ matterId: 'nope', riskLevel: 'HIGH', summary: 'x' }, 'BAD_USER_INPUT'],
      [{ matterId: '00000000-0000-4000-8000-000000000000', riskLevel: 'HIGH', summary: 'x' }, 'NOT_FOUND'],
    ];
    for (const [input, code] of cases) {
      const trace = await withoutTrace(orm, world.services.bus, () => gql(orm, world.coordinator.viewer, ASSESS, { input }, world.services));
      expect(errorCodes(trace.result!), JSON.stringify(input)).toEqual([code]);
      expect(trace.after).toEqual(trace.before);
      expect(trace.published).toBe(0);
    }
  });

  it('is for coordinators of the matter\'s own community: others get FORBIDDEN or NOT_FOUND', async () => {
    const { matter } = await buildMatter(orm, { world });
    const other = await buildWorld(orm, world.services);
    const input = { matterId: matter.id, riskLevel: 'LOW', summary: 'x' };
    for (const [viewer, code] of [
      [world.gridWorker.viewer, 'FORBIDDEN'],
      [other.coordinator.viewer, 'NOT_FOUND'],
      [world.agencies.JUDICIAL_OFFICE.viewer, 'NOT_FOUND'],
    ] as const) {
      const trace = await withoutTrace(orm, world.services.bus, () => gql(orm, viewer, ASSESS, { input }, world.services));
      expect(errorCodes(trace.result!)).toEqual([code]);
      expect(trace.after).toEqual(trace.before);
    }
  });

  it('refuses to assess a withdrawn matter (CONFLICT) without leaving rows', async () => {
    const { matter } = await buildMatter(orm, { world });
    await new MatterService(world.ctx(world.coordinator)).changeStatus({ matterId: matter.id, status: MatterStatus.WITHDRAWN });
    const trace = await withoutTrace(orm, world.services.bus, () =>
      gql(orm, world.coordinator.viewer, ASSESS, { input: { matterId: matter.id, riskLevel: 'LOW', summary: 'x' } }, world.services),
    );
    expect(errorCodes(trace.result!)).toEqual(['CONFLICT']);
    expect(trace.after).toEqual(trace.before);
  });
});

describe('changeMatterStatus', () => {
  it('follows the lifecycle: REPORTED → WITHDRAWN → CLOSED, one event per change', async () => {
    const { matter } = await buildMatter(orm, { world });
    const before = await countRows(orm);
    for (const status of [MatterStatus.WITHDRAWN, MatterStatus.CLOSED]) {
      const r = await gql<{ changeMatterStatus: { status: string } }>(orm, world.coordinator.viewer, CHANGE, { input: { matterId: matter.id, status, reason: '当事人撤回' } }, world.services);
      expect(r.errors).toBeUndefined();
      expect(r.data!.changeMatterStatus.status).toBe(status);
    }
    expect((await countRows(orm)).event - before.event).toBe(2);
  });

  const illegal: Array<[string, MatterStatus[], MatterStatus, string]> = [
    ['REPORTED → RESOLVED (skips assessment)', [], MatterStatus.RESOLVED, 'CONFLICT'],
    ['REPORTED → CLOSED', [], MatterStatus.CLOSED, 'CONFLICT'],
    ['REPORTED → REPORTED', [], MatterStatus.REPORTED, 'CONFLICT'],
    ['CLOSED → ESCALATED', [MatterStatus.WITHDRAWN, MatterStatus.CLOSED], MatterStatus.ESCALATED, 'CONFLICT'],
    ['WITHDRAWN → ASSESSING', [MatterStatus.WITHDRAWN], MatterStatus.ASSESSING, 'CONFLICT'],
    ['→ MEDIATING by hand', [], MatterStatus.MEDIATING, 'BAD_USER_INPUT'],
  ];
  it.each(illegal)('refuses %s and leaves no rows', async (_what, path, to, code) => {
    const { matter } = await buildMatter(orm, { world });
    for (const status of path) await new MatterService(world.ctx(world.coordinator)).changeStatus({ matterId: matter.id, status });
    const trace = await withoutTrace(orm, world.services.bus, () =>
      gql(orm, world.coordinator.viewer, CHANGE, { input: { matterId: matter.id, status: to } }, world.services),
    );
    expect(errorCodes(trace.result!)).toEqual([code]);
    expect(trace.after).toEqual(trace.before);
    expect(trace.published).toBe(0);
  });

  it('throws typed errors from the service too', async () => {
    const { matter } = await buildMatter(orm, { world });
    const err = await new MatterService(world.ctx(world.coordinator)).changeStatus({ matterId: matter.id, status: MatterStatus.ESCALATED }).catch((e) => e);
    expect(codeOf(err)).toBe('CONFLICT');
  });
});

describe('isolation of matters', () => {
  const READ = /* GraphQL */ `
    query($id: ID!) {
      matter(id: $id) { id title parties { name phone idNumber masked } timeline { cursor type } jointRequests { id invitations { status } } }
    }
  `;
  const LIST = /* GraphQL */ `query { matters(first: 100) { totalCount edges { node { id } } } }`;

  it('a non-invited agency gets NOT_FOUND and sees it nowhere; an invited one sees it, masked until it accepts', async () => {
    const { matter, invitations } = await buildConvenedMatter(orm, { world });
    // Not invited: court, procuratorate, police.
    for (const kind of [OrganizationKind.COURT, OrganizationKind.PROCURATORATE, OrganizationKind.POLICE] as const) {
      const viewer = world.agencies[kind].viewer;
      const read = await gql(orm, viewer, READ, { id: matter.id });
      expect(errorCodes(read)).toEqual(['NOT_FOUND']);
      expect(read.data?.matter ?? null).toBeNull();
      const list = await gql<{ matters: { totalCount: number; edges: { node: { id: string } }[] } }>(orm, viewer, LIST);
      expect(list.data!.matters.edges.map((e) => e.node.id)).not.toContain(matter.id);
      expect(list.data!.matters.totalCount).toBe(0);
      const invitationsOfKind = await gql<{ myInvitations: unknown[] }>(orm, viewer, `query { myInvitations { id } }`);
      expect(invitationsOfKind.data!.myInvitations).toEqual([]);
      const suggest = await gql(orm, viewer, `query($id: ID!) { suggestOrganizations(matterId: $id) { id } }`, { id: matter.id });
      expect(errorCodes(suggest)).toEqual(['NOT_FOUND']);
    }

    // Invited, not yet answered: visible, phone and ID numbers masked, nothing audited.
    const judicial = world.agencies.JUDICIAL_OFFICE;
    type Read = { matter: { parties: { phone: string | null; idNumber: string | null; masked: boolean }[]; timeline: { type: string }[] } };
    const masked = await gql<Read>(orm, judicial.viewer, READ, { id: matter.id });
    expect(masked.errors).toBeUndefined();
    expect(masked.data!.matter.parties[0]).toEqual(expect.objectContaining({ phone: '138****2345', idNumber: '6202**********1234', masked: true }));
    expect(masked.ctx.piiReads).toEqual([]);
    // Its timeline holds the request it was invited by, not the events before the invitation.
    expect(masked.data!.matter.timeline.map((e) => e.type)).toEqual([EventType.JOINT_MEDIATION_REQUESTED]);

    await new MediationService(world.ctx(judicial)).respond({ invitationId: invitations.JUDICIAL_OFFICE.id, accept: true });
    const open = await gql<Read>(orm, judicial.viewer, READ, { id: matter.id });
    expect(open.data!.matter.parties[0]).toEqual(expect.objectContaining({ phone: '13893712345', idNumber: '620201196503121234', masked: false }));
    // Three unmasked values (two phones, one ID number), each audited.
    expect(open.ctx.piiReads).toHaveLength(3);
    expect(open.ctx.piiReads.every((r) => r.matterId === matter.id)).toBe(true);
    expect(open.ctx.piiReads.map((r) => r.field).sort()).toEqual(['idNumber', 'phone', 'phone']);

    // The law firm, invited but not answering, still reads masked values.
    const lawFirm = await gql<Read>(orm, world.agencies.LAW_FIRM.viewer, READ, { id: matter.id });
    expect(lawFirm.data!.matter.parties[1].phone).toBe('139****4321');
    expect(lawFirm.ctx.piiReads).toEqual([]);
  });

  it('community staff of another community get NOT_FOUND and an empty list', async () => {
    const { matter } = await buildMatter(orm, { world });
    const other = await buildWorld(orm, world.services);
    const read = await gql(orm, other.coordinator.viewer, READ, { id: matter.id });
    expect(errorCodes(read)).toEqual(['NOT_FOUND']);
    const list = await gql<{ matters: { totalCount: number } }>(orm, other.coordinator.viewer, LIST);
    expect(list.data!.matters.totalCount).toBe(0);
  });

  it('lists its community\'s matters for the coordinator, newest first, with cursor pagination', async () => {
    const fresh = await buildWorld(orm, world.services);
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      world.services.clock.advance(1000);
      made.push((await buildMatter(orm, { world: fresh })).matter.id);
    }
    const page1 = await gql<{ matters: { totalCount: number; edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
      orm,
      fresh.coordinator.viewer,
      `query { matters(first: 2) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(page1.data!.matters.totalCount).toBe(3);
    expect(page1.data!.matters.edges.map((e) => e.node.id)).toEqual([made[2], made[1]]);
    expect(page1.data!.matters.pageInfo.hasNextPage).toBe(true);
    const page2 = await gql<{ matters: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean } } }>(
      orm,
      fresh.coordinator.viewer,
      `query($after: String) { matters(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }`,
      { after: page1.data!.matters.pageInfo.endCursor },
    );
    expect(page2.data!.matters.edges.map((e) => e.node.id)).toEqual([made[0]]);
    expect(page2.data!.matters.pageInfo.hasNextPage).toBe(false);
    const badCursor = await gql(orm, fresh.coordinator.viewer, `query { matters(after: "garbage") { totalCount } }`);
    expect(errorCodes(badCursor)).toEqual(['BAD_USER_INPUT']);
  });
});
