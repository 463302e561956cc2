import { randomUUID } from 'node:crypto';
import { ArrayType, Collection, Entity, Enum, Index, ManyToOne, OneToMany, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { User } from '../auth/user.entity';
import { Community, Organization } from '../community/community.entity';
import { DateTimeScalar } from '../common/scalars';

export enum CommunityActivityKind {
  LAW_EXPLANATION = 'LAW_EXPLANATION',
  DELIBERATION = 'DELIBERATION',
  PUBLICITY = 'PUBLICITY',
}
registerEnumType(CommunityActivityKind, { name: 'CommunityActivityKind', description: '以案释法 | 定期议事 | 普法宣传' });

/** A community's legal work outside single matters: 以案释法, 定期议事, 普法宣传. */
@ObjectType({ description: '社区法治活动: 以案释法、定期议事、普法宣传' })
@Entity({ tableName: 'community_activity' })
@Index({ properties: ['community', 'kind', 'heldAt'] })
export class CommunityActivity {
  [OptionalProps]?: 'partnerOrganizationIds' | 'matterIds' | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Community, { ref: true })
  community!: Ref<Community>;

  @Field(() => CommunityActivityKind)
  @Enum({ items: () => CommunityActivityKind })
  kind!: CommunityActivityKind;

  @Field()
  @Property({ type: 'text' })
  title!: string;

  @Field(() => DateTimeScalar, { description: 'When it takes (or took) place' })
  @Property({ type: 'timestamptz' })
  heldAt!: Date;

  @Field()
  @Property({ type: 'text' })
  venue!: string;

  @Field(() => String, { nullable: true, description: 'Agenda (议程) or programme' })
  @Property({ type: 'text', nullable: true })
  agenda?: string | null;

  @ManyToOne(() => Organization, { ref: true })
  hostOrganization!: Ref<Organization>;

  @Property({ type: ArrayType })
  partnerOrganizationIds: string[] = [];

  /** Matters explained (以案释法) or put on the agenda (定期议事). */
  @Property({ type: ArrayType })
  matterIds: string[] = [];

  @Field(() => Int, { nullable: true, description: '参加人数' })
  @Property({ type: 'int', nullable: true })
  attendance?: number | null;

  @Field(() => String, { nullable: true, description: '会议记录 / 活动纪要' })
  @Property({ type: 'text', nullable: true })
  minutes?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Set when the activity was recorded as held' })
  @Property({ type: 'timestamptz', nullable: true })
  recordedAt?: Date | null;

  @OneToMany(() => ActivityDecision, (d) => d.activity, { orderBy: { position: 'asc' } })
  decisions = new Collection<ActivityDecision>(this);

  @ManyToOne(() => User, { ref: true, nullable: true })
  createdBy?: Ref<User> | null;

  @Field(() => DateTimeScalar)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

/** 议定事项: a decision of a meeting, possibly about some matters. */
@ObjectType({ description: '议定事项' })
@Entity({ tableName: 'activity_decision' })
@Index({ name: 'activity_decision_activity_id_index', properties: ['activity'] })
export class ActivityDecision {
  [OptionalProps]?: 'matterIds';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => CommunityActivity, { ref: true, deleteRule: 'cascade' })
  activity!: Ref<CommunityActivity>;

  @Property({ type: 'int' })
  position: number = 0;

  @Field()
  @Property({ type: 'text' })
  text!: string;

  @Property({ type: ArrayType })
  matterIds: string[] = [];
}
