import { randomUUID } from 'node:crypto';
import { ArrayType, Collection, Entity, Enum, Index, ManyToOne, OneToMany, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { IntakeChannel, MatterCategory, MatterKind, MatterScale, MatterStatus, PartyRole, RiskFlag, RiskLevel } from '../common/enums';
import { DateTimeScalar, DecimalScalar } from '../common/scalars';
import { User } from '../auth/user.entity';
import { Community, Grid } from '../community/community.entity';
// Type-only: these modules import Matter; the decorators below name them by string so the
// runtime import graph stays acyclic.
import type { FollowUp } from '../followup/followup.entity';
import type { JointMediationRequest } from '../mediation/mediation.entity';
import type { JointSession } from '../session/session.entity';

/** 事项: a resident's demand, a dispute or a consultation. */
@ObjectType({ description: '事项' })
@Entity({ tableName: 'matter' })
@Index({ name: 'matter_status_index', properties: ['community', 'status'] })
// Keyset pages, newest first: a community's (coordinator) and everyone's (admin).
@Index({ properties: ['community', 'createdAt', 'id'] })
@Index({ properties: ['createdAt', 'id'] })
@Index({ name: 'matter_search_bigrams_index', expression: 'create index "matter_search_bigrams_index" on "matter" using gin ("search_bigrams") with (fastupdate = off)' })
export class Matter {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'Human reference such as CS-2026-0007' })
  @Property({ type: 'text', unique: true })
  reference!: string;

  @ManyToOne(() => Community, { ref: true })
  community!: Ref<Community>;

  @ManyToOne(() => Grid, { ref: true, nullable: true })
  grid?: Ref<Grid> | null;

  @Field()
  @Property({ type: 'text' })
  title!: string;

  @Field()
  @Property({ type: 'text' })
  description!: string;

  @Field(() => MatterKind)
  @Enum({ items: () => MatterKind })
  kind!: MatterKind;

  @Field(() => MatterCategory)
  @Enum({ items: () => MatterCategory })
  category!: MatterCategory;

  @Field(() => IntakeChannel)
  @Enum({ items: () => IntakeChannel })
  channel!: IntakeChannel;

  @Field(() => MatterStatus)
  @Enum({ items: () => MatterStatus })
  status: MatterStatus = MatterStatus.REPORTED;

  @Field(() => RiskLevel, { nullable: true })
  @Enum({ items: () => RiskLevel, nullable: true })
  riskLevel?: RiskLevel | null;

  @Field(() => [RiskFlag])
  @Property({ type: ArrayType })
  riskFlags: RiskFlag[] = [];

  @Field(() => MatterScale)
  @Enum({ items: () => MatterScale })
  scale: MatterScale = MatterScale.ORDINARY;

  @Field(() => String, { nullable: true, description: '小区/楼栋, e.g. 昌盛小区 2号楼' })
  @Property({ type: 'text', nullable: true })
  location?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Amount in dispute, yuan' })
  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  amountInDispute?: string | null;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'int', nullable: true })
  householdsAffected?: number | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  reporter?: Ref<User> | null;

  @OneToMany(() => Party, (p) => p.matter, { orderBy: { position: 'asc' } })
  parties = new Collection<Party>(this);

  @OneToMany(() => Assessment, (a) => a.matter, { orderBy: { assessedAt: 'asc' } })
  assessments = new Collection<Assessment>(this);

  @OneToMany({ entity: 'JointMediationRequest', mappedBy: 'matter', orderBy: { createdAt: 'asc' } as never })
  jointRequests = new Collection<JointMediationRequest>(this);

  @OneToMany({ entity: 'JointSession', mappedBy: 'matter', orderBy: { startsAt: 'asc' } as never })
  sessions = new Collection<JointSession>(this);

  @OneToMany({ entity: 'FollowUp', mappedBy: 'matter', orderBy: { createdAt: 'asc' } as never })
  followUps = new Collection<FollowUp>(this);

  @Field(() => DateTimeScalar)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => DateTimeScalar)
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field(() => DateTimeScalar, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date | null;

  /**
   * The character pairs of reference, title, description and location, kept by a trigger
   * (migration Migration20261201160000_read_paths) for the search index; never loaded or written
   * by the app.
   */
  @Property({ type: ArrayType, nullable: true, lazy: true, hidden: true })
  searchBigrams?: string[] | null;
}

