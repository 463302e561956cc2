import { MatterStatus } from '../common/enums';

const DAY = 86_400_000;

/** 事后查事: a resolved matter gets its follow-up visit within this many days. */
export const FOLLOW_UP_AFTER_DAYS = 30;

/** When the follow-up visit of a matter is due, or null when none is pending. */
export function followUpDueAt(m: { status: MatterStatus; resolvedAt?: Date | null }): Date | null {
  if (m.status !== MatterStatus.RESOLVED || !m.resolvedAt) return null;
  return new Date(m.resolvedAt.getTime() + FOLLOW_UP_AFTER_DAYS * DAY);
}

export function isFollowUpOverdue(m: { status: MatterStatus; resolvedAt?: Date | null }, now: Date): boolean {
  const due = followUpDueAt(m);
  return due !== null && due.getTime() <= now.getTime();
}

/**
 * An agreement term is overdue when its due date has passed, nobody recorded it as performed,
 * and no later agreement on the matter replaced it.
 */
export function isTermOverdue(t: { dueAt?: Date | null; performedAt?: Date | null; supersededAt?: Date | null; waivedAt?: Date | null }, now: Date): boolean {
  return !!t.dueAt && !t.performedAt && !t.supersededAt && !t.waivedAt && t.dueAt.getTime() <= now.getTime();
}
