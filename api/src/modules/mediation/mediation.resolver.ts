import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../context';
import { notFound } from '../../errors';
import { activityStream, eventSubject } from '../../events/activity.stream';
import { freshForEvent } from '../../events/activity.resolver';
import type { PublishedEvent } from '../../events/event-bus';
import { User } from '../auth/user.entity';
import { Organization } from '../community/community.entity';
import { InvitationStatus } from '../common/enums';
import { authorize, can, loadVisibleMatter, requireActor } from '../../policy';
import { Matter } from '../matter/matter.entity';
import { AssignInvitationInput, RequestJointMediationInput, RespondToInvitationInput } from './dto/mediation.inputs';
import { Invitation, JointMediationRequest } from './mediation.entity';
import { MediationService } from './mediation.service';

// Not `yield*`: a delegating generator would hold back return() while the stream waits.
function invitationsFor(ctx: Context): AsyncGenerator<PublishedEvent> {
  const viewer = requireActor(ctx);
  return activityStream(ctx, undefined, (e) => can(viewer, 'receiveInvitation', eventSubject(e)));
}

@Resolver(() => Invitation)
export class InvitationResolver {
  @Query(() => [Invitation], { description: "Invitations of the viewer's organization, newest first" })
  async myInvitations(
    @Arg('status', () => InvitationStatus, { nullable: true }) status: InvitationStatus | null,
    @Ctx() ctx: Context,
  ): Promise<Invitation[]> {
    return new MediationService(ctx).myInvitations(status);
  }

  @Mutation(() => JointMediationRequest, { description: '发起联合调解请求' })
  async requestJointMediation(
    @Arg('input', () => RequestJointMediationInput) input: RequestJointMediationInput,
    @Ctx() ctx: Context,
  ): Promise<JointMediationRequest> {
    return new MediationService(ctx).request(input);
  }

  @Mutation(() => Invitation, { description: 'Accept or decline (with a reason) an invitation of your organization' })
  async respondToInvitation(@Arg('input', () => RespondToInvitationInput) input: RespondToInvitationInput, @Ctx() ctx: Context): Promise<Invitation> {
    return new MediationService(ctx).respond(input);
  }

  @Mutation(() => Invitation, { description: '指派承办人: AGENCY_LEAD of the invited organization; a pending or accepted invitation' })
  async assignInvitation(@Arg('input', () => AssignInvitationInput) input: AssignInvitationInput, @Ctx() ctx: Context): Promise<Invitation> {
    return new MediationService(ctx).assign(input);
  }

  @Query(() => [User], { description: "AGENCY_LEAD: the active members of the viewer's organization, to assign invitations to" })
  async assignableUsers(@Ctx() ctx: Context): Promise<User[]> {
    return new MediationService(ctx).assignableUsers();
  }

  @Subscription(() => Invitation, {
    description: 'Pushed to every member of an invited organization, and to no one else',
    subscribe: ({ context }) => invitationsFor(context as Context),
  })
  async invitationReceived(@Root() event: PublishedEvent, @Ctx() ctx: Context): Promise<Invitation> {
    freshForEvent(ctx, event);
    const actor = authorize(ctx.viewer, 'receiveInvitation', eventSubject(event));
    const id = (event.payload.invitations as Record<string, string> | undefined)?.[actor.organizationId];
    const invitation = id ? await ctx.em.getReference(Invitation, id, { wrapped: true }).load() : null;
    if (!invitation) throw notFound('Invitation', id);
    // Never another organization's invitation: NOT_FOUND, as the policy says (not UNAUTHENTICATED,
    // which would sign the agency's console out).
    authorize(actor, 'read', { type: 'invitation', id: invitation.id, organizationId: invitation.organization.id });
    return invitation;
  }

  @FieldResolver(() => Organization)
  async organization(@Root() i: Invitation): Promise<Organization> {
    return i.organization.load() as Promise<Organization>;
  }

  @FieldResolver(() => JointMediationRequest)
  async request(@Root() i: Invitation): Promise<JointMediationRequest> {
    return i.request.load() as Promise<JointMediationRequest>;
  }

  @FieldResolver(() => User, { nullable: true, description: '承办人: who in the organization takes the matter on' })
  async assignee(@Root() i: Invitation): Promise<User | null> {
    return i.assignee ? ((await i.assignee.load()) ?? null) : null;
  }

  @FieldResolver(() => User, { nullable: true })
  async respondedBy(@Root() i: Invitation): Promise<User | null> {
    return i.respondedBy ? ((await i.respondedBy.load()) ?? null) : null;
  }
}

@Resolver(() => JointMediationRequest)
export class JointMediationRequestResolver {
  @FieldResolver(() => Matter)
  async matter(@Root() r: JointMediationRequest, @Ctx() ctx: Context): Promise<Matter> {
    // Re-checked: an invitation can be read only by its organization, but be strict anyway.
    return loadVisibleMatter(ctx, r.matter.id);
  }

  @FieldResolver(() => [Invitation])
  async invitations(@Root() r: JointMediationRequest): Promise<Invitation[]> {
    return (await r.invitations.load()).getItems();
  }

  @FieldResolver(() => User, { nullable: true })
  async requestedBy(@Root() r: JointMediationRequest): Promise<User | null> {
    return r.requestedBy ? ((await r.requestedBy.load()) ?? null) : null;
  }
}
