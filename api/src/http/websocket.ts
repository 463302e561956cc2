import type http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { getOperationAST, GraphQLError, parse, specifiedRules, validate, type ExecutionArgs, type GraphQLSchema, type ValidationRule } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Context, Viewer } from '../context';
import { isDatabaseUnavailable } from '../db/orm';
import { ErrorCode, tooManyRequests, unauthenticated } from '../errors';
import { Topic, type EventBus, type SessionRevocation } from '../events/event-bus';
import { logger } from '../logger';
import { AuthService } from '../modules/auth/auth.service';
import { graphQLError, SERVICE_UNAVAILABLE, toGraphQLError, type ErrorFormatter } from './format-error';
import { SubscriptionFanout, type FanoutTarget } from './subscription-fanout';

/**
 * Close codes of the GraphQL WebSocket endpoint, besides graphql-ws's own protocol codes.
 * The web console signs out on 4401/4403 and retries (with backoff) on anything else.
 */
export const WsCloseCode = {
  /** The session ended (logout, deactivated, password reset, idle or absolute expiry) or never existed. */
  SESSION_ENDED: 4403,
  /** Too many sockets for this session or from this client address. */
  TOO_MANY_SOCKETS: 4429,
  /** A message larger than the HTTP body limit (ws's own "Message Too Big"). */
  MESSAGE_TOO_BIG: 1009,
} as const;

/** The same body limit as HTTP. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

type SocketExtra = {
  token?: string | null;
  viewer?: Viewer;
  contexts?: Map<string, Context>;
};

interface OpenSocket {
  ip: string;
  sessionId?: string;
  userId?: string;
}

export interface WebSocketDeps {
  httpServer: http.Server;
  schema: GraphQLSchema;
  config: Config;
  orm: MikroORM;
  bus: EventBus;
  clock: Clock;
  rules: ValidationRule[];
  formatError: ErrorFormatter;
  clientAddress: (req: IncomingMessage) => string | undefined;
  makeContext: (viewer: Viewer, ip?: string) => Context;
  /** Writes the audit rows of unmasked reads made while resolving one result. */
  afterResult: (ctx: Context) => Promise<void>;
}

/**
 * GraphQL over WebSocket (graphql-ws) on the HTTP server's port and path. A socket is held to
 * the same rules as an HTTP request, on every operation and not only at `connection_init`:
 * - each operation re-reads its session from the token (revoked, deactivated, idle, expired →
 *   the socket is closed with 4403), with the viewer as it is now;
 * - a revoked session's sockets are closed at once on every instance (Topic.SESSION_REVOKED on
 *   the event bus), and a periodic sweep closes sockets whose session idled out or expired;
 * - errors go through the HTTP path's formatter; limits are the HTTP body limit and caps on
 *   sockets per session and per client address and on operations per socket.
 */
