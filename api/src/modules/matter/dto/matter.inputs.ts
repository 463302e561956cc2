import { ArrayMaxSize, IsInt, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IntakeChannel, MatterCategory, MatterKind, MatterScale, MatterStatus, PartyRole, RiskFlag, RiskLevel } from '../../common/enums';
import { DecimalScalar } from '../../common/scalars';

// Mainland mobile or landline (with optional area code and extension).
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8})$/;
// 18-digit resident ID number (last digit may be X) or the old 15-digit form.
const ID_NUMBER = /^(\d{17}[\dXx]|\d{15})$/;

@InputType()
export class PartyInput {
  @Field()
  @Length(1, 50)
  name!: string;

  @Field(() => PartyRole)
  role!: PartyRole;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a mainland mobile or landline number' })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(ID_NUMBER, { message: 'idNumber must be an 18-digit resident ID number' })
  idNumber?: string | null;
}

@InputType()
export class ReportMatterInput {
  @Field()
  @Length(2, 120)
  title!: string;

  @Field()
  @Length(1, 5000)
  description!: string;

  @Field(() => MatterKind)
  kind!: MatterKind;

  @Field(() => MatterCategory)
  category!: MatterCategory;

  @Field(() => IntakeChannel)
  channel!: IntakeChannel;

  @Field(() => ID, { nullable: true, description: "Defaults to the reporter's community" })
  @IsOptional()
  @IsUUID('all', { message: 'communityId is not a valid id' })
  communityId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'gridId is not a valid id' })
  gridId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  location?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  @IsOptional()
  amountInDispute?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  householdsAffected?: number | null;

  @Field(() => [PartyInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  parties?: PartyInput[] | null;
}

@InputType()
export class AssessMatterInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'matterId is not a valid id' })
  matterId!: string;

  @Field(() => RiskLevel)
  riskLevel!: RiskLevel;

  @Field(() => [RiskFlag], { nullable: true })
  @IsOptional()
  riskFlags?: RiskFlag[] | null;

  @Field(() => MatterScale, { nullable: true })
  @IsOptional()
  scale?: MatterScale | null;

  @Field()
  @Length(1, 5000)
  summary!: string;
}

@InputType()
export class MatterFilter {
  @Field(() => [MatterStatus], { nullable: true })
  status?: MatterStatus[] | null;

  @Field(() => [MatterCategory], { nullable: true })
  category?: MatterCategory[] | null;

  @Field(() => [MatterKind], { nullable: true })
  kind?: MatterKind[] | null;

  @Field(() => [RiskLevel], { nullable: true })
  riskLevel?: RiskLevel[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'communityId is not a valid id' })
  communityId?: string | null;

  @Field(() => String, { nullable: true, description: 'Matches reference, title, description or location' })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;

  @Field(() => String, { nullable: true, description: "Exact match on a party's phone (through its keyed hash); for viewers who may see it unmasked" })
  @IsOptional()
  @Matches(PHONE, { message: 'partyPhone must be a mainland mobile or landline number' })
  partyPhone?: string | null;

  @Field(() => String, { nullable: true, description: "Exact match on a party's ID number (through its keyed hash); for viewers who may see it unmasked" })
  @IsOptional()
  @Matches(ID_NUMBER, { message: 'partyIdNumber must be an 18-digit resident ID number' })
  partyIdNumber?: string | null;
}

@InputType()
export class ChangeMatterStatusInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'matterId is not a valid id' })
  matterId!: string;

  @Field(() => MatterStatus)
  status!: MatterStatus;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  reason?: string | null;
}
