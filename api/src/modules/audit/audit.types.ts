import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { EventType, PiiAccessVia } from '../common/enums';
import { DateTimeScalar } from '../common/scalars';

@InputType({ description: '个人信息访问日志 filters; every one optional, all combined' })
export class PiiAccessLogFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'userId is not a valid id' })
  userId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId is not a valid id' })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'matterId is not a valid id' })
  matterId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'partyId is not a valid id' })
  partyId?: string | null;

  @Field(() => [PiiAccessVia], { nullable: true })
  via?: PiiAccessVia[] | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'From this time (inclusive)' })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Before this time (exclusive)' })
  to?: Date | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 50 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  first?: number;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page' })
  after?: string | null;
}

@ObjectType({ description: '一次个人信息（电话、身份证号）明文读取' })
export class PiiAccessEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => PiiAccessVia)
  via!: PiiAccessVia;

  @Field({ description: 'phone or idNumber' })
  field!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => String, { nullable: true })
  username!: string | null;

  @Field(() => String, { nullable: true })
  userDisplayName!: string | null;

  @Field(() => ID, { nullable: true })
  organizationId!: string | null;

  @Field(() => String, { nullable: true })
  organizationName!: string | null;

  @Field(() => ID)
  matterId!: string;

  @Field(() => String, { nullable: true })
  matterReference!: string | null;

  @Field(() => ID)
  partyId!: string;

  @Field(() => String, { nullable: true })
  partyName!: string | null;

  @Field(() => String, { nullable: true, description: 'Client address of the request, when known' })
  ip!: string | null;
}

@ObjectType()
export class PiiAccessLogPage {
  @Field(() => [PiiAccessEntry])
  entries!: PiiAccessEntry[];

  @Field(() => Int)
  totalCount!: number;

  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@InputType({ description: '操作审计（系统管理变更）filters' })
export class AuditTrailFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'actorId is not a valid id' })
  actorId?: string | null;

  @Field(() => [EventType], { nullable: true, description: 'Administrative event types (USER_CREATED…); others are refused' })
  types?: EventType[] | null;

  @Field(() => DateTimeScalar, { nullable: true })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  to?: Date | null;
}

@ObjectType({ description: '一次系统管理变更' })
export class AuditEntry {
  @Field(() => ID, { description: 'The event cursor' })
  id!: string;

  @Field(() => EventType)
  type!: EventType;

  @Field(() => DateTimeScalar)
  occurredAt!: Date;

  @Field(() => ID, { nullable: true })
  actorId!: string | null;

  @Field(() => String, { nullable: true })
  actorUsername!: string | null;

  @Field(() => String, { nullable: true })
  actorDisplayName!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'What changed (ids, names, { field: { from, to } }); never a password' })
  payload!: Record<string, unknown>;
}

@ObjectType()
export class AuditTrailPage {
  @Field(() => [AuditEntry])
  entries!: AuditEntry[];

  @Field(() => Int)
  totalCount!: number;

  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}
