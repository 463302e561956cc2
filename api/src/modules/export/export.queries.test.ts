import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { buildWorld, type World } from '../../test/factories';
import { createTestDb, gql } from '../../test/harness';
import { countStatements } from '../../test/statements';
import { piiKeyring } from '../pii/pii.crypto';
import { EXPORT_CHUNK } from './export.service';

/**
 * Exports at scale (issue 10): an export of N matters costs a few statements per chunk of
 * EXPORT_CHUNK rows, never one per matter or party, and while it renders the server keeps
 * answering other users. Ordering and counts only; the timings are in tests/bench.
 */
const BULK = 1_200;
const PHONE = '13800138000';
let orm: MikroORM;
let world: World;

const EXPORT = /* GraphQL */ `query($format: ExportFormat!) { exportMatters(format: $format) { filename base64 } }`;
const ME = /* GraphQL */ `{ me { id } }`;

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
  const em = orm.em.fork();
  await em.execute(
    `insert into matter (id, reference, community_id, title, description, kind, category, channel, status, risk_flags, scale, amount_in_dispute, created_at, updated_at)
     select md5('x' || g)::uuid, 'BULK-' || g, ?::uuid, '批量事项 ' || g, '导出', 'DISPUTE', 'NEIGHBOR', 'PHONE', 'REPORTED', '{}', 'ORDINARY', g,
            timestamptz '2026-01-01' + g * interval '1 minute', now()
       from generate_series(1, ?) g`,
    [world.community.id, BULK],
  );
  // Two parties per matter; the phone sealed as the application stores it.
  await em.execute(
    `insert into party (id, matter_id, position, name, role, phone)
     select md5('p' || g || '-' || k)::uuid, md5('x' || g)::uuid, k, '当事人' || g || '-' || k, case when k = 0 then 'APPLICANT' else 'RESPONDENT' end, ?
       from generate_series(1, ?) g, generate_series(0, 1) k`,
    [piiKeyring().seal('party.phone', PHONE), BULK],
  );
}, 120_000);

describe('exportMatters at scale', () => {
  it(`costs a few statements per ${EXPORT_CHUNK} matters, not one per matter or party, and opens every phone (audited)`, async () => {
    const { statements, data, sql } = await countStatements<{ exportMatters: { base64: string } }>(orm, world.coordinator, EXPORT, { format: 'CSV' }, world.services);
    const lines = Buffer.from(data.exportMatters.base64, 'base64').toString('utf8').trim().split('\r\n');
    expect(lines.length - 1).toBe(BULK);
    expect(lines.find((l) => l.startsWith('BULK-7,'))).toContain(`${PHONE}；${PHONE}`);
    // ids in scope, the community's time zone, then matters + parties per chunk.
    const chunks = Math.ceil(BULK / EXPORT_CHUNK);
    expect(statements, sql.map((s) => s.slice(0, 80)).join('\n')).toBeLessThanOrEqual(2 + 2 * chunks);
    expect(sql.filter((s) => /from party/.test(s))).toHaveLength(chunks);
  });

  it('audits each unmasked phone once, as an export', async () => {
    const r = await gql(orm, world.coordinator.viewer, EXPORT, { format: 'XLSX' }, world.services);
    expect(r.errors).toBeUndefined();
    expect(r.ctx.piiReads).toHaveLength(2 * BULK);
    expect(new Set(r.ctx.piiReads.map((x) => x.via))).toEqual(new Set(['EXPORT']));
  });

  for (const format of ['CSV', 'XLSX'] as const) {
    it(`lets another user's { me { id } } through while it renders (${format})`, async () => {
      // The other request arrives once the export has its first matters and the community's time
      // zone in hand, i.e. when it has rows left to render: it must be answered before the export is done.
      const connection = orm.em.getConnection();
      const execute = connection.execute.bind(connection) as (...args: unknown[]) => Promise<unknown>;
      const order: string[] = [];
      let other: Promise<unknown> | null = null;
      let haveRows = false;
      let haveTimeZone = false;
      const spy = vi.spyOn(connection, 'execute').mockImplementation(((...args: unknown[]) => {
        const sql = String(args[0]);
        const result = execute(...args);
        void result.then(() => {
          if (/\breference\b/.test(sql) && /\bmatter\b/.test(sql)) haveRows = true;
          if (/\bcommunity\b/.test(sql) && /time_zone/.test(sql)) haveTimeZone = true;
          if (other || !haveRows || !haveTimeZone) return;
          other = gql<{ me: { id: string } }>(orm, world.gridWorker.viewer, ME, {}, world.services).then((r) => {
            expect(r.data?.me?.id).toBe(world.gridWorker.viewer.userId);
            order.push('me');
          });
        }, () => undefined);
        return result;
      }) as typeof connection.execute);
      try {
        const r = await gql(orm, world.coordinator.viewer, EXPORT, { format }, world.services);
        expect(r.errors).toBeUndefined();
        order.push('export');
        expect(other).not.toBeNull();
        await other;
      } finally {
        spy.mockRestore();
      }
      expect(order).toEqual(['me', 'export']);
    });
  }
});
