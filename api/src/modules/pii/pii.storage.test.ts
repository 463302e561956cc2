import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { answer, buildConvenedMatter, buildMatter, buildUser, buildWorld, type World } from '../../test/factories';
import { createTestDb, errorCodes, gql } from '../../test/harness';
import { OrganizationKind, UserRole } from '../common/enums';
import { piiKeyring, PiiKeyring, setPiiKeyring } from './pii.crypto';
import { resealParties } from './pii.reseal';

// Party phones and ID numbers at rest: what the database holds, read back through the API.

let orm: MikroORM;
let world: World;
const testRing = piiKeyring();

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
});

afterEach(() => setPiiKeyring(testRing));

const PHONE = '13893712345';
const ID_NUMBER = '620201196503121234';
const READ = `query($id: ID!) { matter(id: $id) { parties { name phone idNumber } } }`;
const SEARCH = `query($f: MatterFilter) { matters(filter: $f) { totalCount edges { node { id } } } }`;

interface RawParty {
  id: string;
  phone: string | null;
  id_number: string | null;
  phone_index: string | null;
  id_number_index: string | null;
  sealed_with: string | null;
  row: string;
}

async function rawParties(matterId: string): Promise<RawParty[]> {
  return orm.em.fork().execute(`select p.*, row_to_json(p)::text as row from party p where matter_id = ? order by position`, [matterId]);
}

async function readAs(actor: World['coordinator'], id: string) {
  const r = await gql<{ matter: { parties: { name: string; phone: string | null; idNumber: string | null }[] } }>(orm, actor.viewer, READ, { id }, world.services);
  expect(r.errors).toBeUndefined();
  return r.data!.matter.parties;
}

describe('party phone and ID number at rest', () => {
  it('the database never holds the plaintext: only sealed values and keyed hashes', async () => {
    const { matter } = await buildMatter(orm, { world });
    const rows = await rawParties(matter.id);
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.row).not.toContain(PHONE);
      expect(r.row).not.toContain(ID_NUMBER);
      expect(r.row).not.toContain('13993754321');
      expect(r.phone).toMatch(/^sst1\.A\.test1\./);
      expect(r.sealed_with).toBe('A:test1');
    }
    expect(rows[0].id_number).toMatch(/^sst1\.A\.test1\./);
    expect(rows[1].id_number).toBeNull();
    // Whoever may see them still reads them as before.
    expect(await readAs(world.coordinator, matter.id)).toEqual([
      { name: '马德明', phone: PHONE, idNumber: ID_NUMBER },
      { name: '杨桂英', phone: '13993754321', idNumber: null },
    ]);
  });

  it('SM4-CTR + HMAC-SM3 (商用密码): sealed as such, read back through the API', async () => {
    setPiiKeyring(new PiiKeyring('sm4', [{ id: 'test1', key: Buffer.alloc(32, 7) }]));
    const { matter } = await buildMatter(orm, { world });
    const rows = await rawParties(matter.id);
    expect(rows[0].phone).toMatch(/^sst1\.S\.test1\./);
    expect(rows[0].row).not.toContain(PHONE);
    expect(rows[0].sealed_with).toBe('S:test1');
    expect((await readAs(world.coordinator, matter.id))[0]).toEqual({ name: '马德明', phone: PHONE, idNumber: ID_NUMBER });
  });

  it('a tampered value is refused, not shown', async () => {
    const { matter } = await buildMatter(orm, { world });
    const [row] = await rawParties(matter.id);
    const parts = row.phone!.split('.');
    parts[5] = Buffer.from(Buffer.from(parts[5], 'base64url').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64url');
    await orm.em.fork().execute('update party set phone = ? where id = ?', [parts.join('.'), row.id]);
    const r = await gql(orm, world.coordinator.viewer, READ, { id: matter.id }, world.services);
    expect(r.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(r.data ?? null)).not.toContain(PHONE);
    // Rotation leaves it alone and says so, re-sealing the others.
    const test1 = { id: 'test1', key: Buffer.alloc(32, 7) };
    const test9 = { id: 'test9', key: randomBytes(32) };
    const result = await resealParties(orm.em, new PiiKeyring('aes-256-gcm', [test9, test1]));
    expect(result.failed).toEqual([row.id]);
    expect(result.resealed).toBeGreaterThan(0);
    // Put things back for the next tests: the original value, everything under test1 again.
    await orm.em.fork().execute('update party set phone = ? where id = ?', [row.phone, row.id]);
    expect((await resealParties(orm.em, new PiiKeyring('aes-256-gcm', [test1, test9]))).failed).toEqual([]);
  });

  it('rotate-keys re-seals every row with the new key in batches; reads and search work throughout and after the old key is gone', async () => {
    const a = await buildMatter(orm, { world });
    const b = await buildMatter(orm, { world });
    const newKey = { id: 'test2', key: randomBytes(32) };
    const rotating = new PiiKeyring('aes-256-gcm', [newKey, { id: 'test1', key: Buffer.alloc(32, 7) }]);
    setPiiKeyring(rotating);
    // Before the command runs: old rows still read, and are found by search.
    expect((await readAs(world.coordinator, a.matter.id))[0].phone).toBe(PHONE);
    const result = await resealParties(orm.em, rotating, { batchSize: 3 });
    expect(result.resealed).toBeGreaterThanOrEqual(4);
    expect(result.batches).toBeGreaterThanOrEqual(2);
    const left: { n: number }[] = await orm.em.fork().execute(`select count(*)::int as n from party where sealed_with is distinct from 'A:test2' and (phone is not null or id_number is not null)`);
    expect(left[0].n).toBe(0);
    for (const m of [a.matter, b.matter]) {
      for (const r of await rawParties(m.id)) {
        expect(r.phone).toMatch(/^sst1\.A\.test2\./);
        expect(r.row).not.toContain(PHONE);
      }
    }
    // A second run has nothing left to do.
    expect((await resealParties(orm.em, rotating)).resealed).toBe(0);
    // The old key removed: everything still reads, and search by phone still finds the matters.
    setPiiKeyring(new PiiKeyring('aes-256-gcm', [newKey]));
    // Removing the new key instead is caught before anything is touched (boot and rotate-keys check).
    await expect(resealParties(orm.em, new PiiKeyring('aes-256-gcm', [{ id: 'test1', key: Buffer.alloc(32, 7) }]))).rejects.toThrow(/sealed with key\(s\) test2, which PII_KEYS does not list/);
    expect(await readAs(world.coordinator, b.matter.id)).toEqual([
      { name: '马德明', phone: PHONE, idNumber: ID_NUMBER },
      { name: '杨桂英', phone: '13993754321', idNumber: null },
    ]);
    const found = await gql<{ matters: { edges: { node: { id: string } }[] } }>(orm, world.coordinator.viewer, SEARCH, { f: { partyIdNumber: ID_NUMBER } }, world.services);
    expect(found.data!.matters.edges.map((e) => e.node.id)).toEqual(expect.arrayContaining([a.matter.id, b.matter.id]));
    // Back under test1 for the next tests.
    expect((await resealParties(orm.em, new PiiKeyring('aes-256-gcm', [{ id: 'test1', key: Buffer.alloc(32, 7) }, newKey]))).failed).toEqual([]);
  });

  it('rows written before encryption (plaintext) are sealed by the boot step, then read and found as usual', async () => {
    const { matter } = await buildMatter(orm, { world, input: { parties: [] } });
    const partyId = randomUUID();
    await orm.em.fork().execute(`insert into party (id, matter_id, position, name, role, phone, id_number) values (?, ?, 0, '旧数据', 'APPLICANT', '13512345678', '620201199001011234')`, [
      partyId,
      matter.id,
    ]);
    // Readable meanwhile (the api seals them at boot, before it serves).
    expect((await readAs(world.coordinator, matter.id))[0].phone).toBe('13512345678');
    const { resealed } = await resealParties(orm.em, piiKeyring(), { onlyUnsealed: true });
    expect(resealed).toBe(1);
    const [row] = await rawParties(matter.id);
    expect(row.row).not.toContain('13512345678');
    expect(row.row).not.toContain('620201199001011234');
    expect(row.sealed_with).toBe('A:test1');
    expect(await readAs(world.coordinator, matter.id)).toEqual([{ name: '旧数据', phone: '13512345678', idNumber: '620201199001011234' }]);
    const found = await gql<{ matters: { edges: { node: { id: string } }[] } }>(orm, world.coordinator.viewer, SEARCH, { f: { partyPhone: '13512345678' } }, world.services);
    expect(found.data!.matters.edges.map((e) => e.node.id)).toEqual([matter.id]);
  });
});

