import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { EventType } from '../modules/common/enums';
import { DateTimeScalar } from '../modules/common/scalars';

/** One entry of a viewer's event stream / a matter's timeline. `cursor` resumes a stream. */
@ObjectType({ description: 'An event of the timeline and of the live stream' })
export class ActivityEvent {
  @Field({ description: 'Opaque, increasing; pass to activity(after:) to resume' })
  cursor!: string;

  @Field(() => EventType)
  type!: EventType;

  @Field(() => DateTimeScalar)
  occurredAt!: string;

  @Field(() => ID, { nullable: true })
  matterId!: string | null;

  actorId!: string | null;
  communityId!: string | null;
  audienceOrgIds!: string[];
  notifyOrgIds!: string[];

  @Field(() => GraphQLJSONObject, { description: 'Details of the change (reference, title, from/to status, organizations…)' })
  payload!: Record<string, unknown>;
}
