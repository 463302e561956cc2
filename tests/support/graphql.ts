import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

export const DEMO_PASSWORD = 'changsheng-demo';

export interface GqlError {
  message: string;
  extensions?: { code?: string; [k: string]: unknown };
}
export interface GqlResponse<T> {
  data?: T | null;
  errors?: GqlError[];
}

/** One GraphQL request over HTTP, as the web console sends it. */
export async function gql<T = Record<string, unknown>>(url: string, query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GqlResponse<T>> {
  const res = await fetch(`${url.replace(/\/$/, '')}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GqlResponse<T>;
}

/** Like gql, but fails loudly on errors. */
export async function gqlOk<T = Record<string, unknown>>(url: string, query: string, variables?: Record<string, unknown>, token?: string | null): Promise<T> {
  const r = await gql<T>(url, query, variables, token);
  if (r.errors?.length || !r.data) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
  return r.data;
}

export const codes = (r: { errors?: GqlError[] }) => (r.errors ?? []).map((e) => e.extensions?.code);

export interface LoggedIn {
  token: string;
  user: { id: string; username: string; role: string; organization: { id: string; kind: string; name: string } };
}

export async function login(url: string, username: string, password = DEMO_PASSWORD): Promise<LoggedIn> {
  const data = await gqlOk<{ login: LoggedIn }>(
    url,
    `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token user { id username role organization { id kind name } } } }`,
    { u: username, p: password },
  );
  return data.login;
}

/** Awaits `p`, failing after `ms` instead of hanging. A guard, never a way to wait. */
export async function within<T>(ms: number, p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The messages of one subscription, buffered; consumers await them instead of sleeping. */
export class Feed<T> {
  readonly received: T[] = [];
  error: unknown = null;
  completed = false;
  private consumed = 0;
  private waiters: Array<() => void> = [];

  push(value: T): void {
    this.received.push(value);
    this.notify();
  }
  fail(error: unknown): void {
    this.error = error;
    this.notify();
  }
  complete(): void {
    this.completed = true;
    this.notify();
  }
  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }
  private changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Messages not yet taken with next()/waitFor(). */
  get unread(): T[] {
    return this.received.slice(this.consumed);
  }

  /** The next unread message. */
  async next(timeoutMs = 10_000, what = 'a message'): Promise<T> {
    return within(
      timeoutMs,
      (async () => {
        for (;;) {
          if (this.consumed < this.received.length) return this.received[this.consumed++];
          if (this.error) throw new Error(`subscription failed: ${JSON.stringify(this.error)}`);
          if (this.completed) throw new Error('subscription completed');
          await this.changed();
        }
      })(),
      what,
    );
  }

  /** Resolves with the first message (read or not) matching `predicate`. */
  async waitFor(predicate: (value: T) => boolean, timeoutMs = 10_000, what = 'a matching message'): Promise<T> {
    return within(
      timeoutMs,
      (async () => {
        for (;;) {
          const hit = this.received.find(predicate);
          if (hit) return hit;
          if (this.error) throw new Error(`subscription failed: ${JSON.stringify(this.error)}`);
          if (this.completed) throw new Error('subscription completed');
          await this.changed();
        }
      })(),
      what,
    );
  }

  /** Waits until `count` messages have arrived in total. */
  async waitForCount(count: number, timeoutMs = 10_000, what = `${count} messages`): Promise<T[]> {
    await within(
      timeoutMs,
      (async () => {
        while (this.received.length < count) {
          if (this.error) throw new Error(`subscription failed: ${JSON.stringify(this.error)}`);
          if (this.completed) throw new Error('subscription completed');
          await this.changed();
        }
      })(),
      what,
    );
    return this.received.slice(0, count);
  }
}

export interface Console {
  client: Client;
  /** Resolves once the server acknowledged the connection (connectionParams.authToken accepted). */
  connected: Promise<void>;
  /** Resolves with the close code when the socket closes. */
  closed: Promise<number>;
  subscribe<T>(query: string, variables?: Record<string, unknown>): Feed<T>;
  dispose(): Promise<void>;
}

/** A console's graphql-ws connection, authenticated like the web console (connectionParams.authToken). */
export function openConsole(wsUrl: string, token: string | null): Console {
  let onConnected!: () => void;
  let onClosed!: (code: number) => void;
  const connected = new Promise<void>((r) => (onConnected = r));
  const closed = new Promise<number>((r) => (onClosed = r));
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authToken: token } : {},
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => {},
    on: {
      connected: () => onConnected(),
      closed: (event) => onClosed((event as { code?: number })?.code ?? 0),
    },
  });
  return {
    client,
    connected,
    closed,
    subscribe<T>(query: string, variables?: Record<string, unknown>): Feed<T> {
      const feed = new Feed<T>();
      client.subscribe<Record<string, unknown>>(
        { query, variables },
        {
          next: (result: ExecutionResult<Record<string, unknown>>) => {
            if (result.errors?.length) feed.fail(result.errors);
            else feed.push(Object.values(result.data ?? {})[0] as T);
          },
          error: (err) => feed.fail(err),
          complete: () => feed.complete(),
        },
      );
      return feed;
    },
    async dispose() {
      await client.dispose();
    },
  };
}