export function attachWebSocket(deps: WebSocketDeps): { dispose(): Promise<void>; fanout: SubscriptionFanout } {
  const { config, orm, clock, formatError } = deps;
  const auth = () => new AuthService(orm.em.fork(), config, clock);
  const wss = new WebSocketServer({ server: deps.httpServer, path: '/graphql', maxPayload: MAX_MESSAGE_BYTES });

  const open = new Map<WebSocket, OpenSocket>();
  const perAddress = new Map<string, number>();
  const perSession = new Map<string, Set<WebSocket>>();
  const perUser = new Map<string, Set<WebSocket>>();
  const add = (index: Map<string, Set<WebSocket>>, key: string, socket: WebSocket) => {
    let set = index.get(key);
    if (!set) index.set(key, (set = new Set()));
    set.add(socket);
  };
  const remove = (index: Map<string, Set<WebSocket>>, key: string | undefined, socket: WebSocket) => {
    const set = key === undefined ? undefined : index.get(key);
    if (!set) return;
    set.delete(socket);
    if (set.size === 0) index.delete(key!);
  };

  // Registered before graphql-ws's own handler: the address cap applies before anything is parsed.
  wss.on('connection', (socket, request) => {
    const ip = deps.clientAddress(request) ?? 'unknown';
    const count = perAddress.get(ip) ?? 0;
    if (count >= config.WS_MAX_SOCKETS_PER_ADDRESS) {
      logger.warn({ ip }, 'websocket refused: too many sockets from this address');
      socket.close(WsCloseCode.TOO_MANY_SOCKETS, 'Too many connections from this address');
      return;
    }
    perAddress.set(ip, count + 1);
    open.set(socket, { ip });
    socket.once('close', () => {
      const entry = open.get(socket);
      open.delete(socket);
      const left = (perAddress.get(ip) ?? 1) - 1;
      if (left > 0) perAddress.set(ip, left);
      else perAddress.delete(ip);
      remove(perSession, entry?.sessionId, socket);
      remove(perUser, entry?.userId, socket);
    });
  });

  const closeSockets = (sockets: Iterable<WebSocket> | undefined, why: string) => {
    for (const socket of [...(sockets ?? [])]) {
      logger.info({ why, user: open.get(socket)?.userId }, 'closing a websocket whose session ended');
      socket.close(WsCloseCode.SESSION_ENDED, 'Session ended');
    }
  };

  const unsubscribe = deps.bus.subscribe(Topic.SESSION_REVOKED, (r: SessionRevocation) => {
    for (const id of r.sessionIds) closeSockets(perSession.get(id), 'revoked');
    for (const id of r.userIds) closeSockets(perUser.get(id), 'revoked');
  });

  // Idle and absolute expiry happen without anyone revoking anything; a revocation whose bus
  // message was lost (Redis down) is caught here too. One statement per sweep for all sockets.
  let sweeping = false;
  const sweep = setInterval(() => {
    if (sweeping || perSession.size === 0) return;
    sweeping = true;
    auth()
      .endedSessions([...perSession.keys()])
      .then((ended) => {
        for (const id of ended) closeSockets(perSession.get(id), 'expired');
      })
      .catch((err) => {
        if (!isDatabaseUnavailable(err)) logger.error({ err }, 'websocket session sweep failed');
      })
      .finally(() => (sweeping = false));
  }, config.WS_SESSION_SWEEP_SECONDS * 1000);
  sweep.unref();

  // Subscriptions are resolved once per audience and event (subscription-fanout.ts).
  const fanout = new SubscriptionFanout({ makeContext: deps.makeContext, afterResult: deps.afterResult, formatError, em: () => orm.em.fork(), clock });
  const targets = new WeakMap<object, FanoutTarget>();

  const cleanup = useServer<{ authToken?: string }, SocketExtra>(
    {
      schema: deps.schema,
      subscribe: (args) => {
        const target = targets.get(args.contextValue as object);
        if (!target) throw new Error('a subscription without its socket');
        return fanout.subscribe(args, target);
      },
      onConnect: async (ctx) => {
        const token = typeof ctx.connectionParams?.authToken === 'string' ? ctx.connectionParams.authToken : null;
        // A database outage throws: graphql-ws closes with 4500 and the console retries.
        const viewer = await auth().viewerFromToken(token, { touch: false });
        if (!viewer) return false; // 4403: the console goes back to the sign-in page
        if (viewer.mfaEnrolmentRequired) return false; // must enrol a second factor first (auth/account.gate.ts): no socket
        const socket = ctx.extra.socket;
        const entry = open.get(socket);
        if (!entry) return false;
        if ((perSession.get(viewer.sessionId)?.size ?? 0) >= config.WS_MAX_SOCKETS_PER_SESSION) {
          logger.warn({ user: viewer.username }, 'websocket refused: too many sockets for this session');
          socket.close(WsCloseCode.TOO_MANY_SOCKETS, 'Too many connections for this session');
          return false;
        }
        entry.sessionId = viewer.sessionId;
        entry.userId = viewer.userId;
        add(perSession, viewer.sessionId, socket);
        add(perUser, viewer.userId, socket);
        ctx.extra.token = token;
        ctx.extra.viewer = viewer;
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        if (Object.keys(ctx.subscriptions).length > config.WS_MAX_SUBSCRIPTIONS_PER_SOCKET) {
          return [toGraphQLError(tooManyRequests(`At most ${config.WS_MAX_SUBSCRIPTIONS_PER_SOCKET} operations at once on one connection`))];
        }
        let document;
        try {
          document = parse(payload.query);
        } catch (e) {
          return [e instanceof GraphQLError ? e : graphQLError(ErrorCode.GRAPHQL_PARSE_FAILED, 'Invalid query')];
        }
        // The session, again, for every operation: what was true at connection_init may not be now.
        // A request by the person (query, mutation) is use of the session; a (re)subscription is not.
        const operation = getOperationAST(document, payload.operationName)?.operation;
        let viewer: Viewer | null;
        try {
          viewer = await auth().viewerFromToken(ctx.extra.token, { touch: operation !== 'subscription' });
        } catch (err) {
          if (!isDatabaseUnavailable(err)) throw err;
          return [graphQLError(ErrorCode.SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE.message)];
        }
        if (!viewer) {
          ctx.extra.socket.close(WsCloseCode.SESSION_ENDED, 'Session ended');
          return [toGraphQLError(unauthenticated('The session has ended'))];
        }
        ctx.extra.viewer = viewer;
        const errors = validate(deps.schema, document, [...specifiedRules, ...deps.rules]);
        if (errors.length) {
          return errors.map((e) => graphQLError(ErrorCode.GRAPHQL_VALIDATION_FAILED, e.message, { nodes: e.nodes }));
        }
        const contextValue = deps.makeContext(viewer, open.get(ctx.extra.socket)?.ip);
        ctx.extra.contexts ??= new Map();
        ctx.extra.contexts.set(id, contextValue);
        if (operation === 'subscription') {
          targets.set(contextValue, {
            socket: ctx.extra.socket,
            id,
            documentKey: JSON.stringify([payload.query, payload.operationName ?? null, payload.variables ?? null]),
          });
        }
        const args: ExecutionArgs = {
          schema: deps.schema,
          document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue,
        };
        return args;
      },
      onNext: async (ctx, id, _payload, _args, result) => {
        const c = ctx.extra.contexts?.get(id);
        if (c) await deps.afterResult(c);
        if ('errors' in result && result.errors) {
          return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) } as unknown as typeof result;
        }
        return result;
      },
      // Errors that end an operation (invalid document, refused, a stream that failed) take the
      // same formatter as HTTP's: no field suggestions in production, masked internal errors.
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e)),
      onComplete: (ctx, id) => {
        ctx.extra.contexts?.delete(id);
      },
    },
    wss,
  );

  return {
    fanout,
    async dispose() {
      clearInterval(sweep);
      unsubscribe();
      await cleanup.dispose();
      wss.close();
    },
  };
}
