import type { Context } from '../../context';
import { conflict } from '../../errors';
import { mutate } from '../../events/event.service';
import { EventType, MatterStatus } from '../common/enums';
import { authorizeMatter, loadVisibleMatter } from '../../policy';
import { assertTransition } from '../matter/matter.lifecycle';
import { recordMatterEvent } from '../matter/matter.service';
import type { RecordFollowUpInput } from './dto/followup.inputs';
import { FollowUp } from './followup.entity';
import { AgreementTerm } from '../session/session.entity';

export class FollowUpService {
  constructor(private readonly ctx: Context) {}

  /** 回访: a fulfilled agreement closes the matter; an unfulfilled one reopens it for mediation. */
  async record(input: RecordFollowUpInput): Promise<FollowUp> {
    return mutate(this.ctx, async (em, events) => {
      const matter = await loadVisibleMatter(this.ctx, input.matterId, em);
      const viewer = await authorizeMatter(this.ctx, 'recordFollowUp', matter, em);
      if (matter.status !== MatterStatus.RESOLVED) {
        throw conflict('Follow-up visits are recorded for resolved matters', { status: matter.status });
      }
      const now = this.ctx.clock.now();
      const followUp = em.create(FollowUp, {
        matter,
        agreementFulfilled: input.agreementFulfilled,
        satisfaction: input.satisfaction ?? null,
        notes: input.notes?.trim() || null,
        recordedBy: viewer.userId,
        createdAt: now,
      });
      const from = matter.status;
      const to = input.agreementFulfilled ? MatterStatus.CLOSED : MatterStatus.MEDIATING;
      assertTransition(from, to);
      matter.status = to;
      if (to === MatterStatus.CLOSED) {
        matter.closedAt = now;
        // The visit found the agreement fulfilled: terms nobody ticked off are performed, not overdue.
        const open = await em.find(AgreementTerm, { session: { matter }, performedAt: null });
        for (const term of open) {
          term.performedAt = now;
          term.performedNote = '回访确认协议已履行';
        }
      }
      else matter.resolvedAt = null;
      await recordMatterEvent(em, events, matter, EventType.FOLLOW_UP_RECORDED, viewer.userId, {
        followUpId: followUp.id,
        agreementFulfilled: input.agreementFulfilled,
        satisfaction: input.satisfaction ?? null,
        from,
        to,
      });
      return followUp;
    });
  }
}
