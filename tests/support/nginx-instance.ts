import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT, freePort } from './server.js';

/**
 * nginx running the shipped `infra/nginx.conf` in front of api processes on loopback. Only what
 * must differ on a test machine is templated: the upstream servers (127.0.0.1:<port> instead of
 * compose's api1/api2) and the listen address; every other line is the shipped file's. nginx runs
 * unprivileged-style with its own prefix directory (`nginx -p DIR -c FILE`).
 */
export interface NginxInstance {
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /** ws://127.0.0.1:<port>/graphql */
  wsUrl: string;
  /** The templated site configuration, for failure messages. */
  site: string;
  log(): string;
  stop(): Promise<void>;
}

const CANDIDATES = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx', '/usr/local/bin/nginx'];

export function findNginx(): string {
  const fromPath = (process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, 'nginx'));
  const found = [process.env.NGINX_BIN ?? '', ...CANDIDATES, ...fromPath].find((p) => p && fs.existsSync(p));
  if (!found) throw new Error('nginx was not found: install it (Debian: apt-get install nginx; .ci/run does this) or set NGINX_BIN');
  return found;
}

/** infra/nginx.conf with its upstream servers and listen address replaced; nothing else changed. */
export function templateNginxConf(shipped: string, upstreamPorts: number[], listenPort: number): string {
  const upstream = /upstream\s+sst_api\s*\{([^}]*)\}/;
  const block = shipped.match(upstream);
  if (!block) throw new Error('infra/nginx.conf has no `upstream sst_api { … }` block to template');
  const servers = [...block[1].matchAll(/server\s+[^;\s]+([^;]*);/g)];
  if (servers.length === 0) throw new Error('infra/nginx.conf: the upstream block lists no server');
  // Each shipped server line's parameters (weights, max_fails…) are kept; the addresses become ours.
  const params = servers[0][1];
  const ours = upstreamPorts.map((p) => `server 127.0.0.1:${p}${params};`).join(' ');
  const withUpstream = shipped.replace(block[1], block[1].replace(/(\s*server\s+[^;]+;)+/, ` ${ours} `));
  const listens = [...withUpstream.matchAll(/listen\s+[^;]+;/g)];
  if (listens.length !== 1) throw new Error(`infra/nginx.conf: expected one listen directive, found ${listens.length}`);
  return withUpstream.replace(/listen\s+[^;]+;/, `listen 127.0.0.1:${listenPort};`);
}

export async function startNginx(upstreamPorts: number[]): Promise<NginxInstance> {
  const bin = findNginx();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sst-nginx-'));
  fs.mkdirSync(path.join(dir, 'tmp'));
  fs.mkdirSync(path.join(dir, 'logs'));
  const port = await freePort();
  const site = templateNginxConf(fs.readFileSync(path.join(ROOT, 'infra', 'nginx.conf'), 'utf8'), upstreamPorts, port);
  fs.writeFileSync(path.join(dir, 'site.conf'), site);
  const root = process.getuid?.() === 0;
  // The shipped file is a conf.d site (http context), as the nginx image includes it.
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      root ? 'user root;' : '',
      'daemon off;',
      'worker_processes 1;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/logs/error.log warn;`,
      'events { worker_connections 4096; }',
      'http {',
      `  access_log ${dir}/logs/access.log;`,
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/tmp/${t};`),
      `  include ${dir}/site.conf;`,
      '}',
    ].join('\n'),
  );
  const test = spawnSync(bin, ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx -t failed:\n${test.stderr}\n${site}`);
  const child: ChildProcess = spawn(bin, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = () => stderr + (fs.existsSync(path.join(dir, 'logs', 'error.log')) ? fs.readFileSync(path.join(dir, 'logs', 'error.log'), 'utf8') : '');
  const deadline = Date.now() + 10_000;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (open) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`nginx did not start:\n${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  let stopped: Promise<void> | null = null;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    site,
    log,
    stop: () =>
      (stopped ??= (async () => {
        if (child.exitCode === null) child.kill('SIGQUIT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
        fs.rmSync(dir, { recursive: true, force: true });
      })()),
  };
}
