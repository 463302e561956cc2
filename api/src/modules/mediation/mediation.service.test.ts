import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Event } from '../../events/event.entity';
import { answer, assess, buildConvenedMatter, buildMatter, buildOrganization, buildUser, buildWorld, type World } from '../../test/factories';
import { codeOf, countRows, createTestDb, errorCodes, gql, withoutTrace } from '../../test/harness';
import { EventType, InvitationStatus, MatterStatus, OrganizationKind, UserRole } from '../common/enums';
import { Matter } from '../matter/matter.entity';
import { MatterService } from '../matter/matter.service';
import { Invitation } from './mediation.entity';
import { MediationService } from './mediation.service';

const REQUEST = /* GraphQL */ `
  mutation Request($input: RequestJointMediationInput!) {
    requestJointMediation(input: $input) { id message respondBy invitations { id status organization { id kind } } matter { id status } }
  }
`;
const RESPOND = /* GraphQL */ `
  mutation Respond($input: RespondToInvitationInput!) {
    respondToInvitation(input: $input) { id status note organization { kind } request { id matter { id } } }
  }
`;
const DAY = 86_400_000;

let orm: MikroORM;
let world: World;
const inDays = (n: number) => new Date(world.services.clock.now().getTime() + n * DAY).toISOString();

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
});

async function assessedMatter(): Promise<Matter> {
  const { matter } = await buildMatter(orm, { world });
  return assess(world, matter);
}

