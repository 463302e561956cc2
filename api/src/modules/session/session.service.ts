import type { Context } from '../../context';
import { User } from '../auth/user.entity';
import { badInput, conflict, notFound } from '../../errors';
import { mutate } from '../../events/event.service';
import { EventType, InvitationStatus, MatterStatus, SessionOutcome } from '../common/enums';
import { authorize, authorizeMatter, authorizeSession, loadVisibleMatter, PLATFORM, requireActor } from '../../policy';
import { Matter } from '../matter/matter.entity';
import { assertTransition } from '../matter/matter.lifecycle';
import { recordMatterEvent } from '../matter/matter.service';
import { Invitation } from '../mediation/mediation.entity';
import type {
  ConfirmAgreementArgs,
  CorrectSessionOutcomeInput,
  MarkTermPerformedInput,
  RecordSessionAttendanceInput,
  RecordSessionOutcomeInput,
  ScheduleJointSessionInput,
} from './dto/session.inputs';
import { findSessionConflicts } from './session.conflicts';
import { AgreementTerm, JointSession } from './session.entity';

export class SessionService {
  constructor(private readonly ctx: Context) {}

  /** 联合调解会: only organizations that accepted an invitation for the matter can be convened. */
  async schedule(input: ScheduleJointSessionInput): Promise<JointSession> {
    const orgIds = [...new Set(input.organizationIds)];
    return mutate(this.ctx, async (em, events) => {
      const matter = await loadVisibleMatter(this.ctx, input.matterId, em);
      const viewer = await authorizeMatter(this.ctx, 'scheduleSession', matter, em);
      if (matter.status !== MatterStatus.MEDIATING) {
        throw conflict('Sessions are scheduled for matters in mediation', { status: matter.status });
      }
      if (input.startsAt.getTime() < this.ctx.clock.now().getTime() - 60_000) throw badInput('startsAt must not be in the past', 'startsAt');
      const accepted = await em.find(Invitation, { matterId: matter.id, status: InvitationStatus.ACCEPTED, organization: { $in: orgIds } });
      const acceptedIds = new Set(accepted.map((i) => i.organization.id));
      const missing = orgIds.filter((id) => !acceptedIds.has(id));
      if (missing.length) throw badInput('Only organizations that accepted an invitation for this matter can be convened', 'organizationIds');
      const session = em.create(JointSession, {
        matter,
        startsAt: input.startsAt,
        venue: input.venue.trim(),
        agenda: input.agenda?.trim() || null,
        organizationIds: orgIds,
        createdBy: viewer.userId,
        createdAt: this.ctx.clock.now(),
      });
      // A clash is a warning for the coordinator, not a refusal: agencies often send two people.
      const clashes = await findSessionConflicts(em, { startsAt: session.startsAt, organizationIds: orgIds, excludeSessionId: session.id });
      await recordMatterEvent(em, events, matter, EventType.SESSION_SCHEDULED, viewer.userId, {
        sessionId: session.id,
        startsAt: session.startsAt.toISOString(),
        venue: session.venue,
        organizationIds: orgIds,
        conflictingOrganizationIds: [...new Set(clashes.map((c) => c.organizationId))],
      });
      return session;
    });
  }

