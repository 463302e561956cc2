import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import type { Context } from '../../context';
import { Community, Organization } from '../community/community.entity';
import { loadOrganizations } from '../community/organization.loader';
import { matterAccess } from '../../policy';
import { MatterCategory } from '../common/enums';
import { Matter } from '../matter/matter.entity';
import { findMatter } from '../matter/matter.loader';
import { CreateCommunityActivityInput, RecordCommunityActivityInput, UpdateCommunityActivityInput } from './dto/community-activity.inputs';
import { ActivityDecision, CommunityActivity, CommunityActivityKind } from './community-activity.entity';
import { agendaSuggestions, AgendaGrouping, CommunityActivityService } from './community-activity.service';

registerEnumType(AgendaGrouping, { name: 'AgendaGrouping', description: '同一楼栋 | 同一类别' });

@ObjectType({ description: '议题建议: open and recurring matters of one building or one category' })
export class AgendaSuggestion {
  @Field(() => AgendaGrouping)
  grouping!: AgendaGrouping;

  @Field({ description: 'The building (e.g. 昌盛小区 2号楼) or the MatterCategory value' })
  key!: string;

  @Field(() => String, { nullable: true, description: 'The building (e.g. 昌盛小区 2号楼) when grouping is LOCATION, else null' })
  location!: string | null;

  @Field(() => MatterCategory, { nullable: true, description: 'The category when grouping is CATEGORY, else null' })
  category!: MatterCategory | null;

  @Field({
    description: 'Chinese label, e.g. 昌盛小区 2号楼：3 件事项',
    deprecationReason: 'Chinese only: show grouping with location or category and matterCount in the reader\'s language',
  })
  label!: string;

  @Field(() => Int, { description: 'Matters in the group, open and recent (the length of matters)' })
  matterCount!: number;

  @Field(() => Int)
  openCount!: number;

  @Field(() => [Matter])
  matters!: Matter[];
}

/**
 * Only the matters the viewer may see (agencies taking part see only their own), oldest first.
 * Lookups and access checks made in the same tick are batched: the linked matters of a
 * whole list of activities (and of their decisions) cost one statement, not one per activity.
 */
async function visibleMatters(ctx: Context, ids: string[]): Promise<Matter[]> {
  if (ids.length === 0) return [];
  const loaded = await Promise.all([...new Set(ids)].map((id) => findMatter(ctx, id)));
  const matters = loaded.filter((m): m is Matter => m !== null).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const access = await Promise.all(matters.map((m) => matterAccess(ctx, m)));
  return matters.filter((_, i) => access[i].visible);
}

@Resolver(() => CommunityActivity)
export class CommunityActivityResolver {
  @Query(() => [CommunityActivity], { description: "Activities, newest first: community staff see their community's; agencies those they host or join" })
  async communityActivities(
    @Arg('communityId', () => ID, { nullable: true }) communityId: string | null,
    @Arg('kind', () => CommunityActivityKind, { nullable: true }) kind: CommunityActivityKind | null,
    @Ctx() ctx: Context,
  ): Promise<CommunityActivity[]> {
    return new CommunityActivityService(ctx).list(communityId, kind);
  }

  @Query(() => CommunityActivity, { nullable: true })
  async communityActivity(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<CommunityActivity> {
    return new CommunityActivityService(ctx).get(id);
  }

  @Query(() => [AgendaSuggestion], { description: '定期议事 agenda suggestions from open and recurring matters' })
  async deliberationAgendaSuggestions(@Arg('communityId', () => ID, { nullable: true }) communityId: string | null, @Ctx() ctx: Context): Promise<AgendaSuggestion[]> {
    return agendaSuggestions(ctx, communityId);
  }

  @Mutation(() => CommunityActivity, { description: '安排以案释法 / 定期议事 / 普法宣传' })
  async createCommunityActivity(
    @Arg('input', () => CreateCommunityActivityInput) input: CreateCommunityActivityInput,
    @Ctx() ctx: Context,
  ): Promise<CommunityActivity> {
    return new CommunityActivityService(ctx).create(input);
  }

  @Mutation(() => CommunityActivity, { description: "Change a planned activity (COORDINATOR of its community; not once recorded as held). Omitted fields stay as they are" })
  async updateCommunityActivity(
    @Arg('input', () => UpdateCommunityActivityInput) input: UpdateCommunityActivityInput,
    @Ctx() ctx: Context,
  ): Promise<CommunityActivity> {
    return new CommunityActivityService(ctx).update(input);
  }

  @Mutation(() => CommunityActivity, { description: 'Record that an activity took place: attendance, minutes, decisions' })
  async recordCommunityActivity(
    @Arg('input', () => RecordCommunityActivityInput) input: RecordCommunityActivityInput,
    @Ctx() ctx: Context,
  ): Promise<CommunityActivity> {
    return new CommunityActivityService(ctx).record(input);
  }

  @FieldResolver(() => Community)
  async community(@Root() a: CommunityActivity): Promise<Community> {
    return a.community.load() as Promise<Community>;
  }

  @FieldResolver(() => Organization)
  async hostOrganization(@Root() a: CommunityActivity): Promise<Organization> {
    return a.hostOrganization.load() as Promise<Organization>;
  }

  @FieldResolver(() => [Organization])
  async partnerOrganizations(@Root() a: CommunityActivity, @Ctx() ctx: Context): Promise<Organization[]> {
    return loadOrganizations(ctx, a.partnerOrganizationIds);
  }

  @FieldResolver(() => [Matter], { description: 'Linked matters the viewer may see' })
  async matters(@Root() a: CommunityActivity, @Ctx() ctx: Context): Promise<Matter[]> {
    return visibleMatters(ctx, a.matterIds);
  }

  @FieldResolver(() => Boolean, { description: 'true once recorded as held' })
  held(@Root() a: CommunityActivity): boolean {
    return !!a.recordedAt;
  }

  @FieldResolver(() => [ActivityDecision])
  async decisions(@Root() a: CommunityActivity): Promise<ActivityDecision[]> {
    return (await a.decisions.load()).getItems();
  }
}

@Resolver(() => ActivityDecision)
export class ActivityDecisionResolver {
  @FieldResolver(() => [Matter], { description: 'Matters this decision is about (those the viewer may see)' })
  async matters(@Root() d: ActivityDecision, @Ctx() ctx: Context): Promise<Matter[]> {
    return visibleMatters(ctx, d.matterIds);
  }
}
