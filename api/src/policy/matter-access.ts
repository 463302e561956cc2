import { wrap, type EntityManager } from '@mikro-orm/postgresql';
import { requestLoader, type Context } from '../context';
import { notFound } from '../errors';
import type { InvitationStatus } from '../modules/common/enums';
import { Matter } from '../modules/matter/matter.entity';
import { findMatter } from '../modules/matter/matter.loader';
import { authorize, can, requireActor, type ActionOf, type AuthorizeOptions } from './policy';
import { reachOf, type Actor, type MatterFacts, type SessionFacts } from './rules';

/** A matter's facts as a policy subject. */
export type MatterSubject = { type: 'matter' } & MatterFacts;

/** The policy's answer about one matter, cached per request (`ctx.access`). */
export interface MatterAccess {
  visible: boolean;
  /** May see unmasked phone and ID numbers. */
  sensitive: boolean;
  facts: MatterSubject;
}

const NO_INVITATIONS: ReadonlySet<InvitationStatus> = new Set();

/**
 * The facts the matter rules read, loaded with as few statements as the path allows. Only an
 * agency's decisions depend on the database (what its organization answered); admins and
 * community staff are decided from the matter row alone.
 */
async function matterFacts(ctx: Context, actor: Actor, matter: Pick<Matter, 'id' | 'community'>, em: EntityManager): Promise<MatterSubject> {
  let invitations: ReadonlySet<string> = NO_INVITATIONS;
  if (reachOf(actor) === 'invited') {
    if (ctx.eventScope && em === ctx.em) {
      // Resolving a pushed event: an organization's consoles share this lookup.
      const key = `${actor.organizationId}:${matter.id}`;
      let shared = ctx.eventScope.statuses.get(key);
      if (!shared) {
        shared = invitationStatuses(em, actor, [matter.id]).then((m) => m.get(matter.id) ?? new Set<string>());
        ctx.eventScope.statuses.set(key, shared);
      }
      invitations = await shared;
    } else if (em === ctx.em) {
      // The rows of a list (conflicting sessions, linked matters, invitations' matters) are
      // checked in the same tick: one statement for all of them.
      invitations = (await invitationStatusLoader(ctx).load(matter.id)) ?? NO_INVITATIONS;
    } else {
      // Inside a mutation `em` is the transaction's: asking on another connection would wait
      // forever for the pool's only one on the embedded database.
      invitations = (await invitationStatuses(em, actor, [matter.id])).get(matter.id) ?? NO_INVITATIONS;
    }
  }
  return { type: 'matter', id: matter.id, communityId: matter.community.id, invitations };
}

function decide(actor: Actor, facts: MatterSubject): MatterAccess {
  return { visible: can(actor, 'read', facts), sensitive: can(actor, 'readParties', facts), facts };
}

/** Whether the viewer may see a matter and its parties unmasked (rules.ts `MATTER_POLICY`). */
export async function matterAccess(ctx: Context, matter: Pick<Matter, 'id' | 'community'>, em: EntityManager = ctx.em): Promise<MatterAccess> {
  const actor = requireActor(ctx);
  const cached = ctx.access.get(matter.id);
  if (cached) return cached;
  const access = decide(actor, await matterFacts(ctx, actor, matter, em));
  ctx.access.set(matter.id, access);
  return access;
}

async function invitationStatuses(em: EntityManager, actor: Actor, matterIds: string[]): Promise<Map<string, Set<string>>> {
  const rows: { matter_id: string; status: string }[] = await em.execute(
    'select matter_id, status from invitation where organization_id = ? and matter_id in (?)',
    [actor.organizationId, matterIds],
  );
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!out.has(r.matter_id)) out.set(r.matter_id, new Set());
    out.get(r.matter_id)!.add(r.status);
  }
  return out;
}

/** What the viewer's organization answered, for the matters asked about in the same tick. */
const invitationStatusLoader = requestLoader<string, Set<string> | undefined>(async (ctx, em, matterIds) => {
  const statuses = await invitationStatuses(em, ctx.viewer!, [...new Set(matterIds)]);
  return matterIds.map((id) => statuses.get(id));
});

/** Fills the per-request cache for a page of matters with one statement (no N+1). */
export async function primeMatterAccess(ctx: Context, matters: Matter[]): Promise<void> {
  const actor = ctx.viewer;
  if (!actor || matters.length === 0) return;
  if (reachOf(actor) !== 'invited') {
    for (const m of matters) await matterAccess(ctx, m);
    return;
  }
  const statuses = await invitationStatuses(
    ctx.em,
    actor,
    matters.map((m) => m.id),
  );
  for (const m of matters) {
    const facts: MatterSubject = { type: 'matter', id: m.id, communityId: m.community.id, invitations: statuses.get(m.id) ?? NO_INVITATIONS };
    ctx.access.set(m.id, decide(actor, facts));
  }
}

/**
 * Loads a matter the viewer may see. A matter outside the viewer's reach is reported as
 * NOT_FOUND, exactly like one that does not exist, so ids cannot be probed. Only a missing or
 * hidden matter becomes NOT_FOUND: a database failure stays what it is.
 */
export async function loadVisibleMatter(ctx: Context, id: string, em: EntityManager = ctx.em, opts: Pick<AuthorizeOptions, 'notFoundAs'> = {}): Promise<Matter> {
  const actor = requireActor(ctx);
  // Lookups made in the same tick are folded into one statement: the rows of a list (a page of
  // invitations, overdue terms) through the request's loader, the consoles sharing one
  // EntityManager while resolving a pushed event through a reference load. A mutation's
  // transaction looks up directly.
  const matter =
    em !== ctx.em
      ? await em.findOne(Matter, { id })
      : ctx.eventScope
        ? await em.getReference(Matter, id, { wrapped: true }).load()
        : await findMatter(ctx, id);
  if (!matter || !wrap(matter).isInitialized()) throw opts.notFoundAs ? notFound(opts.notFoundAs.what, opts.notFoundAs.id) : notFound('Matter', id);
  const access = await matterAccess(ctx, matter, em);
  authorize(actor, 'read', access.facts, opts);
  return matter;
}

/**
 * Acting on a matter (assess, convene, record a follow-up, add an opinion…): the policy decides
 * (rules.ts `MATTER_POLICY`). Inside a mutation's transaction an agency's answers are read again
 * there, so a decision never rests on what the request saw before it began.
 */
export async function authorizeMatter(
  ctx: Context,
  action: ActionOf<MatterSubject>,
  matter: Matter,
  em: EntityManager = ctx.em,
  opts: AuthorizeOptions = {},
): Promise<Actor> {
  const actor = requireActor(ctx);
  const facts = em !== ctx.em && reachOf(actor) === 'invited' ? await matterFacts(ctx, actor, matter, em) : (await matterAccess(ctx, matter, em)).facts;
  return authorize(actor, action, facts, opts);
}

/** Acting on a session of a matter (司法确认). */
export async function authorizeSession(
  ctx: Context,
  action: ActionOf<{ type: 'session' } & SessionFacts>,
  matter: Matter,
  session: Pick<SessionFacts, 'organizationIds' | 'attendedOrganizationIds'> & { id: string },
  em: EntityManager = ctx.em,
  opts: AuthorizeOptions = {},
): Promise<Actor> {
  const actor = requireActor(ctx);
  const facts = await matterFacts(ctx, actor, matter, em);
  return authorize(
    actor,
    action,
    { ...facts, type: 'session', organizationIds: session.organizationIds, attendedOrganizationIds: session.attendedOrganizationIds },
    { notFoundAs: { what: 'JointSession', id: session.id }, ...opts },
  );
}
