import { randomUUID } from 'node:crypto';
import { Collection, Entity, Enum, Index, ManyToOne, OneToMany, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { InvitationStatus } from '../common/enums';
import { DateTimeScalar } from '../common/scalars';
import { User } from '../auth/user.entity';
import { Organization } from '../community/community.entity';
import { Matter } from '../matter/matter.entity';

/** 联合调解请求: one matter, a message, a deadline, one invitation per organization. */
@ObjectType({ description: '联合调解请求' })
@Entity({ tableName: 'joint_mediation_request' })
@Index({ name: 'joint_mediation_request_matter_id_index', properties: ['matter'] })
@Index({ name: 'joint_mediation_request_respond_by_index', properties: ['respondBy'] })
export class JointMediationRequest {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Matter, { ref: true })
  matter!: Ref<Matter>;

  @Field()
  @Property({ type: 'text' })
  message!: string;

  @Field(() => DateTimeScalar)
  @Property({ type: 'timestamptz' })
  respondBy!: Date;

  @ManyToOne(() => User, { ref: true, nullable: true })
  requestedBy?: Ref<User> | null;

  @OneToMany(() => Invitation, (i) => i.request)
  invitations = new Collection<Invitation>(this);

  @Field(() => DateTimeScalar)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

@ObjectType({ description: '邀请' })
@Entity({ tableName: 'invitation' })
@Index({ name: 'invitation_pending_request_index', expression: `create index "invitation_pending_request_index" on "invitation" ("request_id") where "status" = 'PENDING'` })
@Unique({ properties: ['request', 'organization'] })
@Index({ properties: ['organization', 'status'] })
// An organization's matters, newest first, straight from its invitations (the agency's list).
@Index({ properties: ['organization', 'matterCreatedAt', 'matterId'] })
export class Invitation {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => JointMediationRequest, { ref: true, deleteRule: 'cascade' })
  request!: Ref<JointMediationRequest>;

  /** Denormalised from the request so that visibility checks are one indexed lookup. */
  @Index()
  @Property({ type: 'uuid' })
  matterId!: string;

  /** The matter's createdAt (which never changes), so an agency's list pages by an index. */
  @Property({ type: 'timestamptz' })
  matterCreatedAt!: Date;

  @ManyToOne(() => Organization, { ref: true })
  organization!: Ref<Organization>;

  @Field(() => InvitationStatus)
  @Enum({ items: () => InvitationStatus })
  status: InvitationStatus = InvitationStatus.PENDING;

  @Field(() => String, { nullable: true, description: 'Reason for declining, or a note with the acceptance' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  assignee?: Ref<User> | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  respondedBy?: Ref<User> | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  respondedAt?: Date | null;

  @Field(() => DateTimeScalar)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
