import type { Context } from '../../context';
import { badInput, conflict, notFound } from '../../errors';
import { mutate } from '../../events/event.service';
import { User } from '../auth/user.entity';
import { Organization } from '../community/community.entity';
import { AGENCY_KINDS, EventType, InvitationStatus, MatterStatus } from '../common/enums';
import { authorize, authorizeMatter, can, loadVisibleMatter, PLATFORM, requireActor } from '../../policy';
import { Matter } from '../matter/matter.entity';
import { assertTransition } from '../matter/matter.lifecycle';
import { recordMatterEvent } from '../matter/matter.service';
import type { AssignInvitationInput, RequestJointMediationInput, RespondToInvitationInput } from './dto/mediation.inputs';
import { Invitation, JointMediationRequest } from './mediation.entity';

export class MediationService {
  constructor(private readonly ctx: Context) {}

  /** 联合调解请求: one invitation per organization, pushed live to each of them. */
  async request(input: RequestJointMediationInput): Promise<JointMediationRequest> {
    const now = this.ctx.clock.now();
    if (!(input.respondBy instanceof Date) || input.respondBy.getTime() <= now.getTime()) {
      throw badInput('respondBy must be in the future', 'respondBy');
    }
    const orgIds = [...new Set(input.organizationIds)];
    return mutate(this.ctx, async (em, events) => {
      const matter = await loadVisibleMatter(this.ctx, input.matterId, em);
      const viewer = await authorizeMatter(this.ctx, 'requestJointMediation', matter, em);
      if (matter.status === MatterStatus.REPORTED) throw conflict('Assess the matter before convening agencies', { status: matter.status });
      if (matter.status !== MatterStatus.MEDIATING) assertTransition(matter.status, MatterStatus.MEDIATING);
      const orgs = await em.find(Organization, { id: { $in: orgIds } }, { populate: ['servedCommunities'] });
      const unknown = orgIds.filter((id) => !orgs.some((o) => o.id === id));
      if (unknown.length) throw badInput(`Unknown organization: ${unknown.join(', ')}`, 'organizationIds');
      for (const org of orgs) {
        if (!AGENCY_KINDS.includes(org.kind)) throw badInput(`${org.name} is not a partner agency`, 'organizationIds');
        if (!org.servedCommunities.getItems().some((c) => c.id === matter.community.id)) {
          throw badInput(`${org.name} does not serve this community`, 'organizationIds');
        }
      }
      const pending = await em.count(Invitation, { matterId: matter.id, organization: { $in: orgIds }, status: InvitationStatus.PENDING });
      if (pending > 0) throw conflict('An invitation to one of these organizations is still waiting for an answer');

      const request = em.create(JointMediationRequest, {
        matter,
        message: input.message.trim(),
        respondBy: input.respondBy,
        requestedBy: viewer.userId,
        createdAt: now,
      });
      const invitations = orgs.map((org) =>
        em.create(Invitation, { request, matterId: matter.id, matterCreatedAt: matter.createdAt, organization: org, status: InvitationStatus.PENDING, createdAt: now }),
      );
      const from = matter.status;
      if (matter.status !== MatterStatus.MEDIATING) matter.status = MatterStatus.MEDIATING;
      await em.flush();
      await recordMatterEvent(
        em,
        events,
        matter,
        EventType.JOINT_MEDIATION_REQUESTED,
        viewer.userId,
        {
          requestId: request.id,
          respondBy: request.respondBy.toISOString(),
          invitations: Object.fromEntries(invitations.map((i) => [i.organization.id, i.id])),
          organizationNames: orgs.map((o) => o.name),
          from,
          to: matter.status,
        },
        { notifyOrgIds: orgIds },
      );
      return request;
    });
  }

