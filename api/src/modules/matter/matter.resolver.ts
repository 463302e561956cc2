import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { IsOptional, Max, Min, ValidateNested } from 'class-validator';
import type { Context } from '../../context';
import { ActivityEvent } from '../../events/activity.types';
import { User } from '../auth/user.entity';
import { Community, Organization } from '../community/community.entity';
import { PiiAccessVia, RiskFlag } from '../common/enums';
import { piiViaOf } from '../pii/pii-access-log.service';
import { FollowUp } from '../followup/followup.entity';
import { JointMediationRequest } from '../mediation/mediation.entity';
import { JointSession } from '../session/session.entity';
import { AssessMatterInput, ChangeMatterStatusInput, MatterFilter, ReportMatterInput } from './dto/matter.inputs';
import { loadVisibleMatter, matterAccess } from '../../policy';
import { maskIdNumber, maskPhone } from './matter.access';
import { Assessment, Matter, Party } from './matter.entity';
import { timelineLoader } from './matter.loader';
import { encodeCursor, MatterService } from './matter.service';
import { suggestOrganizations } from './routing.service';
import { loadOrganizations } from '../community/organization.loader';

export enum MatterReadPurpose {
  VIEW = 'VIEW',
  PRINT = 'PRINT',
}
registerEnumType(MatterReadPurpose, { name: 'MatterReadPurpose', description: '查看 | 打印' });

@ObjectType()
class MatterEdge {
  @Field()
  cursor!: string;

  @Field(() => Matter)
  node!: Matter;
}

@ObjectType()
class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType()
export class MatterConnection {
  @Field(() => [MatterEdge])
  edges!: MatterEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  /** Counts every matching matter: run only when totalCount is selected (see MatterConnectionResolver). */
  count!: () => Promise<number>;
}

@Resolver(() => MatterConnection)
export class MatterConnectionResolver {
  @FieldResolver(() => Int, { description: 'Every matter matching the filter; costs a count over them, so select it only when shown' })
  async totalCount(@Root() c: MatterConnection): Promise<number> {
    return c.count();
  }
}

