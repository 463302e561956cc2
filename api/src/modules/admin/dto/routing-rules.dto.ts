import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { MatterCategory, MatterScale, OrganizationKind, RiskFlag } from '../../common/enums';

export const MAX_ROUTING_NOTE_LENGTH = 200;

/** 分流规则 as clients see it (the RoutingRule entity carries no GraphQL decorators). */
@ObjectType('RoutingRule', { description: '分流规则: category and/or risk flag and/or scale → kinds of agency to suggest' })
export class RoutingRuleType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true, description: 'null: applies to every community' })
  communityId!: string | null;

  @Field(() => MatterCategory, { nullable: true })
  category!: MatterCategory | null;

  @Field(() => RiskFlag, { nullable: true })
  riskFlag!: RiskFlag | null;

  @Field(() => MatterScale, { nullable: true })
  scale!: MatterScale | null;

  @Field(() => [OrganizationKind], { description: 'Agency kinds to suggest when every set condition matches' })
  organizationKinds!: OrganizationKind[];

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@InputType()
export class SaveRoutingRuleInput {
  @Field(() => ID, { nullable: true, description: 'Omit to create a rule' })
  @IsOptional()
  @IsUUID('all', { message: 'id is not a valid id' })
  id?: string | null;

  @Field(() => ID, { nullable: true, description: 'Omit for a rule applying to every community' })
  @IsOptional()
  @IsUUID('all', { message: 'communityId is not a valid id' })
  communityId?: string | null;

  @Field(() => MatterCategory, { nullable: true })
  @IsOptional()
  category?: MatterCategory | null;

  @Field(() => RiskFlag, { nullable: true })
  @IsOptional()
  riskFlag?: RiskFlag | null;

  @Field(() => MatterScale, { nullable: true })
  @IsOptional()
  scale?: MatterScale | null;

  @Field(() => [OrganizationKind], { description: 'Agency kinds only (not COMMUNITY), at least one' })
  @ArrayMinSize(1, { message: 'choose at least one kind of agency' })
  @ArrayMaxSize(10)
  organizationKinds!: OrganizationKind[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX_ROUTING_NOTE_LENGTH)
  note?: string | null;
}

@ArgsType()
export class RoutingRulesArgs {
  @Field(() => ID, { nullable: true, description: 'Rules that apply to this community (its own and the global ones); omit for all (ADMIN)' })
  @IsOptional()
  @IsUUID('all', { message: 'communityId is not a valid id' })
  communityId?: string | null;
}

@ArgsType()
export class DeleteRoutingRuleArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id is not a valid id' })
  id!: string;
}
