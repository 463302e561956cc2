import type { Context, Viewer } from '../../context';
import { badInput } from '../../errors';
import { authorize, PLATFORM } from '../../policy';
import { ADMIN_EVENT_TYPES } from '../common/enums';
import { renderSheets, type Cell, type ExportedFile, type ExportFormat } from '../export/export.service';
import type { AuditEntry, AuditTrailFilter, PiiAccessEntry, PiiAccessLogFilter } from './audit.types';

const MAX_EXPORT_ROWS = 50_000;
/** Log entries fetched per statement when exporting; each batch is rendered before the next is asked for. */
const EXPORT_BATCH = 2_000;

/**
 * The rows of an export, newest first, `EXPORT_BATCH` at a time by keyset (`id < last`), so that
 * neither the rows nor their rendering hold the server at once; more than MAX_EXPORT_ROWS is refused.
 */
async function* keysetBatches<R>(select: (after: string | null) => Promise<R[]>, idOf: (row: R) => string, toCells: (rows: R[]) => Cell[][]): AsyncIterable<Cell[][]> {
  let after: string | null = null;
  let total = 0;
  for (;;) {
    const rows = await select(after);
    total += rows.length;
    if (total > MAX_EXPORT_ROWS) throw badInput(`Too many entries to export (more than ${MAX_EXPORT_ROWS}); narrow the filter`, 'filter');
    if (rows.length) yield toCells(rows);
    if (rows.length < EXPORT_BATCH) return;
    after = idOf(rows[rows.length - 1]);
  }
}

/** 审计: the PII access log and the record of administrative changes (the policy's `readAuditLog`: ADMIN and AUDITOR). */
export function requireAuditor(ctx: Context): Viewer {
  return authorize(ctx.viewer, 'readAuditLog', PLATFORM, { message: 'The audit log is for administrators and auditors' });
}

function parseAfter(after: string | null | undefined): string | null {
  if (!after) return null;
  if (!/^\d{1,19}$/.test(after)) throw badInput('Invalid cursor', 'after');
  return after;
}

function checkRange(from: Date | null | undefined, to: Date | null | undefined) {
  if (from && to && from > to) throw badInput('from must not be after to', 'from');
}

function piiWhere(filter: PiiAccessLogFilter | null | undefined): { where: string[]; params: unknown[] } {
  const where = ['true'];
  const params: unknown[] = [];
  checkRange(filter?.from, filter?.to);
  const eq = (column: string, value: unknown) => {
    if (value == null) return;
    where.push(`${column} = ?`);
    params.push(value);
  };
  eq('l.user_id', filter?.userId);
  eq('coalesce(l.organization_id, u.organization_id)', filter?.organizationId);
  eq('l.matter_id', filter?.matterId);
  eq('l.party_id', filter?.partyId);
  if (filter?.via?.length) {
    where.push('l.via in (?)');
    params.push(filter.via);
  }
  if (filter?.from) {
    where.push('l.at >= ?');
    params.push(filter.from);
  }
  if (filter?.to) {
    where.push('l.at < ?');
    params.push(filter.to);
  }
  return { where, params };
}

const PII_FROM = `pii_access_log l
  left join app_user u on u.id = l.user_id
  left join organization o on o.id = coalesce(l.organization_id, u.organization_id)
  left join matter m on m.id = l.matter_id
  left join party p on p.id = l.party_id`;

interface PiiRow {
  id: string;
  at: Date;
  via: PiiAccessEntry['via'];
  field: string;
  user_id: string;
  username: string | null;
  display_name: string | null;
  organization_id: string | null;
  organization_name: string | null;
  matter_id: string;
  reference: string | null;
  party_id: string;
  party_name: string | null;
  ip: string | null;
}

const toPiiEntry = (r: PiiRow): PiiAccessEntry => ({
  id: String(r.id),
  at: new Date(r.at),
  via: r.via,
  field: r.field,
  userId: r.user_id,
  username: r.username,
  userDisplayName: r.display_name,
  organizationId: r.organization_id,
  organizationName: r.organization_name,
  matterId: r.matter_id,
  matterReference: r.reference,
  partyId: r.party_id,
  partyName: r.party_name,
  ip: r.ip,
});

async function selectPii(ctx: Context, filter: PiiAccessLogFilter | null | undefined, limit: number, after: string | null): Promise<PiiRow[]> {
  const { where, params } = piiWhere(filter);
  if (after) {
    where.push('l.id < ?');
    params.push(after);
  }
  return ctx.em.execute(
    `select l.id, l.at, l.via, l.field, l.user_id, u.username, u.display_name, coalesce(l.organization_id, u.organization_id) as organization_id,
            o.name as organization_name, l.matter_id, m.reference, l.party_id, p.name as party_name, l.ip
       from ${PII_FROM} where ${where.join(' and ')} order by l.id desc limit ?`,
    [...params, limit],
  );
}

