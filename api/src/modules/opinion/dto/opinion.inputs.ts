import { IsOptional, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { OPINION_MAX_LENGTH, OpinionKind } from '../opinion.entity';

@InputType()
export class AddOpinionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'matterId is not a valid id' })
  matterId!: string;

  @Field({ description: `The opinion itself, at most ${OPINION_MAX_LENGTH} characters` })
  @Length(1, OPINION_MAX_LENGTH, { message: `body must be 1–${OPINION_MAX_LENGTH} characters` })
  body!: string;

  @Field(() => OpinionKind, { nullable: true, description: 'Defaults to SUGGESTION' })
  @IsOptional()
  kind?: OpinionKind | null;
}
