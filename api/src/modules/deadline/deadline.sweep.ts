import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../../clock';
import type { EventBus } from '../../events/event-bus';
import { mutate } from '../../events/event.service';
import { logger } from '../../logger';
import { EventType, InvitationStatus } from '../common/enums';
import { Matter } from '../matter/matter.entity';
import { recordMatterEvent } from '../matter/matter.service';
import { Invitation } from '../mediation/mediation.entity';

export interface DeadlineDeps {
  bus: EventBus;
  clock: Clock;
}

/** Invitations expired per transaction; a large backlog is worked off in several. */
const BATCH = 100;
export const DEADLINE_SWEEP_INTERVAL_MS = 15_000;

/**
 * 及时办事: every invitation still PENDING after its request's respondBy becomes EXPIRED, with an
 * INVITATION_EXPIRED event for the community and the agency. Driven by the database, not by timers
 * in memory: it runs at boot and periodically, so deadlines that passed while the api was down
 * are caught up. `for update skip locked` lets several api instances sweep side by side without
 * expiring (or announcing) one invitation twice. Returns how many invitations expired.
 */
export async function runDeadlineSweep(orm: { em: { fork(): EntityManager } }, deps: DeadlineDeps): Promise<number> {
  let total = 0;
  for (;;) {
    const ctx = { em: orm.em.fork(), bus: deps.bus, clock: deps.clock };
    const expired = await mutate(ctx, async (em, events) => {
      const now = deps.clock.now();
      const rows: { id: string }[] = await em.execute(
        `select i.id from invitation i
           join joint_mediation_request r on r.id = i.request_id
          where i.status = 'PENDING' and r.respond_by <= ?
          order by r.respond_by, i.id
          limit ?
          for update of i skip locked`,
        [now, BATCH],
      );
      if (rows.length === 0) return 0;
      const invitations = await em.find(
        Invitation,
        { id: { $in: rows.map((r) => r.id) } },
        { populate: ['request', 'organization'], orderBy: { createdAt: 'asc' } },
      );
      const matters = new Map((await em.find(Matter, { id: { $in: [...new Set(invitations.map((i) => i.matterId))] } })).map((m) => [m.id, m]));
      for (const invitation of invitations) {
        // Re-checked under the row lock: an answer may have committed since the select.
        if (invitation.status !== InvitationStatus.PENDING) continue;
        invitation.status = InvitationStatus.EXPIRED;
        invitation.respondedAt = now;
        const matter = matters.get(invitation.matterId)!;
        await recordMatterEvent(
          em,
          events,
          matter,
          EventType.INVITATION_EXPIRED,
          null,
          {
            requestId: invitation.request.id,
            invitationId: invitation.id,
            organizationId: invitation.organization.id,
            organizationName: invitation.organization.getEntity().name,
            respondBy: invitation.request.getEntity().respondBy.toISOString(),
          },
          { audienceOrgIds: [invitation.organization.id] },
        );
      }
      return invitations.length;
    });
    total += expired;
    if (expired < BATCH) break;
  }
  if (total > 0) logger.info({ expired: total }, 'invitations expired');
  return total;
}

export interface DeadlineJob {
  /** Runs a sweep now (also used at boot); sweeps never overlap within one process. */
  runNow(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts the in-process sweeper: once immediately, then every `intervalMs`. */
export function startDeadlineJob(orm: MikroORM, deps: DeadlineDeps, intervalMs = DEADLINE_SWEEP_INTERVAL_MS): DeadlineJob {
  let running: Promise<number> | null = null;
  let stopped = false;
  const runNow = () =>
    (running ??= runDeadlineSweep(orm, deps)
      .catch((err) => {
        logger.warn({ err }, 'deadline sweep failed; will retry');
        return 0;
      })
      .finally(() => {
        running = null;
      }));
  const timer = setInterval(() => {
    if (!stopped) void runNow();
  }, intervalMs);
  timer.unref();
  void runNow();
  return {
    runNow,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
