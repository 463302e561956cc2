import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Config } from './config';
import type { EventBus } from './events/event-bus';
import type { Clock } from './clock';
import type { EventScope } from './events/event-scope';
import type { RateLimits } from './http/rate-limit';
import type { OrganizationKind, PiiAccessVia, UserRole } from './modules/common/enums';
import type { MatterAccess } from './policy/matter-access';

/** Who is asking. Loaded once per HTTP request / WebSocket connection from the session token. */
export interface Viewer {
  userId: string;
  sessionId: string;
  username: string;
  role: UserRole;
  organizationId: string;
  organizationKind: OrganizationKind;
  /** The community a community-side user works for (null for agencies and platform admins). */
  communityId: string | null;
  /**
   * The role must sign in with a second factor and this user has not enrolled one: the session
   * may do nothing but enrol (modules/auth/account.gate.ts), on HTTP and WebSocket.
   */
  mfaEnrolmentRequired?: boolean;
}

export interface PiiRead {
  matterId: string;
  partyId: string;
  field: 'phone' | 'idNumber';
  /** How it reached the viewer (QUERY when not said). */
  via?: PiiAccessVia;
}

export interface Services {
  config: Config;
  bus: EventBus;
  clock: Clock;
  /** Rate-limit counters (memory, or Redis shared by every instance). */
  limits: RateLimits;
}

/** The one request context: viewer, a forked EntityManager, and per-request caches. */
export interface Context extends Services {
  em: EntityManager;
  viewer: Viewer | null;
  /** Cache of matter visibility decisions within this request/operation. */
  access: Map<string, MatterAccess>;
  /** Unmasked PII reads, written to pii_access_log once the response is ready. */
  piiReads: PiiRead[];
  /** Set by what reads for a purpose of its own (the print page); else QUERY, or PUSH for a pushed event. */
  piiVia?: PiiAccessVia;
  /** The client's address (http/client-address.ts), on HTTP and WebSocket alike. */
  ip?: string;
  /** The User-Agent header of the HTTP request (kept on a new session). */
  userAgent?: string;
  /** The HTTP request's or WebSocket operation's id (X-Request-Id), stored on the events it writes. */
  requestId?: string;
  /** Set while resolving a pushed event: the EntityManager and lookups shared by its consoles. */
  eventScope?: EventScope;
  /** Per-request batch loaders (see `requestLoader`), created on first use. */
  loaders?: RequestLoaders;
}

/** The batch loaders of one request, bound to the EntityManager they were created for. */
export interface RequestLoaders {
  em: EntityManager;
  byKind: Map<symbol, DataLoader<unknown, unknown>>;
}

/**
 * Declares a per-request batch loader: field resolvers of the rows of a list call `.load(key)`
 * in the same tick and `batch` answers all of them with a fixed number of statements (no N+1).
 *
 * The loader lives in the request context, so what it batches is always the viewer's own
 * (authorization stays per viewer). It batches but does not cache: a later mutation field of the
 * same operation sees fresh rows. A pushed event is resolved with another EntityManager
 * (see events/event-scope.ts); the loaders follow it.
 */
export function requestLoader<K, V>(batch: (ctx: Context, em: EntityManager, keys: readonly K[]) => Promise<V[]>): (ctx: Context) => DataLoader<K, V> {
  const kind = Symbol('loader');
  return (ctx) => {
    if (!ctx.loaders || ctx.loaders.em !== ctx.em) ctx.loaders = { em: ctx.em, byKind: new Map() };
    const { em, byKind } = ctx.loaders;
    let loader = byKind.get(kind) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>((keys) => batch(ctx, em, keys), { cache: false });
      byKind.set(kind, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  };
}
