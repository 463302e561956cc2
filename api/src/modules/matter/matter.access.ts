import { wrap, type EntityManager } from '@mikro-orm/postgresql';
import { isCommunityStaff, requestLoader, type Context, type MatterAccess, type Viewer } from '../../context';
import { forbidden, notFound, unauthenticated } from '../../errors';
import { InvitationStatus, UserRole } from '../common/enums';
import { Matter } from './matter.entity';
import { findMatter } from './matter.loader';

/**
 * Who may see a matter:
 * - platform admins: every matter, parties masked;
 * - community staff: the matters of their own community, parties unmasked;
 * - agencies: only matters their organization was invited to; parties unmasked once it accepted.
 */
export async function matterAccess(ctx: Context, matter: Pick<Matter, 'id' | 'community'>, em: EntityManager = ctx.em): Promise<MatterAccess> {
  const viewer = ctx.viewer;
  if (!viewer) throw unauthenticated();
  const cached = ctx.access.get(matter.id);
  if (cached) return cached;
  let access: MatterAccess;
  if (viewer.role === UserRole.AUDITOR) {
    // 审计员 reads the access log and the audit trail, never a matter.
    access = { visible: false, sensitive: false };
  } else if (viewer.role === UserRole.ADMIN) {
    access = { visible: true, sensitive: false };
  } else if (isCommunityStaff(viewer)) {
    const own = viewer.communityId !== null && matter.community.id === viewer.communityId;
    access = { visible: own, sensitive: own };
  } else if (ctx.eventScope && em === ctx.em) {
    // Resolving a pushed event: an organization's consoles share this lookup.
    const key = `${viewer.organizationId}:${matter.id}`;
    let shared = ctx.eventScope.statuses.get(key);
    if (!shared) {
      shared = invitationStatuses(em, viewer, [matter.id]).then((m) => m.get(matter.id) ?? new Set<InvitationStatus>());
      ctx.eventScope.statuses.set(key, shared);
    }
    access = agencyAccess((await shared) as Set<InvitationStatus>);
  } else if (em === ctx.em) {
    // The rows of a list (conflicting sessions, linked matters, invitations' matters) are
    // checked in the same tick: one statement for all of them.
    access = agencyAccess(await invitationStatusLoader(ctx).load(matter.id));
  } else {
    // Inside a mutation `em` is the transaction's: asking on another connection would wait
    // forever for the pool's only one on the embedded database.
    const statuses = await invitationStatuses(em, viewer, [matter.id]);
    access = agencyAccess(statuses.get(matter.id));
  }
  ctx.access.set(matter.id, access);
  return access;
}

function agencyAccess(statuses: Set<InvitationStatus> | undefined): MatterAccess {
  if (!statuses || statuses.size === 0) return { visible: false, sensitive: false };
  return { visible: true, sensitive: statuses.has(InvitationStatus.ACCEPTED) };
}

async function invitationStatuses(em: EntityManager, viewer: Viewer, matterIds: string[]): Promise<Map<string, Set<InvitationStatus>>> {
  const rows: { matter_id: string; status: InvitationStatus }[] = await em.execute(
    'select matter_id, status from invitation where organization_id = ? and matter_id in (?)',
    [viewer.organizationId, matterIds],
  );
  const out = new Map<string, Set<InvitationStatus>>();
  for (const r of rows) {
    if (!out.has(r.matter_id)) out.set(r.matter_id, new Set());
    out.get(r.matter_id)!.add(r.status);
  }
  return out;
}

/** What the viewer's organization answered, for the matters asked about in the same tick. */
const invitationStatusLoader = requestLoader<string, Set<InvitationStatus> | undefined>(async (ctx, em, matterIds) => {
  const statuses = await invitationStatuses(em, ctx.viewer!, [...new Set(matterIds)]);
  return matterIds.map((id) => statuses.get(id));
});

/** Fills the per-request cache for a page of matters with one statement (no N+1). */
export async function primeMatterAccess(ctx: Context, matters: Matter[]): Promise<void> {
  const viewer = ctx.viewer;
  if (!viewer || matters.length === 0) return;
  if (viewer.role === UserRole.ADMIN || viewer.role === UserRole.AUDITOR || isCommunityStaff(viewer)) {
    for (const m of matters) await matterAccess(ctx, m);
    return;
  }
  const statuses = await invitationStatuses(
    ctx.em,
    viewer,
    matters.map((m) => m.id),
  );
  for (const m of matters) ctx.access.set(m.id, agencyAccess(statuses.get(m.id)));
}

/**
 * Loads a matter the viewer may see. A matter outside the viewer's reach is reported as
 * NOT_FOUND, exactly like one that does not exist, so ids cannot be probed.
 */
export async function loadVisibleMatter(ctx: Context, id: string, em: EntityManager = ctx.em): Promise<Matter> {
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
  if (!matter || !wrap(matter).isInitialized()) throw notFound('Matter', id);
  const access = await matterAccess(ctx, matter, em);
  if (!access.visible) throw notFound('Matter', id);
  return matter;
}

/** Acting on a matter (assess, convene, …) is for the staff of the matter's own community. */
export function requireCommunityStaff(ctx: Context, matter: Matter, roles: UserRole[]): Viewer {
  const viewer = ctx.viewer;
  if (!viewer) throw unauthenticated();
  if (!roles.includes(viewer.role)) throw forbidden(`This needs one of the roles: ${roles.join(', ')}`);
  if (viewer.role !== UserRole.ADMIN && matter.community.id !== viewer.communityId) throw notFound('Matter', matter.id);
  return viewer;
}

/** SQL fragment and params restricting `matter m` to what the viewer may see. */
export function visibleMattersSql(viewer: Viewer): { sql: string; params: unknown[] } {
  if (viewer.role === UserRole.AUDITOR) return { sql: 'false', params: [] };
  if (viewer.role === UserRole.ADMIN) return { sql: 'true', params: [] };
  if (isCommunityStaff(viewer)) return { sql: 'm.community_id = ?', params: [viewer.communityId] };
  return {
    sql: 'exists (select 1 from invitation i where i.matter_id = m.id and i.organization_id = ?)',
    params: [viewer.organizationId],
  };
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}
