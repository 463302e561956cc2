import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { readEvents } from '../../events/activity.stream';
import { enterEventScope } from '../../events/event-scope';
import { answer, assess, buildConvenedMatter, buildUser, buildWorld, reportInput, type Actor, type World } from '../../test/factories';
import { parse, subscribe } from 'graphql';
import { getSchema } from '../../schema';
import { contextFor, createTestDb, errorCodes, gql } from '../../test/harness';
import { OrganizationKind, PiiAccessVia, UserRole } from '../common/enums';
import type { Matter } from '../matter/matter.entity';
import { piiViaOf, purgePiiAccessLog, writePiiReads } from '../pii/pii-access-log.service';

// 个人信息访问日志 — who saw which party's phone or ID number, when and how — as an auditor reads it.

let orm: MikroORM;
let world: World;
let admin: Actor;
let auditor: Actor;
let matter: Matter;

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
  admin = await buildUser(orm, UserRole.ADMIN, world.communityOrg);
  auditor = await buildUser(orm, UserRole.AUDITOR, world.communityOrg);
  const convened = await buildConvenedMatter(orm, { world });
  matter = convened.matter;
  await answer(world, OrganizationKind.JUDICIAL_OFFICE, convened.invitations.JUDICIAL_OFFICE, true);
});

/** Runs an operation and writes its audit rows, as the server does after each request. */
async function run<T>(actor: Actor, source: string, variables: Record<string, unknown> = {}) {
  const r = await gql<T>(orm, actor.viewer, source, variables, world.services);
  await writePiiReads(r.ctx);
  return r;
}

const LOG = `query($f: PiiAccessLogFilter, $first: Int, $after: String) {
  piiAccessLog(filter: $f, first: $first, after: $after) {
    totalCount hasNextPage endCursor
    entries { id at via field userId username organizationId organizationName matterId matterReference partyId partyName }
  }
}`;
type LogPage = { piiAccessLog: { totalCount: number; hasNextPage: boolean; endCursor: string | null; entries: { id: string; via: string; field: string; userId: string; username: string; organizationName: string; matterReference: string; partyName: string }[] } };

describe('the AUDITOR role', () => {
  it('sees no matters and no events, even in a community organization', async () => {
    const list = await gql<{ matters: { totalCount: number } }>(orm, auditor.viewer, `{ matters { totalCount } }`, {}, world.services);
    expect(list.data!.matters.totalCount).toBe(0);
    expect(errorCodes(await gql(orm, auditor.viewer, `query($id: ID!) { matter(id: $id) { id } }`, { id: matter.id }, world.services))).toEqual(['NOT_FOUND']);
    expect(await readEvents(orm.em.fork(), auditor.viewer, { after: 0n })).toEqual([]);
    const report = await gql(orm, auditor.viewer, `mutation($i: ReportMatterInput!) { reportMatter(input: $i) { id } }`, { i: reportInput() }, world.services);
    expect(errorCodes(report)).toEqual(['FORBIDDEN']);
  });
});

