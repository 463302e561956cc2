import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DecimalScalar } from '../../common/scalars';
import { ElevatorVote } from '../elevator.rules';

@InputType({ description: "Records (or corrects) one household's vote; keyed by matter and unit" })
export class RecordElevatorConsentInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'matterId is not a valid id' })
  matterId!: string;

  @Field({ description: 'Household / unit, e.g. 2-1-301' })
  @Length(1, 30)
  unit!: string;

  @Field(() => Int)
  @IsInt()
  @Min(-5)
  @Max(200)
  floor!: number;

  @Field(() => DecimalScalar, { description: 'Exclusive area in m², e.g. "86.50"' })
  area!: string;

  @Field()
  @Length(1, 50)
  ownerName!: string;

  @Field(() => ElevatorVote)
  vote!: ElevatorVote;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  note?: string | null;
}

@InputType({ description: 'One unit (专有部分) of the building in the register' })
export class ElevatorUnitInput {
  @Field({ description: 'Household / unit, e.g. 2-1-301' })
  @Length(1, 30)
  unit!: string;

  @Field(() => Int)
  @IsInt()
  @Min(-5)
  @Max(200)
  floor!: number;

  @Field(() => DecimalScalar, { description: 'Exclusive area in m², e.g. "86.50"' })
  area!: string;

  @Field()
  @Length(1, 50)
  ownerName!: string;
}

@InputType({ description: '楼栋业主名册: every unit of the building, voting or not; replaces the register' })
export class SetElevatorRegisterInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'matterId is not a valid id' })
  matterId!: string;

  @Field(() => [ElevatorUnitInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  units!: ElevatorUnitInput[];
}
