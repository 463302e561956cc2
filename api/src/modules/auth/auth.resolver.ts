import { Arg, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { unauthenticated } from '../../errors';
import { Organization } from '../community/community.entity';
import { DateTimeScalar } from '../common/scalars';
import type { Config } from '../../config';
import { AuthService, type LoginResult } from './auth.service';
import { announceSessionRevocation } from './session-revocation';
import { User } from './user.entity';

@ObjectType({ description: 'A session — or, when the user has two-factor sign-in, a challenge to answer with verifyLoginMfa' })
export class AuthPayload {
  @Field(() => String, {
    nullable: true,
    description: 'Send as Authorization: Bearer <token>, or connectionParams.authToken over WebSocket. Null while mfaRequired',
  })
  token!: string | null;

  @Field(() => User, { nullable: true, description: 'Null while mfaRequired' })
  user!: User | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Null while mfaRequired' })
  expiresAt!: Date | null;

  @Field({ description: 'true: the password was right; answer `challenge` with verifyLoginMfa(challenge, code) to get the token' })
  mfaRequired!: boolean;

  @Field(() => String, { nullable: true, description: 'Short-lived, single-use; only when mfaRequired' })
  challenge!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  challengeExpiresAt!: Date | null;

  @Field({ description: 'The role must use two-factor sign-in and the user has not enrolled: this session can only enrol (beginTotpEnrolment)' })
  mfaEnrolmentRequired!: boolean;
}

/** LoginResult → AuthPayload: the session fields, or the challenge fields. */
export function authPayloadOf(r: LoginResult, config: Config): AuthPayload {
  if ('mfaRequired' in r) {
    return { token: null, user: null, expiresAt: null, mfaRequired: true, challenge: r.challenge, challengeExpiresAt: r.challengeExpiresAt, mfaEnrolmentRequired: false };
  }
  return {
    token: r.token,
    user: r.user,
    expiresAt: r.expiresAt,
    mfaRequired: false,
    challenge: null,
    challengeExpiresAt: null,
    mfaEnrolmentRequired: !r.user.totpEnabledAt && config.mfaRequiredRoles.includes(r.user.role),
  };
}

@Resolver(() => User)
export class AuthResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user, or null' })
  async me(@Ctx() ctx: Context): Promise<User | null> {
    if (!ctx.viewer) return null;
    return ctx.em.findOne(User, { id: ctx.viewer.userId });
  }

  @Mutation(() => AuthPayload)
  async login(
    @Arg('username', () => String) username: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: Context,
  ): Promise<AuthPayload> {
    if (!username.trim() || !password) throw unauthenticated('Wrong username or password');
    const result = await new AuthService(ctx.em, ctx.config, ctx.clock).login(username, password, { address: ctx.ip, userAgent: ctx.userAgent, limits: ctx.limits });
    return authPayloadOf(result, ctx.config);
  }

  @Mutation(() => Boolean, { description: 'Revokes the current session token' })
  async logout(@Ctx() ctx: Context): Promise<boolean> {
    if (!ctx.viewer) return false;
    await new AuthService(ctx.em, ctx.config, ctx.clock).logout(ctx.viewer.sessionId);
    await announceSessionRevocation(ctx.bus, { sessionIds: [ctx.viewer.sessionId] });
    return true;
  }

  @FieldResolver(() => Organization)
  async organization(@Root() u: User): Promise<Organization> {
    return u.organization.load() as Promise<Organization>;
  }
}

