import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { openConsole, type Console, type Feed } from '../support/graphql.js';
import { findPostgresBin, startPostgres, type PostgresInstance } from '../support/postgres-instance.js';
import { startApi, type StartedApi } from '../support/server.js';
import { ACTIVITY, communityCursors, connect, createAdmin, loginCoordinator, reportMatter, setUpCommunity, type ActivityEvent, type Community } from './world.js';

// The restore drill of the README's backup procedure: pg_dump while consoles are connected and
// events are being written, pg_restore into a new database, the sequence step, an api on it, and
// the consoles reconnecting with `after:` their last cursor — each gets every event after its
// cursor that the restored database holds or writes, none twice. Events written after the dump
// are gone with the old database (that is what restoring means); what matters is that no console
// then misses a new one because its cursor was already past the restored table's end.

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} failed (${code}):\n${out}`))));
  });
}

describe('backup and restore drill', () => {
  let pgi: PostgresInstance;
  let api: StartedApi;
  let restored: StartedApi | null = null;
  let world: Community;
  let db: pg.Client;
  let restoredDb: pg.Client | null = null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sst-backup-'));
  const consoles: Console[] = [];

  beforeAll(async () => {
    pgi = await startPostgres();
    await createAdmin(pgi.url);
    api = await startApi({ databaseUrl: pgi.url, seedDemo: false, readyTimeoutMs: 60_000 });
    world = await setUpCommunity(api.url);
    db = await connect(pgi.url);
  }, 120_000);

  afterAll(async () => {
    for (const c of consoles) await c.dispose().catch(() => undefined);
    await restored?.stop();
    await api?.stop();
    await restoredDb?.end().catch(() => undefined);
    await db?.end().catch(() => undefined);
    await pgi?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('restores a dump taken under load; consoles resume with after: without loss or duplicates', async () => {
    const bin = findPostgresBin();
    for (let i = 0; i < 3; i++) await reportMatter(api.url, world.coordinator, `备份前事项 ${i}`);

    // Two consoles: one that will be behind the dump, one that saw events written after it.
    const behind = openConsole(api.wsUrl, world.coordinator.token);
    const ahead = openConsole(api.wsUrl, world.coordinator.token);
    consoles.push(behind, ahead);
    const behindFeed: Feed<ActivityEvent> = behind.subscribe(ACTIVITY, { after: '0' });
    const aheadFeed: Feed<ActivityEvent> = ahead.subscribe(ACTIVITY, { after: '0' });
    const first = await communityCursors(db, world.communityId, '0');
    await behindFeed.waitForCount(first.length);
    await aheadFeed.waitForCount(first.length);
    // The slow console stops reading here (its last cursor is the first batch's end).
    await behind.dispose();

    // pg_dump (custom format) while the other console is connected and writes go on.
    const dump = path.join(dir, 'sst.dump');
    const writing = (async () => {
      for (let i = 0; i < 5; i++) await reportMatter(api.url, world.coordinator, `备份进行中 ${i}`);
    })();
    await run(path.join(bin, 'pg_dump'), ['--format=custom', '--no-owner', `--file=${dump}`, pgi.url]);
    await writing;
    // Written after the dump: the old database has them, the backup does not.
    await reportMatter(api.url, world.coordinator, '备份之后的事项');
    const all = await communityCursors(db, world.communityId, '0');
    await aheadFeed.waitForCount(all.length);
    const aheadCursor = aheadFeed.received.at(-1)!.cursor;

    // The old database is lost. Restore into a new one, then the sequence step of the procedure.
    await api.kill('SIGKILL');
    await db.query('create database sst_restored');
    const restoredUrl = pgi.urlFor('sst_restored');
    await run(path.join(bin, 'pg_restore'), ['--no-owner', '--exit-on-error', `--dbname=${restoredUrl}`, dump]);
    restoredDb = await connect(restoredUrl);
    await restoredDb.query(`select setval('event_id_seq', (select coalesce(max(id), 0) from event) + 1000000)`);
    const inBackup = await communityCursors(restoredDb, world.communityId, '0');
    // The backup holds the first batch and some of what was written during the dump, not the later one.
    expect(inBackup.slice(0, first.length)).toEqual(first);
    expect(inBackup.length).toBeLessThan(all.length);

    restored = await startApi({ databaseUrl: restoredUrl, seedDemo: false, readyTimeoutMs: 60_000 });
    const coordinator = await loginCoordinator(restored.url);
    const behindCursor = first.at(-1)!;
    const behind2 = openConsole(restored.wsUrl, coordinator.token);
    const ahead2 = openConsole(restored.wsUrl, coordinator.token);
    consoles.push(behind2, ahead2);
    const behind2Feed: Feed<ActivityEvent> = behind2.subscribe(ACTIVITY, { after: behindCursor });
    const ahead2Feed: Feed<ActivityEvent> = ahead2.subscribe(ACTIVITY, { after: aheadCursor });
    await Promise.all([behind2.connected, ahead2.connected]);

    for (let i = 0; i < 3; i++) await reportMatter(restored.url, coordinator, `恢复之后的事项 ${i}`);
    const afterRestore = await communityCursors(restoredDb, world.communityId, inBackup.at(-1)!);
    expect(afterRestore.length).toBe(3);
    // Every new event's cursor is past every cursor a console held before the restore.
    for (const c of afterRestore) expect(BigInt(c)).toBeGreaterThan(BigInt(aheadCursor));

    // The console behind the dump: the rest of the backup, then the new events — exactly.
    const expectedBehind = [...inBackup.filter((c) => BigInt(c) > BigInt(behindCursor)), ...afterRestore];
    await behind2Feed.waitForCount(expectedBehind.length, 20_000);
    // The console ahead of it: the new events, none skipped for having a lower id than its cursor.
    await ahead2Feed.waitForCount(afterRestore.length, 20_000);
    // One more event proves nothing extra was queued behind those.
    await reportMatter(restored.url, coordinator, '恢复之后的最后一件');
    const last = (await communityCursors(restoredDb, world.communityId, afterRestore.at(-1)!))[0];
    await behind2Feed.waitForCount(expectedBehind.length + 1, 20_000);
    await ahead2Feed.waitForCount(afterRestore.length + 1, 20_000);
    expect(behind2Feed.received.map((e) => e.cursor)).toEqual([...expectedBehind, last]);
    expect(ahead2Feed.received.map((e) => e.cursor)).toEqual([...afterRestore, last]);
  }, 240_000);
});
