import type { Context } from '../../context';
import { badInput, conflict } from '../../errors';
import { User } from '../auth/user.entity';
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

  /**
   * 回访: a fulfilled agreement closes the matter; an unfulfilled one reopens it for mediation.
   * A matter closes only when every open term of its agreement is performed or waived with a
   * reason: the visit says which (termsPerformed / termsWaived); a term left open is a CONFLICT.
   */
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
      const open = await em.find(AgreementTerm, { session: { matter }, performedAt: null, supersededAt: null, waivedAt: null }, { orderBy: { position: 'asc' } });
      const openIds = new Set(open.map((t) => t.id));
      const performedIds = new Set(input.termsPerformed ?? []);
      const waivers = new Map((input.termsWaived ?? []).map((w) => [w.termId, w.reason.trim()]));
      for (const id of [...performedIds, ...waivers.keys()]) {
        if (!openIds.has(id)) throw badInput('Only open terms of this matter\'s agreement can be recorded as performed or waived', 'termsPerformed');
        if (performedIds.has(id) && waivers.has(id)) throw badInput('A term is either performed or waived, not both', 'termsWaived');
      }
      if ([...waivers.values()].some((r) => !r)) throw badInput('A waiver needs its reason', 'termsWaived');
      const termEvents: Array<[EventType, Record<string, unknown>]> = [];
      for (const term of open) {
        const base = { sessionId: term.session.id, termId: term.id, description: term.description, amount: term.amount ?? null, dueAt: term.dueAt?.toISOString() ?? null };
        if (performedIds.has(term.id)) {
          term.performedAt = now;
          term.performedNote = '回访确认已履行';
          term.performedRecordedBy = em.getReference(User, viewer.userId, { wrapped: true });
          termEvents.push([EventType.AGREEMENT_TERM_PERFORMED, { ...base, late: !!term.dueAt && term.dueAt.getTime() < now.getTime() }]);
        } else if (waivers.has(term.id)) {
          term.waivedAt = now;
          term.waivedReason = waivers.get(term.id)!;
          term.waivedBy = em.getReference(User, viewer.userId, { wrapped: true });
          termEvents.push([EventType.AGREEMENT_TERM_WAIVED, { ...base, reason: term.waivedReason }]);
        }
      }
      const unsettled = open.filter((t) => !performedIds.has(t.id) && !waivers.has(t.id));
      if (to === MatterStatus.CLOSED && unsettled.length) {
        throw conflict('A matter closes only when every term of its agreement is performed or waived with a reason', {
          openTerms: unsettled.map((t) => ({ id: t.id, description: t.description, amount: t.amount ?? null, dueAt: t.dueAt?.toISOString() ?? null })),
        });
      }
      for (const [type, payload] of termEvents) await recordMatterEvent(em, events, matter, type, viewer.userId, payload);
      matter.status = to;
      if (to === MatterStatus.CLOSED) matter.closedAt = now;
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
