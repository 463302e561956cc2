import type { Context } from '../../context';
import { badInput, conflict, forbidden, unauthenticated } from '../../errors';
import { mutate } from '../../events/event.service';
import { Organization } from '../community/community.entity';
import { EventType, InvitationStatus, MatterStatus, UserRole } from '../common/enums';
import { loadVisibleMatter, requireCommunityStaff } from '../matter/matter.access';
import { recordMatterEvent } from '../matter/matter.service';
import { Invitation } from '../mediation/mediation.entity';
import type { AddOpinionInput } from './dto/opinion.inputs';
import { OPINION_MAX_LENGTH, Opinion, OpinionKind } from './opinion.entity';

const AGENCY_ROLES = [UserRole.AGENCY_LEAD, UserRole.AGENCY_STAFF];
/** Community staff who take part in mediation; grid workers report and visit, they do not opine. */
export const COMMUNITY_OPINION_ROLES = [UserRole.COORDINATOR, UserRole.MEDIATOR];
/** A withdrawn or closed matter's record is final. */
const FINAL_STATUSES = [MatterStatus.WITHDRAWN, MatterStatus.CLOSED];
const EXCERPT_LENGTH = 60;

export class OpinionService {
  constructor(private readonly ctx: Context) {}

  /**
   * 添加意见: a partner agency whose organization accepted an invitation to the matter, or a
   * coordinator or mediator of the matter's community. An agency that was invited but has not
   * accepted sees the matter and may not opine (FORBIDDEN); one never invited does not see it
   * (NOT_FOUND).
   */
  async add(input: AddOpinionInput): Promise<Opinion> {
    const viewer = this.ctx.viewer;
    if (!viewer) throw unauthenticated();
    const body = input.body.trim();
    if (!body) throw badInput('Write the opinion', 'body');
    if (body.length > OPINION_MAX_LENGTH) throw badInput(`An opinion has at most ${OPINION_MAX_LENGTH} characters`, 'body');
    return mutate(this.ctx, async (em, events) => {
      const matter = await loadVisibleMatter(this.ctx, input.matterId, em);
      if (AGENCY_ROLES.includes(viewer.role)) {
        const accepted = await em.count(Invitation, { matterId: matter.id, organization: viewer.organizationId, status: InvitationStatus.ACCEPTED });
        if (accepted === 0) throw forbidden('Only organizations that accepted an invitation to this matter add opinions');
      } else {
        requireCommunityStaff(this.ctx, matter, COMMUNITY_OPINION_ROLES);
      }
      if (FINAL_STATUSES.includes(matter.status)) throw conflict(`The matter is ${matter.status}; no more opinions`, { status: matter.status });
      const organization = await em.findOneOrFail(Organization, { id: viewer.organizationId });
      const opinion = em.create(Opinion, {
        matter,
        kind: input.kind ?? OpinionKind.SUGGESTION,
        body,
        author: viewer.userId,
        organization,
        createdAt: this.ctx.clock.now(),
      });
      await recordMatterEvent(em, events, matter, EventType.OPINION_ADDED, viewer.userId, {
        opinionId: opinion.id,
        kind: opinion.kind,
        organizationId: organization.id,
        organizationName: organization.name,
        excerpt: body.length > EXCERPT_LENGTH ? `${body.slice(0, EXCERPT_LENGTH)}…` : body,
      });
      return opinion;
    });
  }
}