  async respond(input: RespondToInvitationInput): Promise<Invitation> {
    const viewer = authorize(this.ctx.viewer, 'answerInvitations', PLATFORM, { message: 'Only agency members answer invitations' });
    const note = input.note?.trim() || null;
    if (!input.accept && !note) throw badInput('Give a reason when declining', 'note');
    return mutate(this.ctx, async (em, events) => {
      const invitation = await em.findOne(Invitation, { id: input.invitationId }, { populate: ['request', 'organization'] });
      // Another organization's invitation is indistinguishable from a missing one.
      if (!invitation) throw notFound('Invitation', input.invitationId);
      authorize(viewer, 'respond', { type: 'invitation', id: invitation.id, organizationId: invitation.organization.id });
      if (invitation.status !== InvitationStatus.PENDING) {
        throw conflict(`This invitation was already answered (${invitation.status})`, { status: invitation.status });
      }
      const now = this.ctx.clock.now();
      if (invitation.request.getEntity().respondBy <= now) throw conflict('The deadline to answer has passed', { status: 'EXPIRED' });
      let assigneeId = viewer.userId;
      if (input.assigneeId) {
        const assignee = await em.findOne(User, { id: input.assigneeId, organization: viewer.organizationId, active: true });
        if (!assignee) throw badInput('The assignee must be a member of your organization', 'assigneeId');
        assigneeId = assignee.id;
      }
      invitation.status = input.accept ? InvitationStatus.ACCEPTED : InvitationStatus.DECLINED;
      invitation.note = note;
      invitation.respondedAt = now;
      invitation.respondedBy = em.getReference(User, viewer.userId, { wrapped: true });
      invitation.assignee = input.accept ? em.getReference(User, assigneeId, { wrapped: true }) : null;
      const matter = await em.findOneOrFail(Matter, { id: invitation.matterId });
      await recordMatterEvent(em, events, matter, input.accept ? EventType.INVITATION_ACCEPTED : EventType.INVITATION_DECLINED, viewer.userId, {
        requestId: invitation.request.id,
        invitationId: invitation.id,
        organizationId: invitation.organization.id,
        organizationName: invitation.organization.getEntity().name,
        note,
        // Who takes it on, so that person's console can tell them (指派承办人 at acceptance).
        assigneeId: input.accept ? assigneeId : null,
      });
      return invitation;
    });
  }

  /**
   * 指派承办人: the lead of the invited organization names who in it takes the matter on, while
   * the invitation is waiting for an answer or after accepting it (not once declined or expired).
   */
  async assign(input: AssignInvitationInput): Promise<Invitation> {
    const viewer = authorize(this.ctx.viewer, 'assignInvitations', PLATFORM, { message: 'Only the lead of the invited organization assigns a person' });
    return mutate(this.ctx, async (em, events) => {
      const invitation = await em.findOne(Invitation, { id: input.invitationId }, { populate: ['request', 'organization'] });
      // Another organization's invitation is indistinguishable from a missing one.
      if (!invitation) throw notFound('Invitation', input.invitationId);
      authorize(viewer, 'assign', { type: 'invitation', id: invitation.id, organizationId: invitation.organization.id });
      if (invitation.status !== InvitationStatus.PENDING && invitation.status !== InvitationStatus.ACCEPTED) {
        throw conflict(`This invitation was ${invitation.status.toLowerCase()}; there is nobody to assign`, { status: invitation.status });
      }
      if (invitation.status === InvitationStatus.PENDING && invitation.request.getEntity().respondBy <= this.ctx.clock.now()) {
        throw conflict('The deadline to answer has passed', { status: InvitationStatus.EXPIRED });
      }
      const assignee = await em.findOne(User, { id: input.assigneeId, organization: viewer.organizationId });
      if (!assignee) throw badInput('The assignee must be a member of your organization', 'assigneeId');
      if (!assignee.active) throw badInput(`${assignee.displayName} no longer has an active account`, 'assigneeId');
      // Naming the same person again changes nothing and is not news on the timeline.
      if (invitation.assignee?.id === assignee.id) return invitation;
      const previousAssigneeId = invitation.assignee?.id ?? null;
      invitation.assignee = em.getReference(User, assignee.id, { wrapped: true });
      const matter = await em.findOneOrFail(Matter, { id: invitation.matterId });
      await recordMatterEvent(em, events, matter, EventType.INVITATION_ASSIGNED, viewer.userId, {
        requestId: invitation.request.id,
        invitationId: invitation.id,
        organizationId: invitation.organization.id,
        organizationName: invitation.organization.getEntity().name,
        assigneeId: assignee.id,
        assigneeName: assignee.displayName,
        previousAssigneeId,
      });
      return invitation;
    });
  }

  /** Who an agency lead can assign: the active members of their own organization. */
  async assignableUsers(): Promise<User[]> {
    const viewer = authorize(this.ctx.viewer, 'assignInvitations', PLATFORM, { message: 'Only an agency lead assigns people' });
    return this.ctx.em.find(User, { organization: viewer.organizationId, active: true }, { orderBy: { displayName: 'asc', id: 'asc' } });
  }

  async myInvitations(status?: InvitationStatus | null): Promise<Invitation[]> {
    const viewer = requireActor(this.ctx);
    // Only an organization that can be invited has invitations to list (not community staff, not an auditor).
    if (!can(viewer, 'read', { type: 'invitation', organizationId: viewer.organizationId })) return [];
    return this.ctx.em.find(
      Invitation,
      { organization: viewer.organizationId, ...(status ? { status } : {}) },
      { orderBy: { createdAt: 'desc' }, limit: 200 },
    );
  }
}