describe('requestJointMediation', () => {
  it('creates one invitation per organization, moves the matter to MEDIATING and notifies exactly them', async () => {
    const matter = await assessedMatter();
    const judicial = world.agencies.JUDICIAL_OFFICE.organization;
    const lawFirm = world.agencies.LAW_FIRM.organization;
    const before = await countRows(orm);
    const r = await gql<{ requestJointMediation: { id: string; invitations: { status: string; organization: { id: string } }[]; matter: { status: string } } }>(
      orm,
      world.coordinator.viewer,
      REQUEST,
      { input: { matterId: matter.id, organizationIds: [judicial.id, lawFirm.id, judicial.id], message: '请参与调解', respondBy: inDays(3) } },
      world.services,
    );
    expect(r.errors).toBeUndefined();
    const req = r.data!.requestJointMediation;
    expect(req.matter.status).toBe(MatterStatus.MEDIATING);
    expect(req.invitations.map((i) => i.organization.id).sort()).toEqual([judicial.id, lawFirm.id].sort());
    expect(req.invitations.every((i) => i.status === InvitationStatus.PENDING)).toBe(true);
    const after = await countRows(orm);
    expect(after.joint_mediation_request - before.joint_mediation_request).toBe(1);
    expect(after.invitation - before.invitation).toBe(2);
    expect(after.event - before.event).toBe(1);
    const event = await orm.em.fork().findOneOrFail(Event, { matterId: matter.id, type: EventType.JOINT_MEDIATION_REQUESTED });
    expect([...event.notifyOrgIds].sort()).toEqual([judicial.id, lawFirm.id].sort());
    expect([...event.audienceOrgIds].sort()).toEqual([judicial.id, lawFirm.id].sort());
  });

  it('lets a matter in mediation invite one more organization', async () => {
    const { matter, world: w } = await buildConvenedMatter(orm, { world, kinds: [OrganizationKind.JUDICIAL_OFFICE] });
    const more = await new MediationService(w.ctx(w.coordinator)).request({
      matterId: matter.id,
      organizationIds: [w.agencies.POLICE.organization.id],
      message: '请派出所到场',
      respondBy: new Date(inDays(1)),
    });
    expect(more.id).toBeTruthy();
  });

  it('refuses bad input with a clear code and leaves no rows', async () => {
    const matter = await assessedMatter();
    const unserved = await buildOrganization(orm, OrganizationKind.COURT); // serves another community
    const ok = { matterId: matter.id, organizationIds: [world.agencies.COURT.organization.id], message: '请参与', respondBy: inDays(2) };
    const cases: Array<[string, Record<string, unknown>, string, RegExp?]> = [
      ['a missing message', { ...ok, message: undefined }, 'BAD_USER_INPUT', /message/],
      ['no organization', { ...ok, organizationIds: [] }, 'BAD_USER_INPUT'],
      ['an organization id that is not an id', { ...ok, organizationIds: ['court'] }, 'BAD_USER_INPUT'],
      ['an unknown organization', { ...ok, organizationIds: ['00000000-0000-4000-8000-00000000abcd'] }, 'BAD_USER_INPUT', /Unknown organization/],
      ['an unknown organization among known ones', { ...ok, organizationIds: [world.agencies.COURT.organization.id, '00000000-0000-4000-8000-00000000abcd'] }, 'BAD_USER_INPUT', /Unknown organization/],
      ['an agency of another community', { ...ok, organizationIds: [unserved.id] }, 'BAD_USER_INPUT', /does not serve/],
      ['a community organization', { ...ok, organizationIds: [world.communityOrg.id] }, 'BAD_USER_INPUT', /not a partner agency/],
      ['a deadline in the past', { ...ok, respondBy: inDays(-1) }, 'BAD_USER_INPUT', /respondBy/],
      ['a deadline that is now', { ...ok, respondBy: world.services.clock.now().toISOString() }, 'BAD_USER_INPUT', /respondBy/],
      ['a deadline that is not a date', { ...ok, respondBy: 'next Tuesday' }, 'BAD_USER_INPUT'],
      ['an unknown matter', { ...ok, matterId: '00000000-0000-4000-8000-000000000001' }, 'NOT_FOUND'],
    ];
    for (const [what, input, code, message] of cases) {
      for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
      const trace = await withoutTrace(orm, world.services.bus, () => gql(orm, world.coordinator.viewer, REQUEST, { input }, world.services));
      expect(errorCodes(trace.result!), what).toEqual([code]);
      if (message) expect(trace.result!.errors![0].message, what).toMatch(message);
      expect(trace.after, what).toEqual(trace.before);
      expect(trace.published, what).toBe(0);
    }
    expect((await orm.em.fork().findOneOrFail(Matter, matter.id)).status).toBe(MatterStatus.ASSESSING);
  });

  it('refuses to convene before assessment, or a closed matter (CONFLICT), leaving no rows', async () => {
    const { matter: reported } = await buildMatter(orm, { world });
    const withdrawn = await assessedMatter();
    await new MatterService(world.ctx(world.coordinator)).changeStatus({ matterId: withdrawn.id, status: MatterStatus.WITHDRAWN });
    for (const m of [reported, withdrawn]) {
      const trace = await withoutTrace(orm, world.services.bus, () =>
        gql(orm, world.coordinator.viewer, REQUEST, { input: { matterId: m.id, organizationIds: [world.agencies.COURT.organization.id], message: 'x', respondBy: inDays(2) } }, world.services),
      );
      expect(errorCodes(trace.result!)).toEqual(['CONFLICT']);
      expect(trace.after).toEqual(trace.before);
    }
  });

  it('refuses a second invitation while one to the same organization is pending (CONFLICT)', async () => {
    const { matter } = await buildConvenedMatter(orm, { world });
    const trace = await withoutTrace(orm, world.services.bus, () =>
      new MediationService(world.ctx(world.coordinator)).request({
        matterId: matter.id,
        organizationIds: [world.agencies.LAW_FIRM.organization.id],
        message: '再次邀请',
        respondBy: new Date(inDays(2)),
      }),
    );
    expect(codeOf(trace.error)).toBe('CONFLICT');
    expect(trace.after).toEqual(trace.before);
  });

  it('is for coordinators: agencies, grid workers and other communities are refused', async () => {
    const matter = await assessedMatter();
    const other = await buildWorld(orm, world.services);
    const input = { matterId: matter.id, organizationIds: [world.agencies.COURT.organization.id], message: 'x', respondBy: inDays(2) };
    for (const [viewer, code] of [
      [world.agencies.COURT.viewer, 'NOT_FOUND'],
      [world.gridWorker.viewer, 'FORBIDDEN'],
      [other.coordinator.viewer, 'NOT_FOUND'],
      [null, 'UNAUTHENTICATED'],
    ] as const) {
      const trace = await withoutTrace(orm, world.services.bus, () => gql(orm, viewer, REQUEST, { input }, world.services));
      expect(errorCodes(trace.result!)).toEqual([code]);
      expect(trace.after).toEqual(trace.before);
    }
  });
});

