import { Topic, type EventBus, type SessionRevocation } from '../../events/event-bus';
import { logger } from '../../logger';

/**
 * Tells every api instance that sessions ended (logout, deactivation, password reset…), so each
 * closes their open WebSockets at once with 4403 — HTTP already refuses the token, and a socket
 * must not outlive it. Call after the revocation has committed. When the bus cannot carry it
 * (Redis down), this instance still closes its own sockets, and the others' periodic session
 * sweep closes theirs (see http/websocket.ts).
 */
export async function announceSessionRevocation(bus: EventBus, revoked: Partial<SessionRevocation>): Promise<void> {
  const payload: SessionRevocation = { sessionIds: revoked.sessionIds ?? [], userIds: revoked.userIds ?? [] };
  if (payload.sessionIds.length === 0 && payload.userIds.length === 0) return;
  try {
    await bus.publish(Topic.SESSION_REVOKED, payload);
  } catch (err) {
    logger.warn({ err: (err as Error).message }, 'session revocation not published; closing local sockets only');
    bus.deliverLocally(Topic.SESSION_REVOKED, payload);
  }
}
