import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './server.js';

/**
 * A private Redis for fault tests (a child process on a free port, nothing persisted), so a test
 * can stop and start it without disturbing the shared Redis other tests use.
 */
export interface RedisInstance {
  port: number;
  /** redis://127.0.0.1:<port> */
  url: string;
  /** Ends the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port; resolves once it answers PING. */
  start(): Promise<void>;
  /** Stops it if running and removes its directory. Safe to call more than once. */
  destroy(): Promise<void>;
  /** One command (e.g. ['PUBSUB', 'NUMSUB', 'channel']) and its parsed reply. */
  command(args: string[]): Promise<RespValue>;
  log(): string;
}

export function findRedisServer(): string {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/usr/local/bin', '/usr/sbin'];
  const found = dirs.map((d) => path.join(d, 'redis-server')).find((p) => fs.existsSync(p));
  if (!found) throw new Error('redis-server was not found: install Redis (Debian: apt-get install redis-server; .ci/run does this)');
  return found;
}

export type RespValue = string | number | null | RespValue[];

/** Parses one RESP reply from `buf` at `at`; undefined while it is incomplete. */
function parseResp(buf: string, at = 0): { value: RespValue; end: number } | undefined {
  const eol = buf.indexOf('\r\n', at);
  if (eol < 0) return undefined;
  const head = buf.slice(at + 1, eol);
  switch (buf[at]) {
    case '+':
      return { value: head, end: eol + 2 };
    case '-':
      return { value: `ERR ${head}`, end: eol + 2 };
    case ':':
      return { value: Number(head), end: eol + 2 };
    case '$': {
      const len = Number(head);
      if (len < 0) return { value: null, end: eol + 2 };
      const body = Buffer.from(buf.slice(eol + 2));
      if (body.length < len + 2) return undefined;
      const value = body.subarray(0, len).toString();
      return { value, end: eol + 2 + value.length + 2 };
    }
    case '*': {
      const n = Number(head);
      const items: RespValue[] = [];
      let end = eol + 2;
      for (let i = 0; i < n; i++) {
        const item = parseResp(buf, end);
        if (!item) return undefined;
        items.push(item.value);
        end = item.end;
      }
      return { value: n < 0 ? null : items, end };
    }
    default:
      throw new Error(`unexpected RESP reply: ${JSON.stringify(buf)}`);
  }
}

/** Sends one command over RESP on a fresh connection and returns the parsed reply. */
function command(port: number, args: string[], timeoutMs = 2_000): Promise<RespValue> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    const timer = setTimeout(() => socket.destroy(new Error('redis did not answer')), timeoutMs);
    socket.once('connect', () => socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      const parsed = parseResp(reply);
      if (parsed) {
        clearTimeout(timer);
        socket.end();
        resolve(parsed.value);
      }
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export async function startRedis(): Promise<RedisInstance> {
  const bin = findRedisServer();
  // Fail early with the reason when the binary cannot run at all.
  const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) throw new Error(`redis-server does not run: ${version.stderr || version.error?.message}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sst-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const output: string[] = [];

  const start = async () => {
    if (child) return;
    const proc = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    live.add(proc);
    const keep = (c: Buffer) => {
      output.push(c.toString());
      if (output.length > 200) output.shift();
    };
    proc.stdout!.on('data', keep);
    proc.stderr!.on('data', keep);
    exited = new Promise((resolve) =>
      proc.once('exit', () => {
        live.delete(proc);
        if (child === proc) child = null;
        resolve();
      }),
    );
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (!child) throw new Error(`redis-server exited at start:\n${output.join('')}`);
      const pong = await command(port, ['PING'], 500).then(
        (r) => r === 'PONG',
        () => false,
      );
      if (pong) return;
      if (Date.now() > deadline) throw new Error(`redis-server did not answer PING within 10 s:\n${output.join('')}`);
      // Polling another process's readiness: there is no event to wait on.
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const stop = async () => {
    const proc = child;
    if (!proc) return;
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  await start();
  let destroyed: Promise<void> | null = null;
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    stop,
    command: (args) => command(port, args),
    log: () => output.join(''),
    destroy: () =>
      (destroyed ??= (async () => {
        await stop();
        fs.rmSync(dir, { recursive: true, force: true });
      })()),
  };
}
