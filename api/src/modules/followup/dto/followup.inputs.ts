import { IsInt, IsOptional, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

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
}