describe('respondToInvitation', () => {
  it('accepts with an assignee by default the responder, and records the answer as an event', async () => {
    const { matter, invitations } = await buildConvenedMatter(orm, { world });
    const before = await countRows(orm);
    const r = await gql<{ respondToInvitation: { status: string; request: { matter: { id: string } } } }>(
      orm,
      world.agencies.JUDICIAL_OFFICE.viewer,
      RESPOND,
      { input: { invitationId: invitations.JUDICIAL_OFFICE.id, accept: true, note: '孙所长参加' } },
      world.services,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.respondToInvitation.status).toBe(InvitationStatus.ACCEPTED);
    expect(r.data!.respondToInvitation.request.matter.id).toBe(matter.id);
    const inv = await orm.em.fork().findOneOrFail(Invitation, invitations.JUDICIAL_OFFICE.id);
    expect(inv.assignee?.id).toBe(world.agencies.JUDICIAL_OFFICE.user.id);
    expect(inv.respondedAt?.toISOString()).toBe(world.services.clock.now().toISOString());
    expect((await countRows(orm)).event - before.event).toBe(1);
    const event = await orm.em.fork().findOneOrFail(Event, { matterId: matter.id, type: EventType.INVITATION_ACCEPTED });
    expect(event.payload.organizationId).toBe(world.agencies.JUDICIAL_OFFICE.organization.id);
  });

  it('declines with a reason, which the coordinator sees on the request', async () => {
    const { request, invitations } = await buildConvenedMatter(orm, { world });
    await answer(world, OrganizationKind.LAW_FIRM, invitations.LAW_FIRM, false, '本所律师与一方当事人存在利益冲突');
    const seen = await gql<{ matter: { jointRequests: { id: string; invitations: { status: string; note: string | null; organization: { kind: string } }[] }[] } }>(
      orm,
      world.coordinator.viewer,
      `query($id: ID!) { matter(id: $id) { jointRequests { id invitations { status note organization { kind } } } } }`,
      { id: request.matter.id },
    );
    const invs = seen.data!.matter.jointRequests[0].invitations;
    expect(invs.find((i) => i.organization.kind === 'LAW_FIRM')).toEqual({ status: 'DECLINED', note: '本所律师与一方当事人存在利益冲突', organization: { kind: 'LAW_FIRM' } });
    expect(invs.find((i) => i.organization.kind === 'JUDICIAL_OFFICE')!.status).toBe('PENDING');
  });

  it('refuses bad answers and leaves no rows', async () => {
    const { invitations } = await buildConvenedMatter(orm, { world });
    const own = invitations.LAW_FIRM.id;
    const lawFirm = world.agencies.LAW_FIRM.viewer;
    const staff = await buildUser(orm, UserRole.AGENCY_STAFF, world.agencies.COURT.organization);
    const cases: Array<[string, typeof lawFirm | null, Record<string, unknown>, string]> = [
      ['a decline without a reason', lawFirm, { invitationId: own, accept: false }, 'BAD_USER_INPUT'],
      ['a decline with a blank reason', lawFirm, { invitationId: own, accept: false, note: '   ' }, 'BAD_USER_INPUT'],
      ['a missing accept', lawFirm, { invitationId: own }, 'BAD_USER_INPUT'],
      ['an invitation id that is not an id', lawFirm, { invitationId: 'x', accept: true }, 'BAD_USER_INPUT'],
      ['an unknown invitation', lawFirm, { invitationId: '00000000-0000-4000-8000-000000000002', accept: true }, 'NOT_FOUND'],
      ["another organization's invitation", world.agencies.JUDICIAL_OFFICE.viewer, { invitationId: own, accept: true }, 'NOT_FOUND'],
      ["another organization's invitation, by its staff", staff.viewer, { invitationId: own, accept: true }, 'NOT_FOUND'],
      ['an assignee of another organization', lawFirm, { invitationId: own, accept: true, assigneeId: world.agencies.COURT.user.id }, 'BAD_USER_INPUT'],
      ['a coordinator answering for an agency', world.coordinator.viewer, { invitationId: own, accept: true }, 'FORBIDDEN'],
      ['an anonymous answer', null, { invitationId: own, accept: true }, 'UNAUTHENTICATED'],
    ];
    for (const [what, viewer, input, code] of cases) {
      const trace = await withoutTrace(orm, world.services.bus, () => gql(orm, viewer, RESPOND, { input }, world.services));
      expect(errorCodes(trace.result!), what).toEqual([code]);
      expect(trace.after, what).toEqual(trace.before);
      expect(trace.published, what).toBe(0);
    }
    expect((await orm.em.fork().findOneOrFail(Invitation, own)).status).toBe(InvitationStatus.PENDING);
  });

  it('refuses answering twice (CONFLICT) and keeps the first answer', async () => {
    const { invitations } = await buildConvenedMatter(orm, { world });
    await answer(world, OrganizationKind.JUDICIAL_OFFICE, invitations.JUDICIAL_OFFICE, true);
    for (const accept of [true, false]) {
      const trace = await withoutTrace(orm, world.services.bus, () =>
        gql(orm, world.agencies.JUDICIAL_OFFICE.viewer, RESPOND, { input: { invitationId: invitations.JUDICIAL_OFFICE.id, accept, note: '改变主意' } }, world.services),
      );
      expect(errorCodes(trace.result!)).toEqual(['CONFLICT']);
      expect(trace.after).toEqual(trace.before);
      expect(trace.published).toBe(0);
    }
    expect((await orm.em.fork().findOneOrFail(Invitation, invitations.JUDICIAL_OFFICE.id)).status).toBe(InvitationStatus.ACCEPTED);
  });

  it('refuses an answer after the deadline (CONFLICT)', async () => {
    const w = await buildWorld(orm);
    const { invitations } = await buildConvenedMatter(orm, { world: w });
    w.services.clock.advance(3 * DAY + 1);
    const trace = await withoutTrace(orm, w.services.bus, () => answer(w, OrganizationKind.LAW_FIRM, invitations.LAW_FIRM, true));
    expect(codeOf(trace.error)).toBe('CONFLICT');
    expect(trace.after).toEqual(trace.before);
  });
});

