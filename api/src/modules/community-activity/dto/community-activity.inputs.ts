import { ArrayMaxSize, IsInt, IsOptional, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateTimeScalar } from '../../common/scalars';
import { CommunityActivityKind } from '../community-activity.entity';

@InputType()
export class CreateCommunityActivityInput {
  @Field(() => CommunityActivityKind)
  kind!: CommunityActivityKind;

  @Field()
  @Length(2, 120)
  title!: string;

  @Field(() => DateTimeScalar)
  heldAt!: Date;

  @Field()
  @Length(1, 100)
  venue!: string;

  @Field(() => ID, { nullable: true, description: "Defaults to the viewer's community" })
  @IsOptional()
  @IsUUID('all', { message: 'communityId is not a valid id' })
  communityId?: string | null;

  @Field(() => ID, { nullable: true, description: "Defaults to the community's own organization" })
  @IsOptional()
  @IsUUID('all', { message: 'hostOrganizationId is not a valid id' })
  hostOrganizationId?: string | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'partnerOrganizationIds must be valid ids' })
  partnerOrganizationIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Matters explained or put on the agenda' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'matterIds must be valid ids' })
  matterIds?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000)
  agenda?: string | null;
}

@InputType()
export class ActivityDecisionInput {
  @Field()
  @Length(1, 2000)
  text!: string;

  @Field(() => [ID], { nullable: true, description: 'Matters this decision is about (linked back on their timelines)' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'matterIds must be valid ids' })
  matterIds?: string[] | null;
}

@InputType()
export class RecordCommunityActivityInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'activityId is not a valid id' })
  activityId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(100_000)
  attendance!: number;

  @Field()
  @Length(1, 20000)
  minutes!: string;

  @Field(() => [ActivityDecisionInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  decisions?: ActivityDecisionInput[] | null;
}

/**
 * Changes to a planned activity (only until it is recorded as held). An omitted field stays as
 * it is; the lists, when given, replace the old ones.
 */
@InputType()
export class UpdateCommunityActivityInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'activityId is not a valid id' })
  activityId!: string;

  @Field(() => CommunityActivityKind, { nullable: true })
  @IsOptional()
  kind?: CommunityActivityKind | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(2, 120)
  title?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional()
  heldAt?: Date | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  venue?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'hostOrganizationId is not a valid id' })
  hostOrganizationId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the partner organizations' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'partnerOrganizationIds must be valid ids' })
  partnerOrganizationIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the linked matters' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'matterIds must be valid ids' })
  matterIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'An empty string clears the agenda' })
  @IsOptional()
  @MaxLength(5000)
  agenda?: string | null;
}
