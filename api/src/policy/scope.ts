import { reachOf, VISIBILITY, ACTIVITY_VISIBILITY, type Actor, type Sql } from './rules';

/**
 * SQL scopes for lists, streams and exports: the same rows as `can(actor, 'read', …)` admits,
 * taken from the same rule table (rules.ts `VISIBILITY`).
 */

/** Restricts `matter m` to what the actor may see. */
export function visibleMattersSql(actor: Actor): Sql {
  return VISIBILITY[reachOf(actor)].matterSql(actor);
}

/** Restricts `event e` to what the actor may see (replays, timelines). */
export function visibleEventsSql(actor: Actor): Sql {
  return VISIBILITY[reachOf(actor)].eventSql(actor);
}

/** MikroORM filter restricting `CommunityActivity` to what the actor may see. */
export function visibleActivitiesFilter(actor: Actor): Record<string, unknown> {
  return ACTIVITY_VISIBILITY[reachOf(actor)].filter(actor);
}
