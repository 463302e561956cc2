import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './server.js';

/**
 * A private PostgreSQL server for fault tests: its own data directory, port and socket directory,
 * so a test can stop and start it without disturbing the shared server other tests use.
 * PostgreSQL refuses to run as root; when the tests run as root (CI, containers) the server runs
 * as the `postgres` user through `runuser`, in a temporary directory that user owns.
 */
export interface PostgresInstance {
  port: number;
  /** postgresql://postgres@127.0.0.1:<port>/postgres */
  url: string;
  /** The URL of another database on this server. */
  urlFor(database: string): string;
  /** `pg_ctl stop -m <mode>` (default fast: disconnects every client, then shuts down cleanly). */
  stop(mode?: 'smart' | 'fast' | 'immediate'): Promise<void>;
  /** Starts the stopped server again on the same port and data directory; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops the server (immediately) and removes its directory. Safe to call more than once. */
  destroy(): Promise<void>;
  /** The server's log, for failure messages. */
  log(): string;
}

const INSTALL_HINT = 'install the PostgreSQL server (Debian: apt-get install postgresql; .ci/run does this) or set PG_BIN to the directory holding initdb and pg_ctl';

/** The directory holding initdb and pg_ctl: $PG_BIN, the newest /usr/lib/postgresql/<v>/bin, or PATH. */
export function findPostgresBin(): string {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const versions = fs
      .readdirSync(debian)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(path.join(debian, v, 'bin'));
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(dir);
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl')));
  if (!found) throw new Error(`PostgreSQL server binaries (initdb, pg_ctl) were not found in ${candidates.slice(0, 4).join(', ')}…: ${INSTALL_HINT}`);
  return found;
}

interface RunAs {
  /** The command line that runs `argv` as the server's owner. */
  wrap(argv: string[]): [string, string[]];
  uid: number | null;
  gid: number | null;
}

function runAs(): RunAs {
  if (process.getuid?.() !== 0) return { wrap: ([cmd, ...args]) => [cmd, args], uid: null, gid: null };
  const id = (flag: string) => {
    const r = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`running as root, and there is no 'postgres' user to run the PostgreSQL server as: ${INSTALL_HINT}`);
    return Number(r.stdout.trim());
  };
  const uid = id('-u');
  const gid = id('-g');
  if (fs.existsSync('/usr/sbin/runuser') || fs.existsSync('/sbin/runuser')) {
    return { wrap: (argv) => ['runuser', ['-u', 'postgres', '--', ...argv]], uid, gid };
  }
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return { wrap: (argv) => ['su', ['postgres', '-s', '/bin/sh', '-c', argv.map(quote).join(' ')]], uid, gid };
}

function run(as: RunAs, argv: string[], what: string): Promise<string> {
  const [cmd, args] = as.wrap(argv);
  return new Promise((resolve, reject) => {
    // Not `stdio: pipe` to completion: `pg_ctl start` leaves the postmaster running with our pipes
    // open unless its output goes to the log file (-l), which it does below.
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', (err) => reject(new Error(`${what}: ${err.message}`)));
    child.once('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${what} failed (${code}):\n${out}`))));
  });
}

const live = new Set<() => void>();
process.once('exit', () => {
  for (const stop of live) stop();
});

/** initdb + pg_ctl start on a free port, trust authentication, listening on 127.0.0.1 only. */
export async function startPostgres(): Promise<PostgresInstance> {
  const bin = findPostgresBin();
  const as = runAs();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sst-pg-'));
  if (as.uid !== null) fs.chownSync(dir, as.uid, as.gid!);
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  const port = await freePort();
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const pgCtl = path.join(bin, 'pg_ctl');
  // fsync off: the tests stop the server, they do not crash the machine, so the OS keeps every write.
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=60`;

  let running = false;
  const stopNow = () => {
    if (!running) return;
    const [cmd, args] = as.wrap([pgCtl, 'stop', '-D', data, '-m', 'immediate', '-w']);
    spawnSync(cmd, args, { stdio: 'ignore' });
    running = false;
  };
  live.add(stopNow);

  const start = async () => {
    await run(as, [pgCtl, 'start', '-D', data, '-l', logFile, '-w', '-t', '60', '-o', serverOptions], 'pg_ctl start');
    running = true;
  };
  const stop = async (mode: 'smart' | 'fast' | 'immediate' = 'fast') => {
    await run(as, [pgCtl, 'stop', '-D', data, '-m', mode, '-w', '-t', '60'], 'pg_ctl stop');
    running = false;
  };
  const log = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');

  try {
    await run(as, [path.join(bin, 'initdb'), '-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], 'initdb');
    await start();
    // pg_ctl -w waits for the server to accept connections; one query proves it over TCP.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.end();
  } catch (e) {
    stopNow();
    live.delete(stopNow);
    const serverLog = log();
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(e as Error).message}${serverLog ? `\nserver log:\n${serverLog}` : ''}`);
  }

  let destroyed: Promise<void> | null = null;
  return {
    port,
    url,
    urlFor: (database) => {
      const u = new URL(url);
      u.pathname = `/${database}`;
      return u.toString();
    },
    stop,
    start,
    log,
    destroy: () =>
      (destroyed ??= (async () => {
        if (running) await stop('immediate').catch(() => stopNow());
        live.delete(stopNow);
        fs.rmSync(dir, { recursive: true, force: true });
      })()),
  };
}
