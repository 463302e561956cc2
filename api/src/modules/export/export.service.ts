import ExcelJS from 'exceljs';
import type { Context } from '../../context';
import { badInput } from '../../errors';
import { can, PLATFORM, requireActor } from '../../policy';
import { PiiAccessVia } from '../common/enums';
import type { MatterFilter } from '../matter/dto/matter.inputs';
import { matterFilterSql } from '../matter/matter.service';
import { Matter } from '../matter/matter.entity';
import type { CommunityStats } from '../stats/stats.resolver';

export enum ExportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}

export interface ExportedFile {
  filename: string;
  mimeType: string;
  base64: string;
}

type Cell = string | number | null;
interface Sheet {
  name: string;
  header: string[];
  rows: Cell[][];
}

const MAX_ROWS = 10_000;

function csvCell(v: Cell): string {
  if (v === null) return '';
  const s = String(v);
  // Leading =,+,-,@ would be read as a formula by spreadsheet programs.
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export async function renderSheets(format: ExportFormat, base: string, sheets: Sheet[], now: Date): Promise<ExportedFile> {
  const stamp = now.toISOString().slice(0, 10);
  if (format === ExportFormat.CSV) {
    const parts = sheets.map((s) => [s.header, ...s.rows].map((r) => r.map(csvCell).join(',')).join('\r\n'));
    // BOM: Excel opens UTF-8 (Chinese) CSV correctly only with it.
    const text = '\uFEFF' + parts.join('\r\n\r\n') + '\r\n';
    return { filename: `${base}-${stamp}.csv`, mimeType: 'text/csv; charset=utf-8', base64: Buffer.from(text, 'utf8').toString('base64') };
  }
  const wb = new ExcelJS.Workbook();
  wb.created = now;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.addRow(s.header).font = { bold: true };
    for (const r of s.rows) ws.addRow(r);
    ws.columns.forEach((c) => (c.width = 16));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return {
    filename: `${base}-${stamp}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: buf.toString('base64'),
  };
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * Matters the viewer may see, as CSV or Excel. Party names and phone numbers are included only
 * for the staff of the matter's own community (and each unmasked phone is audited like a read).
 */
export async function exportMatters(ctx: Context, format: ExportFormat, filter: MatterFilter | null | undefined): Promise<ExportedFile> {
  const viewer = requireActor(ctx);
  const { where, params } = matterFilterSql(viewer, filter);
  const rows: { id: string }[] = await ctx.em.execute(
    `select m.id from matter m where ${where.join(' and ')} order by m.created_at desc limit ?`,
    [...params, MAX_ROWS + 1],
  );
  if (rows.length > MAX_ROWS) throw badInput(`Too many matters to export (more than ${MAX_ROWS}); narrow the filter`, 'filter');
  const matters = rows.length
    ? await ctx.em.find(Matter, { id: { $in: rows.map((r) => r.id) } }, { populate: ['parties'], orderBy: { createdAt: 'desc' } })
    : [];
  // The policy decides: the party columns only for community staff (admins see parties masked,
  // agencies never get them in bulk), and per row only for the staff's own community.
  const withParties = can(viewer, 'exportPartyColumns', PLATFORM);
  const header = ['编号', '标题', '类型', '类别', '来源', '状态', '风险等级', '规模', '位置', '争议金额(元)', '涉及户数', '登记时间', '化解时间', '办结时间'];
  if (withParties) header.push('当事人', '联系电话');
  const data: Cell[][] = matters.map((m) => {
    const row: Cell[] = [
      m.reference,
      m.title,
      m.kind,
      m.category,
      m.channel,
      m.status,
      m.riskLevel ?? null,
      m.scale,
      m.location ?? null,
      m.amountInDispute ?? null,
      m.householdsAffected ?? null,
      iso(m.createdAt),
      iso(m.resolvedAt),
      iso(m.closedAt),
    ];
    if (withParties) {
      const own = can(viewer, 'exportParties', { type: 'matter', id: m.id, communityId: m.community.id, invitations: new Set<string>() });
      const parties = own ? m.parties.getItems() : [];
      for (const p of parties) if (p.phone) ctx.piiReads.push({ matterId: m.id, partyId: p.id, field: 'phone', via: PiiAccessVia.EXPORT });
      row.push(parties.map((p) => p.name).join('；') || null, parties.map((p) => p.phone).filter(Boolean).join('；') || null);
    }
    return row;
  });
  return renderSheets(format, 'matters', [{ name: '事项', header, rows: data }], ctx.clock.now());
}

export async function exportStats(ctx: Context, format: ExportFormat, stats: CommunityStats): Promise<ExportedFile> {
  const summary: Cell[][] = [
    ['事项总数', stats.total],
    ['已化解', stats.resolved],
    ['化解率', stats.resolutionRate],
    ['化解中位天数', stats.medianDaysToResolve],
    ['诉求解决', stats.demandsSolved],
    ['矛盾纠纷化解', stats.disputesResolved],
    ['重大事项', stats.major],
    ['以案释法', stats.lawExplanationEvents],
    ['定期议事', stats.deliberationMeetings],
    ['普法宣传', stats.publicityEvents],
  ];
  const sheets: Sheet[] = [
    { name: '概览', header: ['指标', '数值'], rows: summary },
    { name: '按状态', header: ['状态', '数量'], rows: stats.byStatus.map((c) => [c.key, c.count]) },
    { name: '按类别', header: ['类别', '数量'], rows: stats.byCategory.map((c) => [c.key, c.count]) },
    { name: '按类型', header: ['类型', '数量'], rows: stats.byKind.map((c) => [c.key, c.count]) },
    { name: '按月', header: ['月份', '登记数量'], rows: stats.byMonth.map((c) => [c.key, c.count]) },
    {
      name: '部门响应',
      header: ['部门', '邀请', '接受', '拒绝', '逾期', '待答复', '答复中位小时'],
      rows: stats.agencies.map((a) => [a.organization.name, a.invited, a.accepted, a.declined, a.expired, a.pending, a.medianAnswerHours]),
    },
    { name: '重大事项', header: ['编号', '标题', '状态'], rows: stats.majorMatters.map((m) => [m.reference, m.title, m.status]) },
  ];
  return renderSheets(format, 'community-stats', sheets, ctx.clock.now());
}
