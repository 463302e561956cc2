import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { hasErrorCode } from '../ui/errors';
import { SetContextLink } from '@apollo/client/link/context';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient, type Client } from 'graphql-ws';
import { expireSession, getToken } from '../session/session';
import { connectionEvents } from './connection';

// Close codes our api uses when the token is missing or no longer valid on the socket.
const AUTH_CLOSE_CODES = new Set([4401, 4403]);

function wsUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/graphql`;
}

function isCloseEvent(value: unknown): value is { code: number } {
  return typeof value === 'object' && value !== null && 'code' in value && typeof (value as { code: unknown }).code === 'number';
}

export function createWsClient(): Client {
  return createClient({
    url: wsUrl(),
    lazy: true,
    // Resubscribing after a reconnect releases the old stream before the new one starts; keep the
    // socket open meanwhile so that never looks like a fresh (re)connection.
    lazyCloseTimeout: 3000,
    connectionParams: () => {
      const token = getToken();
      return token ? { authToken: token } : {};
    },
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: (event) => !(isCloseEvent(event) && AUTH_CLOSE_CODES.has(event.code)),
    // Short, capped backoff: a mediation console should come back within seconds.
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** retries, 4000))),
    on: {
      connecting: () => connectionEvents.connecting(),
      connected: () => connectionEvents.connected(),
      closed: (event) => {
        connectionEvents.closed();
        if (isCloseEvent(event) && AUTH_CLOSE_CODES.has(event.code)) expireSession();
      },
    },
  });
}

function hasUnauthenticated(error: unknown): boolean {
  return hasErrorCode(error, 'UNAUTHENTICATED');
}

export function createApolloClient(ws: Client): ApolloClient {
  const auth = new SetContextLink((prevContext) => {
    const token = getToken();
    return token
      ? { headers: { ...(prevContext.headers as Record<string, string> | undefined), authorization: `Bearer ${token}` } }
      : {};
  });

  const sessionGuard = new ErrorLink(({ error, operation }) => {
    // A wrong password on the login form is not an expired session.
    if (operation.operationName !== 'Login' && hasUnauthenticated(error)) expireSession();
  });

  const http = ApolloLink.from([auth, new HttpLink({ uri: '/graphql' })]);
  const websocket = new GraphQLWsLink(ws);

  const transport = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
    },
    websocket,
    http,
  );

  return new ApolloClient({
    link: ApolloLink.from([sessionGuard, transport]),
    cache: new InMemoryCache({
      typePolicies: {
        Query: { fields: { matters: { keyArgs: ['filter', 'first', 'after'] } } },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
