import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { User } from '../auth/user.entity';
import { Organization } from '../community/community.entity';
import { DateTimeScalar } from '../common/scalars';
import { Matter } from '../matter/matter.entity';

/** What an opinion is: a partner agency's legal view of the matter, or a suggestion on how to settle it. */
export enum OpinionKind {
  LEGAL_OPINION = 'LEGAL_OPINION',
  SUGGESTION = 'SUGGESTION',
}
registerEnumType(OpinionKind, { name: 'OpinionKind', description: '法律意见 | 建议' });

/** The longest opinion, in characters after trimming. */
export const OPINION_MAX_LENGTH = 2000;

/**
 * 意见: written by a partner agency that accepted an invitation to the matter, or by the
 * matter's community staff. Append-only, like the timeline it also appears on.
 */
@ObjectType({ description: '意见' })
@Entity({ tableName: 'opinion' })
@Index({ name: 'opinion_matter_id_created_at_index', properties: ['matter', 'createdAt'] })
export class Opinion {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Matter, { ref: true })
  matter!: Ref<Matter>;

  @Field(() => OpinionKind)
  @Enum({ items: () => OpinionKind })
  kind: OpinionKind = OpinionKind.SUGGESTION;

  @Field()
  @Property({ type: 'text' })
  body!: string;

  @ManyToOne(() => User, { ref: true })
  author!: Ref<User>;

  /** The author's organization when they wrote it (kept should they move on). */
  @ManyToOne(() => Organization, { ref: true })
  organization!: Ref<Organization>;

  @Field(() => DateTimeScalar)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