/** Newest first; `after` is the id of the last entry of the previous page. */
export async function piiAccessLog(ctx: Context, filter: PiiAccessLogFilter | null | undefined, first: number, after: string | null | undefined) {
  requireAuditor(ctx);
  const { where, params } = piiWhere(filter);
  const [count] = (await ctx.em.execute(`select count(*) as n from ${PII_FROM} where ${where.join(' and ')}`, params)) as { n: string }[];
  const rows = await selectPii(ctx, filter, first + 1, parseAfter(after));
  const entries = rows.slice(0, first).map(toPiiEntry);
  return { entries, totalCount: Number(count?.n ?? 0), hasNextPage: rows.length > first, endCursor: entries.at(-1)?.id ?? null };
}

const VIA_LABEL: Record<string, string> = { QUERY: '查询', PUSH: '推送', EXPORT: '导出', PRINT: '打印' };
const FIELD_LABEL: Record<string, string> = { phone: '联系电话', idNumber: '身份证号' };

export async function exportPiiAccessLog(ctx: Context, format: ExportFormat, filter: PiiAccessLogFilter | null | undefined): Promise<ExportedFile> {
  requireAuditor(ctx);
  const header = ['时间', '用户名', '姓名', '单位', '事项编号', '当事人', '字段', '途径', '客户端地址', '用户ID', '事项ID', '当事人ID'];
  const data = keysetBatches((after) => selectPii(ctx, filter, EXPORT_BATCH, after), (r) => String(r.id), (rows) =>
    rows.map(toPiiEntry).map((e) => [
      e.at.toISOString(),
      e.username,
      e.userDisplayName,
      e.organizationName,
      e.matterReference,
      e.partyName,
      FIELD_LABEL[e.field] ?? e.field,
      VIA_LABEL[e.via] ?? e.via,
      e.ip,
      e.userId,
      e.matterId,
      e.partyId,
    ]),
  );
  return renderSheets(format, 'pii-access-log', [{ name: '个人信息访问日志', header, rows: data }], ctx.clock.now());
}

function trailWhere(filter: AuditTrailFilter | null | undefined): { where: string[]; params: unknown[] } {
  checkRange(filter?.from, filter?.to);
  const types = filter?.types?.length ? filter.types : ADMIN_EVENT_TYPES;
  const other = types.filter((t) => !ADMIN_EVENT_TYPES.includes(t));
  if (other.length) throw badInput(`Not administrative changes: ${other.join(', ')}`, 'types');
  const where = ['e.type in (?)'];
  const params: unknown[] = [types];
  if (filter?.actorId) {
    where.push('e.actor_id = ?');
    params.push(filter.actorId);
  }
  if (filter?.from) {
    where.push('e.occurred_at >= ?');
    params.push(filter.from);
  }
  if (filter?.to) {
    where.push('e.occurred_at < ?');
    params.push(filter.to);
  }
  return { where, params };
}

interface TrailRow {
  id: string;
  type: AuditEntry['type'];
  occurred_at: Date;
  actor_id: string | null;
  username: string | null;
  display_name: string | null;
  payload: Record<string, unknown>;
}

async function selectTrail(ctx: Context, filter: AuditTrailFilter | null | undefined, limit: number, after: string | null): Promise<AuditEntry[]> {
  const { where, params } = trailWhere(filter);
  if (after) {
    where.push('e.id < ?');
    params.push(after);
  }
  const rows: TrailRow[] = await ctx.em.execute(
    `select e.id, e.type, e.occurred_at, e.actor_id, u.username, u.display_name, e.payload
       from event e left join app_user u on u.id = e.actor_id
      where ${where.join(' and ')} order by e.id desc limit ?`,
    [...params, limit],
  );
  return rows.map((r) => ({
    id: String(r.id),
    type: r.type,
    occurredAt: new Date(r.occurred_at),
    actorId: r.actor_id,
    actorUsername: r.username,
    actorDisplayName: r.display_name,
    payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as Record<string, unknown>) : r.payload,
  }));
}

/** Administrative changes (users, communities, organizations, routing rules, 2FA resets), newest first. */
export async function auditTrail(ctx: Context, filter: AuditTrailFilter | null | undefined, first: number, after: string | null | undefined) {
  requireAuditor(ctx);
  const { where, params } = trailWhere(filter);
  const [count] = (await ctx.em.execute(`select count(*) as n from event e where ${where.join(' and ')}`, params)) as { n: string }[];
  const rows = await selectTrail(ctx, filter, first + 1, parseAfter(after));
  const entries = rows.slice(0, first);
  return { entries, totalCount: Number(count?.n ?? 0), hasNextPage: rows.length > first, endCursor: entries.at(-1)?.id ?? null };
}

export async function exportAuditTrail(ctx: Context, format: ExportFormat, filter: AuditTrailFilter | null | undefined): Promise<ExportedFile> {
  requireAuditor(ctx);
  const header = ['时间', '操作', '操作人', '姓名', '详情', '操作人ID'];
  const data = keysetBatches((after) => selectTrail(ctx, filter, EXPORT_BATCH, after), (e) => e.id, (rows) =>
    rows.map((e) => [e.occurredAt.toISOString(), e.type, e.actorUsername, e.actorDisplayName, JSON.stringify(e.payload), e.actorId]),
  );
  return renderSheets(format, 'audit-trail', [{ name: '操作审计', header, rows: data }], ctx.clock.now());
}