/** 当事人. phone and idNumber are sensitive: masked by the Party resolver unless the viewer needs them. */
@ObjectType({ description: '当事人' })
@Entity({ tableName: 'party' })
@Index({ name: 'party_matter_id_index', properties: ['matter'] })
export class Party {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Matter, { ref: true, deleteRule: 'cascade' })
  matter!: Ref<Matter>;

  @Property({ type: 'int' })
  position: number = 0;

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field(() => PartyRole)
  @Enum({ items: () => PartyRole })
  role!: PartyRole;

  @Property({ type: 'text', nullable: true })
  phone?: string | null;

  @Property({ type: 'text', nullable: true })
  idNumber?: string | null;
}

/** 研判. A matter may be re-assessed; the latest one counts. */
@ObjectType({ description: '研判' })
@Entity({ tableName: 'assessment' })
@Index({ name: 'assessment_matter_id_index', properties: ['matter', 'assessedAt'] })
export class Assessment {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Matter, { ref: true, deleteRule: 'cascade' })
  matter!: Ref<Matter>;

  @Field(() => RiskLevel)
  @Enum({ items: () => RiskLevel })
  riskLevel!: RiskLevel;

  @Field(() => [RiskFlag])
  @Property({ type: ArrayType })
  riskFlags: RiskFlag[] = [];

  @Field(() => MatterScale)
  @Enum({ items: () => MatterScale })
  scale!: MatterScale;

  @Field()
  @Property({ type: 'text' })
  summary!: string;

  @Property({ type: ArrayType })
  suggestedOrganizationIds: string[] = [];

  @ManyToOne(() => User, { ref: true, nullable: true })
  assessedBy?: Ref<User> | null;

  @Field(() => DateTimeScalar)
  @Property({ type: 'timestamptz' })
  assessedAt: Date = new Date();
}

/** Audit of every unmasked read of a party's phone or ID number. */
@Entity({ tableName: 'pii_access_log' })
export class PiiAccessLog {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'uuid' })
  matterId!: string;

  /** The party whose phone or ID number was read; null for an evidence file. */
  @Property({ type: 'uuid', nullable: true })
  partyId?: string | null;

  /** The evidence file holding personal data that was downloaded. */
  @Property({ type: 'uuid', nullable: true })
  attachmentId?: string | null;

  @Property({ type: 'text' })
  field!: string;

  @Property({ type: 'timestamptz' })
  at: Date = new Date();
}

/** Per-community, per-year sequence behind references like CS-2026-0007. */
@Entity({ tableName: 'reference_counter' })
export class ReferenceCounter {
  @PrimaryKey({ type: 'uuid' })
  communityId!: string;

  @PrimaryKey({ type: 'int' })
  year!: number;

  @Property({ type: 'int' })
  value!: number;
}

/** 分流规则: category and/or risk flag → the kinds of agency to involve. */
@Entity({ tableName: 'routing_rule' })
export class RoutingRule {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** null: applies to every community. */
  @Property({ type: 'uuid', nullable: true })
  communityId?: string | null;

  @Enum({ items: () => MatterCategory, nullable: true })
  category?: MatterCategory | null;

  @Enum({ items: () => RiskFlag, nullable: true })
  riskFlag?: RiskFlag | null;

  @Enum({ items: () => MatterScale, nullable: true })
  scale?: MatterScale | null;

  @Property({ type: ArrayType })
  organizationKinds: string[] = [];

  @Property({ type: 'text', nullable: true })
  note?: string | null;
}
