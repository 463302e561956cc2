import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ApolloServer, HeaderMap, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import sirv from 'sirv';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Context, Viewer } from '../context';
import { isDatabaseUnavailable } from '../db/orm';
import type { EventBus } from '../events/event-bus';
import { logger } from '../logger';
import { AuthService } from '../modules/auth/auth.service';
import { PiiAccessLog } from '../modules/matter/matter.entity';
import { getSchema } from '../schema';
import { errorFormatter, SERVICE_UNAVAILABLE } from './format-error';
import { validationRules } from './graphql-limits';
import { attachWebSocket, MAX_MESSAGE_BYTES } from './websocket';
import { handleFileRequest } from '../modules/attachment/attachment.http';

export interface AppDeps {
  config: Config;
  orm: MikroORM;
  bus: EventBus;
  clock: Clock;
}

export interface App {
  server: http.Server;
  schema: GraphQLSchema;
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

/** The client's address; X-Forwarded-For's first hop only when the proxy in front is trusted. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress;
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

/** Writes the audit rows for unmasked phone / ID number reads of one request or event. */
export async function flushPiiReads(ctx: Context): Promise<void> {
  if (!ctx.viewer || ctx.piiReads.length === 0) return;
  const reads = ctx.piiReads.splice(0);
  const em = ctx.em.fork();
  const now = ctx.clock.now();
  for (const r of reads) em.create(PiiAccessLog, { userId: ctx.viewer.userId, matterId: r.matterId, partyId: r.partyId, field: r.field, at: now });
  await em.flush().catch((err) => logger.error({ err }, 'could not write the PII access audit'));
}

export async function createApp(deps: AppDeps): Promise<App> {
  const { config, orm, bus, clock } = deps;
  const schema = await getSchema();
  const rules = validationRules(config);
  const formatErrorFor = errorFormatter(config.production);
  const httpServer = http.createServer();
  const services = { config, bus, clock };

  const makeContext = (viewer: Viewer | null, ip?: string): Context => ({
    ...services,
    em: orm.em.fork(),
    viewer,
    access: new Map(),
    piiReads: [],
    ip,
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
    clientAddress: (req) => clientAddress(req, config.TRUST_PROXY),
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
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { async serverWillStart() { return { async drainServer() { await ws.dispose(); } }; } },
    ],
  });
  await apollo.start();

  const staticFiles = fs.existsSync(config.webDist)
    ? // Outside production, files are looked up per request, so rebuilding web/dist under a running api works.
      sirv(config.webDist, { single: true, etag: true, gzip: true, brotli: true, immutable: true, dev: !config.production })
    : null;

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
            res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'Body is not JSON', extensions: { code: 'BAD_REQUEST' } }] }));
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
        const contextValue = makeContext(viewer, clientAddress(req, config.TRUST_PROXY));
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
        staticFiles(req, res, () => {
          res.writeHead(404).end('not found');
        });
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
    listen: (port = config.PORT, host = config.HOST) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as { port: number }).port));
      }),
    close: async () => {
      await apollo.stop();
    },
  };
}
