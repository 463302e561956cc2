import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { SessionOutcome } from '../../common/enums';
import { DateTimeScalar, DecimalScalar } from '../../common/scalars';

@InputType()
export class ScheduleJointSessionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'matterId is not a valid id' })
  matterId!: string;

  @Field(() => DateTimeScalar)
  startsAt!: Date;

  @Field()
  @Length(1, 100)
  venue!: string;

  @Field(() => [ID])
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true, message: 'organizationIds must be valid ids' })
  organizationIds!: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000)
  agenda?: string | null;
}

@InputType()
export class AgreementTermInput {
  @Field()
  @Length(1, 1000)
  description!: string;

  @Field(() => DecimalScalar, { nullable: true })
  @IsOptional()
  amount?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional()
  dueAt?: Date | null;
}

@InputType()
export class RecordSessionOutcomeInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'sessionId is not a valid id' })
  sessionId!: string;

  @Field(() => SessionOutcome)
  outcome!: SessionOutcome;

  @Field()
  @Length(1, 20000)
  minutes!: string;

  @Field(() => [AgreementTermInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  terms?: AgreementTermInput[] | null;

  @Field(() => [String], { nullable: true, description: '出席人员; replaces what was recorded before' })
  @IsOptional()
  @ArrayMaxSize(100)
  @Length(1, 100, { each: true })
  attendees?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Convened organizations that attended' })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true, message: 'attendedOrganizationIds must be valid ids' })
  attendedOrganizationIds?: string[] | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the session actually took place, if not at its scheduled time; corrects startsAt (on the record). Not in the future',
  })
  @IsOptional()
  heldAt?: Date | null;
}

@InputType({ description: "更正调解结果: the minutes and terms of a recorded outcome, within OUTCOME_CORRECTION_HOURS; the outcome itself stays" })
export class CorrectSessionOutcomeInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'sessionId is not a valid id' })
  sessionId!: string;

  @Field()
  @Length(1, 20000)
  minutes!: string;

  @Field(() => [AgreementTermInput], { description: 'Replaces every term of the session' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  terms!: AgreementTermInput[];

  @Field({ description: 'Why the record is corrected' })
  @Length(1, 1000)
  reason!: string;
}

@InputType()
export class RecordSessionAttendanceInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'sessionId is not a valid id' })
  sessionId!: string;

  @Field(() => [String], { description: '出席人员 (names/roles)' })
  @ArrayMaxSize(100)
  @Length(1, 100, { each: true })
  attendees!: string[];

  @Field(() => [ID], { nullable: true, description: 'Convened organizations that attended' })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true, message: 'attendedOrganizationIds must be valid ids' })
  attendedOrganizationIds?: string[] | null;
}

@ArgsType()
export class ConfirmAgreementArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'sessionId is not a valid id' })
  sessionId!: string;

  @Field(() => String, { nullable: true, description: 'e.g. the number of the confirmation ruling (民特字…号)' })
  @IsOptional()
  @MaxLength(2000)
  note?: string | null;
}

@InputType()
export class MarkTermPerformedInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'termId is not a valid id' })
  termId!: string;

  @Field(() => String, { nullable: true, description: 'How it was performed (e.g. 已转账, receipt number)' })
  @IsOptional()
  @MaxLength(2000)
  note?: string | null;
}
