import type { Context } from '../../context';
import { badInput, conflict } from '../../errors';
import { mutate } from '../../events/event.service';
import { Organization } from '../community/community.entity';
import { EventType, MatterStatus } from '../common/enums';
import { authorizeMatter, loadVisibleMatter, reachOf, requireActor } from '../../policy';
import { recordMatterEvent } from '../matter/matter.service';
import type { AddOpinionInput } from './dto/opinion.inputs';
import { OPINION_MAX_LENGTH, Opinion, OpinionKind } from './opinion.entity';

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
    const viewer = requireActor(this.ctx);
    const body = input.body.trim();
    if (!body) throw badInput('Write the opinion', 'body');
    if (body.length > OPINION_MAX_LENGTH) throw badInput(`An opinion has at most ${OPINION_MAX_LENGTH} characters`, 'body');
    return mutate(this.ctx, async (em, events) => {
      const matter = await loadVisibleMatter(this.ctx, input.matterId, em);
      await authorizeMatter(this.ctx, 'addOpinion', matter, em, {
        message:
          reachOf(viewer) === 'invited'
            ? 'Only organizations that accepted an invitation to this matter add opinions'
            : "Opinions are added by the matter's coordinators and mediators, or an agency that accepted",
      });
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
