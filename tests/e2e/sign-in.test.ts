import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { DEMO_PASSWORD, login, within, type GqlResponse } from '../support/graphql.js';
import { API_MAIN, ensureApiBuilt, freePort, ROOT, startApi, type StartedApi } from '../support/server.js';

// Sign-in and client addresses against the built api, as an attacker would try them: guesses
// sent at once, guesses from many addresses, unknown usernames, a forged X-Forwarded-For — and
// behind the shipped infra/nginx.conf, residents each with their own limit on HTTP and WebSocket.

const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`;
const LOOKUP = `query($code: String!) { publicMatterStatus(trackingCode: $code) { status } }`;
const LOOKUPS_PER_WINDOW = 30;

interface Options {
  port: number;
  /** Local address to send from (127.0.0.x: every one of them reaches loopback on Linux). */
  from?: string;
  forwardedFor?: string;
}

/** One GraphQL request over HTTP from a chosen local address, optionally with X-Forwarded-For. */
function post<T>(opts: Options, query: string, variables: Record<string, unknown>): Promise<GqlResponse<T>> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: opts.port,
        path: '/graphql',
        method: 'POST',
        localAddress: opts.from,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(opts.forwardedFor ? { 'x-forwarded-for': opts.forwardedFor } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as GqlResponse<T>);
          } catch (e) {
            reject(e);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const codeOf = (r: GqlResponse<unknown>) => r.errors?.[0]?.extensions?.code ?? 'OK';
const answerOf = (r: GqlResponse<unknown>) => (r.errors ?? []).map((e) => ({ message: e.message, extensions: e.extensions }));

/** The same lookup as a console's WebSocket operation, from a chosen local address. */
async function lookupOverWebSocket(opts: Options, token: string): Promise<string> {
  class FromAddress extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, {
        localAddress: opts.from,
        headers: opts.forwardedFor ? { 'x-forwarded-for': opts.forwardedFor } : {},
      });
    }
  }
  const client = createClient({ url: `ws://127.0.0.1:${opts.port}/graphql`, webSocketImpl: FromAddress, connectionParams: { authToken: token }, retryAttempts: 0 });
  try {
    return await within(
      10_000,
      new Promise<string>((resolve, reject) => {
        client.subscribe<{ publicMatterStatus: unknown }>(
          { query: LOOKUP, variables: { code: '0000000000' } },
          {
            next: (r) => resolve(String(r.errors?.[0]?.extensions?.code ?? 'OK')),
            error: (e) => (Array.isArray(e) ? resolve(String((e[0] as { extensions?: { code?: string } }).extensions?.code)) : reject(e)),
            complete: () => {},
          },
        );
      }),
      'the WebSocket lookup',
    );
  } finally {
    await client.dispose();
  }
}

