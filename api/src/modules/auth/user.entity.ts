import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { UserRole } from '../common/enums';
import { Organization } from '../community/community.entity';

@ObjectType()
@Entity({ tableName: 'app_user' })
export class User {
  [OptionalProps]?: 'createdAt' | 'active';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field()
  @Property({ type: 'text', unique: true })
  username!: string;

  @Field()
  @Property({ type: 'text' })
  displayName!: string;

  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash!: string;

  @Field(() => UserRole)
  @Enum({ items: () => UserRole })
  role!: UserRole;

  @ManyToOne(() => Organization, { ref: true })
  organization!: Ref<Organization>;

  @Property({ type: 'boolean' })
  active: boolean = true;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  /**
   * The TOTP secret once enrolment is confirmed, sealed (`sst1.…`, bound to this column and the
   * user's id: totp-secret.ts). Never returned to any client after enrolment.
   */
  @Property({ type: 'text', nullable: true, hidden: true, lazy: true })
  totpSecret?: string | null;

  /** Between beginTotpEnrolment and confirmTotpEnrolment: the secret shown once as a QR code, sealed likewise. */
  @Property({ type: 'text', nullable: true, hidden: true, lazy: true })
  totpPendingSecret?: string | null;

  /** Two-factor sign-in is on since then (null: off). */
  @Property({ type: 'timestamptz', nullable: true })
  totpEnabledAt?: Date | null;

  /** The last TOTP time step accepted: a code is never accepted twice (replay protection). */
  @Property({ type: 'bigint', nullable: true, hidden: true })
  totpLastStep?: string | null;
}

/** A login. The client holds a random token; we keep only its SHA-256. */
@Entity({ tableName: 'auth_session' })
export class AuthSession {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  lastSeenAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null;

  /** Where the sign-in came from, shown in the user's own session list (账号安全). */
  @Property({ type: 'text', nullable: true })
  clientAddress?: string | null;

  @Property({ type: 'text', nullable: true })
  userAgent?: string | null;
}