describe('myInvitations and party masking', () => {
  it("lists only the viewer's organization's invitations", async () => {
    const w = await buildWorld(orm, world.services);
    const { invitations } = await buildConvenedMatter(orm, { world: w });
    const mine = await gql<{ myInvitations: { id: string }[] }>(orm, w.agencies.LAW_FIRM.viewer, `query { myInvitations { id } }`);
    expect(mine.data!.myInvitations.map((i) => i.id)).toEqual([invitations.LAW_FIRM.id]);
    const pending = await gql<{ myInvitations: { id: string }[] }>(orm, w.agencies.LAW_FIRM.viewer, `query { myInvitations(status: ACCEPTED) { id } }`);
    expect(pending.data!.myInvitations).toEqual([]);
    const police = await gql<{ myInvitations: { id: string }[] }>(orm, w.agencies.POLICE.viewer, `query { myInvitations { id } }`);
    expect(police.data!.myInvitations).toEqual([]);
  });

  it('masks phone and ID numbers through the invitation until the agency accepts, then audits each read', async () => {
    const { invitations } = await buildConvenedMatter(orm, { world });
    const READ = `query { myInvitations(status: PENDING) { id request { matter { parties { phone idNumber } } } } }`;
    const READ_ALL = `query { myInvitations { id request { matter { parties { phone idNumber } } } } }`;
    type R = { myInvitations: { id: string; request: { matter: { parties: { phone: string | null; idNumber: string | null }[] } } }[] };
    const before = await gql<R>(orm, world.agencies.LAW_FIRM.viewer, READ);
    const inv = before.data!.myInvitations.find((i) => i.id === invitations.LAW_FIRM.id)!;
    expect(inv.request.matter.parties[0]).toEqual({ phone: '138****2345', idNumber: '6202**********1234' });
    expect(before.ctx.piiReads).toEqual([]);
    await answer(world, OrganizationKind.LAW_FIRM, invitations.LAW_FIRM, true);
    const after = await gql<R>(orm, world.agencies.LAW_FIRM.viewer, READ_ALL);
    const open = after.data!.myInvitations.find((i) => i.id === invitations.LAW_FIRM.id)!;
    expect(open.request.matter.parties[0]).toEqual({ phone: '13893712345', idNumber: '620201196503121234' });
    expect(after.ctx.piiReads.filter((r) => r.matterId === invitations.LAW_FIRM.matterId)).toHaveLength(3);
  });

  it('keeps masking for an agency that declined', async () => {
    const { matter, invitations } = await buildConvenedMatter(orm, { world });
    await answer(world, OrganizationKind.LAW_FIRM, invitations.LAW_FIRM, false, '人手不足');
    const r = await gql<{ matter: { parties: { phone: string }[] } }>(orm, world.agencies.LAW_FIRM.viewer, `query($id: ID!) { matter(id: $id) { parties { phone } } }`, { id: matter.id });
    expect(r.data!.matter.parties[0].phone).toBe('138****2345');
    expect(r.ctx.piiReads).toEqual([]);
  });
});

