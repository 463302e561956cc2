import { randomBytes, randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Context, Viewer } from '../context';
import { hashPassword } from '../modules/auth/auth.service';
import { User } from '../modules/auth/user.entity';
import { Community, Organization } from '../modules/community/community.entity';
import {
  AGENCY_KINDS,
  IntakeChannel,
  MatterCategory,
  MatterKind,
  OrganizationKind,
  PartyRole,
  RiskLevel,
  UserRole,
} from '../modules/common/enums';
import type { AssessMatterInput, ReportMatterInput } from '../modules/matter/dto/matter.inputs';
import type { Matter } from '../modules/matter/matter.entity';
import { MatterService } from '../modules/matter/matter.service';
import { Invitation, type JointMediationRequest } from '../modules/mediation/mediation.entity';
import { MediationService } from '../modules/mediation/mediation.service';
import { contextFor, testServices, type TestServices } from './harness';

/**
 * Factories that build their own parents: a matter without a reporter gets a community and a
 * coordinator; a user without an organization gets one (and its community). Each test file
 * makes its own world and never depends on another's rows.
 */

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | null = null;
const suffix = () => randomBytes(4).toString('hex');

export async function buildCommunity(orm: MikroORM, overrides: Partial<Pick<Community, 'code' | 'name' | 'district'>> = {}): Promise<Community> {
  const em = orm.em.fork();
  const tag = suffix().toUpperCase();
  const community = em.create(Community, { code: `T${tag}`, name: `测试社区 ${tag}`, district: '测试区', ...overrides });
  await em.flush();
  return community;
}

/** An organization of `kind` serving `community` (built when not given). */
export async function buildOrganization(orm: MikroORM, kind: OrganizationKind, community?: Community, overrides: Partial<Pick<Organization, 'name'>> = {}): Promise<Organization> {
  community ??= await buildCommunity(orm);
  const em = orm.em.fork();
  const c = em.getReference(Community, community.id);
  const org = em.create(Organization, {
    name: overrides.name ?? `${kind} ${suffix()}`,
    kind,
    community: kind === OrganizationKind.COMMUNITY ? c : null,
  });
  org.servedCommunities.add(c);
  await em.flush();
  return org;
}

export interface Actor {
  user: User;
  viewer: Viewer;
  organization: Organization;
}

const COMMUNITY_ROLES = [UserRole.COORDINATOR, UserRole.GRID_WORKER, UserRole.MEDIATOR];

/**
 * A user of `role` in `org` (built when not given: a community organization for community
 * roles, a court for agency roles) and the Viewer a session of theirs would produce.
 */
export async function buildUser(
  orm: MikroORM,
  role: UserRole,
  org?: Organization,
  overrides: Partial<Pick<User, 'username' | 'displayName' | 'active'>> & { password?: string } = {},
): Promise<Actor> {
  org ??= await buildOrganization(orm, COMMUNITY_ROLES.includes(role) || role === UserRole.ADMIN ? OrganizationKind.COMMUNITY : OrganizationKind.COURT);
  const em = orm.em.fork();
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const username = overrides.username ?? `${role.toLowerCase()}-${suffix()}`;
  const user = em.create(User, {
    username,
    displayName: overrides.displayName ?? username,
    role,
    organization: em.getReference(Organization, org.id),
    passwordHash: overrides.password ? await hashPassword(overrides.password) : await passwordHash,
    active: overrides.active ?? true,
  });
  await em.flush();
  const communityId = org.kind === OrganizationKind.COMMUNITY ? (org.community?.id ?? null) : null;
  return {
    user,
    organization: org,
    viewer: {
      userId: user.id,
      sessionId: randomUUID(),
      username,
      role,
      organizationId: org.id,
      organizationKind: org.kind,
      communityId,
    },
  };
}

export type AgencyKind = Exclude<OrganizationKind, OrganizationKind.COMMUNITY>;

/** A community with its staff and the five partner agencies (三官一律一所), one lead each. */
export interface World {
  orm: MikroORM;
  services: TestServices;
  community: Community;
  communityOrg: Organization;
  coordinator: Actor;
  gridWorker: Actor;
  agencies: Record<AgencyKind, Actor>;
  /** A fresh request context for `actor` (or anonymous), sharing the world's clock and bus. */
  ctx(actor: Actor | Viewer | null): Context;
}

