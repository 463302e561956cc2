import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { start, type Running } from '../bootstrap';
import { loadConfig } from '../config';
import { buildMatter, buildWorld, TEST_PASSWORD, type World } from '../test/factories';
import { createTestDb, TEST_PII_KEYS, within } from '../test/harness';

// An instance as it runs (start()), with METRICS_PORT: what Prometheus scrapes, and what the
// public port no longer answers. PGlite serves one connection: the instance needs a real server.
const serverUrl = process.env.TEST_DATABASE_URL;

let running: Running;
let world: World;
let base: string;
let metricsUrl: string;
const webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'sst-web-'));

beforeAll(async () => {
  if (!serverUrl) return;
  const db = await createTestDb();
  world = await buildWorld(db.orm);
  fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>说事厅</title>');
  fs.writeFileSync(path.join(webDist, 'app.js'), 'console.log(1)');
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: db.url, PII_KEYS: TEST_PII_KEYS, PORT: '0', HOST: '127.0.0.1', METRICS_PORT: '0', WEB_DIST: webDist });
  running = await start(config);
  base = `http://127.0.0.1:${running.port}`;
  metricsUrl = `http://127.0.0.1:${running.metricsPort}/metrics`;
});
afterAll(async () => {
  await running?.stop();
  fs.rmSync(webDist, { recursive: true, force: true });
});

async function gql(operationName: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ operationName, query, variables }),
  });
  return (await res.json()) as { data?: Record<string, { token: string }>; errors?: unknown[] };
}

/** The value of one sample line, e.g. sample(text, 'sst_http_requests_total', { route: '/graphql' }); 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name + '{') && !line.startsWith(name + ' ')) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}
const scrape = () => fetch(metricsUrl).then((r) => r.text());

describe.skipIf(!serverUrl)('metrics', () => {
  it('are served on METRICS_PORT only; the public port answers 404 for /metrics and other non-pages', async () => {
    const m = await fetch(metricsUrl);
    expect(m.status).toBe(200);
    expect(m.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await m.text();
    for (const name of ['process_cpu_user_seconds_total', 'nodejs_eventloop_lag_seconds', 'sst_db_pool_connections', 'sst_websockets_open', 'sst_subscriptions_open']) {
      expect(text, name).toContain(name);
    }
    // No Redis in this instance: the in-process bus, always connected.
    expect(sample(text, 'sst_event_bus_connected', { bus: 'in-process' })).toBe(1);
    expect(text).not.toContain('sst_event_bus_connected{bus="redis"}');

    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { headers: { accept: '*/*' } })).status).toBe(404);
    expect((await fetch(`${base}/favicon.png`, { headers: { accept: 'text/html,*/*' } })).status).toBe(404);
    expect((await fetch(`${base}/app.js`)).status).toBe(200);
    // A console route the browser navigates to still gets the page.
    const page = await fetch(`${base}/matters/123`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('说事厅');
  });

  it('count GraphQL operations by name and outcome, HTTP requests by route, sockets, subscriptions and events', async () => {
    const before = await scrape();
    const login = await gql('MetricsLogin', 'mutation MetricsLogin($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: world.coordinator.user.username, p: TEST_PASSWORD });
    const token = login.data!.login.token;
    const denied = await gql('MetricsMatters', 'query MetricsMatters { matters { totalCount } }');
    expect(denied.errors).toBeDefined();

    // A console: one socket, one activity subscription, one event pushed to it.
    const client = createClient({ url: `ws://127.0.0.1:${running.port}/graphql`, webSocketImpl: WebSocket, connectionParams: { authToken: token }, retryAttempts: 0 });
    const pushed: unknown[] = [];
    let onPush = () => {};
    const dispose = client.subscribe({ query: 'subscription { activity { cursor type } }' }, { next: (v) => (pushed.push(v), onPush()), error: () => undefined, complete: () => undefined });
    try {
      await within(10_000, (async () => {
        while (sample(await scrape(), 'sst_subscriptions_open') < 1) await new Promise((r) => setTimeout(r, 50));
      })(), 'the subscription to open');
      const got = new Promise<void>((resolve) => (onPush = resolve));
      await buildMatter(running.orm, { world: { ...world, services: { ...world.services, bus: running.bus } } });
      await within(10_000, got, 'the push');
      const after = await scrape();
      expect(sample(after, 'sst_graphql_operations_total', { operation: 'MetricsLogin', type: 'mutation', outcome: 'ok' })).toBe(1);
      expect(sample(after, 'sst_graphql_operations_total', { operation: 'MetricsMatters', type: 'query', outcome: 'error' })).toBe(1);
      expect(sample(after, 'sst_graphql_operation_duration_seconds_count', { operation: 'MetricsLogin' })).toBe(1);
      expect(sample(after, 'sst_http_requests_total', { route: '/graphql', status: '200' }) - sample(before, 'sst_http_requests_total', { route: '/graphql', status: '200' })).toBe(2);
      expect(sample(after, 'sst_websockets_open')).toBe(1);
      expect(sample(after, 'sst_subscriptions_open')).toBe(1);
      expect(sample(after, 'sst_events_published_total', { outcome: 'ok' }) - sample(before, 'sst_events_published_total', { outcome: 'ok' })).toBe(1);
      expect(sample(after, 'sst_events_delivered_total') - sample(before, 'sst_events_delivered_total')).toBe(pushed.length);
    } finally {
      dispose();
      await client.dispose();
    }
    await within(10_000, (async () => {
      while (sample(await scrape(), 'sst_websockets_open') > 0) await new Promise((r) => setTimeout(r, 50));
    })(), 'the socket count to drop');
    expect(sample(await scrape(), 'sst_subscriptions_open')).toBe(0);
  });

  it('limit operation names to well-formed ones (client input, unbounded otherwise)', async () => {
    await gql('x; drop', '{ __typename }');
    const text = await scrape();
    expect(text).toContain('operation="invalid"');
    expect(text).not.toContain('drop');
  });
});
