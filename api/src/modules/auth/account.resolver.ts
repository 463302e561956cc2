import { IsUUID, Length, MaxLength } from 'class-validator';
import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { unauthenticated } from '../../errors';
import { DateTimeScalar } from '../common/scalars';
import { EventType } from '../common/enums';
import { mutate } from '../../events/event.service';
import { can, PLATFORM } from '../../policy';
import { recordAdminChange } from '../audit/admin-change';
import { AccountService, announceRevoked } from './account.service';
import { AuthPayload, authPayloadOf } from './auth.resolver';
import { MAX_PASSWORD_LENGTH } from './password-policy';
import { TotpService } from './totp.service';
import { User } from './user.entity';

@ObjectType({ description: "One of the signed-in user's own sessions (账号安全 → 登录设备)" })
class MySession {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  lastSeenAt!: Date;

  @Field(() => DateTimeScalar)
  expiresAt!: Date;

  @Field(() => String, { nullable: true })
  clientAddress!: string | null;

  @Field(() => String, { nullable: true })
  userAgent!: string | null;

  @Field({ description: 'The session making this request' })
  current!: boolean;
}

@ObjectType({ description: 'Shown once: the secret for the authenticator app (as a QR code of otpauthUri, or typed in)' })
class TotpEnrolment {
  @Field()
  secret!: string;

  @Field()
  otpauthUri!: string;
}

@ObjectType()
class TotpEnrolmentResult {
  @Field(() => [String], { description: 'Ten one-time recovery codes, shown this once; only their hashes are kept' })
  recoveryCodes!: string[];
}

@ObjectType()
class PasswordPolicy {
  @Field(() => Int)
  minLength!: number;

  @Field(() => Int)
  maxLength!: number;
}

@ArgsType()
class VerifyLoginMfaArgs {
  @Field()
  @Length(1, 200)
  challenge!: string;

  @Field({ description: 'The 6-digit code of the authenticator app, or a recovery code' })
  @Length(1, 40)
  code!: string;
}

@ArgsType()
class ChangeMyPasswordArgs {
  @Field()
  @Length(1, MAX_PASSWORD_LENGTH)
  currentPassword!: string;

  @Field({ description: 'PASSWORD_MIN_LENGTH or more, not containing the username, not a common password' })
  @MaxLength(MAX_PASSWORD_LENGTH)
  newPassword!: string;
}

@ArgsType()
class TotpCodeArgs {
  @Field()
  @Length(1, 40)
  code!: string;
}

@ArgsType()
class SessionIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id is not a valid id' })
  id!: string;
}

@ArgsType()
class SignOutEverywhereArgs {
  @Field({ defaultValue: true, description: 'Keep the session making this request (default); false signs this one out too' })
  keepCurrent!: boolean;
}

@ArgsType()
class UserIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'userId is not a valid id' })
  userId!: string;
}

const totp = (ctx: Context) => new TotpService(ctx.em, ctx.config, ctx.clock);

function requireViewer(ctx: Context) {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}

/** 账号安全: two-factor sign-in, one's own sessions, changing one's password; 重置两步验证 for admins. */
@Resolver(() => User)
export class AccountResolver {
  @Query(() => PasswordPolicy, { description: 'What a new password must meet (no sign-in needed)' })
  passwordPolicy(@Ctx() ctx: Context): PasswordPolicy {
    return { minLength: ctx.config.PASSWORD_MIN_LENGTH, maxLength: MAX_PASSWORD_LENGTH };
  }

  @Query(() => [MySession], { description: "The signed-in user's usable sessions, most recently used first" })
  async mySessions(@Ctx() ctx: Context): Promise<MySession[]> {
    const sessions = await new AccountService(ctx).mySessions();
    return sessions.map((s) => ({
      id: s.id,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      expiresAt: s.expiresAt,
      clientAddress: s.clientAddress ?? null,
      userAgent: s.userAgent ?? null,
      current: s.id === ctx.viewer!.sessionId,
    }));
  }

  @Mutation(() => AuthPayload, { description: 'Second step of a two-factor sign-in: the challenge from login and a TOTP or recovery code' })
  async verifyLoginMfa(@Args(() => VerifyLoginMfaArgs) args: VerifyLoginMfaArgs, @Ctx() ctx: Context): Promise<AuthPayload> {
    return authPayloadOf(await totp(ctx).verifyLogin(args.challenge, args.code), ctx.config);
  }