describe('matters(filter: { partyPhone | partyIdNumber })', () => {
  it('finds the matter by exact phone or ID number for its community staff, and nothing for a near miss', async () => {
    const phone = `139${String(Date.now()).slice(-8)}`;
    const { matter } = await buildMatter(orm, { world, input: { parties: [{ name: '王某', role: 'APPLICANT' as never, phone, idNumber: '62020219820715003X' }] } });
    await buildMatter(orm, { world });
    const search = (f: Record<string, unknown>, actor = world.coordinator) =>
      gql<{ matters: { totalCount: number; edges: { node: { id: string } }[] } }>(orm, actor.viewer, SEARCH, { f }, world.services);
    expect((await search({ partyPhone: phone })).data!.matters.edges.map((e) => e.node.id)).toEqual([matter.id]);
    expect((await search({ partyIdNumber: '62020219820715003x' })).data!.matters.edges.map((e) => e.node.id)).toContain(matter.id);
    expect((await search({ partyPhone: phone.replace(/.$/, (d) => String((Number(d) + 1) % 10)) })).data!.matters.totalCount).toBe(0);
    // Another community's coordinator: not found.
    const other = await buildWorld(orm);
    expect((await search({ partyPhone: phone }, other.coordinator)).data!.matters.totalCount).toBe(0);
    // Bad input is refused.
    expect(errorCodes(await search({ partyPhone: '12' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('is no oracle for masked views: admins are refused, an agency finds only what it accepted', async () => {
    const phone = `137${String(Date.now()).slice(-8)}`;
    const { matter, invitations } = await buildConvenedMatter(orm, { world, input: { parties: [{ name: '赵某', role: 'APPLICANT' as never, phone }] } });
    const admin = await buildUser(orm, UserRole.ADMIN);
    const asAdmin = await gql(orm, admin.viewer, SEARCH, { f: { partyPhone: phone } }, world.services);
    expect(errorCodes(asAdmin)).toEqual(['FORBIDDEN']);
    const judicial = world.agencies.JUDICIAL_OFFICE;
    const before = await gql<{ matters: { totalCount: number } }>(orm, judicial.viewer, SEARCH, { f: { partyPhone: phone } }, world.services);
    expect(before.data!.matters.totalCount).toBe(0);
    await answer(world, OrganizationKind.JUDICIAL_OFFICE, invitations.JUDICIAL_OFFICE, true);
    const after = await gql<{ matters: { edges: { node: { id: string } }[] } }>(orm, judicial.viewer, SEARCH, { f: { partyPhone: phone } }, world.services);
    expect(after.data!.matters.edges.map((e) => e.node.id)).toEqual([matter.id]);
  });
});
