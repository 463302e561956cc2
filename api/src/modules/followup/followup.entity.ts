import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../common/scalars';
import { User } from '../auth/user.entity';
import { Matter } from '../matter/matter.entity';

/** 回访 */
@ObjectType({ description: '回访' })
@Entity({ tableName: 'follow_up' })
@Index({ name: 'follow_up_matter_id_index', properties: ['matter'] })
export class FollowUp {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Matter, { ref: true })
  matter!: Ref<Matter>;

  @Field()
  @Property({ type: 'boolean' })
  agreementFulfilled!: boolean;

  @Field(() => Int, { nullable: true, description: '满意度 1–5' })
  @Property({ type: 'int', nullable: true })
  satisfaction?: number | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  notes?: string | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  recordedBy?: Ref<User> | null;

  @Field(() => DateTimeScalar)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
