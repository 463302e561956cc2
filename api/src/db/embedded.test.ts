import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { onDispose } from '../test/harness';
import { startEmbeddedPostgres } from './embedded';
import { initOrm } from './orm';

/** Inodes of the TCP sockets this process is listening on (Linux: /proc). */
function listeningTcpInodes(): Set<string> {
  const ours = new Set<string>();
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    const target = (() => {
      try {
        return fs.readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    })();
    const m = target.match(/^socket:\[(\d+)\]$/);
    if (m) ours.add(m[1]);
  }
  const listening = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // st 0A = LISTEN; column 9 is the inode.
      if (cols[3] === '0A' && ours.has(cols[9])) listening.add(cols[9]);
    }
  }
  return listening;
}

describe.skipIf(!fs.existsSync('/proc/self/fd'))('embedded PostgreSQL (PGlite)', () => {
  it('opens no TCP port: it serves a Unix socket in a directory only its user may enter', async () => {
    const before = listeningTcpInodes();
    const pg = await startEmbeddedPostgres();
    onDispose(() => pg.stop());
    const opened = [...listeningTcpInodes()].filter((inode) => !before.has(inode));
    expect(opened).toEqual([]);

    const dir = fs.statSync(pg.socketDir);
    expect(dir.mode & 0o777).toBe(0o700);
    expect(dir.uid).toBe(process.getuid!());
    expect(new URL(pg.url).hostname).toBe(encodeURIComponent(pg.socketDir));

    // And the api's driver reaches it there.
    const orm = await initOrm(pg.url, { embedded: true, migrate: false });
    onDispose(() => orm.close(true));
    expect(await orm.em.fork().getConnection().execute('select 41 + 1 as answer')).toEqual([{ answer: 42 }]);
  }, 60_000);
});
