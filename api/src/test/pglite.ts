import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { freePort } from '../db/embedded';

/**
 * A freshly initialised, empty PGlite data directory, dumped once per PGlite version and kept in
 * the OS temp folder. PGlite's initdb takes ~10 s of WASM work; loading the dump takes well under
 * one, so each test file still gets its own new database (and runs the real migrations on it)
 * without paying initdb again. Why not startEmbeddedPostgres(): it always runs initdb.
 */
export async function pgliteTemplate(): Promise<Buffer> {
  const key = createHash('sha256').update(require.resolve('@electric-sql/pglite')).digest('hex').slice(0, 12);
  const file = path.join(os.tmpdir(), `sst-pglite-initdb-${key}.tar`);
  if (fs.existsSync(file)) return fs.readFileSync(file);
  const db = await PGlite.create();
  const dump = Buffer.from(await (await db.dumpDataDir('none')).arrayBuffer());
  await db.close();
  const partial = `${file}.${process.pid}.${randomBytes(3).toString('hex')}`;
  fs.writeFileSync(partial, dump);
  fs.renameSync(partial, file);
  return dump;
}

/** An in-memory PGlite served over the PostgreSQL wire protocol on a free loopback port. */
export async function startTestPglite(): Promise<{ url: string; stop(): Promise<void> }> {
  const db = await PGlite.create({ loadDataDir: new Blob([await pgliteTemplate()]) });
  const port = await freePort();
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 4 });
  await server.start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
