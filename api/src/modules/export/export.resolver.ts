import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { Context } from '../../context';
import { DateTimeScalar } from '../common/scalars';
import { MatterFilter } from '../matter/dto/matter.inputs';
import { computeCommunityStats } from '../stats/stats.service';
import { ExportFormat, ExportLanguage, exportMatters, exportStats } from './export.service';

registerEnumType(ExportFormat, { name: 'ExportFormat' });
registerEnumType(ExportLanguage, { name: 'ExportLanguage', description: "The reader's language: labels as in the console" });

@ObjectType({ description: 'A generated file; decode base64 and offer it as a download' })
export class ExportFile {
  @Field()
  filename!: string;

  @Field()
  mimeType!: string;

  @Field()
  base64!: string;
}

@Resolver()
export class ExportResolver {
  @Query(() => ExportFile, { description: 'Matters the viewer may see as CSV/Excel; names and phones only for community staff' })
  async exportMatters(
    @Arg('format', () => ExportFormat) format: ExportFormat,
    @Arg('filter', () => MatterFilter, { nullable: true }) filter: MatterFilter | null,
    @Arg('language', () => ExportLanguage, { defaultValue: ExportLanguage.ZH_CN }) language: ExportLanguage,
    @Ctx() ctx: Context,
  ): Promise<ExportFile> {
    return exportMatters(ctx, format, filter, language);
  }

  @Query(() => ExportFile, { description: '晴雨表 figures as CSV/Excel (same access as communityStats)' })
  async exportCommunityStats(
    @Arg('format', () => ExportFormat) format: ExportFormat,
    @Arg('communityId', () => ID, { nullable: true }) communityId: string | null,
    @Arg('from', () => DateTimeScalar, { nullable: true }) from: Date | null,
    @Arg('to', () => DateTimeScalar, { nullable: true }) to: Date | null,
    @Arg('language', () => ExportLanguage, { defaultValue: ExportLanguage.ZH_CN }) language: ExportLanguage,
    @Ctx() ctx: Context,
  ): Promise<ExportFile> {
    return exportStats(ctx, format, await computeCommunityStats(ctx, communityId, from, to), language, communityId);
  }
}
