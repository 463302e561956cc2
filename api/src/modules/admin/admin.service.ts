import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context, Viewer } from '../../context';
import { badInput, conflict, forbidden, notFound, unauthenticated } from '../../errors';
import { hashPassword } from '../auth/auth.service';
import { announceSessionRevocation } from '../auth/session-revocation';
import { AuthSession, User } from '../auth/user.entity';
import { Community, Organization } from '../community/community.entity';
import { OrganizationKind, UserRole } from '../common/enums';
import { Matter } from '../matter/matter.entity';
import {
  COMMUNITY_CODE,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  USERNAME,
  type CreateCommunityInput,
  type CreateOrganizationInput,
  type CreateUserInput,
  type UpdateCommunityInput,
  type UpdateOrganizationInput,
} from './dto/admin.inputs';

/**
 * Administration: communities, organizations and users. Not matter events, so no Event rows;
 * every change runs in one transaction so that a failure leaves nothing behind. The functions
 * taking an EntityManager are shared with the create-admin script (no viewer there).
 */

export const COMMUNITY_SIDE_ROLES: readonly UserRole[] = [UserRole.COORDINATOR, UserRole.GRID_WORKER, UserRole.MEDIATOR, UserRole.ADMIN];
export const AGENCY_ROLES: readonly UserRole[] = [UserRole.AGENCY_LEAD, UserRole.AGENCY_STAFF];

export function roleFitsKind(role: UserRole, kind: OrganizationKind): boolean {
  return kind === OrganizationKind.COMMUNITY ? COMMUNITY_SIDE_ROLES.includes(role) : AGENCY_ROLES.includes(role);
}

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw badInput(`password must be at least ${MIN_PASSWORD_LENGTH} characters`, 'password');
  if (password.length > MAX_PASSWORD_LENGTH) throw badInput(`password must be at most ${MAX_PASSWORD_LENGTH} characters`, 'password');
}

export function normalizeUsername(username: string): string {
  const u = username.trim().toLowerCase();
  if (!USERNAME.test(u)) throw badInput('username must be 3–32 letters, digits, dots, dashes or underscores', 'username');
  return u;
}

export function normalizeCommunityCode(code: string): string {
  const c = code.trim().toUpperCase();
  if (!COMMUNITY_CODE.test(c)) throw badInput('code must be 1–10 letters or digits, starting with a letter', 'code');
  return c;
}

/** Revokes every live session of a user (they are signed out everywhere). */
export async function revokeSessions(em: EntityManager, userId: string, now: Date): Promise<number> {
  return em.nativeUpdate(AuthSession, { user: userId, revokedAt: null }, { revokedAt: now });
}

export async function insertCommunity(em: EntityManager, input: CreateCommunityInput): Promise<Community> {
  const code = normalizeCommunityCode(input.code);
  const name = input.name.trim();
  if (!name) throw badInput('name is required', 'name');
  if (await em.count(Community, { code })) throw conflict(`A community with code ${code} already exists`, { field: 'code' });
  if (await em.count(Community, { name })) throw conflict(`A community named ${name} already exists`, { field: 'name' });
  const community = em.create(Community, { code, name, district: input.district?.trim() || null });
  await em.flush();
  return community;
}

export async function insertOrganization(em: EntityManager, input: CreateOrganizationInput): Promise<Organization> {
  const name = input.name.trim();
  if (!name) throw badInput('name is required', 'name');
  const servedIds = [...new Set(input.servedCommunityIds)];
  let community: Community | null = null;
  let served: Community[];
  if (input.kind === OrganizationKind.COMMUNITY) {
    if (!input.communityId) throw badInput('communityId is required for a community organization', 'communityId');
    community = await em.findOne(Community, { id: input.communityId });
    if (!community) throw badInput('Unknown community', 'communityId');
    if (servedIds.some((id) => id !== community!.id)) {
      throw badInput('A community organization serves its own community only', 'servedCommunityIds');
    }
    if (await em.count(Organization, { kind: OrganizationKind.COMMUNITY, community })) {
      throw conflict(`${community.name} already has a community organization`, { field: 'communityId' });
    }
    served = [community];
  } else {
    if (input.communityId) throw badInput('Only community organizations run a community; use servedCommunityIds', 'communityId');
    if (!servedIds.length) throw badInput('An agency must serve at least one community', 'servedCommunityIds');
    served = await em.find(Community, { id: { $in: servedIds } });
    if (served.length !== servedIds.length) throw badInput('Unknown community in servedCommunityIds', 'servedCommunityIds');
  }
  if (await em.count(Organization, { kind: input.kind, name })) {
    throw conflict(`An organization named ${name} already exists`, { field: 'name' });
  }
  const org = em.create(Organization, { name, kind: input.kind, community });
  org.servedCommunities.set(served);
  await em.flush();
  return org;
}

