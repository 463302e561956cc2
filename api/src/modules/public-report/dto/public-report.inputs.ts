import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsUUID, Length, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { MatterCategory, MatterKind } from '../../common/enums';

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

@InputType({ description: 'A photo the resident will upload with the report (the bytes go to the link the receipt gives)' })
export class PublicReportPhotoInput {
  @Field()
  @Length(1, 255)
  fileName!: string;

  @Field(() => Int, { description: 'Size in bytes; checked against the limit before the upload' })
  @IsInt()
  @Min(1)
  size!: number;
}

@InputType({ description: '随时说事: what a resident may send without signing in — only what is needed' })
export class SubmitPublicReportInput {
  @Field(() => ID, { nullable: true, description: 'From publicCommunities; may be left out when the platform serves one community' })
  @IsOptional()
  @IsUUID('all', { message: 'communityId is not a valid id' })
  communityId?: string | null;

  @Field(() => String, { nullable: true, description: 'Optional: the resident may stay anonymous' })
  @IsOptional()
  @Length(1, 50)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Optional: for the community to call back' })
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a mainland mobile or landline number' })
  phone?: string | null;

  @Field()
  @Length(5, 2000, { message: 'description must be 5 to 2000 characters' })
  description!: string;

  @Field(() => MatterCategory)
  category!: MatterCategory;

  @Field(() => MatterKind, { nullable: true, defaultValue: MatterKind.DEMAND })
  @IsOptional()
  @IsIn([MatterKind.DEMAND, MatterKind.DISPUTE, MatterKind.CONSULTATION])
  kind?: MatterKind | null;

  @Field(() => String, { nullable: true, description: '小区/楼栋' })
  @IsOptional()
  @MaxLength(200)
  location?: string | null;

  @Field(() => [PublicReportPhotoInput], { nullable: true, description: 'Photos to attach (at most PUBLIC_REPORT_MAX_PHOTOS, images only)' })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(10)
  photos?: PublicReportPhotoInput[] | null;

  @Field({ description: 'Must be true: the resident agreed to the consent text shown on the page' })
  consent!: boolean;
}
