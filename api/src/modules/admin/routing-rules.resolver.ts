import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { UserRole } from '../common/enums';
import type { Context } from '../../context';
import { DeleteRoutingRuleArgs, RoutingRulesArgs, RoutingRuleType, SaveRoutingRuleInput } from './dto/routing-rules.dto';
import { RoutingRulesService, toRoutingRuleType } from './routing-rules.service';

/** 分流规则: ADMIN manages them; a COORDINATOR reads those of their own community. */
@Resolver(() => RoutingRuleType)
export class RoutingRulesResolver {
  @Authorized()
  @Query(() => [RoutingRuleType], {
    description: 'ADMIN: all rules, or those applying to communityId (its own and the global ones). COORDINATOR: those applying to their own community',
  })
  async routingRules(@Args(() => RoutingRulesArgs) args: RoutingRulesArgs, @Ctx() ctx: Context): Promise<RoutingRuleType[]> {
    return (await new RoutingRulesService(ctx).list(args.communityId)).map(toRoutingRuleType);
  }

  @Authorized(UserRole.ADMIN)
  @Mutation(() => RoutingRuleType, { description: 'ADMIN only. Creates a rule, or updates the one with this id' })
  async saveRoutingRule(@Arg('input', () => SaveRoutingRuleInput) input: SaveRoutingRuleInput, @Ctx() ctx: Context): Promise<RoutingRuleType> {
    return toRoutingRuleType(await new RoutingRulesService(ctx).save(input));
  }

  @Authorized(UserRole.ADMIN)
  @Mutation(() => ID, { description: 'ADMIN only. Returns the id of the deleted rule' })
  async deleteRoutingRule(@Args(() => DeleteRoutingRuleArgs) args: DeleteRoutingRuleArgs, @Ctx() ctx: Context): Promise<string> {
    return new RoutingRulesService(ctx).delete(args.id);
  }
}