  async recordOutcome(input: RecordSessionOutcomeInput): Promise<JointSession> {
    requireActor(this.ctx);
    const terms = input.terms ?? [];
    if (input.outcome === SessionOutcome.AGREEMENT && terms.length === 0) {
      throw badInput('An agreement needs at least one term', 'terms');
    }
    return mutate(this.ctx, async (em, events) => {
      const session = await em.findOne(JointSession, { id: input.sessionId });
      if (!session) throw notFound('JointSession', input.sessionId);
      const asked = { notFoundAs: { what: 'JointSession', id: input.sessionId } };
      const matter = await loadVisibleMatter(this.ctx, session.matter.id, em, asked);
      const viewer = await authorizeMatter(this.ctx, 'recordSessionOutcome', matter, em, asked);
      if (session.outcome) throw conflict('The outcome of this session was already recorded', { outcome: session.outcome });
      const now = this.ctx.clock.now();
      // The printed agreement is dated by the session: an outcome cannot precede it. A session
      // held earlier than planned has its actual time corrected here, on the record.
      const scheduledAt = session.startsAt;
      if (input.heldAt) {
        if (input.heldAt.getTime() > now.getTime()) throw badInput('heldAt must not be in the future', 'heldAt');
        // Times are chosen to the minute in the console: a session held in the minute the matter
        // was registered (a walk-in mediated on the spot) gives that minute, seconds before it.
        const registeredMinute = Math.floor(matter.createdAt.getTime() / 60_000) * 60_000;
        if (input.heldAt.getTime() < registeredMinute) throw badInput('heldAt must not precede the matter', 'heldAt');
        session.startsAt = input.heldAt;
      } else if (session.startsAt.getTime() > now.getTime() && input.outcome !== SessionOutcome.ADJOURNED) {
        // Only 延期 (adjourned) may be decided before the session: it is a postponement.
        throw conflict('The session has not taken place yet: record its outcome after it starts, or give the time it actually took place (heldAt)', {
          startsAt: session.startsAt.toISOString(),
        });
      }
      session.outcome = input.outcome;
      session.minutes = input.minutes.trim();
      session.outcomeRecordedAt = now;
      if (input.attendees) session.attendees = cleanAttendees(input.attendees);
      if (input.attendedOrganizationIds) session.attendedOrganizationIds = attendedWithin(session, input.attendedOrganizationIds);
      terms.forEach((t, position) =>
        em.create(AgreementTerm, { session, position, description: t.description.trim(), amount: t.amount ?? null, dueAt: t.dueAt ?? null }),
      );
      if (input.outcome === SessionOutcome.AGREEMENT || input.outcome === SessionOutcome.PARTIAL_AGREEMENT) {
        // A new agreement (after a failed follow-up reopened the matter) replaces the old one's open terms.
        const open = await em.find(AgreementTerm, { session: { matter: matter.id }, performedAt: null, supersededAt: null, waivedAt: null });
        for (const term of open) if (term.session.id !== session.id) term.supersededAt = now;
      }
      const from = matter.status;
      if (input.outcome === SessionOutcome.AGREEMENT) {
        assertTransition(matter.status, MatterStatus.RESOLVED);
        matter.status = MatterStatus.RESOLVED;
        matter.resolvedAt = now;
      }
      await recordMatterEvent(em, events, matter, EventType.SESSION_OUTCOME_RECORDED, viewer.userId, {
        sessionId: session.id,
        outcome: input.outcome,
        terms: terms.length,
        from,
        to: matter.status,
        ...(scheduledAt.getTime() !== session.startsAt.getTime()
          ? { startsAtCorrected: { from: scheduledAt.toISOString(), to: session.startsAt.toISOString() } }
          : {}),
      });
      return session;
    });
  }

  /**
   * 更正调解结果: within OUTCOME_CORRECTION_HOURS of recording it, the coordinator may correct the
   * minutes and the terms (a term left out, a wrong amount or date). Not once a term was performed
   * or waived, nor once the court confirmed the agreement. The old text stays in the event.
   */
  async correctOutcome(input: CorrectSessionOutcomeInput): Promise<JointSession> {
    // Before the lookups below, which report any failure as NOT_FOUND.
    requireActor(this.ctx);
    return mutate(this.ctx, async (em, events) => {
      const session = await em.findOne(JointSession, { id: input.sessionId });
      if (!session) throw notFound('JointSession', input.sessionId);
      const asked = { notFoundAs: { what: 'JointSession', id: input.sessionId } };
      const matter = await loadVisibleMatter(this.ctx, session.matter.id, em, asked);
      const viewer = await authorizeMatter(this.ctx, 'correctSessionOutcome', matter, em, asked);
      if (!session.outcome || !session.outcomeRecordedAt) throw conflict('No outcome was recorded for this session yet', { outcome: null });
      const now = this.ctx.clock.now();
      const windowMs = this.ctx.config.OUTCOME_CORRECTION_HOURS * 3_600_000;
      if (now.getTime() - session.outcomeRecordedAt.getTime() > windowMs) {
        throw conflict(`An outcome can be corrected within ${this.ctx.config.OUTCOME_CORRECTION_HOURS} hours of recording it`, {
          outcomeRecordedAt: session.outcomeRecordedAt.toISOString(),
        });
      }
      if (session.judicialConfirmedAt) throw conflict('The court confirmed this agreement; it can no longer be corrected', { confirmedAt: session.judicialConfirmedAt.toISOString() });
      if (session.outcome === SessionOutcome.AGREEMENT && input.terms.length === 0) throw badInput('An agreement needs at least one term', 'terms');
      const old = await em.find(AgreementTerm, { session }, { orderBy: { position: 'asc' } });
      if (old.some((t) => t.performedAt || t.waivedAt)) {
        throw conflict('A term of this agreement was already performed or waived; record a new session instead', {});
      }
      const before = { minutes: session.minutes, terms: old.map(termSnapshot) };
      for (const t of old) em.remove(t);
      session.minutes = input.minutes.trim();
      const created = input.terms.map((t, position) =>
        em.create(AgreementTerm, { session, position, description: t.description.trim(), amount: t.amount ?? null, dueAt: t.dueAt ?? null }),
      );
      await recordMatterEvent(em, events, matter, EventType.SESSION_OUTCOME_CORRECTED, viewer.userId, {
        sessionId: session.id,
        reason: input.reason.trim(),
        before,
        after: { minutes: session.minutes, terms: created.map(termSnapshot) },
      });
      return session;
    });
  }

