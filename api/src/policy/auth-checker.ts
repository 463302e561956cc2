import type { AuthChecker } from 'type-graphql';
import type { Context } from '../context';
import { forbidden, unauthenticated } from '../errors';
import type { UserRole } from '../modules/common/enums';

/**
 * type-graphql's hook for `@Authorized()` (a signed-in actor) and `@Authorized(role, …)` (one of
 * these roles) on root fields whose rule needs nothing but the actor. It throws our own errors so
 * that the codes are the same as the policy's (UNAUTHENTICATED, FORBIDDEN). Anything that
 * depends on an object (a matter, a community…) is decided by `authorize` in the service.
 */
export const authChecker: AuthChecker<Context, UserRole> = ({ context }, roles) => {
  const actor = context.viewer;
  if (!actor) throw unauthenticated();
  if (roles.length > 0 && !roles.includes(actor.role)) throw forbidden(`This needs one of the roles: ${roles.join(', ')}`);
  return true;
};
