import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Event } from '../../events/event.entity';
import { eventSubject, readEvents } from '../../events/activity.stream';
import { can } from '../../policy';
import { toPublished } from '../../events/event.service';
import { buildUser, buildWorld, type Actor, type World } from '../../test/factories';
import { createTestDb, errorCodes, gql } from '../../test/harness';
import { ADMIN_EVENT_TYPES, EventType, MatterCategory, OrganizationKind, UserRole } from '../common/enums';
import { AdminService } from '../admin/admin.service';
import { RoutingRulesService } from '../admin/routing-rules.service';

// 系统管理 changes on the record: an event row in the same transaction, seen by admins and
// auditors only.

let orm: MikroORM;
let world: World;
let admin: Actor;
let auditor: Actor;

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
  admin = await buildUser(orm, UserRole.ADMIN, world.communityOrg);
  auditor = await buildUser(orm, UserRole.AUDITOR, world.communityOrg);
});

async function eventsSince(cursor: string): Promise<Event[]> {
  return orm.em.fork().find(Event, { id: { $gt: cursor } }, { orderBy: { id: 'asc' } });
}

async function lastCursor(): Promise<string> {
  const rows: { max: string | null }[] = await orm.em.fork().execute('select max(id) as max from event');
  return rows[0].max ?? '0';
}

const svc = () => new AdminService(world.ctx(admin));

describe('administrative changes write an event in the same transaction', () => {
  it('user created, deactivated, reactivated, password reset — with the actor, never the password', async () => {
    const from = await lastCursor();
    const user = await svc().createUser({ username: `clerk${Date.now() % 100000}`, displayName: '书记员', role: UserRole.MEDIATOR, organizationId: world.communityOrg.id, password: 'a-long-password-1' });
    await svc().setUserActive(user.id, false);
    await svc().setUserActive(user.id, false); // no change: nothing more on the record
    await svc().setUserActive(user.id, true);
    await svc().resetUserPassword(user.id, 'another-long-password-2');
    const events = await eventsSince(from);
    expect(events.map((e) => e.type)).toEqual([EventType.USER_CREATED, EventType.USER_DEACTIVATED, EventType.USER_REACTIVATED, EventType.USER_PASSWORD_RESET]);
    for (const e of events) {
      expect(e.actorId).toBe(admin.user.id);
      expect(e.communityId).toBeNull();
      expect(e.matterId).toBeNull();
      expect(e.audienceOrgIds).toEqual([]);
      expect(e.payload.userId).toBe(user.id);
      expect(JSON.stringify(e.payload)).not.toMatch(/password-|argon2/);
    }
    expect(events[0].payload).toEqual(expect.objectContaining({ username: user.username, role: UserRole.MEDIATOR, organizationId: world.communityOrg.id }));
  });

  it('community and organization created and edited, with what changed', async () => {
    const from = await lastCursor();
    const code = `T${Date.now() % 100000}`;
    const community = await svc().createCommunity({ code, name: `审计社区${code}`, district: '城关区' });
    await svc().updateCommunity({ id: community.id, name: `审计社区${code}（新）` });
    const org = await svc().createOrganization({ name: `审计律所${code}`, kind: OrganizationKind.LAW_FIRM, servedCommunityIds: [community.id] });
    await svc().updateOrganization({ id: org.id, servedCommunityIds: [community.id, world.community.id] });
    const events = await eventsSince(from);
    expect(events.map((e) => e.type)).toEqual([EventType.COMMUNITY_CREATED, EventType.COMMUNITY_UPDATED, EventType.ORGANIZATION_CREATED, EventType.ORGANIZATION_UPDATED]);
    expect(events[1].payload.changes).toEqual({ name: { from: `审计社区${code}`, to: `审计社区${code}（新）` } });
    expect(events[3].payload.changes).toEqual({ servedCommunityIds: { from: [community.id], to: [community.id, world.community.id].sort() } });
    // Even the community's own events are not community events: its staff never see them.
    for (const e of events) expect(e.communityId).toBeNull();
  });

  it('routing rules created, changed and deleted', async () => {
    const from = await lastCursor();
    const rules = new RoutingRulesService(world.ctx(admin));
    const rule = await rules.save({ category: MatterCategory.LABOR, organizationKinds: [OrganizationKind.JUDICIAL_OFFICE] });
    await rules.save({ id: rule.id, category: MatterCategory.LABOR, organizationKinds: [OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.COURT] });
    await rules.delete(rule.id);
    const events = await eventsSince(from);
    expect(events.map((e) => e.type)).toEqual([EventType.ROUTING_RULE_CREATED, EventType.ROUTING_RULE_UPDATED, EventType.ROUTING_RULE_DELETED]);
    expect(events[1].payload.changes).toEqual({ organizationKinds: { from: ['JUDICIAL_OFFICE'], to: ['COURT', 'JUDICIAL_OFFICE'] } });
    expect(events.every((e) => e.payload.ruleId === rule.id)).toBe(true);
  });

  it('a refused change writes neither the change nor its event', async () => {
    const from = await lastCursor();
    await expect(svc().createCommunity({ code: world.community.code, name: '重复', district: null })).rejects.toThrow();
    await expect(svc().createUser({ username: world.coordinator.user.username, displayName: 'x', role: UserRole.MEDIATOR, organizationId: world.communityOrg.id, password: 'a-long-password-1' })).rejects.toThrow();
    expect(await eventsSince(from)).toEqual([]);
  });
});

describe('who sees administrative changes', () => {
  it('never coordinators or agencies (stream and replay); admins do; auditors through auditTrail only', async () => {
    const from = await lastCursor();
    await svc().createCommunity({ code: `V${Date.now() % 100000}`, name: `可见性${Date.now()}`, district: null });
    const [event] = await eventsSince(from);
    const published = toPublished(event);
    const em = orm.em.fork();
    for (const actor of [world.coordinator, world.gridWorker, ...Object.values(world.agencies), auditor]) {
      expect(can(actor.viewer, 'read', eventSubject(published))).toBe(false);
      expect(await readEvents(em, actor.viewer, { after: BigInt(from) })).toEqual([]);
    }
    expect(can(admin.viewer, 'read', eventSubject(published))).toBe(true);

    const TRAIL = `query($f: AuditTrailFilter) { auditTrail(filter: $f, first: 10) { totalCount entries { id type actorUsername payload } } }`;
    const trail = await gql<{ auditTrail: { totalCount: number; entries: { id: string; type: string; actorUsername: string }[] } }>(
      orm,
      auditor.viewer,
      TRAIL,
      { f: { actorId: admin.user.id, types: ['COMMUNITY_CREATED'], from: event.occurredAt.toISOString() } },
      world.services,
    );
    expect(trail.errors).toBeUndefined();
    expect(trail.data!.auditTrail.entries[0]).toEqual(expect.objectContaining({ id: String(event.id), type: 'COMMUNITY_CREATED', actorUsername: admin.user.username }));
    expect(errorCodes(await gql(orm, world.coordinator.viewer, TRAIL, {}, world.services))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(orm, auditor.viewer, TRAIL, { f: { types: ['MATTER_REPORTED'] } }, world.services))).toEqual(['BAD_USER_INPUT']);
    // Only administrative types ever come back.
    const all = await gql<{ auditTrail: { entries: { type: string }[] } }>(orm, admin.viewer, TRAIL, {}, world.services);
    expect(all.data!.auditTrail.entries.every((e) => ADMIN_EVENT_TYPES.includes(e.type as EventType))).toBe(true);
  });
});