describe('piiAccessLog', () => {
  it('records the path of each unmasked read: query, export, print, push', async () => {
    const judicial = world.agencies.JUDICIAL_OFFICE;
    await run(judicial, `query($id: ID!) { matter(id: $id) { parties { phone idNumber } } }`, { id: matter.id });
    await run(judicial, `query($id: ID!) { matter(id: $id, purpose: PRINT) { parties { phone idNumber } } }`, { id: matter.id });
    await run(world.coordinator, `{ exportMatters(format: CSV) { filename } }`);
    const r = await gql<LogPage>(orm, auditor.viewer, LOG, { f: { matterId: matter.id } }, world.services);
    expect(r.errors).toBeUndefined();
    const byVia = (via: string) => r.data!.piiAccessLog.entries.filter((e) => e.via === via);
    expect(byVia('QUERY').map((e) => e.field).sort()).toEqual(['idNumber', 'phone', 'phone']);
    expect(byVia('PRINT').map((e) => e.field).sort()).toEqual(['idNumber', 'phone', 'phone']);
    expect(byVia('EXPORT').map((e) => [e.field, e.username])).toEqual([
      ['phone', world.coordinator.user.username],
      ['phone', world.coordinator.user.username],
    ]);
    const q = byVia('QUERY')[0];
    expect(q).toEqual(expect.objectContaining({ userId: judicial.user.id, username: judicial.user.username, organizationName: judicial.organization.name, matterReference: matter.reference }));
    expect(['马德明', '杨桂英']).toContain(q.partyName);
    // A pushed event is resolved in an event scope: its reads are PUSH.
    const ctx = contextFor(orm, judicial.viewer, world.services);
    expect(piiViaOf(ctx)).toBe(PiiAccessVia.QUERY);
    enterEventScope(ctx, '1');
    expect(piiViaOf(ctx)).toBe(PiiAccessVia.PUSH);
  });

  it('records reads in a pushed event (the activity stream) as PUSH', async () => {
    const judicial = world.agencies.JUDICIAL_OFFICE;
    const [{ max }] = (await orm.em.fork().execute('select max(id)::text as max from event')) as { max: string }[];
    const ctx = contextFor(orm, judicial.viewer, world.services);
    const stream = (await subscribe({
      schema: await getSchema(),
      document: parse(`subscription($after: String) { activity(after: $after) { type matter { parties { phone } } } }`),
      variableValues: { after: max },
      contextValue: ctx,
    })) as AsyncGenerator<{ data?: { activity: { type: string; matter: { parties: { phone: string }[] } | null } } }>;
    try {
      await assess(world, matter, { summary: '再次研判' });
      const first = await stream.next();
      expect(first.value.data!.activity.type).toBe('MATTER_ASSESSED');
      expect(first.value.data!.activity.matter!.parties[0].phone).toBe('13893712345');
      await writePiiReads(ctx);
    } finally {
      await stream.return(undefined);
    }
    const r = await gql<LogPage>(orm, auditor.viewer, LOG, { f: { userId: judicial.user.id, via: ['PUSH'] } }, world.services);
    expect(r.data!.piiAccessLog.entries.map((e) => e.field)).toEqual(['phone', 'phone']);
  });

  it('filters by user, matter, path and time, pages newest first', async () => {
    const judicial = world.agencies.JUDICIAL_OFFICE;
    const mine = await gql<LogPage>(orm, admin.viewer, LOG, { f: { userId: judicial.user.id, via: ['QUERY', 'PRINT'] }, first: 4 }, world.services);
    expect(mine.data!.piiAccessLog.totalCount).toBe(6);
    expect(mine.data!.piiAccessLog.entries).toHaveLength(4);
    expect(mine.data!.piiAccessLog.hasNextPage).toBe(true);
    const ids = mine.data!.piiAccessLog.entries.map((e) => Number(e.id));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const rest = await gql<LogPage>(orm, admin.viewer, LOG, { f: { userId: judicial.user.id, via: ['QUERY', 'PRINT'] }, first: 4, after: mine.data!.piiAccessLog.endCursor }, world.services);
    expect(rest.data!.piiAccessLog.entries).toHaveLength(2);
    expect(rest.data!.piiAccessLog.hasNextPage).toBe(false);
    expect(Math.max(...rest.data!.piiAccessLog.entries.map((e) => Number(e.id)))).toBeLessThan(Math.min(...ids));
    const future = await gql<LogPage>(orm, admin.viewer, LOG, { f: { from: '2099-01-01T00:00:00Z' } }, world.services);
    expect(future.data!.piiAccessLog.totalCount).toBe(0);
    const exports = await gql<LogPage>(orm, admin.viewer, LOG, { f: { via: ['EXPORT'], matterId: matter.id } }, world.services);
    expect(exports.data!.piiAccessLog.entries.every((e) => e.via === 'EXPORT')).toBe(true);
    expect(errorCodes(await gql(orm, admin.viewer, LOG, { f: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } }, world.services))).toEqual(['BAD_USER_INPUT']);
  });

  it('is for ADMIN and AUDITOR only', async () => {
    for (const actor of [world.coordinator, world.gridWorker, world.agencies.COURT]) {
      expect(errorCodes(await gql(orm, actor.viewer, LOG, {}, world.services))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await gql(orm, actor.viewer, `{ exportPiiAccessLog(format: CSV) { filename } }`, {}, world.services))).toEqual(['FORBIDDEN']);
    }
    expect(errorCodes(await gql(orm, null, LOG, {}, world.services))).toEqual(['UNAUTHENTICATED']);
  });

  it('exports as CSV and Excel through the export mechanism', async () => {
    const csv = await gql<{ exportPiiAccessLog: { filename: string; base64: string } }>(orm, auditor.viewer, `query($f: PiiAccessLogFilter) { exportPiiAccessLog(format: CSV, filter: $f) { filename base64 } }`, { f: { via: ['PRINT'] } }, world.services);
    expect(csv.errors).toBeUndefined();
    const text = Buffer.from(csv.data!.exportPiiAccessLog.base64, 'base64').toString('utf8');
    expect(csv.data!.exportPiiAccessLog.filename).toMatch(/^pii-access-log-.*\.csv$/);
    expect(text).toContain('时间,用户名,姓名,单位,事项编号,当事人,字段,途径');
    expect(text).toContain(world.agencies.JUDICIAL_OFFICE.user.username);
    expect(text).toContain('打印');
    expect(text).not.toContain('导出');
    const xlsx = await gql<{ exportPiiAccessLog: { filename: string; base64: string } }>(orm, auditor.viewer, `{ exportPiiAccessLog(format: XLSX) { filename base64 } }`, {}, world.services);
    expect(xlsx.data!.exportPiiAccessLog.filename).toMatch(/\.xlsx$/);
    expect(Buffer.from(xlsx.data!.exportPiiAccessLog.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
  });

  it('writes the reads of one request in one statement', async () => {
    const judicial = world.agencies.JUDICIAL_OFFICE;
    const r = await gql(orm, judicial.viewer, `query($id: ID!) { matter(id: $id) { parties { phone idNumber } } }`, { id: matter.id }, world.services);
    expect(r.ctx.piiReads).toHaveLength(3);
    const connection = orm.em.getConnection();
    const spy = vi.spyOn(connection, 'execute');
    try {
      await writePiiReads(r.ctx);
      const inserts = spy.mock.calls.map((c) => String(c[0])).filter((s) => /insert into pii_access_log/i.test(s));
      expect(inserts).toHaveLength(1);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('pii_access_log in the database', () => {
  const em = () => orm.em.fork();
  const insertAt = async (daysAgo: number): Promise<string> => {
    const rows: { id: string }[] = await em().execute(
      `insert into pii_access_log (user_id, matter_id, party_id, field, via, at) values (?, ?, ?, 'phone', 'QUERY', now() - make_interval(days => ?)) returning id`,
      [admin.user.id, matter.id, matter.id, daysAgo],
    );
    return String(rows[0].id);
  };
  const exists = async (id: string) => ((await em().execute('select count(*)::int as n from pii_access_log where id = ?', [id])) as { n: number }[])[0].n === 1;

  it('cannot be updated, deleted or truncated by the application', async () => {
    const id = await insertAt(0);
    await expect(em().execute(`update pii_access_log set field = 'idNumber' where id = ?`, [id])).rejects.toThrow(/append-only/);
    await expect(em().execute('delete from pii_access_log where id = ?', [id])).rejects.toThrow(/append-only/);
    await expect(em().execute('truncate pii_access_log')).rejects.toThrow(/append-only/);
    // Setting the purge flag by hand does not open the door to young rows either.
    await expect(
      em().transactional(async (tx) => {
        await tx.execute(`select set_config('sst.pii_log_purge', 'on', true)`);
        await tx.execute('delete from pii_access_log where id = ?', [id]);
      }),
    ).rejects.toThrow(/append-only/);
    const old = await insertAt(400);
    await expect(em().execute('delete from pii_access_log where id = ?', [old])).rejects.toThrow(/append-only/);
    expect(await exists(id)).toBe(true);
    expect(await exists(old)).toBe(true);
  });

  it('is purged past the retention period only, never under 180 days', async () => {
    const young = await insertAt(170);
    const middle = await insertAt(200);
    const old = await insertAt(400);
    await expect(purgePiiAccessLog(orm, 90)).rejects.toThrow(/at least 180/);
    await expect(em().execute('select sst_purge_pii_access_log(30)')).rejects.toThrow(/at least 180/);
    expect(await purgePiiAccessLog(orm, 365)).toBeGreaterThanOrEqual(1);
    expect([await exists(young), await exists(middle), await exists(old)]).toEqual([true, true, false]);
    await purgePiiAccessLog(orm, 180);
    expect([await exists(young), await exists(middle)]).toEqual([true, false]);
  });
});
