import { randomUUID } from 'node:crypto';
import { ArrayType, Collection, Entity, Enum, Index, ManyToOne, OneToMany, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { SessionOutcome } from '../common/enums';
import { DateTimeScalar, DecimalScalar } from '../common/scalars';
import { User } from '../auth/user.entity';
import { Matter } from '../matter/matter.entity';

/** 联合调解会 */
@ObjectType({ description: '联合调解会' })
@Entity({ tableName: 'joint_session' })
@Index({ name: 'joint_session_matter_id_index', properties: ['matter'] })
@Index({ name: 'joint_session_starts_at_index', properties: ['startsAt'] })
export class JointSession {
  [OptionalProps]?: 'attendees' | 'attendedOrganizationIds';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Matter, { ref: true })
  matter!: Ref<Matter>;

  @Field(() => DateTimeScalar)
  @Property({ type: 'timestamptz' })
  startsAt!: Date;

  @Field({ description: 'e.g. 说事厅, 八角凉亭' })
  @Property({ type: 'text' })
  venue!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  agenda?: string | null;

  @Property({ type: ArrayType })
  organizationIds: string[] = [];

  @Field(() => SessionOutcome, { nullable: true })
  @Enum({ items: () => SessionOutcome, nullable: true })
  outcome?: SessionOutcome | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  minutes?: string | null;

  @OneToMany(() => AgreementTerm, (t) => t.session, { orderBy: { position: 'asc' } })
  terms = new Collection<AgreementTerm>(this);

  @ManyToOne(() => User, { ref: true, nullable: true })
  createdBy?: Ref<User> | null;

  @Field(() => DateTimeScalar)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => DateTimeScalar, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  outcomeRecordedAt?: Date | null;

  /** 出席人员: names (and roles) of the people present, as written in the minutes. */
  @Field(() => [String], { description: '出席人员 (names/roles as in the minutes)' })
  @Property({ type: ArrayType, default: '{}' })
  attendees: string[] = [];

  /** Convened organizations that actually attended. */
  @Property({ type: ArrayType, default: '{}' })
  attendedOrganizationIds: string[] = [];

  /** 司法确认 by the court. */
  @Field(() => DateTimeScalar, { nullable: true, description: '司法确认 time, null until the court confirms the agreement' })
  @Property({ type: 'timestamptz', nullable: true })
  judicialConfirmedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'The court\'s note with the judicial confirmation (e.g. 裁定书编号)' })
  @Property({ type: 'text', nullable: true })
  judicialConfirmationNote?: string | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  judicialConfirmedBy?: Ref<User> | null;

  @Property({ type: 'uuid', nullable: true })
  judicialConfirmedByOrganizationId?: string | null;
}

@ObjectType({ description: '协议条款' })
@Entity({ tableName: 'agreement_term' })
@Index({ name: 'agreement_term_session_id_index', properties: ['session'] })
export class AgreementTerm {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => JointSession, { ref: true, deleteRule: 'cascade' })
  session!: Ref<JointSession>;

  @Property({ type: 'int' })
  position: number = 0;

  @Field()
  @Property({ type: 'text' })
  description!: string;

  @Field(() => DecimalScalar, { nullable: true })
  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  amount?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  dueAt?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  performedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'How the term was performed' })
  @Property({ type: 'text', nullable: true })
  performedNote?: string | null;

  /** A later agreement on the same matter replaced this one before the term was performed. */
  @Field(() => DateTimeScalar, { nullable: true, description: 'Set when a later agreement on the matter replaced this term' })
  @Property({ type: 'timestamptz', nullable: true })
  supersededAt?: Date | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  performedRecordedBy?: Ref<User> | null;

  /** 放弃履行: the beneficiary gave the term up; the reason is on the record (AGREEMENT_TERM_WAIVED). */
  @Field(() => DateTimeScalar, { nullable: true, description: 'Set when the term was waived instead of performed' })
  @Property({ type: 'timestamptz', nullable: true })
  waivedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the term was waived' })
  @Property({ type: 'text', nullable: true })
  waivedReason?: string | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  waivedBy?: Ref<User> | null;
}
