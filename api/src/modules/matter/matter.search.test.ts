import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { UserRole } from '../common/enums';
import { createTestDb, gql } from '../../test/harness';
import { buildMatter, buildUser, buildWorld, type Actor, type World } from '../../test/factories';
import type { Matter } from './matter.entity';

/**
 * Search (事项检索) over reference, title, description and location. Two-character Chinese terms
 * are the common case; the bigram index must serve them and give exactly what ILIKE gives.
 */
let orm: MikroORM;
let world: World;
let other: World;
let admin: Actor;
let elevator: Matter;
let leak: Matter;
let noise: Matter;
let elsewhere: Matter;

const SEARCH = /* GraphQL */ `query($q: String!) { matters(first: 100, filter: { search: $q }) { edges { node { id } } } }`;

async function search(viewer: Actor, q: string): Promise<string[]> {
  const r = await gql<{ matters: { edges: { node: { id: string } }[] } }>(orm, viewer.viewer, SEARCH, { q });
  expect(r.errors).toBeUndefined();
  return r.data!.matters.edges.map((e) => e.node.id).sort();
}

/** What ILIKE alone gives over the same fields, in the coordinator's community (wildcards escaped). */
async function ilike(communityId: string, q: string): Promise<string[]> {
  const like = `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows: { id: string }[] = await orm.em
    .fork()
    .execute(
      'select id from matter where community_id = ? and (reference ilike ? or title ilike ? or description ilike ? or location ilike ?) order by id',
      [communityId, like, like, like, like],
    );
  return rows.map((r) => r.id).sort();
}

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
  other = await buildWorld(orm, world.services);
  admin = await buildUser(orm, UserRole.ADMIN, world.communityOrg);
  elevator = (await buildMatter(orm, { world, input: { title: '3号楼加装电梯意见分歧', description: '高层住户希望加装电梯，低层住户担心采光。', location: '昌盛小区 3号楼' } })).matter;
  leak = (await buildMatter(orm, { world, input: { title: '楼上卫生间漏水', description: '楼上住户卫生间漏水，渗到楼下天花板。', location: '昌盛小区 5号楼 502' } })).matter;
  noise = (await buildMatter(orm, { world, input: { title: '广场舞噪音扰民', description: '晚上九点以后仍放音乐，影响老人休息。', location: '文化广场' } })).matter;
  elsewhere = (await buildMatter(orm, { world: other, input: { title: '电梯故障困人', description: '物业维修不及时。', location: '幸福小区' } })).matter;
});

describe('search by Chinese terms', () => {
  it('finds two-character terms (电梯, 漏水) in the viewer\'s own community', async () => {
    expect(await search(world.coordinator, '电梯')).toEqual([elevator.id]);
    expect(await search(world.coordinator, '漏水')).toEqual([leak.id]);
    expect(await search(world.coordinator, '扰民')).toEqual([noise.id]);
    // The admin sees every community's.
    expect(await search(admin, '电梯')).toEqual([elevator.id, elsewhere.id].sort());
  });

  it('finds three- and four-character terms, and terms in the description or the location', async () => {
    expect(await search(world.coordinator, '卫生间')).toEqual([leak.id]);
    expect(await search(world.coordinator, '噪音扰民')).toEqual([noise.id]);
    expect(await search(world.coordinator, '天花板')).toEqual([leak.id]);
    expect(await search(world.coordinator, '文化广场')).toEqual([noise.id]);
    expect(await search(world.coordinator, '5号楼')).toEqual([leak.id]);
  });

  it('finds nothing for a term whose characters all occur but never together, or not at all', async () => {
    // 电梯 and 漏水 are both indexed, but no matter holds 电梯漏水.
    expect(await search(world.coordinator, '电梯漏水')).toEqual([]);
    // 楼上 and 广场 occur; 楼广 does not.
    expect(await search(world.coordinator, '楼广')).toEqual([]);
    expect(await search(world.coordinator, '停车位')).toEqual([]);
    expect(await search(admin, '停车位')).toEqual([]);
  });

  it('gives exactly what ILIKE gives: one character, Latin letters in any case, white space, wildcards taken literally', async () => {
    const ref = elevator.reference.toLowerCase();
    for (const q of ['电梯', '漏水', '卫生间', '楼', '水', ref, ref.slice(0, 4), '3号楼', '昌盛小区 5号楼', '小区 3', '%', '_', '楼上 住户']) {
      expect(await search(world.coordinator, q), q).toEqual(await ilike(world.community.id, q));
    }
    expect(await search(world.coordinator, ref)).toEqual([elevator.id]);
    expect(await search(world.coordinator, '水')).toEqual([leak.id]);
  });

  it('follows edits: the index is kept by the database on every write of the searched fields', async () => {
    const em = orm.em.fork();
    await em.execute('update matter set title = ?, description = ? where id = ?', ['楼道堆放杂物', '消防通道被占用。', noise.id]);
    expect(await search(world.coordinator, '扰民')).toEqual([]);
    expect(await search(world.coordinator, '杂物')).toEqual([noise.id]);
    expect(await search(world.coordinator, '消防')).toEqual([noise.id]);
    await em.execute('update matter set location = ? where id = ?', ['人民公园', noise.id]);
    expect(await search(world.coordinator, '公园')).toEqual([noise.id]);
    expect(await search(world.coordinator, '文化')).toEqual([]);
  });
});
