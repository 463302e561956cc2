import WebSocket from 'ws';
import type { GraphQLFormattedError } from 'graphql';
import { onDispose } from './harness';

/**
 * A bare graphql-ws protocol client for tests that must see exactly what the server does with a
 * socket: close codes, error payloads, operations on a socket whose session has ended. (The
 * graphql-ws client hides close codes behind its retries.)
 */
export interface WsResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: GraphQLFormattedError[];
  /** The socket was closed before the operation answered. */
  closed?: { code: number; reason: string };
}

type Message = { type: string; id?: string; payload?: unknown };

export class RawGraphqlSocket {
  private readonly received: Message[] = [];
  private listeners: (() => void)[] = [];
  private nextId = 1;
  closedWith: { code: number; reason: string } | null = null;
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      this.received.push(JSON.parse(String(raw)) as Message);
      this.wake();
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.closedWith = { code, reason: String(reason) };
        this.wake();
        resolve(this.closedWith);
      });
    });
    ws.on('error', () => undefined);
  }

  private wake(): void {
    const ls = this.listeners;
    this.listeners = [];
    for (const l of ls) l();
  }

  /** Waits until `pick` finds something (or the socket closes), at most `ms`. */
  private async until<T>(pick: () => T | undefined, ms = 5_000): Promise<T | undefined> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = pick();
      if (found !== undefined || this.closedWith) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for the server');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.listeners.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Opens a socket; `init` false skips connection_init (to test what happens before it). */
  static async open(url: string, token: string | null, opts: { init?: boolean; headers?: Record<string, string> } = {}): Promise<RawGraphqlSocket> {
    const ws = new WebSocket(url, 'graphql-transport-ws', { headers: opts.headers });
    const s = new RawGraphqlSocket(ws);
    onDispose(() => s.close());
    await new Promise<void>((resolve) => {
      ws.once('open', () => resolve());
      ws.once('close', () => resolve());
      ws.once('error', () => resolve());
    });
    if (opts.init === false || ws.readyState !== WebSocket.OPEN) return s;
    s.send({ type: 'connection_init', payload: token ? { authToken: token } : {} });
    await s.until(() => s.received.find((m) => m.type === 'connection_ack'));
    return s;
  }

  get acknowledged(): boolean {
    return this.received.some((m) => m.type === 'connection_ack');
  }

  send(message: unknown): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Starts an operation and returns its id. */
  start(query: string, variables: Record<string, unknown> = {}): string {
    const id = String(this.nextId++);
    this.send({ type: 'subscribe', id, payload: { query, variables } });
    return id;
  }

  /** The first result of operation `id`: its `next` payload, its `error` payload, or the close. */
  async result<T = Record<string, unknown>>(id: string, ms = 5_000): Promise<WsResult<T>> {
    const m = await this.until(() => this.received.find((x) => x.id === id && (x.type === 'next' || x.type === 'error')), ms);
    if (!m) return { closed: this.closedWith! };
    if (m.type === 'error') return { errors: m.payload as GraphQLFormattedError[] };
    return m.payload as WsResult<T>;
  }

  /** A query or mutation: start it and wait for its answer. */
  async run<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<WsResult<T>> {
    return this.result<T>(this.start(query, variables));
  }

  /** Every `next` payload of operation `id` received so far. */
  nexts<T = Record<string, unknown>>(id: string): WsResult<T>[] {
    return this.received.filter((m) => m.id === id && m.type === 'next').map((m) => m.payload as WsResult<T>);
  }

  async waitForNext(id: string, count: number, ms = 5_000): Promise<void> {
    await this.until(() => (this.nexts(id).length >= count ? true : undefined), ms);
  }

  async waitForClose(ms = 5_000): Promise<{ code: number; reason: string }> {
    await this.until(() => undefined, ms).catch(() => undefined);
    if (!this.closedWith) throw new Error(`the socket was not closed within ${ms} ms`);
    return this.closedWith;
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
  }
}
