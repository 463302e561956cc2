import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateTimeScalar } from '../../common/scalars';

@InputType()
export class RequestJointMediationInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'matterId is not a valid id' })
  matterId!: string;

  @Field(() => [ID])
  @ArrayMinSize(1, { message: 'invite at least one organization' })
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true, message: 'organizationIds must be valid ids' })
  organizationIds!: string[];

  @Field()
  @Length(1, 2000)
  message!: string;

  @Field(() => DateTimeScalar)
  respondBy!: Date;
}

@InputType()
export class RespondToInvitationInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'invitationId is not a valid id' })
  invitationId!: string;

  @Field()
  accept!: boolean;

  @Field(() => String, { nullable: true, description: 'Required when declining: the reason' })
  @IsOptional()
  @MaxLength(2000)
  note?: string | null;

  @Field(() => ID, { nullable: true, description: 'Who in the organization takes it on (defaults to the responder)' })
  @IsOptional()
  @IsUUID('all', { message: 'assigneeId is not a valid id' })
  assigneeId?: string | null;
}

@InputType()
export class AssignInvitationInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'invitationId is not a valid id' })
  invitationId!: string;

  @Field(() => ID, { description: 'An active member of the invited organization' })
  @IsUUID('all', { message: 'assigneeId is not a valid id' })
  assigneeId!: string;
}