  /** 签到: who attended a session (names as in the minutes, and which convened organizations). */
  async recordAttendance(input: RecordSessionAttendanceInput): Promise<JointSession> {
    requireActor(this.ctx);
    return mutate(this.ctx, async (em, events) => {
      const session = await em.findOne(JointSession, { id: input.sessionId });
      if (!session) throw notFound('JointSession', input.sessionId);
      const asked = { notFoundAs: { what: 'JointSession', id: input.sessionId } };
      const matter = await loadVisibleMatter(this.ctx, session.matter.id, em, asked);
      const viewer = await authorizeMatter(this.ctx, 'recordSessionAttendance', matter, em, asked);
      session.attendees = cleanAttendees(input.attendees);
      if (input.attendedOrganizationIds) session.attendedOrganizationIds = attendedWithin(session, input.attendedOrganizationIds);
      await recordMatterEvent(em, events, matter, EventType.SESSION_ATTENDANCE_RECORDED, viewer.userId, {
        sessionId: session.id,
        attendees: session.attendees.length,
        attendedOrganizationIds: session.attendedOrganizationIds,
      });
      return session;
    });
  }

  /**
   * 司法确认: a member of a court convened to (or invited and accepting) the matter confirms an
   * agreement reached in a session. Only agreements can be confirmed, and only once.
   */
  async confirmAgreement(args: ConfirmAgreementArgs): Promise<JointSession> {
    authorize(this.ctx.viewer, 'confirmAgreements', PLATFORM, { message: 'Only the court records judicial confirmation' });
    return mutate(this.ctx, async (em, events) => {
      const session = await em.findOne(JointSession, { id: args.sessionId });
      if (!session) throw notFound('JointSession', args.sessionId);
      const matter = await loadVisibleMatter(this.ctx, session.matter.id, em, { notFoundAs: { what: 'JointSession', id: args.sessionId } });
      const viewer = await authorizeSession(this.ctx, 'confirmAgreement', matter, session, em, { message: 'Your court did not take part in this mediation' });
      if (session.outcome !== SessionOutcome.AGREEMENT && session.outcome !== SessionOutcome.PARTIAL_AGREEMENT) {
        throw conflict('Only an agreement (full or partial) can be judicially confirmed', { outcome: session.outcome ?? null });
      }
      if (session.judicialConfirmedAt) throw conflict('This agreement was already judicially confirmed', { confirmedAt: session.judicialConfirmedAt.toISOString() });
      const now = this.ctx.clock.now();
      session.judicialConfirmedAt = now;
      session.judicialConfirmationNote = args.note?.trim() || null;
      session.judicialConfirmedBy = em.getReference(User, viewer.userId, { wrapped: true });
      session.judicialConfirmedByOrganizationId = viewer.organizationId;
      await recordMatterEvent(em, events, matter, EventType.AGREEMENT_CONFIRMED, viewer.userId, {
        sessionId: session.id,
        outcome: session.outcome,
        organizationId: viewer.organizationId,
        note: session.judicialConfirmationNote,
      });
      return session;
    });
  }

  /** 协议履行: community staff record that a term of an agreement was carried out. */
  async markTermPerformed(input: MarkTermPerformedInput): Promise<AgreementTerm> {
    requireActor(this.ctx);
    return mutate(this.ctx, async (em, events) => {
      const term = await em.findOne(AgreementTerm, { id: input.termId }, { populate: ['session'] });
      if (!term) throw notFound('AgreementTerm', input.termId);
      const session = term.session.getEntity();
      const asked = { notFoundAs: { what: 'AgreementTerm', id: input.termId } };
      const matter = await loadVisibleMatter(this.ctx, session.matter.id, em, asked);
      const viewer = await authorizeMatter(this.ctx, 'markTermPerformed', matter, em, asked);
      if (term.performedAt) throw conflict('This term was already recorded as performed', { performedAt: term.performedAt.toISOString() });
      if (term.waivedAt) throw conflict('This term was waived', { waivedAt: term.waivedAt.toISOString() });
      const now = this.ctx.clock.now();
      term.performedAt = now;
      term.performedNote = input.note?.trim() || null;
      term.performedRecordedBy = em.getReference(User, viewer.userId, { wrapped: true });
      await recordMatterEvent(em, events, matter, EventType.AGREEMENT_TERM_PERFORMED, viewer.userId, {
        sessionId: session.id,
        termId: term.id,
        description: term.description,
        amount: term.amount ?? null,
        dueAt: term.dueAt?.toISOString() ?? null,
        late: !!term.dueAt && term.dueAt.getTime() < now.getTime(),
      });
      return term;
    });
  }

  async forMatter(matter: Matter): Promise<JointSession[]> {
    return this.ctx.em.find(JointSession, { matter }, { orderBy: { startsAt: 'asc' } });
  }
}

function termSnapshot(t: AgreementTerm) {
  return { description: t.description, amount: t.amount ?? null, dueAt: t.dueAt?.toISOString() ?? null };
}

function cleanAttendees(names: string[]): string[] {
  return [...new Set(names.map((n) => n.trim()).filter(Boolean))];
}

function attendedWithin(session: JointSession, ids: string[]): string[] {
  const unique = [...new Set(ids)];
  if (unique.some((id) => !session.organizationIds.includes(id))) {
    throw badInput('Only organizations convened to the session can be recorded as attending', 'attendedOrganizationIds');
  }
  return unique;
}
