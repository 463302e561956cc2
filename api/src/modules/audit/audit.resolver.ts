import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { ExportFile } from '../export/export.resolver';
import { ExportFormat } from '../export/export.service';
import { auditTrail, exportAuditTrail, exportPiiAccessLog, piiAccessLog } from './audit.service';
import { AuditTrailFilter, AuditTrailPage, PageArgs, PiiAccessLogFilter, PiiAccessLogPage } from './audit.types';

/** 审计日志: ADMIN and AUDITOR only. */
@Resolver()
export class AuditResolver {
  @Query(() => PiiAccessLogPage, { description: 'ADMIN/AUDITOR: who read which party\'s phone or ID number unmasked, when and how; newest first' })
  async piiAccessLog(
    @Arg('filter', () => PiiAccessLogFilter, { nullable: true }) filter: PiiAccessLogFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<PiiAccessLogPage> {
    return piiAccessLog(ctx, filter, page.first ?? 50, page.after);
  }

  @Query(() => ExportFile, { description: 'ADMIN/AUDITOR: the PII access log (filtered) as CSV/Excel' })
  async exportPiiAccessLog(
    @Arg('format', () => ExportFormat) format: ExportFormat,
    @Arg('filter', () => PiiAccessLogFilter, { nullable: true }) filter: PiiAccessLogFilter | null,
    @Ctx() ctx: Context,
  ): Promise<ExportFile> {
    return exportPiiAccessLog(ctx, format, filter);
  }

  @Query(() => AuditTrailPage, { description: 'ADMIN/AUDITOR: administrative changes (users, communities, organizations, routing rules); newest first' })
  async auditTrail(
    @Arg('filter', () => AuditTrailFilter, { nullable: true }) filter: AuditTrailFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<AuditTrailPage> {
    return auditTrail(ctx, filter, page.first ?? 50, page.after);
  }

  @Query(() => ExportFile, { description: 'ADMIN/AUDITOR: administrative changes (filtered) as CSV/Excel' })
  async exportAuditTrail(
    @Arg('format', () => ExportFormat) format: ExportFormat,
    @Arg('filter', () => AuditTrailFilter, { nullable: true }) filter: AuditTrailFilter | null,
    @Ctx() ctx: Context,
  ): Promise<ExportFile> {
    return exportAuditTrail(ctx, format, filter);
  }
}