const ASSIGN = /* GraphQL */ `
  mutation Assign($input: AssignInvitationInput!) {
    assignInvitation(input: $input) { id status assignee { id displayName } organization { kind } }
  }
`;

describe('assignInvitation (指派承办人)', () => {
  it("lets the lead assign a colleague; the coordinator sees the assignee and the event on the matter's timeline", async () => {
    const { matter, invitations } = await buildConvenedMatter(orm, { world });
    const judicial = world.agencies.JUDICIAL_OFFICE;
    const staff = await buildUser(orm, UserRole.AGENCY_STAFF, judicial.organization, { displayName: '李调解员' });
    await answer(world, OrganizationKind.JUDICIAL_OFFICE, invitations.JUDICIAL_OFFICE, true);
    const before = await countRows(orm);
    const r = await gql<{ assignInvitation: { assignee: { id: string; displayName: string } } }>(
      orm, judicial.viewer, ASSIGN, { input: { invitationId: invitations.JUDICIAL_OFFICE.id, assigneeId: staff.user.id } }, world.services,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.assignInvitation.assignee).toEqual({ id: staff.user.id, displayName: '李调解员' });
    const after = await countRows(orm);
    expect(after.event - before.event).toBe(1);
    expect({ ...after, event: before.event }).toEqual(before);

    const event = await orm.em.fork().findOneOrFail(Event, { matterId: matter.id, type: EventType.INVITATION_ASSIGNED });
    expect(event.actorId).toBe(judicial.user.id);
    expect(event.communityId).toBe(world.community.id);
    expect(event.payload).toMatchObject({ invitationId: invitations.JUDICIAL_OFFICE.id, assigneeId: staff.user.id, assigneeName: '李调解员', previousAssigneeId: judicial.user.id });
    expect([...event.audienceOrgIds].sort()).toEqual([judicial.organization.id, world.agencies.LAW_FIRM.organization.id].sort());

    const seen = await gql<{ matter: { jointRequests: { invitations: { organization: { kind: string }; assignee: { displayName: string } | null }[] }[]; timeline: { type: string }[] } }>(
      orm, world.coordinator.viewer,
      `query($id: ID!) { matter(id: $id) { jointRequests { invitations { organization { kind } assignee { displayName } } } timeline { type } } }`,
      { id: matter.id },
    );
    const invs = seen.data!.matter.jointRequests[0].invitations;
    expect(invs.find((i) => i.organization.kind === 'JUDICIAL_OFFICE')!.assignee).toEqual({ displayName: '李调解员' });
    expect(invs.find((i) => i.organization.kind === 'LAW_FIRM')!.assignee).toBeNull();
    expect(seen.data!.matter.timeline.map((e) => e.type)).toContain(EventType.INVITATION_ASSIGNED);
  });

  it('assigns a pending invitation too, and naming the same person again records nothing', async () => {
    const { invitations } = await buildConvenedMatter(orm, { world });
    const lawFirm = world.agencies.LAW_FIRM;
    const service = () => new MediationService(world.ctx(lawFirm));
    const assigned = await service().assign({ invitationId: invitations.LAW_FIRM.id, assigneeId: lawFirm.user.id });
    expect(assigned.status).toBe(InvitationStatus.PENDING);
    expect(assigned.assignee?.id).toBe(lawFirm.user.id);
    const trace = await withoutTrace(orm, world.services.bus, () => service().assign({ invitationId: invitations.LAW_FIRM.id, assigneeId: lawFirm.user.id }));
    expect(trace.error).toBeUndefined();
    expect(trace.after).toEqual(trace.before);
    expect(trace.published).toBe(0);
  });

  it('refuses bad assignments with a clear code and leaves no rows', async () => {
    const { invitations } = await buildConvenedMatter(orm, { world });
    const judicial = world.agencies.JUDICIAL_OFFICE;
    const own = invitations.JUDICIAL_OFFICE.id;
    const staff = await buildUser(orm, UserRole.AGENCY_STAFF, judicial.organization);
    const gone = await buildUser(orm, UserRole.AGENCY_STAFF, judicial.organization, { active: false });
    const ok = { invitationId: own, assigneeId: staff.user.id };
    const cases: Array<[string, typeof judicial.viewer | null, Record<string, unknown>, string]> = [
      ['an invitation id that is not an id', judicial.viewer, { ...ok, invitationId: 'x' }, 'BAD_USER_INPUT'],
      ['an assignee id that is not an id', judicial.viewer, { ...ok, assigneeId: 'somebody' }, 'BAD_USER_INPUT'],
      ['a missing assignee', judicial.viewer, { invitationId: own }, 'BAD_USER_INPUT'],
      ['an unknown assignee', judicial.viewer, { ...ok, assigneeId: '00000000-0000-4000-8000-000000000003' }, 'BAD_USER_INPUT'],
      ['an assignee of another organization', judicial.viewer, { ...ok, assigneeId: world.agencies.COURT.user.id }, 'BAD_USER_INPUT'],
      ['a deactivated assignee', judicial.viewer, { ...ok, assigneeId: gone.user.id }, 'BAD_USER_INPUT'],
      ['an unknown invitation', judicial.viewer, { ...ok, invitationId: '00000000-0000-4000-8000-000000000004' }, 'NOT_FOUND'],
      ["another invited organization's invitation", world.agencies.LAW_FIRM.viewer, { ...ok, assigneeId: world.agencies.LAW_FIRM.user.id }, 'NOT_FOUND'],
      ['an agency that was not invited', world.agencies.POLICE.viewer, { ...ok, assigneeId: world.agencies.POLICE.user.id }, 'NOT_FOUND'],
      ['a staff member, not the lead', staff.viewer, ok, 'FORBIDDEN'],
      ['the coordinator', world.coordinator.viewer, ok, 'FORBIDDEN'],
      ['nobody signed in', null, ok, 'UNAUTHENTICATED'],
    ];
    for (const [what, viewer, input, code] of cases) {
      const trace = await withoutTrace(orm, world.services.bus, () => gql(orm, viewer, ASSIGN, { input }, world.services));
      expect(errorCodes(trace.result!), what).toEqual([code]);
      expect(trace.after, what).toEqual(trace.before);
      expect(trace.published, what).toBe(0);
    }
    expect((await orm.em.fork().findOneOrFail(Invitation, own)).assignee).toBeNull();
  });

  it('refuses a declined, an expired or an overdue invitation (CONFLICT)', async () => {
    const w = await buildWorld(orm);
    const { invitations } = await buildConvenedMatter(orm, { world: w });
    await answer(w, OrganizationKind.LAW_FIRM, invitations.LAW_FIRM, false, '利益冲突');
    const judicial = w.agencies.JUDICIAL_OFFICE;
    const lawFirm = w.agencies.LAW_FIRM;
    const assign = (actor: typeof judicial, invitationId: string) =>
      withoutTrace(orm, w.services.bus, () => new MediationService(w.ctx(actor)).assign({ invitationId, assigneeId: actor.user.id }));

    const declined = await assign(lawFirm, invitations.LAW_FIRM.id);
    expect(codeOf(declined.error)).toBe('CONFLICT');
    expect(declined.after).toEqual(declined.before);

    w.services.clock.advance(3 * DAY + 1);
    const overdue = await assign(judicial, invitations.JUDICIAL_OFFICE.id);
    expect(codeOf(overdue.error)).toBe('CONFLICT');
    expect(overdue.after).toEqual(overdue.before);

    await orm.em.fork().nativeUpdate(Invitation, { id: invitations.JUDICIAL_OFFICE.id }, { status: InvitationStatus.EXPIRED });
    const expired = await assign(judicial, invitations.JUDICIAL_OFFICE.id);
    expect(codeOf(expired.error)).toBe('CONFLICT');
    expect(expired.after).toEqual(expired.before);
  });
});

describe('assignableUsers', () => {
  it("lists the lead's own organization's active members, and only to a lead", async () => {
    const w = await buildWorld(orm, world.services);
    const judicial = w.agencies.JUDICIAL_OFFICE;
    const staff = await buildUser(orm, UserRole.AGENCY_STAFF, judicial.organization, { displayName: '钱干事' });
    await buildUser(orm, UserRole.AGENCY_STAFF, judicial.organization, { displayName: '已离职', active: false });
    const QUERY = `query { assignableUsers { id displayName role } }`;
    const r = await gql<{ assignableUsers: { id: string }[] }>(orm, judicial.viewer, QUERY);
    expect(r.data!.assignableUsers.map((u) => u.id).sort()).toEqual([judicial.user.id, staff.user.id].sort());
    for (const viewer of [staff.viewer, w.coordinator.viewer]) {
      expect(errorCodes(await gql(orm, viewer, QUERY))).toEqual(['FORBIDDEN']);
    }
    expect(errorCodes(await gql(orm, null, QUERY))).toEqual(['UNAUTHENTICATED']);
  });
});
