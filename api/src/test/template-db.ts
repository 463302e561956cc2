import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { initOrm } from '../db/orm';

/** Runs SQL on the maintenance database of a server URL. */
export async function onServer<T = unknown>(serverUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const admin = await initOrm(serverUrl, { migrate: false });
  try {
    return await admin.em.getConnection().execute(sql, params);
  } finally {
    await admin.close(true);
  }
}

export function databaseUrlFor(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * The name of a database on the server with every migration applied, made once per set of
 * migration sources: its name carries a hash of them, so a changed or added migration makes a
 * new template, and test runs of different branches on one server never share a stale one.
 * Made under a temporary name and renamed, so concurrent runs never copy a half-migrated one.
 */
export async function migratedTemplate(serverUrl: string): Promise<string> {
  const dir = path.join(__dirname, '..', 'db', 'migrations');
  const hash = createHash('sha256');
  for (const f of fs.readdirSync(dir).sort()) hash.update(f).update(fs.readFileSync(path.join(dir, f)));
  const name = `sst_tpl_${hash.digest('hex').slice(0, 16)}`;
  const exists = async () => (await onServer(serverUrl, 'select 1 from pg_database where datname = ?', [name])).length > 0;
  if (await exists()) return name;
  const building = `${name}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, `create database ${building}`);
  const orm = await initOrm(databaseUrlFor(serverUrl, building));
  await orm.close(true);
  try {
    await onServer(serverUrl, `alter database ${building} rename to ${name}`);
  } catch (err) {
    // Another run made it meanwhile: use theirs.
    await onServer(serverUrl, `drop database if exists ${building} with (force)`);
    if (!(await exists())) throw err;
  }
  return name;
}
