import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { User } from '../auth/user.entity';
import { UserRole } from '../common/enums';
import { Community, Organization } from '../community/community.entity';
import { AdminService } from './admin.service';
import {
  CreateCommunityInput,
  CreateOrganizationInput,
  CreateUserInput,
  ResetUserPasswordArgs,
  SetUserActiveArgs,
  UpdateCommunityInput,
  UpdateOrganizationInput,
  UsersArgs,
} from './dto/admin.inputs';

/** ADMIN only: communities, organizations and user accounts. */
@Resolver(() => User)
export class AdminResolver {
  @Authorized(UserRole.ADMIN)
  @Query(() => [User], { description: 'ADMIN only: user accounts, optionally of one organization' })
  async users(@Args(() => UsersArgs) args: UsersArgs, @Ctx() ctx: Context): Promise<User[]> {
    return new AdminService(ctx).users(args.organizationId);
  }

  @Authorized(UserRole.ADMIN)
  @Mutation(() => Community, { description: 'ADMIN only' })
  async createCommunity(@Arg('input', () => CreateCommunityInput) input: CreateCommunityInput, @Ctx() ctx: Context): Promise<Community> {
    return new AdminService(ctx).createCommunity(input);
  }

  @Authorized(UserRole.ADMIN)
  @Mutation(() => Organization, { description: 'ADMIN only. COMMUNITY organizations need communityId; agencies list servedCommunityIds' })
  async createOrganization(@Arg('input', () => CreateOrganizationInput) input: CreateOrganizationInput, @Ctx() ctx: Context): Promise<Organization> {
    return new AdminService(ctx).createOrganization(input);
  }

  @Authorized(UserRole.ADMIN)
  @Mutation(() => Community, { description: 'ADMIN only. Rename or correct a community; its code only while it has no matters' })
  async updateCommunity(@Arg('input', () => UpdateCommunityInput) input: UpdateCommunityInput, @Ctx() ctx: Context): Promise<Community> {
    return new AdminService(ctx).updateCommunity(input);
  }

  @Authorized(UserRole.ADMIN)
  @Mutation(() => Organization, { description: 'ADMIN only. Rename an organization or change the communities an agency serves; the kind is fixed' })
  async updateOrganization(@Arg('input', () => UpdateOrganizationInput) input: UpdateOrganizationInput, @Ctx() ctx: Context): Promise<Organization> {
    return new AdminService(ctx).updateOrganization(input);
  }

  @Authorized(UserRole.ADMIN)
  @Mutation(() => User, { description: 'ADMIN only. The role must fit the organization kind' })
  async createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: Context): Promise<User> {
    return new AdminService(ctx).createUser(input);
  }

  @Authorized(UserRole.ADMIN)
  @Mutation(() => User, { description: 'ADMIN only. Deactivating signs the user out everywhere' })
  async setUserActive(@Args(() => SetUserActiveArgs) args: SetUserActiveArgs, @Ctx() ctx: Context): Promise<User> {
    return new AdminService(ctx).setUserActive(args.userId, args.active);
  }

  @Authorized(UserRole.ADMIN)
  @Mutation(() => User, { description: 'ADMIN only. Signs the user out everywhere' })
  async resetUserPassword(@Args(() => ResetUserPasswordArgs) args: ResetUserPasswordArgs, @Ctx() ctx: Context): Promise<User> {
    return new AdminService(ctx).resetUserPassword(args.userId, args.password);
  }

  @FieldResolver(() => Boolean, { description: 'false once an admin has deactivated the account' })
  active(@Root() u: User): boolean {
    return u.active;
  }
}

/** Which communities an organization serves (shown and edited in 系统管理). */
@Resolver(() => Organization)
export class OrganizationServiceResolver {
  @Authorized()
  @FieldResolver(() => [Community], { description: 'Communities this organization serves (a community organization: its own)' })
  async servedCommunities(@Root() o: Organization): Promise<Community[]> {
    const served = (await o.servedCommunities.load()).getItems();
    return [...served].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  }
}
