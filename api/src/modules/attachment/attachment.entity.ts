import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { User } from '../auth/user.entity';
import { Organization } from '../community/community.entity';
import { DateTimeScalar } from '../common/scalars';
import { Matter } from '../matter/matter.entity';

/** What a file is, decided from its content (magic bytes), never from its name. */
export enum AttachmentKind {
  IMAGE = 'IMAGE',
  PDF = 'PDF',
  DOCUMENT = 'DOCUMENT',
  AUDIO = 'AUDIO',
}
registerEnumType(AttachmentKind, { name: 'AttachmentKind', description: '图片 | PDF | 办公文档 | 录音' });

/** Who filed a file: a signed-in officer, or an anonymous resident with their public report. */
export enum AttachmentSource {
  STAFF = 'STAFF',
  PUBLIC_REPORT = 'PUBLIC_REPORT',
}
registerEnumType(AttachmentSource, { name: 'AttachmentSource', description: '工作人员上传 | 居民网上说事时附带' });

/**
 * 证据材料: a file on a matter — optionally tied to one of its sessions or opinions. Append-only
 * evidence: the stored bytes' SHA-256 (and the uploaded original's, when an image was re-encoded)
 * let anyone check later that a file is the one that was filed.
 */
@ObjectType({ description: '证据材料' })
@Entity({ tableName: 'attachment' })
@Index({ name: 'attachment_matter_id_created_at_index', properties: ['matter', 'createdAt'] })
export class Attachment {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Matter, { ref: true })
  matter!: Ref<Matter>;

  /** The joint session or the opinion this file belongs to, if any (both of the same matter). */
  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  sessionId?: string | null;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  opinionId?: string | null;

  /** The uploader's file name, sanitised (no path, no control characters). */
  @Field()
  @Property({ type: 'text' })
  fileName!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => AttachmentKind)
  @Enum({ items: () => AttachmentKind })
  kind!: AttachmentKind;

  /** The media type of the stored bytes, from their content. */
  @Field()
  @Property({ type: 'text' })
  mimeType!: string;

  @Field(() => Int)
  @Property({ type: 'int' })
  size!: number;

  /** SHA-256 (hex) of the stored bytes. */
  @Field()
  @Property({ type: 'text' })
  sha256!: string;

  /** SHA-256 of the bytes as uploaded, when they were re-encoded (images). */
  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  originalSha256?: string | null;

  /** Holds personal data (an ID card, a contract with names): shown only to who may see parties' PII. */
  @Field()
  @Property({ type: 'boolean', default: false })
  containsPersonalData: boolean = false;

  @Property({ type: 'text' })
  storageKey!: string;

  @Property({ type: 'text', nullable: true })
  thumbnailKey?: string | null;

  /** Who filed it; none for a photo a resident attached to an anonymous public report. */
  @ManyToOne(() => User, { ref: true, nullable: true })
  uploadedBy?: Ref<User> | null;

  @ManyToOne(() => Organization, { ref: true, nullable: true })
  organization?: Ref<Organization> | null;

  @Field(() => AttachmentSource)
  @Enum({ items: () => AttachmentSource, default: AttachmentSource.STAFF })
  source: AttachmentSource = AttachmentSource.STAFF;

  @Field(() => DateTimeScalar)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
