import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** The repository root, found from this file so tests run from any working directory. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const API_MAIN = path.join(ROOT, 'api', 'dist', 'main.js');

export interface StartedApi {
  /** http://127.0.0.1:<port> — the web console at /, GraphQL at /graphql */
  url: string;
  /** ws://127.0.0.1:<port>/graphql */
  wsUrl: string;
  /** The database the api runs on; null when it runs the embedded PGlite (not reachable from outside). */
  databaseUrl: string | null;
  port: number;
  /** The api's process id. */
  pid: number;
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  exited: Promise<number | string | null>;
  /** Whether the process is still running. */
  alive(): boolean;
  /** The process's last lines of output, for failure messages. */
  logs(): string;
  /** Sends `signal` (default SIGKILL: no shutdown hooks run) and waits for the process to exit; the database is kept. */
  kill(signal?: NodeJS.Signals): Promise<number | string | null>;
  /** Ends the process and removes the database it created (a database given in `databaseUrl` is kept). */
  stop(): Promise<void>;
}

export interface StartApiOptions {
  /** Extra environment for the api process (e.g. SESSION_IDLE_MINUTES). */
  env?: Record<string, string>;
  /** Load the demo community (default true). */
  seedDemo?: boolean;
  /** How long to wait for /readyz (default 180 s: the demo history is told through the services). */
  readyTimeoutMs?: number;
  /** Run on this database as it is (not created, not dropped), e.g. a private server a fault test restarts. */
  databaseUrl?: string;
  /** Listen on this port instead of a free one (to restart an api where its clients expect it). */
  port?: number;
}

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

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function databaseUrlFor(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Builds api/dist when it is missing or older than the api's sources (tests must run what ships). */
export function ensureApiBuilt(): void {
  const src = path.join(ROOT, 'api', 'src');
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'test') walk(p);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        newest = Math.max(newest, fs.statSync(p).mtimeMs);
      }
    }
  };
  walk(src);
  if (fs.existsSync(API_MAIN) && fs.statSync(API_MAIN).mtimeMs >= newest) return;
  const tsc = path.join(ROOT, 'api', 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: path.join(ROOT, 'api'), stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not build the api (api/dist)');
  // tsc leaves main.js untouched when it did not change; mark the build as current.
  const now = new Date();
  fs.utimesSync(API_MAIN, now, now);
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts the built api (`node api/dist/main.js`) on a free port, with the demo data, against a
 * fresh database: a new database on TEST_DATABASE_URL's server when that is set, otherwise the
 * embedded PGlite in a temporary DATA_DIR, or the given `databaseUrl` as it is. Resolves once
 * /readyz answers; stop() ends the process and removes the database it created; kill() ends only
 * the process, so a fault test can start another api on the same database (and port).
 */
export async function startApi(opts: StartApiOptions = {}): Promise<StartedApi> {
  ensureApiBuilt();
  const port = opts.port ?? (await freePort());
  const serverUrl = opts.databaseUrl ? undefined : process.env.TEST_DATABASE_URL;
  let databaseUrl: string | null = opts.databaseUrl ?? null;
  let dbName: string | null = null;
  if (opts.databaseUrl) {
    // Given: used as it is.
  } else if (serverUrl) {
    dbName = `sst_e2e_${randomBytes(6).toString('hex')}`;
    await onServer(serverUrl, `create database ${dbName}`);
    databaseUrl = databaseUrlFor(serverUrl, dbName);
  }
  // Embedded data, or the evidence files next to a real database: never the repository's .data.
  const dataDir: string = fs.mkdtempSync(path.join(os.tmpdir(), 'sst-e2e-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    SEED_DEMO: opts.seedDemo === false ? '0' : '1',
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...opts.env,
  };
  const child = spawn(process.execPath, [API_MAIN], { cwd: path.join(ROOT, 'api'), env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 1000) output.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal);
    }),
  );
  const alive = () => child.exitCode === null && child.signalCode === null;

  const cleanup = async () => {
    running.delete(child);
    if (alive()) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    if (serverUrl && dbName) await onServer(serverUrl, `drop database if exists ${dbName} with (force)`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 180_000);
  let exitCode: number | string | null | undefined;
  void exited.then((code) => (exitCode = code));
  for (;;) {
    if (exitCode !== undefined) {
      await cleanup();
      throw new Error(`the api exited (${exitCode}) before it was ready:\n${output.join('')}`);
    }
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      await cleanup();
      throw new Error(`the api was not ready within ${opts.readyTimeoutMs ?? 180_000} ms:\n${output.join('')}`);
    }
    // Readiness polling of another process: there is no event to wait on.
    await new Promise((r) => setTimeout(r, 100));
  }
  let stopped: Promise<void> | null = null;
  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    databaseUrl,
    port,
    pid: child.pid!,
    exited,
    alive,
    logs: () => output.join(''),
    kill: async (signal = 'SIGKILL') => {
      if (alive()) child.kill(signal);
      return exited;
    },
    stop: () => (stopped ??= cleanup()),
  };
}
