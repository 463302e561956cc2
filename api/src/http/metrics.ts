import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import client from 'prom-client';
import type { EventBus } from '../events/event-bus';
import { logger } from '../logger';

/**
 * Prometheus metrics (prom-client), served on their own port (METRICS_PORT) so they never reach
 * the public through the proxy. One registry per process; an instance registers the things it
 * samples (ORM pool, bus, HTTP server) with trackInstance().
 */
export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const httpRequests = new client.Counter({
  name: 'sst_http_requests_total',
  help: 'HTTP requests answered, by route, method and status',
  labelNames: ['route', 'method', 'status'] as const,
  registers: [registry],
});
export const httpDuration = new client.Histogram({
  name: 'sst_http_request_duration_seconds',
  help: 'HTTP request latency, by route',
  labelNames: ['route', 'method'] as const,
  buckets: seconds,
  registers: [registry],
});
export const graphqlOperations = new client.Counter({
  name: 'sst_graphql_operations_total',
  help: 'GraphQL operations over HTTP, by operation name, type and outcome (ok | error)',
  labelNames: ['operation', 'type', 'outcome'] as const,
  registers: [registry],
});
export const graphqlDuration = new client.Histogram({
  name: 'sst_graphql_operation_duration_seconds',
  help: 'GraphQL operation latency over HTTP, by operation name and type',
  labelNames: ['operation', 'type'] as const,
  buckets: seconds,
  registers: [registry],
});
export const subscriptionsOpen = new client.Gauge({
  name: 'sst_subscriptions_open',
  help: 'Activity streams (GraphQL subscriptions) open on this instance',
  registers: [registry],
});
export const eventsPublished = new client.Counter({
  name: 'sst_events_published_total',
  help: 'Committed events published to the bus, by outcome (ok | failed: delivered from the table instead)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});
export const eventsDelivered = new client.Counter({
  name: 'sst_events_delivered_total',
  help: 'Events pushed to consoles by this instance (one per console and event)',
  registers: [registry],
});
export const eventsFromTable = new client.Counter({
  name: 'sst_event_pump_redelivered_total',
  help: 'Events the bus did not bring, delivered to this instance by the event pump from the table',
  registers: [registry],
});
export const eventLag = new client.Histogram({
  name: 'sst_event_arrival_lag_seconds',
  help: 'From an event being written to it reaching this instance (bus or pump), by path',
  labelNames: ['path'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
  registers: [registry],
});

interface PoolLike {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}
interface Tracked {
  orm: MikroORM;
  bus: EventBus;
  sockets: number;
}
let tracked: Tracked | null = null;

function pool(orm: MikroORM): PoolLike | null {
  try {
    const knexClient = orm.em.getConnection().getKnex().client as { pool?: PoolLike };
    return knexClient.pool ?? null;
  } catch {
    return null;
  }
}

new client.Gauge({
  name: 'sst_websockets_open',
  help: 'WebSocket connections open on this instance',
  registers: [registry],
  collect() {
    this.set(tracked?.sockets ?? 0);
  },
});
new client.Gauge({
  name: 'sst_event_bus_connected',
  help: 'Whether the event bus reaches the other instances: 1 connected, 0 not (Redis down); bus="redis" or "in-process"',
  labelNames: ['bus'] as const,
  registers: [registry],
  collect() {
    this.reset();
    if (!tracked) return;
    const state = tracked.bus.connected?.();
    if (state === undefined) this.set({ bus: 'in-process' }, 1);
    else this.set({ bus: 'redis' }, state ? 1 : 0);
  },
});
new client.Gauge({
  name: 'sst_db_pool_connections',
  help: 'Database pool connections by state (used | free | pending: requests waiting for one)',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    const p = tracked ? pool(tracked.orm) : null;
    this.set({ state: 'used' }, p?.numUsed() ?? 0);
    this.set({ state: 'free' }, p?.numFree() ?? 0);
    this.set({ state: 'pending' }, p?.numPendingAcquires() ?? 0);
  },
});

/** Registers what this instance's metrics sample; counts HTTP requests and WebSockets on `server`. */
export function trackInstance(deps: { orm: MikroORM; bus: EventBus; server: http.Server }): void {
  const t: Tracked = { orm: deps.orm, bus: deps.bus, sockets: 0 };
  tracked = t;
  deps.server.prependListener('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const started = performance.now();
    res.once('finish', () => {
      const route = routeOf(req.url);
      const method = req.method ?? 'GET';
      httpRequests.inc({ route, method, status: String(res.statusCode) });
      httpDuration.observe({ route, method }, (performance.now() - started) / 1000);
    });
  });
  deps.server.prependListener('upgrade', (_req: http.IncomingMessage, socket: import('node:stream').Duplex) => {
    t.sockets++;
    socket.once('close', () => t.sockets--);
  });
}

/** A bounded set of route labels: never the raw path (unbounded label values). */
function routeOf(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0];
  if (path === '/graphql' || path === '/healthz' || path === '/readyz') return path;
  if (path.startsWith('/assets/')) return '/assets';
  return path.includes('.') ? 'file' : 'page';
}

const MAX_OPERATION_NAMES = 200;
const operationNames = new Set<string>();
/** Operation names are client input: only well-formed ones, and at most MAX_OPERATION_NAMES distinct. */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'invalid';
  if (operationNames.has(name)) return name;
  if (operationNames.size >= MAX_OPERATION_NAMES) return 'other';
  operationNames.add(name);
  return name;
}

/** Counts and times every GraphQL operation Apollo answers over HTTP. */
export const graphqlMetricsPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    const started = performance.now();
    return {
      async willSendResponse(rc) {
        const operation = operationLabel(rc.operationName ?? rc.request.operationName);
        const type = rc.operation?.operation ?? 'unknown';
        const body = rc.response.body;
        const failed = (rc.errors?.length ?? 0) > 0 || (body.kind === 'single' && (body.singleResult.errors?.length ?? 0) > 0);
        graphqlOperations.inc({ operation, type, outcome: failed ? 'error' : 'ok' });
        graphqlDuration.observe({ operation, type }, (performance.now() - started) / 1000);
      },
    };
  },
};

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/** GET /metrics on its own port, for Prometheus; everything else 404. */
export async function startMetricsServer(port: number, host: string): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    if ((req.url ?? '').split('?')[0] !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (err: unknown) => {
        logger.error({ err }, 'metrics collection failed');
        res.writeHead(500).end();
      },
    );
  });
  const actual = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
  return {
    port: actual,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
