import { ArrayType, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { EventType } from '../modules/common/enums';

/**
 * Append-only record of every change: the timeline, the audit trail and the source of every
 * live push. `id` is the cursor; writers take a transaction-scoped advisory lock before
 * inserting, so ids become visible in commit order and `id > cursor` never skips a late commit.
 */
@Entity({ tableName: 'event' })
@Index({ name: 'event_audience_org_ids_index', properties: ['audienceOrgIds'], type: 'gin' })
@Index({ properties: ['matterId', 'id'] })
export class Event {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Enum({ items: () => EventType })
  type!: EventType;

  @Property({ type: 'uuid', nullable: true })
  matterId?: string | null;

  @Index()
  @Property({ type: 'uuid', nullable: true })
  communityId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;

  /** Agencies allowed to see this event (community staff of `communityId` always may). */
  @Property({ type: ArrayType })
  audienceOrgIds: string[] = [];

  /** Organizations whose members get an `invitationReceived` push for this event. */
  @Property({ type: ArrayType })
  notifyOrgIds: string[] = [];

  @Property({ type: 'json' })
  payload: Record<string, unknown> = {};

  @Property({ type: 'timestamptz' })
  occurredAt: Date = new Date();

  /** The X-Request-Id of the request (or WebSocket operation) that wrote it; null for jobs and seeds. */
  @Property({ type: 'string', length: 128, nullable: true })
  requestId?: string | null;
}
