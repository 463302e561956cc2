import { randomUUID } from 'node:crypto';
import { Check, Entity, Enum, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { User } from '../auth/user.entity';
import { DateTimeScalar, DecimalScalar } from '../common/scalars';
import { Matter } from '../matter/matter.entity';
import { ElevatorVote } from './elevator.rules';

registerEnumType(ElevatorVote, { name: 'ElevatorVote', description: '同意 | 不同意 | 弃权 | 未表决' });

/** One household's (专有部分) vote on installing an elevator; one row per unit and matter. */
@ObjectType({ description: '加装电梯业主意见' })
@Entity({ tableName: 'elevator_consent' })
@Check({ name: 'elevator_consent_area_positive', expression: '"area" > 0' })
@Unique({ properties: ['matter', 'unit'] })
export class ElevatorConsent {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Matter, { ref: true, deleteRule: 'cascade' })
  matter!: Ref<Matter>;

  @Field({ description: 'Household / unit, e.g. 2-1-301' })
  @Property({ type: 'text' })
  unit!: string;

  @Field(() => Int)
  @Property({ type: 'int' })
  floor!: number;

  @Field(() => DecimalScalar, { description: 'Exclusive area in m², exact ("86.50")' })
  @Property({ type: 'decimal', precision: 10, scale: 2 })
  area!: string;

  @Field()
  @Property({ type: 'text' })
  ownerName!: string;

  @Field(() => ElevatorVote)
  @Enum({ items: () => ElevatorVote })
  vote!: ElevatorVote;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  recordedBy?: Ref<User> | null;

  @Field(() => DateTimeScalar)
  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
