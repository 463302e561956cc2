import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { User } from './user.entity';

/**
 * A one-time recovery code (恢复码) for two-factor sign-in: shown once at enrolment, stored as
 * its SHA-256 only (the codes are random, 50 bits each, so a fast hash is enough), used at most once.
 */
@Entity({ tableName: 'recovery_code' })
@Index({ properties: ['user', 'codeHash'] })
export class RecoveryCode {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @Property({ type: 'text' })
  codeHash!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  usedAt?: Date | null;
}

/**
 * The first step of a two-factor sign-in: the password was right, the second factor is still to
 * come. The client holds a random challenge; we keep its SHA-256. Short-lived, a few attempts,
 * used once; no session token exists until it is answered.
 */
@Entity({ tableName: 'mfa_challenge' })
export class MfaChallenge {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'int' })
  attempts: number = 0;

  @Property({ type: 'timestamptz', nullable: true })
  usedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  clientAddress?: string | null;

  @Property({ type: 'text', nullable: true })
  userAgent?: string | null;
}