describe('sign-in throttling and client addresses (TRUST_PROXY=1)', () => {
  let api: StartedApi;
  beforeAll(async () => {
    api = await startApi({ env: { TRUST_PROXY: '1' } });
  });
  afterAll(async () => {
    await api?.stop();
  });
  // The test is the one trusted hop: X-Forwarded-For's last entry is the client it names.
  const via = (client: string): Options => ({ port: api.port, forwardedFor: client });

  it('is not bypassed by concurrency: 30 wrong passwords at once, three times, then the right one is refused', async () => {
    let checked = 0;
    for (let burst = 0; burst < 3; burst++) {
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => post(via('203.0.113.10'), LOGIN, { u: 'court', p: `guess-${burst}-${i}` })));
      for (const a of answers) expect(['UNAUTHENTICATED', 'TOO_MANY_REQUESTS']).toContain(codeOf(a));
      checked += answers.filter((a) => codeOf(a) === 'UNAUTHENTICATED').length;
    }
    // Of 90 guesses only the attempts before the backoff (LOGIN_ATTEMPTS_BEFORE_BACKOFF, 5) had their password checked.
    expect(checked).toBeLessThanOrEqual(5);
    expect(codeOf(await post(via('203.0.113.10'), LOGIN, { u: 'court', p: DEMO_PASSWORD }))).toBe('TOO_MANY_REQUESTS');
  });

  it('answers an unknown username exactly as a real one, and has no lockedUntil', async () => {
    const run = async (username: string, client: string) => {
      const seen = [];
      for (let i = 0; i < 7; i++) seen.push(answerOf(await post(via(client), LOGIN, { u: username, p: `guess-${i}` })));
      return seen;
    };
    const real = await run('procuratorate', '203.0.113.20');
    expect(real.map((a) => a[0].extensions?.code)).toContain('TOO_MANY_REQUESTS');
    expect(JSON.stringify(real)).not.toContain('lockedUntil');
    expect(await run('no-such-officer', '203.0.113.21')).toEqual(real);
  });

  it('cannot be used to lock a named officer out of the address they sign in from', async () => {
    expect(codeOf(await post(via('198.51.100.40'), LOGIN, { u: 'police', p: DEMO_PASSWORD }))).toBe('OK');
    for (let burst = 0; burst < 3; burst++) {
      await Promise.all(Array.from({ length: 30 }, (_, i) => post(via(`203.0.113.${100 + burst * 30 + i}`), LOGIN, { u: 'police', p: `guess-${i}` })));
    }
    expect(codeOf(await post(via('203.0.113.250'), LOGIN, { u: 'police', p: DEMO_PASSWORD }))).toBe('TOO_MANY_REQUESTS');
    expect(codeOf(await post(via('198.51.100.40'), LOGIN, { u: 'police', p: DEMO_PASSWORD }))).toBe('OK');
  });

  it('takes the address the trusted hop saw: a forged X-Forwarded-For does not escape the limit', async () => {
    for (let i = 0; i < LOOKUPS_PER_WINDOW; i++) {
      expect(codeOf(await post(via(`10.9.${i}.1, 198.51.100.70`), LOOKUP, { code: '0000000000' })), `lookup ${i}`).toBe('NOT_FOUND');
    }
    expect(codeOf(await post(via('10.9.99.1, 198.51.100.70'), LOOKUP, { code: '0000000000' }))).toBe('TOO_MANY_REQUESTS');
    // Another resident behind the same proxy has their own allowance.
    expect(codeOf(await post(via('198.51.100.71'), LOOKUP, { code: '0000000000' }))).toBe('NOT_FOUND');
  });

  it('sees the same client address over WebSocket as over HTTP', async () => {
    const { token } = await login(api.url, 'gridworker');
    for (let i = 0; i < LOOKUPS_PER_WINDOW; i++) await post(via('198.51.100.80'), LOOKUP, { code: '0000000000' });
    expect(await lookupOverWebSocket(via('198.51.100.80'), token)).toBe('TOO_MANY_REQUESTS');
    expect(await lookupOverWebSocket(via('198.51.100.81'), token)).toBe('NOT_FOUND');
  });
});

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
if (!NGINX && process.env.CI === 'true') throw new Error('nginx is missing (.ci/run installs it)');

