import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { logger } from '../logger';

/** A port that was free a moment ago on the loopback interface (for test servers). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** PostgreSQL's name for the socket file of port 5432 in a socket directory (what `pg` looks for). */
const SOCKET_FILE = '.s.PGSQL.5432';

export interface EmbeddedPostgres {
  url: string;
  /** The directory holding the Unix socket (mode 0700). */
  socketDir: string;
  stop(): Promise<void>;
}

/**
 * Real PostgreSQL compiled to WASM, served over the wire protocol so that the same PostgreSQL
 * driver and migrations run against it. `dataDir` undefined keeps it in memory.
 *
 * The wire protocol server has no authentication, so it never listens on TCP, where every local
 * process (and user) could connect to it: it listens on a Unix socket in a fresh directory only
 * this process's user can enter (0700, from mkdtemp), removed when it stops.
 */
export async function startEmbeddedPostgres(dataDir?: string): Promise<EmbeddedPostgres> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  // A short path: a socket's path is limited to ~107 bytes, and DATA_DIR may be deep.
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sst-pg-'));
  fs.chmodSync(socketDir, 0o700);
  const server = new PGLiteSocketServer({ db, path: path.join(socketDir, SOCKET_FILE), maxConnections: 4 });
  try {
    await server.start();
  } catch (e) {
    fs.rmSync(socketDir, { recursive: true, force: true });
    await db.close();
    throw e;
  }
  logger.info({ dataDir: dataDir ?? 'memory', socketDir }, 'embedded PostgreSQL (PGlite) started on a private Unix socket');
  return {
    // The host is the socket's directory; `pg` connects to <host>/.s.PGSQL.<port>.
    url: `postgresql://postgres@${encodeURIComponent(socketDir)}:5432/postgres`,
    socketDir,
    async stop() {
      await server.stop();
      await db.close();
      fs.rmSync(socketDir, { recursive: true, force: true });
    },
  };
}
