import { Arg, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { unauthenticated } from '../../errors';
import { Organization } from '../community/community.entity';
import { DateTimeScalar } from '../common/scalars';
import { AuthService } from './auth.service';
import { announceSessionRevocation } from './session-revocation';
import { User } from './user.entity';

@ObjectType()
class AuthPayload {
  @Field({ description: 'Send as Authorization: Bearer <token>, or connectionParams.authToken over WebSocket' })
  token!: string;

  @Field(() => User)
  user!: User;

  @Field(() => DateTimeScalar)
  expiresAt!: Date;
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
    return new AuthService(ctx.em, ctx.config, ctx.clock).login(username, password);
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

