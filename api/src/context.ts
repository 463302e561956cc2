import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from './config';
import type { EventBus } from './events/event-bus';
import type { Clock } from './clock';
import type { EventScope } from './events/event-scope';
import { OrganizationKind, UserRole } from './modules/common/enums';

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
}

export interface PiiRead {
  matterId: string;
  partyId: string;
  field: 'phone' | 'idNumber';
}

export interface Services {
  config: Config;
  bus: EventBus;
  clock: Clock;
}

/** The one request context: viewer, a forked EntityManager, and per-request caches. */
export interface Context extends Services {
  em: EntityManager;
  viewer: Viewer | null;
  /** Cache of matter visibility decisions within this request/operation. */
  access: Map<string, MatterAccess>;
  /** Unmasked PII reads, written to pii_access_log once the response is ready. */
  piiReads: PiiRead[];
  ip?: string;
  /** Set while resolving a pushed event: the EntityManager and lookups shared by its consoles. */
  eventScope?: EventScope;
}

export interface MatterAccess {
  visible: boolean;
  /** May see unmasked phone and ID numbers. */
  sensitive: boolean;
}

export function isCommunityStaff(v: Viewer): boolean {
  return v.organizationKind === OrganizationKind.COMMUNITY;
}