describe.skipIf(!NGINX)('behind the shipped infra/nginx.conf', () => {
  let api: StartedApi;
  let nginx: ChildProcess | null = null;
  let port = 0;
  let dir = '';
  beforeAll(async () => {
    api = await startApi({ env: { TRUST_PROXY: '1' }, seedDemo: true });
    port = await freePort();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sst-nginx-'));
    // The shipped server block, pointed at this api and a free port.
    const site = fs
      .readFileSync(path.join(ROOT, 'infra', 'nginx.conf'), 'utf8')
      .replace(/upstream sst_api \{[^}]*\}/, `upstream sst_api { server 127.0.0.1:${api.port}; }`)
      .replace(/listen 80;/, `listen 127.0.0.1:${port};`);
    const conf = path.join(dir, 'nginx.conf');
    fs.writeFileSync(
      conf,
      `daemon off; master_process off; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events {}
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  ${site}
}
`,
    );
    nginx = spawn(NGINX!, ['-p', dir, '-c', conf], { stdio: 'ignore' });
    for (let i = 0; ; i++) {
      const up = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (up) break;
      if (i > 100) throw new Error(`nginx did not start: ${fs.existsSync(`${dir}/error.log`) ? fs.readFileSync(`${dir}/error.log`, 'utf8') : ''}`);
      // Polling another process's readiness: there is no event to wait on.
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((r) => nginx!.once('exit', r));
      nginx.kill('SIGTERM');
      await exited;
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await api?.stop();
  });

  it('gives each resident their own limit, on HTTP and WebSocket, whatever they write in X-Forwarded-For', async () => {
    const { token } = await login(api.url, 'coordinator');
    const residentA = { port, from: '127.0.0.2' };
    const residentB = { port, from: '127.0.0.3' };
    for (let i = 0; i < LOOKUPS_PER_WINDOW; i++) {
      expect(codeOf(await post({ ...residentA, forwardedFor: `10.8.${i}.1` }, LOOKUP, { code: '0000000000' })), `lookup ${i}`).toBe('NOT_FOUND');
    }
    expect(codeOf(await post({ ...residentA, forwardedFor: '10.8.99.1' }, LOOKUP, { code: '0000000000' }))).toBe('TOO_MANY_REQUESTS');
    expect(await lookupOverWebSocket(residentA, token)).toBe('TOO_MANY_REQUESTS');
    expect(codeOf(await post(residentB, LOOKUP, { code: '0000000000' }))).toBe('NOT_FOUND');
    expect(await lookupOverWebSocket(residentB, token)).toBe('NOT_FOUND');
  });
});

describe('the embedded database of a production api', () => {
  ensureApiBuilt();
  const base = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: '0' };

  it('refuses to start without DATABASE_URL unless EMBEDDED_DATABASE is set, saying why', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sst-e2e-'));
    let child: ChildProcess | null = null;
    try {
      child = spawn(process.execPath, [API_MAIN], { env: { ...base, PORT: String(await freePort()), DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
      const code = await within(30_000, new Promise<number | null>((r) => child!.once('exit', r)), 'the api to exit');
      expect(code).not.toBe(0);
      expect(output).toMatch(/DATABASE_URL/);
      expect(output).toMatch(/EMBEDDED_DATABASE=1/);
    } finally {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it.skipIf(!fs.existsSync('/proc/self/fd'))('listens on no TCP port but its own when EMBEDDED_DATABASE=1', async () => {
    // TEST_DATABASE_URL is left out on purpose: this api runs the embedded PGlite.
    const api = await startApiEmbedded();
    try {
      const listening = listeningTcpPorts(api.pid);
      expect(listening).toEqual([api.port]);
      expect(codeOf(await post({ port: api.port }, LOOKUP, { code: '0000000000' }))).toBe('NOT_FOUND');
    } finally {
      await api.stop();
    }
  });
});

/** startApi, but on the embedded PGlite even where TEST_DATABASE_URL is set. */
async function startApiEmbedded(): Promise<StartedApi> {
  const saved = process.env.TEST_DATABASE_URL;
  delete process.env.TEST_DATABASE_URL;
  try {
    return await startApi({ seedDemo: false });
  } finally {
    if (saved !== undefined) process.env.TEST_DATABASE_URL = saved;
  }
}

/** The TCP ports a process listens on (Linux /proc: its socket inodes in LISTEN state). */
function listeningTcpPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = fs.readlinkSync(`/proc/${pid}/fd/${fd}`).match(/^socket:\[(\d+)\]$/);
      if (m) inodes.add(m[1]);
    } catch {
      // The descriptor closed meanwhile.
    }
  }
  const ports = new Set<number>();
  for (const table of [`/proc/${pid}/net/tcp`, `/proc/${pid}/net/tcp6`]) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '0A' && inodes.has(cols[9])) ports.add(parseInt(cols[1].split(':')[1], 16));
    }
  }
  return [...ports].sort((a, b) => a - b);
}
