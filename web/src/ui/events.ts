import type { TFunction } from 'i18next';
import type { EventType } from '../gql/graphql';

export interface DescribableEvent {
  type: EventType;
  payload: Record<string, unknown>;
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function enumLabel(t: TFunction, enumName: string, value: unknown): string {
  return typeof value === 'string' ? t(`enums.${enumName}.${value}`, { defaultValue: value }) : '';
}

/** One line, in the user's language, telling what an event did (built from its payload). */
export function describeEvent(t: TFunction, event: DescribableEvent): string {
  const p = event.payload;
  switch (event.type) {
    case 'MATTER_REPORTED':
      return t('events.reported', { reference: text(p.reference), title: text(p.title) });
    case 'MATTER_ASSESSED':
      return t('events.assessed', { risk: enumLabel(t, 'RiskLevel', p.riskLevel) });
    case 'MATTER_STATUS_CHANGED':
      return t('events.statusChanged', {
        from: enumLabel(t, 'MatterStatus', p.from),
        to: enumLabel(t, 'MatterStatus', p.to),
      }) + (p.reason ? ` — ${text(p.reason)}` : '');
    case 'JOINT_MEDIATION_REQUESTED':
      return t('events.requested', {
        organizations: Array.isArray(p.organizationNames) ? p.organizationNames.map(text).join('、') : '',
      });
    case 'INVITATION_ACCEPTED':
      return t('events.accepted', { organization: text(p.organizationName) }) + (p.note ? ` — ${text(p.note)}` : '');
    case 'INVITATION_DECLINED':
      return t('events.declined', { organization: text(p.organizationName), reason: text(p.note) });
    case 'INVITATION_EXPIRED':
      return t('events.expired', { organization: text(p.organizationName) });
    case 'SESSION_SCHEDULED':
      return t('events.sessionScheduled', { venue: text(p.venue) });
    case 'SESSION_OUTCOME_RECORDED':
      return t('events.sessionOutcome', { outcome: enumLabel(t, 'SessionOutcome', p.outcome) });
    case 'FOLLOW_UP_RECORDED':
      return t('events.followUp', { satisfaction: p.satisfaction == null ? '—' : text(p.satisfaction) });
    case 'SESSION_ATTENDANCE_RECORDED':
      return t('events.attendance', { count: Number(p.attendees ?? 0) });
    case 'AGREEMENT_CONFIRMED':
      return t('events.confirmed') + (p.note ? ` — ${text(p.note)}` : '');
    case 'AGREEMENT_TERM_PERFORMED':
      return t(p.late ? 'events.termPerformedLate' : 'events.termPerformed', { description: text(p.description) });
    case 'ELEVATOR_CONSENT_RECORDED':
      return t('events.elevatorConsent', {
        unit: text(p.unit),
        vote: typeof p.vote === 'string' ? t(`lifecycle.enums.ElevatorVote.${p.vote}`, { defaultValue: p.vote }) : '',
      });
    case 'COMMUNITY_ACTIVITY_PLANNED':
      return t('events.activityPlanned', { title: text(p.title) });
    case 'COMMUNITY_ACTIVITY_RECORDED':
      return t('events.activityRecorded', { title: text(p.title) });
    case 'COMMUNITY_ACTIVITY_UPDATED':
      return t('events.activityUpdated', { title: text(p.title) });
    case 'DELIBERATION_DECISION_LINKED':
      return t('events.decisionLinked', { title: text(p.activityTitle) });
    case 'INVITATION_ASSIGNED':
      return t('events.assigned', { organization: text(p.organizationName), assignee: text(p.assigneeName) });
    case 'ATTACHMENT_ADDED':
      return p.fileName ? t('events.attachmentAdded', { fileName: text(p.fileName) }) : t('events.personalAttachmentAdded');
    case 'OPINION_ADDED':
      return t('events.opinionAdded', {
        organization: text(p.organizationName),
        kind: enumLabel(t, 'OpinionKind', p.kind),
        excerpt: text(p.excerpt),
      });
    default:
      // Events the consoles show only by name (the timeline's title already says what happened).
      return text(p.reference) && text(p.title) ? `${text(p.reference)}「${text(p.title)}」` : '';
  }
}
