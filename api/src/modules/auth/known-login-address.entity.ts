import { Entity, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, type Ref } from '@mikro-orm/core';
import { User } from './user.entity';

/**
 * An address (see `addressKey`: IPv4, or an IPv6 /64) from which a user signed in successfully,
 * and when last. While a stranger's failures exhaust a username's soft limit, sign-ins from these
 * addresses still go through (login-throttle.ts), so the limit cannot lock a named officer out of
 * the office they always sign in from. Rows older than LOGIN_KNOWN_ADDRESS_DAYS are ignored and
 * pruned at the user's next sign-in.
 */
@Entity({ tableName: 'known_login_address' })
export class KnownLoginAddress {
  [PrimaryKeyProp]?: ['user', 'address'];

  @ManyToOne(() => User, { ref: true, primary: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @PrimaryKey({ type: 'text' })
  address!: string;

  @Property({ type: 'timestamptz' })
  lastSuccessAt!: Date;
}
