import type { Context } from '../context';
import { forbidden, notFound, unauthenticated } from '../errors';
import {
  POLICIES,
  type Actor,
  type ActivityFacts,
  type CommunityFacts,
  type EventFacts,
  type InvitationFacts,
  type MatterFacts,
  type SessionFacts,
} from './rules';

/** What an action is about. `type` picks the policy; the rest are the facts its rules read. */
export type Subject =
  | { type: 'platform' }
  | ({ type: 'community' } & CommunityFacts)
  | ({ type: 'matter' } & MatterFacts)
  | ({ type: 'session' } & SessionFacts)
  | ({ type: 'invitation'; id?: string } & InvitationFacts)
  | ({ type: 'event' } & EventFacts)
  | ({ type: 'activity'; id?: string } & ActivityFacts);

type Policies = typeof POLICIES;
export type ActionOf<S extends Subject> = keyof Policies[S['type']] & string;

/** Decisions about the actor alone. */
export const PLATFORM = { type: 'platform' } as const;
export const community = (communityId: string | null): Subject & { type: 'community' } => ({ type: 'community', communityId });

/** May `actor` do `action` to `subject`? Anonymous actors may do nothing; an unknown action is denied. */
export function can<S extends Subject>(actor: Actor | null | undefined, action: ActionOf<S>, subject: S): boolean {
  if (!actor) return false;
  const rules = POLICIES[subject.type] as Record<string, (a: Actor, s: S) => boolean>;
  const rule = Object.hasOwn(rules, action) ? rules[action] : undefined;
  return rule ? rule(actor, subject) : false;
}

/** How a subject out of sight is named in its NOT_FOUND (exactly like one that does not exist). */
const NOT_FOUND_AS: Partial<Record<Subject['type'], string>> = {
  matter: 'Matter',
  session: 'JointSession',
  invitation: 'Invitation',
  event: 'Event',
  activity: 'CommunityActivity',
};

export interface AuthorizeOptions {
  /** The subject as the caller asked for it (a session's matter is reported as the session). */
  notFoundAs?: { what: string; id: string };
  /** The FORBIDDEN message, for people reading the error. */
  message?: string;
}

/**
 * `can`, or the error a client should see: UNAUTHENTICATED without a signed-in actor; NOT_FOUND
 * when the subject is out of the actor's sight (so ids cannot be probed); FORBIDDEN when it is
 * in sight but the action is not theirs. Returns the actor.
 */
export function authorize<S extends Subject>(actor: Actor | null | undefined, action: ActionOf<S>, subject: S, opts: AuthorizeOptions = {}): Actor {
  if (!actor) throw unauthenticated();
  if (can(actor, action, subject)) return actor;
  const what = NOT_FOUND_AS[subject.type];
  if (what && (action === 'read' || !can(actor, 'read' as ActionOf<S>, subject))) {
    throw opts.notFoundAs ? notFound(opts.notFoundAs.what, opts.notFoundAs.id) : notFound(what, (subject as { id?: string }).id);
  }
  throw forbidden(opts.message ?? `You are not allowed to ${action.replace(/[A-Z]/g, (c) => ' ' + c.toLowerCase())}`);
}

/** The signed-in actor, or UNAUTHENTICATED. */
export function requireActor(ctx: Pick<Context, 'viewer'>): Actor {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}
