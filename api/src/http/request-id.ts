import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type http from 'node:http';

/** The request being served, for the log lines written while serving it (see logger.ts's mixin). */
export const requestScope = new AsyncLocalStorage<{ requestId: string | null }>();

/** Ids taken from a client or proxy: bounded and printable, or replaced by one of ours. */
const ACCEPTED = /^[A-Za-z0-9._:/+=-]{1,128}$/;

export function newRequestId(): string {
  return randomUUID();
}

export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && ACCEPTED.test(value) ? value : newRequestId();
}

/** The id of the HTTP request being served; null outside one (a WebSocket operation gets its own). */
export function currentRequestId(): string | null {
  return requestScope.getStore()?.requestId ?? null;
}

/**
 * Every HTTP request gets an id: the proxy's `X-Request-Id` when it sent a well-formed one (nginx's
 * $request_id), a new UUID otherwise. It is returned in the response's `X-Request-Id`, is on every
 * log line written while the request is served, and is stored on the events the request writes —
 * one id to follow a mutation from the proxy's log to its SQL to its push.
 * Installed ahead of the app's handler, it enters the request's async scope before the handler runs.
 */
export function installRequestIds(server: http.Server): void {
  server.prependListener('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    requestScope.enterWith({ requestId });
  });
  // A WebSocket connection is no request: its operations get ids of their own.
  server.prependListener('upgrade', () => requestScope.enterWith({ requestId: null }));
}
