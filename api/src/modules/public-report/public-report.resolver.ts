import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { Community } from '../community/community.entity';
import { MatterStatus } from '../common/enums';
import { DateTimeScalar } from '../common/scalars';
import { SubmitPublicReportInput } from './dto/public-report.inputs';
import { CONSENT_VERSION, PublicReportService } from './public-report.service';

@ObjectType({ description: 'What anyone holding the tracking code may know about a matter — nothing personal' })
export class PublicMatterStatus {
  @Field()
  reference!: string;

  @Field(() => MatterStatus, { description: "Show it in the resident's language (the web has a sentence per status)" })
  status!: MatterStatus;

  @Field({ description: 'Status in plain Chinese for residents', deprecationReason: 'Chinese only: show status in the reader\'s language' })
  statusText!: string;

  @Field(() => DateTimeScalar)
  reportedAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

@ObjectType({ description: "Where to PUT one of the report's photos (a signed link, valid for a few minutes, good for that photo only)" })
export class PublicPhotoUpload {
  @Field()
  fileName!: string;

  @Field()
  url!: string;

  @Field(() => DateTimeScalar)
  expiresAt!: Date;

  @Field(() => Int)
  maxBytes!: number;
}

@ObjectType()
export class PublicReportReceipt {
  @Field({ description: 'Keep it: the only way to follow the report (10 characters, shown once)' })
  trackingCode!: string;

  @Field(() => PublicMatterStatus)
  status!: PublicMatterStatus;

  @Field(() => [PublicPhotoUpload], { description: 'One upload link per photo named in the input, in the same order' })
  photoUploads!: PublicPhotoUpload[];
}

@ObjectType({ description: 'A community a resident may report to' })
export class PublicCommunity {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  district!: string | null;
}

/** The resident's page (随时说事): usable without signing in, rate-limited per IP. */
@Resolver()
export class PublicReportResolver {
  @Mutation(() => PublicReportReceipt, { description: '随时说事: report a matter without signing in (5 per IP per 10 minutes)' })
  async submitPublicReport(@Arg('input', () => SubmitPublicReportInput) input: SubmitPublicReportInput, @Ctx() ctx: Context): Promise<PublicReportReceipt> {
    return new PublicReportService(ctx).submit(input);
  }

  @Query(() => PublicMatterStatus, { description: 'Public status of a report by its tracking code; NOT_FOUND for an unknown code' })
  async publicMatterStatus(@Arg('trackingCode') trackingCode: string, @Ctx() ctx: Context): Promise<PublicMatterStatus> {
    return new PublicReportService(ctx).status(trackingCode.slice(0, 40));
  }

  @Query(() => [PublicCommunity], { description: 'Communities residents may report to (no sign-in needed)' })
  async publicCommunities(@Ctx() ctx: Context): Promise<PublicCommunity[]> {
    const rows = await ctx.em.find(Community, {}, { orderBy: { name: 'asc' } });
    return rows.map((c) => ({ id: c.id, name: c.name, district: c.district ?? null }));
  }

  @Query(() => Int, { description: 'How many photos a resident may attach to a report (0: none)' })
  publicReportMaxPhotos(@Ctx() ctx: Context): number {
    return ctx.config.PUBLIC_REPORT_MAX_PHOTOS;
  }

  @Query(() => String, { description: 'Version of the consent text the public page shows' })
  publicReportConsentVersion(): string {
    return CONSENT_VERSION;
  }
}