export async function buildWorld(orm: MikroORM, services: Partial<TestServices> = {}): Promise<World> {
  const s = testServices(services);
  const community = await buildCommunity(orm);
  const communityOrg = await buildOrganization(orm, OrganizationKind.COMMUNITY, community, { name: `${community.name}居委会` });
  const coordinator = await buildUser(orm, UserRole.COORDINATOR, communityOrg);
  const gridWorker = await buildUser(orm, UserRole.GRID_WORKER, communityOrg);
  const agencies = {} as Record<AgencyKind, Actor>;
  for (const kind of AGENCY_KINDS as AgencyKind[]) {
    agencies[kind] = await buildUser(orm, UserRole.AGENCY_LEAD, await buildOrganization(orm, kind, community));
  }
  return {
    orm,
    services: s,
    community,
    communityOrg,
    coordinator,
    gridWorker,
    agencies,
    ctx: (actor) => contextFor(orm, actor && 'viewer' in actor ? actor.viewer : actor, s),
  };
}

export function reportInput(overrides: Partial<ReportMatterInput> = {}): ReportMatterInput {
  return {
    title: '2号楼加装电梯意见分歧',
    description: '高层住户希望加装电梯，低层住户担心采光和噪音。',
    kind: MatterKind.DEMAND,
    category: MatterCategory.ELEVATOR_INSTALLATION,
    channel: IntakeChannel.GRID_PATROL,
    location: '昌盛小区 2号楼',
    householdsAffected: 18,
    parties: [
      { name: '马德明', role: PartyRole.APPLICANT, phone: '13893712345', idNumber: '620201196503121234' },
      { name: '杨桂英', role: PartyRole.RESPONDENT, phone: '13993754321' },
    ],
    ...overrides,
  };
}

/**
 * A matter reported through MatterService (so it has its reference and its event). Without a
 * world, one is built: community, coordinator, agencies.
 */
export async function buildMatter(orm: MikroORM, opts: { world?: World; reporter?: Actor; input?: Partial<ReportMatterInput> } = {}): Promise<{ matter: Matter; world: World }> {
  const world = opts.world ?? (await buildWorld(orm));
  const matter = await new MatterService(world.ctx(opts.reporter ?? world.coordinator)).report(reportInput(opts.input));
  return { matter, world };
}

export async function assess(world: World, matter: Matter, overrides: Partial<AssessMatterInput> = {}): Promise<Matter> {
  return new MatterService(world.ctx(world.coordinator)).assess({
    matterId: matter.id,
    riskLevel: RiskLevel.MEDIUM,
    summary: '需释法说理，组织协商。',
    ...overrides,
  });
}

/** Reported, assessed and with a joint mediation request to `kinds`. */
export async function buildConvenedMatter(
  orm: MikroORM,
  opts: { world?: World; kinds?: AgencyKind[]; input?: Partial<ReportMatterInput> } = {},
): Promise<{ matter: Matter; world: World; request: JointMediationRequest; invitations: Record<string, Invitation> }> {
  const { matter, world } = await buildMatter(orm, opts);
  await assess(world, matter);
  const kinds = opts.kinds ?? [OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM];
  const request = await new MediationService(world.ctx(world.coordinator)).request({
    matterId: matter.id,
    organizationIds: kinds.map((k) => world.agencies[k].organization.id),
    message: '请参与联合调解',
    respondBy: new Date(world.services.clock.now().getTime() + 3 * 86_400_000),
  });
  const rows = await orm.em.fork().find(Invitation, { request: request.id });
  const invitations: Record<string, Invitation> = {};
  for (const kind of kinds) invitations[kind] = rows.find((i) => i.organization.id === world.agencies[kind].organization.id)!;
  return { matter, world, request, invitations };
}

export async function answer(world: World, kind: AgencyKind, invitation: Invitation, accept: boolean, note?: string): Promise<Invitation> {
  return new MediationService(world.ctx(world.agencies[kind])).respond({ invitationId: invitation.id, accept, note });
}

/**
 * Lets the world's time pass until a session has begun (an outcome cannot be recorded before
 * it). Time only moves forward; a clock already past the start is left alone.
 */
export function afterSessionStarts(world: Pick<World, 'services'>, session: { startsAt: Date }): void {
  const clock = world.services.clock;
  const start = session.startsAt.getTime() + 60_000;
  if (clock.now().getTime() < start) clock.set(new Date(start));
}

/** Ids of a matter's agreement terms still open (not performed, waived or superseded). */
export async function openTermIds(orm: MikroORM, matterId: string): Promise<string[]> {
  const rows: { id: string }[] = await orm.em
    .fork()
    .getConnection()
    .execute(
      `select t.id from agreement_term t join joint_session s on s.id = t.session_id
        where s.matter_id = ? and t.performed_at is null and t.waived_at is null and t.superseded_at is null order by t.position`,
      [matterId],
    );
  return rows.map((r) => r.id);
}
