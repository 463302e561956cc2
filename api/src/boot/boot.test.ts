import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { start, type Running } from '../bootstrap';
import { loadConfig } from '../config';
import { initOrm } from '../db/orm';
import { seedDemo } from '../seed/demo';
import { countRows, databaseUrlFor, TEST_PII_KEYS, within, type RowCounts } from '../test/harness';
import { TcpHop } from '../test/tcp-hop';

/**
 * Boot as a deployment does it: several instances on one empty PostgreSQL at once, and an
 * instance started before its database. Needs a PostgreSQL server (TEST_DATABASE_URL); the
 * embedded PGlite serves one process by construction.
 */
const serverUrl = process.env.TEST_DATABASE_URL;
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  while (cleanup.length) await cleanup.pop()!();
}, 120_000);

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A new database with nothing in it (no migrations): what a first deployment meets. */
async function emptyDatabase(): Promise<string> {
  const name = `sst_boot_${randomBytes(5).toString('hex')}`;
  await admin(`create database ${name}`);
  cleanup.push(() => admin(`drop database if exists ${name} with (force)`));
  return databaseUrlFor(serverUrl!, name);
}

function configFor(databaseUrl: string, extra: Record<string, string> = {}) {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl, PII_KEYS: TEST_PII_KEYS, SEED_DEMO: 'true', PORT: '0', HOST: '127.0.0.1', ...extra });
}

async function boot(databaseUrl: string, extra: Record<string, string> = {}, signal?: AbortSignal): Promise<Running> {
  const running = await start(configFor(databaseUrl, extra), undefined, { signal });
  cleanup.push(() => running.stop());
  return running;
}

async function countsOf(r: Running): Promise<RowCounts & { communities: number; users: number }> {
  const rows: { communities: number; users: number }[] = await r.orm.em
    .fork()
    .getConnection()
    .execute('select (select count(*) from community)::int as communities, (select count(*) from app_user)::int as users');
  return { ...(await countRows(r.orm)), ...rows[0] };
}

describe.skipIf(!serverUrl)('first boot', () => {
  it('of three instances at once on an empty database: all come up, and the demo is there once', async () => {
    const single = await boot(await emptyDatabase());
    const expected = await countsOf(single);
    await single.stop();
    expect(expected.matter).toBeGreaterThan(40);
    expect(expected.communities).toBe(1);

    const url = await emptyDatabase();
    const three = await Promise.all([boot(url), boot(url), boot(url)]);
    for (const r of three) expect((await fetch(`http://127.0.0.1:${r.port}/readyz`)).status).toBe(200);
    expect(await countsOf(three[0])).toEqual(expected);
    const migrations: { n: number }[] = await three[0].orm.em.fork().getConnection().execute('select count(*)::int as n from mikro_orm_migrations');
    const names: { n: number }[] = await three[0].orm.em.fork().getConnection().execute('select count(distinct name)::int as n from mikro_orm_migrations');
    expect(migrations[0].n).toBe(names[0].n);
  }, 300_000);

  it('before PostgreSQL is reachable: alive, not ready, and ready once the database comes', async () => {
    const url = await emptyDatabase();
    // A port nothing listens on yet; a hop to the real server opens on it later.
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const later = new URL(url);
    later.port = String(port);
    const apiPort = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const booting = boot(later.toString(), { PORT: String(apiPort), SEED_DEMO: 'false' });
    booting.catch(() => undefined);
    const get = (path: string) => fetch(`http://127.0.0.1:${apiPort}${path}`).then((r) => r.status, () => 0);
    // The port answers while the database is away: alive (do not restart me), not ready (no traffic).
    await within(10_000, (async () => { while ((await get('/healthz')) !== 200) await new Promise((r) => setTimeout(r, 50)); })(), '/healthz');
    expect(await get('/readyz')).toBe(503);
    expect(await get('/graphql')).toBe(503);

    const hop = await TcpHop.open(url, 5432, port);
    cleanup.push(() => hop.close());
    const running = await within(30_000, booting, 'boot once the database listens');
    expect(running.port).toBe(apiPort);
    expect(await get('/readyz')).toBe(200);
  }, 60_000);

  it('seeds in one transaction: a seed cut off halfway leaves nothing, and the next boot seeds it whole', async () => {
    const url = await emptyDatabase();
    const orm = await initOrm(url);
    cleanup.push(() => orm.close(true));
    // Cut the seed off halfway, deterministically: the 21st matter it inserts fails (a fixed sleep
    // before killing its connection raced the seed on a fast machine, where it had already committed).
    const sql = orm.em.fork().getConnection();
    await sql.execute(`create sequence seed_cut_seq`);
    await sql.execute(
      `create function seed_cut() returns trigger language plpgsql as $$
         begin if nextval('seed_cut_seq') > 20 then raise exception 'seed cut off halfway (test)'; end if; return new; end $$`,
    );
    await sql.execute(`create trigger seed_cut before insert on matter for each row execute function seed_cut()`);
    await expect(seedDemo(orm)).rejects.toThrow(/seed cut off halfway/);
    expect(((await sql.execute('select last_value::int as n from seed_cut_seq')) as { n: number }[])[0].n).toBe(21);
    await sql.execute(`drop trigger seed_cut on matter; drop function seed_cut(); drop sequence seed_cut_seq`);
    const empty = await countRows(orm);
    expect(empty.matter).toBe(0);
    expect(empty.event).toBe(0);
    const communities: { n: number }[] = await orm.em.fork().getConnection().execute('select count(*)::int as n from community');
    expect(communities[0].n).toBe(0);

    const running = await boot(url);
    const counts = await countsOf(running);
    expect(counts.communities).toBe(1);
    expect(counts.matter).toBeGreaterThan(40);
  }, 120_000);
});
