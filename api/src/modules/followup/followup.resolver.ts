import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { User } from '../auth/user.entity';
import { loadVisibleMatter } from '../../policy';
import { Matter } from '../matter/matter.entity';
import { RecordFollowUpInput } from './dto/followup.inputs';
import { FollowUp } from './followup.entity';
import { FollowUpService } from './followup.service';

@Resolver(() => FollowUp)
export class FollowUpResolver {
  @Mutation(() => FollowUp, { description: '记录回访' })
  async recordFollowUp(@Arg('input', () => RecordFollowUpInput) input: RecordFollowUpInput, @Ctx() ctx: Context): Promise<FollowUp> {
    return new FollowUpService(ctx).record(input);
  }

  @FieldResolver(() => Matter)
  async matter(@Root() f: FollowUp, @Ctx() ctx: Context): Promise<Matter> {
    return loadVisibleMatter(ctx, f.matter.id);
  }

  @FieldResolver(() => User, { nullable: true })
  async recordedBy(@Root() f: FollowUp): Promise<User | null> {
    return f.recordedBy ? ((await f.recordedBy.load()) ?? null) : null;
  }
}
