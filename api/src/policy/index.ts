/**
 * The one authorization policy. Every resolver, field resolver, subscription filter, replay,
 * export and print page asks it; nothing else decides who may see or do what.
 *
 * - rules.ts: the rule tables (pure): reach per role, visibility per reach (object check and SQL
 *   side by side), and one policy per subject (platform, community, matter, session, invitation,
 *   event, activity);
 * - policy.ts: `can(actor, action, subject)` and the throwing `authorize(...)`;
 * - scope.ts: the SQL scopes for lists, streams and exports;
 * - matter-access.ts: loading a matter's facts with batch loaders, the per-request cache;
 * - auth-checker.ts: type-graphql's `@Authorized` hook for root fields that need only a role.
 */
export * from './rules';
export * from './policy';
export * from './scope';
export * from './matter-access';
export { authChecker } from './auth-checker';
