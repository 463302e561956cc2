import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { IsOptional, IsUUID, Length, MaxLength, Min } from 'class-validator';
import type { Context } from '../../context';
import { User } from '../auth/user.entity';
import { Organization } from '../community/community.entity';
import { DateTimeScalar } from '../common/scalars';
import { Matter } from '../matter/matter.entity';
import { Attachment } from './attachment.entity';
import { AttachmentService } from './attachment.service';

@InputType()
export class RequestAttachmentUploadInput {
  @Field(() => ID)
  @IsUUID()
  matterId!: string;

  @Field(() => ID, { nullable: true, description: 'The joint session of the matter the file belongs to' })
  @IsOptional()
  @IsUUID()
  sessionId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The opinion of the matter the file belongs to' })
  @IsOptional()
  @IsUUID()
  opinionId?: string | null;

  @Field()
  @Length(1, 255)
  fileName!: string;

  @Field(() => Int, { description: 'Size in bytes; checked against the limit before the upload' })
  @Min(1)
  size!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'The file holds personal data: shown only to who may see the parties\' phone and ID numbers' })
  @IsOptional()
  containsPersonalData?: boolean | null;
}

@ObjectType({ description: 'Where to PUT the file (a signed URL valid for a few minutes)' })
class AttachmentUploadTicket {
  @Field()
  url!: string;

  @Field(() => DateTimeScalar)
  expiresAt!: Date;

  @Field(() => Int)
  maxBytes!: number;
}

@Resolver(() => Attachment)
export class AttachmentResolver {
  @Mutation(() => AttachmentUploadTicket, {
    description: '上传证据材料, step one: checks the right to file evidence and the limits; then PUT the bytes to `url`',
  })
  async requestAttachmentUpload(@Arg('input', () => RequestAttachmentUploadInput) input: RequestAttachmentUploadInput, @Ctx() ctx: Context): Promise<AttachmentUploadTicket> {
    return new AttachmentService(ctx).requestUpload(input);
  }

  @FieldResolver(() => String, { description: 'A signed download link, valid for a few minutes, for this session only' })
  async url(@Root() a: Attachment, @Ctx() ctx: Context): Promise<string> {
    return (await new AttachmentService(ctx).link(a, 'original'))!;
  }

  @FieldResolver(() => String, { nullable: true, description: 'A signed link to a small WebP preview of an image' })
  async thumbnailUrl(@Root() a: Attachment, @Ctx() ctx: Context): Promise<string | null> {
    return new AttachmentService(ctx).link(a, 'thumbnail');
  }

  @FieldResolver(() => User, { nullable: true })
  async uploadedBy(@Root() a: Attachment): Promise<User | null> {
    return (await a.uploadedBy?.load()) ?? null;
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'None for a photo a resident attached to a public report' })
  async organization(@Root() a: Attachment): Promise<Organization | null> {
    return (await a.organization?.load()) ?? null;
  }
}

@Resolver(() => Matter)
export class MatterAttachmentsResolver {
  @FieldResolver(() => [Attachment], { description: '证据材料 the viewer may see (files holding personal data only with the right to parties\' data)' })
  async attachments(@Root() m: Matter, @Ctx() ctx: Context): Promise<Attachment[]> {
    return new AttachmentService(ctx).visibleOn(m);
  }
}