  @Mutation(() => TotpEnrolment, { description: 'Starts 开启两步验证: a new secret, shown this once' })
  async beginTotpEnrolment(@Ctx() ctx: Context): Promise<TotpEnrolment> {
    return totp(ctx).beginEnrolment(requireViewer(ctx));
  }

  @Mutation(() => TotpEnrolmentResult, { description: 'Finishes the enrolment with a code from the app; returns the recovery codes once' })
  async confirmTotpEnrolment(@Args(() => TotpCodeArgs) args: TotpCodeArgs, @Ctx() ctx: Context): Promise<TotpEnrolmentResult> {
    return { recoveryCodes: await totp(ctx).confirmEnrolment(requireViewer(ctx), args.code) };
  }

  @Mutation(() => TotpEnrolmentResult, { description: 'New recovery codes, shown once; the old ones stop working. Needs a current code or a recovery code' })
  async regenerateRecoveryCodes(@Args(() => TotpCodeArgs) args: TotpCodeArgs, @Ctx() ctx: Context): Promise<TotpEnrolmentResult> {
    return { recoveryCodes: await totp(ctx).regenerateRecoveryCodes(requireViewer(ctx), args.code) };
  }

  @Mutation(() => Boolean, { description: '关闭两步验证: needs a current code or a recovery code; not for roles that must use it' })
  async disableTotp(@Args(() => TotpCodeArgs) args: TotpCodeArgs, @Ctx() ctx: Context): Promise<boolean> {
    await totp(ctx).disable(requireViewer(ctx), args.code);
    return true;
  }

  @Mutation(() => User, { description: 'ADMIN only. 重置两步验证: turns the user\'s two-factor sign-in off and signs them out everywhere' })
  async resetUserTwoFactor(@Args(() => UserIdArgs) args: UserIdArgs, @Ctx() ctx: Context): Promise<User> {
    const admin = requireViewer(ctx);
    // The reset and its record (审计日志: administrative changes) in one transaction.
    const { user, revokedSessionIds } = await mutate(ctx, async (em, events) => {
      const reset = await totp(ctx).resetFor(admin, args.userId, em);
      await recordAdminChange(events, EventType.USER_TWO_FACTOR_RESET, admin.userId, { userId: reset.user.id, username: reset.user.username });
      return reset;
    });
    await announceRevoked(ctx, { sessionIds: revokedSessionIds, userId: user.id });
    return user;
  }

  @Mutation(() => Int, { description: 'Changes the password (the current one is needed); signs out every other session. Returns how many' })
  async changeMyPassword(@Args(() => ChangeMyPasswordArgs) args: ChangeMyPasswordArgs, @Ctx() ctx: Context): Promise<number> {
    return new AccountService(ctx).changeMyPassword(args.currentPassword, args.newPassword);
  }

  @Mutation(() => Boolean, { description: 'Signs one of your own sessions out' })
  async revokeMySession(@Args(() => SessionIdArgs) args: SessionIdArgs, @Ctx() ctx: Context): Promise<boolean> {
    await new AccountService(ctx).revokeMySession(args.id);
    return true;
  }

  @Mutation(() => Int, { description: '退出所有设备: revokes your sessions (all but this one unless keepCurrent is false). Returns how many' })
  async signOutEverywhere(@Args(() => SignOutEverywhereArgs) args: SignOutEverywhereArgs, @Ctx() ctx: Context): Promise<number> {
    return new AccountService(ctx).signOutEverywhere(args.keepCurrent);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Two-factor sign-in on? Only for the user themself and admins (null otherwise)' })
  twoFactorEnabled(@Root() u: User, @Ctx() ctx: Context): boolean | null {
    if (!mayReadSecurity(ctx, u)) return null;
    return !!u.totpEnabledAt;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Must this user use two-factor sign-in (MFA_REQUIRED_ROLES)? Same visibility as twoFactorEnabled' })
  twoFactorRequired(@Root() u: User, @Ctx() ctx: Context): boolean | null {
    if (!mayReadSecurity(ctx, u)) return null;
    return ctx.config.mfaRequiredRoles.includes(u.role);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Unused recovery codes; only for the user themself' })
  async recoveryCodesLeft(@Root() u: User, @Ctx() ctx: Context): Promise<number | null> {
    if (ctx.viewer?.userId !== u.id || !u.totpEnabledAt) return null;
    return totp(ctx).recoveryCodesLeft(u.id);
  }
}

/** A user's sign-in security (2FA status): the user themself, or whoever administers the platform. */
function mayReadSecurity(ctx: Context, u: User): boolean {
  return !!ctx.viewer && (ctx.viewer.userId === u.id || can(ctx.viewer, 'administer', PLATFORM));
}
