import { ArrayMaxSize, IsInt, IsOptional, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: '放弃履行: a term the beneficiary gives up, with the reason' })
export class TermWaiverInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'termId is not a valid id' })
  termId!: string;

  @Field()
  @Length(1, 1000)
  reason!: string;
}

@InputType()
export class RecordFollowUpInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'matterId is not a valid id' })
  matterId!: string;

  @Field()
  agreementFulfilled!: boolean;

  @Field(() => Int, { nullable: true, description: '满意度 1–5' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  satisfaction?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000)
  notes?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Open terms the visit found performed' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'termsPerformed must be valid ids' })
  termsPerformed?: string[] | null;

  @Field(() => [TermWaiverInput], { nullable: true, description: 'Open terms waived, each with its reason' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  termsWaived?: TermWaiverInput[] | null;
}
