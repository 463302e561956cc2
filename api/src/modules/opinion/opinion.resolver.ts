import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { User } from '../auth/user.entity';
import { Organization } from '../community/community.entity';
import { matterAccess } from '../../policy';
import { Matter } from '../matter/matter.entity';
import { AddOpinionInput } from './dto/opinion.inputs';
import { Opinion } from './opinion.entity';
import { opinionsLoader } from './opinion.loader';
import { OpinionService } from './opinion.service';

@Resolver(() => Opinion)
export class OpinionResolver {
  @Mutation(() => Opinion, {
    description: "添加意见: by an agency that accepted an invitation to the matter, or the matter's coordinators and mediators",
  })
  async addOpinion(@Arg('input', () => AddOpinionInput) input: AddOpinionInput, @Ctx() ctx: Context): Promise<Opinion> {
    return new OpinionService(ctx).add(input);
  }

  @FieldResolver(() => User)
  async author(@Root() o: Opinion): Promise<User> {
    return o.author.load() as Promise<User>;
  }

  @FieldResolver(() => Organization)
  async organization(@Root() o: Opinion): Promise<Organization> {
    return o.organization.load() as Promise<Organization>;
  }
}

@Resolver(() => Matter)
export class MatterOpinionsResolver {
  @FieldResolver(() => [Opinion], { description: '意见, oldest first: visible to whoever may see the matter' })
  async opinions(@Root() m: Matter, @Ctx() ctx: Context): Promise<Opinion[]> {
    // The matter reached the viewer through a checked path; asking again costs nothing (cached
    // per request) and keeps this field safe should a new path ever forget.
    if (!(await matterAccess(ctx, m)).visible) return [];
    return opinionsLoader(ctx).load(m.id);
  }
}
