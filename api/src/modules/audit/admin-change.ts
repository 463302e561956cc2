import type { EventRecorder } from '../../events/event.service';
import { ADMIN_EVENT_TYPES, type EventType } from '../common/enums';

/**
 * Puts an administrative change on the record (系统管理: users, communities, organizations,
 * routing rules, 2FA resets), inside the caller's `mutate()` transaction so the change and its
 * event commit together or not at all.
 *
 * The event has no community and no agency audience: coordinators' and agencies' streams never
 * carry it (activity.stream.ts shows them only their community's or their audience's events);
 * platform admins see every event, and auditors read it through `auditTrail`.
 *
 *   await mutate(ctx, async (em, events) => {
 *     ...change...
 *     await recordAdminChange(events, EventType.USER_TWO_FACTOR_RESET, viewer.userId, { userId, username });
 *   });
 */
export function recordAdminChange(events: EventRecorder, type: EventType, actorId: string | null, payload: Record<string, unknown>) {
  if (!ADMIN_EVENT_TYPES.includes(type)) throw new Error(`${type} is not an administrative change`);
  return events.record({ type, actorId, matterId: null, communityId: null, audienceOrgIds: [], notifyOrgIds: [], payload });
}

/** The fields that differ between two snapshots, as { field: { from, to } }. */
export function changesBetween<T extends Record<string, unknown>>(before: T, after: T): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return out;
}