/** Renames or corrects a community; its code only while no matter carries it in its reference. */
export async function changeCommunity(em: EntityManager, input: UpdateCommunityInput): Promise<Community> {
  const community = await em.findOne(Community, { id: input.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!community) throw notFound('Community', input.id);
  if (input.code != null) {
    const code = normalizeCommunityCode(input.code);
    if (code !== community.code) {
      if (await em.count(Matter, { community })) {
        throw conflict('The code of a community with matters cannot change: their references (e.g. CS-2026-0007) carry it', { field: 'code', reason: 'HAS_MATTERS' });
      }
      if (await em.count(Community, { code, id: { $ne: community.id } })) throw conflict(`A community with code ${code} already exists`, { field: 'code' });
      community.code = code;
    }
  }
  if (input.name != null) {
    const name = input.name.trim();
    if (!name) throw badInput('name is required', 'name');
    if (await em.count(Community, { name, id: { $ne: community.id } })) throw conflict(`A community named ${name} already exists`, { field: 'name' });
    community.name = name;
  }
  if (input.district !== undefined) community.district = input.district?.trim() || null;
  await em.flush();
  return community;
}

/**
 * Renames an organization or changes the communities an agency serves (future invitations and
 * routing follow; matters it already works on stay visible). A community organization keeps
 * serving its own community only; the kind never changes (its users' roles depend on it).
 */
export async function changeOrganization(em: EntityManager, input: UpdateOrganizationInput): Promise<Organization> {
  const org = await em.findOne(Organization, { id: input.id }, { populate: ['servedCommunities'], lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!org) throw notFound('Organization', input.id);
  if (input.name != null) {
    const name = input.name.trim();
    if (!name) throw badInput('name is required', 'name');
    if (await em.count(Organization, { kind: org.kind, name, id: { $ne: org.id } })) {
      throw conflict(`An organization named ${name} already exists`, { field: 'name' });
    }
    org.name = name;
  }
  if (input.servedCommunityIds != null) {
    const servedIds = [...new Set(input.servedCommunityIds)];
    if (org.kind === OrganizationKind.COMMUNITY) {
      if (servedIds.length !== 1 || servedIds[0] !== org.community?.id) {
        throw badInput('A community organization serves its own community only', 'servedCommunityIds');
      }
    } else {
      if (!servedIds.length) throw badInput('An agency must serve at least one community', 'servedCommunityIds');
      const served = await em.find(Community, { id: { $in: servedIds } });
      if (served.length !== servedIds.length) throw badInput('Unknown community in servedCommunityIds', 'servedCommunityIds');
      org.servedCommunities.set(served);
    }
  }
  await em.flush();
  return org;
}

/** `input.password` is ignored here: pass its hash (hash outside the transaction, it is slow). */
export async function insertUser(em: EntityManager, input: Omit<CreateUserInput, 'password'>, passwordHash: string): Promise<User> {
  const username = normalizeUsername(input.username);
  const displayName = input.displayName.trim();
  if (!displayName) throw badInput('displayName is required', 'displayName');
  const org = await em.findOne(Organization, { id: input.organizationId });
  if (!org) throw badInput('Unknown organization', 'organizationId');
  if (!roleFitsKind(input.role, org.kind)) {
    throw badInput(
      org.kind === OrganizationKind.COMMUNITY
        ? 'A community organization has coordinators, grid workers, mediators or admins'
        : 'An agency has leads (AGENCY_LEAD) or staff (AGENCY_STAFF)',
      'role',
    );
  }
  if (await em.count(User, { username })) throw conflict(`The username ${username} is taken`, { field: 'username' });
  const user = em.create(User, { username, displayName, role: input.role, organization: org, passwordHash });
  await em.flush();
  return user;
}

export interface BootstrapAdminOptions {
  username: string;
  password: string;
  displayName?: string;
  /** Which community the admin's organization runs; created when no community has this code. */
  communityCode?: string;
  communityName?: string;
  district?: string;
}

export interface BootstrapAdminResult {
  user: User;
  community: Community;
  organization: Organization;
  createdCommunity: boolean;
  createdOrganization: boolean;
}

/**
 * The first admin of a deployment (scripts/create-admin.ts): a community and its community
 * organization when missing, then an ADMIN user in that organization. One transaction.
 */
export async function bootstrapAdmin(root: EntityManager, opts: BootstrapAdminOptions): Promise<BootstrapAdminResult> {
  checkPassword(opts.password);
  const username = normalizeUsername(opts.username);
  const passwordHash = await hashPassword(opts.password);
  return root.transactional(async (em) => {
    if (await em.count(User, { username })) throw conflict(`User ${username} already exists; nothing was changed`, { field: 'username' });
    let community: Community | null;
    let createdCommunity = false;
    if (opts.communityCode) {
      community = await em.findOne(Community, { code: normalizeCommunityCode(opts.communityCode) });
    } else {
      const all = await em.find(Community, {}, { limit: 2 });
      if (all.length > 1) throw badInput('Several communities exist: choose one with --community-code', 'communityCode');
      community = all[0] ?? null;
    }
    if (!community) {
      if (!opts.communityCode || !opts.communityName) {
        throw badInput('No such community yet: give --community-name and --community-code to create it', 'communityCode');
      }
      community = await insertCommunity(em, { code: opts.communityCode, name: opts.communityName, district: opts.district ?? null });
      createdCommunity = true;
    }
    let organization = await em.findOne(Organization, { kind: OrganizationKind.COMMUNITY, community });
    let createdOrganization = false;
    if (!organization) {
      organization = await insertOrganization(em, {
        name: community.name,
        kind: OrganizationKind.COMMUNITY,
        communityId: community.id,
        servedCommunityIds: [community.id],
      });
      createdOrganization = true;
    }
    const user = await insertUser(
      em,
      { username, displayName: opts.displayName?.trim() || username, role: UserRole.ADMIN, organizationId: organization.id },
      passwordHash,
    );
    return { user, community, organization, createdCommunity, createdOrganization };
  });
}

export class AdminService {
  constructor(private readonly ctx: Context) {}

  private requireAdmin(): Viewer {
    const viewer = this.ctx.viewer;
    if (!viewer) throw unauthenticated();
    if (viewer.role !== UserRole.ADMIN) throw forbidden('Only administrators can manage communities, organizations and users');
    return viewer;
  }

  async createCommunity(input: CreateCommunityInput): Promise<Community> {
    this.requireAdmin();
    return this.ctx.em.transactional((em) => insertCommunity(em, input));
  }

  async createOrganization(input: CreateOrganizationInput): Promise<Organization> {
    this.requireAdmin();
    return this.ctx.em.transactional((em) => insertOrganization(em, input));
  }

  async updateCommunity(input: UpdateCommunityInput): Promise<Community> {
    this.requireAdmin();
    return this.ctx.em.transactional((em) => changeCommunity(em, input));
  }

  async updateOrganization(input: UpdateOrganizationInput): Promise<Organization> {
    this.requireAdmin();
    return this.ctx.em.transactional((em) => changeOrganization(em, input));
  }

  async createUser(input: CreateUserInput): Promise<User> {
    this.requireAdmin();
    checkPassword(input.password);
    normalizeUsername(input.username);
    const passwordHash = await hashPassword(input.password);
    return this.ctx.em.transactional((em) => insertUser(em, input, passwordHash));
  }

  /** Deactivating signs the user out everywhere; they can no longer log in. */
  async setUserActive(userId: string, active: boolean): Promise<User> {
    const viewer = this.requireAdmin();
    if (!active && userId === viewer.userId) throw badInput('You cannot deactivate yourself', 'userId');
    const changed = await this.ctx.em.transactional(async (em) => {
      const user = await em.findOne(User, { id: userId });
      if (!user) throw notFound('User', userId);
      user.active = active;
      if (active) {
        user.failedLogins = 0;
        user.lockedUntil = null;
      }
      await em.flush();
      if (!active) await revokeSessions(em, user.id, this.ctx.clock.now());
      return user;
    });
    if (!active) await announceSessionRevocation(this.ctx.bus, { userIds: [changed.id] });
    return changed;
  }

  /** Sets a new password, lifts a lockout and signs the user out everywhere. */
  async resetUserPassword(userId: string, password: string): Promise<User> {
    this.requireAdmin();
    checkPassword(password);
    const passwordHash = await hashPassword(password);
    const changed = await this.ctx.em.transactional(async (em) => {
      const user = await em.findOne(User, { id: userId });
      if (!user) throw notFound('User', userId);
      user.passwordHash = passwordHash;
      user.failedLogins = 0;
      user.lockedUntil = null;
      await em.flush();
      await revokeSessions(em, user.id, this.ctx.clock.now());
      return user;
    });
    await announceSessionRevocation(this.ctx.bus, { userIds: [changed.id] });
    return changed;
  }

  async users(organizationId?: string | null): Promise<User[]> {
    this.requireAdmin();
    return this.ctx.em.find(User, organizationId ? { organization: organizationId } : {}, {
      populate: ['organization'],
      orderBy: { username: 'asc' },
    });
  }
}
