import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../context';

/**
 * When one event is pushed to hundreds of consoles on an instance, their resolvers run in the
 * same ticks. Giving them one EntityManager per event (fresh, read-only in practice) lets
 * MikroORM's dataloader fold their identical loads into one statement, and lets agencies share
 * the "what did my organization answer" lookup. Authorization stays per viewer: each console
 * keeps its own access cache and every check is still made.
 */
export interface EventScope {
  cursor: string;
  em: EntityManager;
  /** `${organizationId}:${matterId}` → invitation statuses, shared by an organization's consoles. */
  statuses: Map<string, Promise<Set<string>>>;
  createdAt: number;
}

const TTL_MS = 10_000;
const scopes = new Map<string, EventScope>();

export function eventScopeFor(ctx: Context, cursor: string): EventScope {
  const now = Date.now();
  for (const [key, s] of scopes) if (now - s.createdAt > TTL_MS) scopes.delete(key);
  let scope = scopes.get(cursor);
  if (!scope) {
    scope = { cursor, em: ctx.em.fork({ clear: true }), statuses: new Map(), createdAt: now };
    scopes.set(cursor, scope);
  }
  return scope;
}

/** Resolve this event with the shared scope and a clean per-viewer access cache. */
export function enterEventScope(ctx: Context, cursor: string): void {
  const scope = eventScopeFor(ctx, cursor);
  ctx.em = scope.em;
  ctx.eventScope = scope;
  ctx.access.clear();
}
