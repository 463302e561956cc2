import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { ApolloServer, HeaderMap, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Context, Viewer } from '../context';
import { isDatabaseUnavailable } from '../db/orm';
import type { EventBus } from '../events/event-bus';
import { logger } from '../logger';
import { AuthService } from '../modules/auth/auth.service';
import { enrolmentGatePlugin } from '../modules/auth/account.gate';
import { writePiiReads } from '../modules/pii/pii-access-log.service';
import { getSchema } from '../schema';
import { clientAddress } from './client-address';
import { ErrorCode } from '../errors';
import { errorFormatter, SERVICE_UNAVAILABLE } from './format-error';
import { validationRules } from './graphql-limits';
import { RateLimits } from './rate-limit';
import { graphqlMetricsPlugin } from './metrics';
import { currentRequestId, installRequestIds, newRequestId } from './request-id';
import { staticHandler } from './static-files';
import { attachWebSocket, MAX_MESSAGE_BYTES } from './websocket';
import type { SubscriptionFanout } from './subscription-fanout';
import { handleFileRequest } from '../modules/attachment/attachment.http';

export interface AppDeps {
  config: Config;
  orm: MikroORM;
  bus: EventBus;
  clock: Clock;
  /** A server already listening (bootstrap answers /healthz on it while the database is prepared). */
  httpServer?: http.Server;
}

export interface App {
  server: http.Server;
  schema: GraphQLSchema;
  /** The WebSocket path's per-audience resolution of pushed events (counted by tests). */
  fanout: SubscriptionFanout;
  listen(port?: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

const MAX_BODY = MAX_MESSAGE_BYTES;

function bearer(header: string | undefined): string | null {
  const m = header?.match(/^Bearer\s+(\S+)$/i);
  return m ? m[1] : null;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw Object.assign(new Error('payload too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'",
  );
}

/** Writes the audit rows for unmasked phone / ID number reads of one request or event (one insert). */
export const flushPiiReads = (ctx: Context): Promise<void> => writePiiReads(ctx);

export async function createApp(deps: AppDeps): Promise<App> {
  const { config, orm, bus, clock } = deps;
  const schema = await getSchema();
  const rules = validationRules(config);
  const formatErrorFor = errorFormatter(config.production);
  const httpServer = deps.httpServer ?? http.createServer();
  installRequestIds(httpServer);
  const limits = new RateLimits(config.REDIS_URL);
  const services = { config, bus, clock, limits };

  const makeContext = (viewer: Viewer | null, ip?: string, userAgent?: string): Context => ({
    ...services,
    em: orm.em.fork(),
    viewer,
    access: new Map(),
    piiReads: [],
    ip,
    userAgent,
    // The HTTP request's id, or a new one for each WebSocket operation.
    requestId: currentRequestId() ?? newRequestId(),
  });

  // ---- WebSocket (graphql-ws) on the same port and path ----
  const ws = attachWebSocket({
    httpServer,
    schema,
    config,
    orm,
    bus,
    clock,
    rules,
    formatError: formatErrorFor,
    clientAddress: (req) => clientAddress(req, config),
    makeContext,
    afterResult: flushPiiReads,
  });

  // ---- HTTP GraphQL (Apollo) ----
  const apollo = new ApolloServer<Context & BaseContext>({
    schema,
    // Introspection is refused in production by NoSchemaIntrospectionCustomRule among `rules`, the
    // same rule the WebSocket path runs, so both transports answer with the same errors.
    introspection: true,
    validationRules: rules,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError: formatErrorFor,
    plugins: [
      graphqlMetricsPlugin,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      enrolmentGatePlugin(),
      { async serverWillStart() { return { async drainServer() { await ws.dispose(); } }; } },
    ],
  });
  await apollo.start();

  const staticFiles = staticHandler(config.webDist, config.production);

  httpServer.on('request', async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    securityHeaders(res);
    try {
      if (url.pathname === '/healthz') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      if (url.pathname === '/readyz') {
        const ok = await orm.em.fork().execute('select 1').then(() => true, () => false);
        res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' }).end(ok ? 'ready' : 'database unavailable');
        return;
      }
      if (await handleFileRequest(req, res, url.pathname, { orm, config, clock, makeContext })) return;
      if (url.pathname === '/graphql') {
        const startedAt = performance.now();
        const headers = new HeaderMap();
        for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
        const raw = req.method === 'POST' ? await readBody(req) : '';
        let body: unknown = undefined;
        if (raw) {
          try {
            body = JSON.parse(raw);
          } catch {
            res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'Body is not JSON', extensions: { code: ErrorCode.BAD_REQUEST } }] }));
            return;
          }
        }
        let viewer: Viewer | null;
        try {
          viewer = await new AuthService(orm.em.fork(), config, clock).viewerFromToken(bearer(req.headers.authorization));
        } catch (err) {
          if (!isDatabaseUnavailable(err)) throw err;
          // Without the database the session cannot be checked: a GraphQL answer the console
          // can show and retry, not a bare 500.
          logger.warn({ err: (err as Error).message }, 'database unavailable');
          res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '2' }).end(JSON.stringify({ errors: [SERVICE_UNAVAILABLE] }));
          return;
        }
        const contextValue = makeContext(viewer, clientAddress(req, config), req.headers['user-agent']);
        const result = await apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
          context: async () => contextValue,
        });
        await flushPiiReads(contextValue);
        logger.info(
          {
            op: (body as { operationName?: string } | undefined)?.operationName ?? null,
            user: viewer?.username ?? null,
            status: result.status ?? 200,
            ms: Math.round(performance.now() - startedAt),
          },
          'graphql',
        );
        for (const [k, v] of result.headers) res.setHeader(k, v);
        res.statusCode = result.status ?? 200;
        if (result.body.kind === 'complete') {
          res.end(result.body.string);
        } else {
          for await (const chunk of result.body.asyncIterator) res.write(chunk);
          res.end();
        }
        return;
      }
      if (staticFiles && (req.method === 'GET' || req.method === 'HEAD')) {
        staticFiles(req, res);
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found — build the web console (pnpm --filter @sst/web build)');
    } catch (err) {
      const status = (err as { status?: number }).status ?? 500;
      if (status >= 500) logger.error({ err }, 'request failed');
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status === 413 ? 'payload too large' : 'internal error');
    }
  });

  return {
    server: httpServer,
    schema,
    fanout: ws.fanout,
    listen: (port = config.PORT, host = config.HOST) =>
      new Promise((resolve, reject) => {
        if (httpServer.listening) return resolve((httpServer.address() as { port: number }).port);
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as { port: number }).port));
      }),
    close: async () => {
      await apollo.stop();
      await limits.close();
    },
  };
}
