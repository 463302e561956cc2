import { ArrayMaxSize, IsOptional, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { OrganizationKind, UserRole } from '../../common/enums';

import { MAX_PASSWORD_LENGTH } from '../../auth/password-policy';

/** Prefix of matter references (CS → CS-2026-0007): letters and digits, stored upper-cased. */
export const COMMUNITY_CODE = /^[A-Za-z][A-Za-z0-9]{0,9}$/;
/** Login names are stored lower-cased (login lower-cases too). */
export const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$/;

@InputType()
export class CreateCommunityInput {
  @Field({ description: 'Prefix of matter references, e.g. CS → CS-2026-0007' })
  @Matches(COMMUNITY_CODE, { message: 'code must be 1–10 letters or digits, starting with a letter' })
  code!: string;

  @Field()
  @Length(1, 100)
  name!: string;

  @Field(() => String, { nullable: true, description: '所属街道/区' })
  @IsOptional()
  @MaxLength(100)
  district?: string | null;
}

@InputType()
export class CreateOrganizationInput {
  @Field()
  @Length(1, 100)
  name!: string;

  @Field(() => OrganizationKind)
  kind!: OrganizationKind;

  @Field(() => ID, { nullable: true, description: 'Required for COMMUNITY organizations: the community it runs' })
  @IsOptional()
  @IsUUID('all', { message: 'communityId is not a valid id' })
  communityId?: string | null;

  @Field(() => [ID], { description: 'Communities an agency serves (a community organization serves its own)' })
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'servedCommunityIds must be valid ids' })
  servedCommunityIds!: string[];
}

@InputType()
export class CreateUserInput {
  @Field()
  @Matches(USERNAME, { message: 'username must be 3–32 letters, digits, dots, dashes or underscores' })
  username!: string;

  @Field()
  @Length(1, 50)
  displayName!: string;

  @Field(() => UserRole)
  role!: UserRole;

  @Field(() => ID)
  @IsUUID('all', { message: 'organizationId is not a valid id' })
  organizationId!: string;

  @Field()
  // The rest of the policy (PASSWORD_MIN_LENGTH, not the username, not a common one) needs the
  // configuration and the username: checkPassword in the service.
  @MaxLength(MAX_PASSWORD_LENGTH, { message: `password must be at most ${MAX_PASSWORD_LENGTH} characters` })
  password!: string;
}

@ArgsType()
export class SetUserActiveArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'userId is not a valid id' })
  userId!: string;

  @Field()
  active!: boolean;
}

@ArgsType()
export class ResetUserPasswordArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'userId is not a valid id' })
  userId!: string;

  @Field()
  // The rest of the policy (PASSWORD_MIN_LENGTH, not the username, not a common one) needs the
  // configuration and the username: checkPassword in the service.
  @MaxLength(MAX_PASSWORD_LENGTH, { message: `password must be at most ${MAX_PASSWORD_LENGTH} characters` })
  password!: string;
}

@ArgsType()
export class UsersArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId is not a valid id' })
  organizationId?: string | null;
}

/** Rename or correct a community. An omitted field stays as it is. */
@InputType()
export class UpdateCommunityInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id is not a valid id' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Only while the community has no matters (their references carry it)' })
  @IsOptional()
  @Matches(COMMUNITY_CODE, { message: 'code must be 1–10 letters or digits, starting with a letter' })
  code?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  name?: string | null;

  @Field(() => String, { nullable: true, description: '所属街道/区; an empty string clears it' })
  @IsOptional()
  @MaxLength(100)
  district?: string | null;
}

/** Rename an organization or change the communities an agency serves. Its kind is fixed. */
@InputType()
export class UpdateOrganizationInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id is not a valid id' })
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  name?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Agencies only: replaces the communities served (at least one)' })
  @IsOptional()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'servedCommunityIds must be valid ids' })
  servedCommunityIds?: string[] | null;
}