@ArgsType()
class MattersArgs {
  @Field(() => MatterFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: MatterFilter | null;

  @Field(() => Int, { nullable: true, defaultValue: 20 })
  @IsOptional()
  @Min(1)
  @Max(100)
  first?: number;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@Resolver(() => Matter)
export class MatterResolver {
  @Query(() => Matter, {
    nullable: true,
    description:
      'A matter the viewer may see. One that does not exist or is out of sight is answered alike: `matter: null` and a NOT_FOUND error (ids cannot be probed). An ill-formed id is BAD_USER_INPUT',
  })
  async matter(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
    @Arg('purpose', () => MatterReadPurpose, { nullable: true, description: 'PRINT: the printable agreement (recorded as such in the PII access log)' })
    purpose?: MatterReadPurpose | null,
  ): Promise<Matter | null> {
    if (purpose === MatterReadPurpose.PRINT) ctx.piiVia = PiiAccessVia.PRINT;
    // Nullable in the contract (DESIGN.md) so that a client keeps the rest of a response; the
    // error says why it is null.
    return new MatterService(ctx).get(id);
  }

  @Query(() => MatterConnection)
  async matters(@Args(() => MattersArgs) args: MattersArgs, @Ctx() ctx: Context): Promise<MatterConnection> {
    const { nodes, count, hasNextPage } = await new MatterService(ctx).list(args.filter, args.first ?? 20, args.after);
    const edges = nodes.map((node) => ({ cursor: encodeCursor(node), node }));
    return { edges, count, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Query(() => [Organization], { description: 'Agencies the routing rules suggest for a matter, given risk flags' })
  async suggestOrganizations(
    @Arg('matterId', () => ID) matterId: string,
    @Arg('riskFlags', () => [RiskFlag], { nullable: true }) riskFlags: RiskFlag[] | null,
    @Ctx() ctx: Context,
  ): Promise<Organization[]> {
    const matter = await loadVisibleMatter(ctx, matterId);
    return suggestOrganizations(ctx.em, {
      communityId: matter.community.id,
      category: matter.category,
      riskFlags: riskFlags ?? matter.riskFlags,
      scale: matter.scale,
    });
  }

  @Mutation(() => Matter, { description: '登记事项' })
  async reportMatter(@Arg('input', () => ReportMatterInput) input: ReportMatterInput, @Ctx() ctx: Context): Promise<Matter> {
    return new MatterService(ctx).report(input);
  }

  @Mutation(() => Matter, { description: '研判' })
  async assessMatter(@Arg('input', () => AssessMatterInput) input: AssessMatterInput, @Ctx() ctx: Context): Promise<Matter> {
    return new MatterService(ctx).assess(input);
  }

  @Mutation(() => Matter, { description: 'Resolve, escalate (转诉讼/移交) or withdraw a matter' })
  async changeMatterStatus(@Arg('input', () => ChangeMatterStatusInput) input: ChangeMatterStatusInput, @Ctx() ctx: Context): Promise<Matter> {
    return new MatterService(ctx).changeStatus(input);
  }

  @FieldResolver(() => Community)
  async community(@Root() m: Matter): Promise<Community> {
    return m.community.load() as Promise<Community>;
  }

  @FieldResolver(() => User, { nullable: true })
  async reporter(@Root() m: Matter): Promise<User | null> {
    return m.reporter ? ((await m.reporter.load()) ?? null) : null;
  }

  @FieldResolver(() => [Party])
  async parties(@Root() m: Matter): Promise<Party[]> {
    return (await m.parties.load()).getItems();
  }

  @FieldResolver(() => Assessment, { nullable: true, description: 'The latest assessment' })
  async assessment(@Root() m: Matter): Promise<Assessment | null> {
    return (await m.assessments.load()).getItems().at(-1) ?? null;
  }

  @FieldResolver(() => [JointMediationRequest])
  async jointRequests(@Root() m: Matter): Promise<JointMediationRequest[]> {
    return (await m.jointRequests.load()).getItems();
  }

  @FieldResolver(() => [JointSession])
  async sessions(@Root() m: Matter): Promise<JointSession[]> {
    return (await m.sessions.load()).getItems();
  }

  @FieldResolver(() => [FollowUp])
  async followUps(@Root() m: Matter): Promise<FollowUp[]> {
    return (await m.followUps.load()).getItems();
  }

  @Authorized()
  @FieldResolver(() => [ActivityEvent], { description: 'The events of this matter the viewer may see, oldest first' })
  async timeline(@Root() m: Matter, @Ctx() ctx: Context): Promise<ActivityEvent[]> {
    return timelineLoader(ctx).load(m.id);
  }
}

@Resolver(() => Party)
export class PartyResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Masked (138****5678) unless the viewer needs it' })
  async phone(@Root() p: Party, @Ctx() ctx: Context): Promise<string | null> {
    return revealed(p, 'phone', ctx);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Masked unless the viewer needs it' })
  async idNumber(@Root() p: Party, @Ctx() ctx: Context): Promise<string | null> {
    return revealed(p, 'idNumber', ctx);
  }

  @FieldResolver(() => Boolean, { description: 'true when phone and ID number are masked for this viewer' })
  async masked(@Root() p: Party, @Ctx() ctx: Context): Promise<boolean> {
    const matter = await p.matter.load();
    return !(matter && (await matterAccess(ctx, matter)).sensitive);
  }
}

async function revealed(p: Party, field: 'phone' | 'idNumber', ctx: Context): Promise<string | null> {
  const value = p[field];
  if (!value) return null;
  const matter = await p.matter.load();
  if (matter && (await matterAccess(ctx, matter)).sensitive) {
    ctx.piiReads.push({ matterId: matter.id, partyId: p.id, field, via: piiViaOf(ctx) });
    return value;
  }
  return field === 'phone' ? maskPhone(value) : maskIdNumber(value);
}

@Resolver(() => Assessment)
export class AssessmentResolver {
  @FieldResolver(() => [Organization])
  async suggestedOrganizations(@Root() a: Assessment, @Ctx() ctx: Context): Promise<Organization[]> {
    return loadOrganizations(ctx, a.suggestedOrganizationIds);
  }

  @FieldResolver(() => User, { nullable: true })
  async assessedBy(@Root() a: Assessment): Promise<User | null> {
    return a.assessedBy ? ((await a.assessedBy.load()) ?? null) : null;
  }
}
