import ExcelJS from 'exceljs';
import type { Context } from '../../context';
import { badInput } from '../../errors';
import { can, PLATFORM, requireActor } from '../../policy';
import { LABELS, enumLabel, type LabelLanguage } from '../../i18n/labels';
import { Community } from '../community/community.entity';
import { PiiAccessVia } from '../common/enums';
import type { MatterFilter } from '../matter/dto/matter.inputs';
import { matterFilterSql } from '../matter/matter.service';
import { Matter } from '../matter/matter.entity';
import type { CommunityStats } from '../stats/stats.resolver';

export enum ExportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}

/** The reader's language; the same words as the console's (api/src/i18n, shared with the web). */
export enum ExportLanguage {
  ZH_CN = 'ZH_CN',
  EN = 'EN',
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface ExportedFile {
  filename: string;
  mimeType: string;
  base64: string;
}

/**
 * A cell as a clerk's spreadsheet needs it: text, a count, a point in time (shown in the
 * community's time zone, an Excel date), a fraction shown as a percentage, or an amount of money
 * (a number with two decimals).
 */
export type Cell =
  | string
  | number
  | null
  | { time: Date }
  | { percent: number }
  | { money: string };

interface Sheet {
  name: string;
  header: string[];
  rows: Cell[][];
}

const MAX_ROWS = 10_000;

/** Wall-clock fields of `d` in `timeZone`. */
function localParts(d: Date, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(d);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { y: n('year'), mo: n('month'), d: n('day'), h: n('hour'), mi: n('minute'), s: n('second') };
}

/** "2026-12-01 11:23" in the community's time zone: what Excel reads as a date from a CSV. */
export function localTimeText(d: Date, timeZone: string): string {
  const p = localParts(d, timeZone);
  const two = (x: number) => String(x).padStart(2, '0');
  return `${p.y}-${two(p.mo)}-${two(p.d)} ${two(p.h)}:${two(p.mi)}`;
}

/**
 * Excel dates have no time zone: a serial number is a wall-clock reading. ExcelJS writes a Date by
 * its UTC fields, so the cell gets a Date whose UTC fields are the community's local time.
 */
function excelLocalDate(d: Date, timeZone: string): Date {
  const p = localParts(d, timeZone);
  return new Date(Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s));
}

function csvText(v: Cell, timeZone: string): string | number | null {
  if (v === null || typeof v !== 'object') return v;
  if ('time' in v) return localTimeText(v.time, timeZone);
  if ('percent' in v) return `${(v.percent * 100).toFixed(1)}%`;
  return v.money;
}

function csvCell(v: Cell, timeZone: string): string {
  const value = csvText(v, timeZone);
  if (value === null) return '';
  const s = String(value);
  // Leading =,+,-,@ would be read as a formula by spreadsheet programs.
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export async function renderSheets(format: ExportFormat, base: string, sheets: Sheet[], now: Date, timeZone = DEFAULT_TIME_ZONE): Promise<ExportedFile> {
  const stamp = localTimeText(now, timeZone).slice(0, 10);
  if (format === ExportFormat.CSV) {
    const parts = sheets.map((s) => [s.header, ...s.rows].map((r) => r.map((c) => csvCell(c, timeZone)).join(',')).join('\r\n'));
    // BOM: Excel opens UTF-8 (Chinese) CSV correctly only with it.
    const text = '\uFEFF' + parts.join('\r\n\r\n') + '\r\n';
    return { filename: `${base}-${stamp}.csv`, mimeType: 'text/csv; charset=utf-8', base64: Buffer.from(text, 'utf8').toString('base64') };
  }
  const wb = new ExcelJS.Workbook();
  wb.created = now;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.addRow(s.header).font = { bold: true };
    for (const r of s.rows) {
      const row = ws.addRow(
        r.map((c) => {
          if (c === null || typeof c !== 'object') return c;
          if ('time' in c) return excelLocalDate(c.time, timeZone);
          if ('percent' in c) return c.percent;
          return Number(c.money);
        }),
      );
      r.forEach((c, i) => {
        if (c === null || typeof c !== 'object') return;
        const cell = row.getCell(i + 1);
        if ('time' in c) cell.numFmt = 'yyyy-mm-dd hh:mm';
        else if ('percent' in c) cell.numFmt = '0.0%';
        else cell.numFmt = '#,##0.00';
      });
    }
    ws.columns.forEach((c) => (c.width = 18));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return {
    filename: `${base}-${stamp}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: buf.toString('base64'),
  };
}

export function labelLanguage(language: ExportLanguage | null | undefined): LabelLanguage {
  return language === ExportLanguage.EN ? 'en' : 'zh-CN';
}

/** The time zone of the community the export is about (the viewer's, or the filter's). */
async function timeZoneOf(ctx: Context, communityId: string | null | undefined): Promise<string> {
  const id = communityId ?? ctx.viewer?.communityId;
  if (!id) return DEFAULT_TIME_ZONE;
  return (await ctx.em.findOne(Community, { id }, { fields: ['timeZone'] }))?.timeZone ?? DEFAULT_TIME_ZONE;
}

const time = (d: Date | null | undefined): Cell => (d ? { time: d } : null);

/**
 * Matters the viewer may see, as CSV or Excel. Party names and phone numbers are included only
 * for the staff of the matter's own community (and each unmasked phone is audited like a read).
 */
export async function exportMatters(
  ctx: Context,
  format: ExportFormat,
  filter: MatterFilter | null | undefined,
  language: ExportLanguage = ExportLanguage.ZH_CN,
): Promise<ExportedFile> {
  const viewer = requireActor(ctx);
  const lang = labelLanguage(language);
  const words = LABELS[lang].export.matters;
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
  const c = words.columns;
  const header = [c.reference, c.title, c.kind, c.category, c.channel, c.status, c.riskLevel, c.scale, c.location, c.amountInDispute, c.householdsAffected, c.createdAt, c.resolvedAt, c.closedAt];
  if (withParties) header.push(c.parties, c.phones);
  const label = (enumName: string, value: string | null | undefined) => enumLabel(lang, enumName, value);
  const data: Cell[][] = matters.map((m) => {
    const row: Cell[] = [
      m.reference,
      m.title,
      label('MatterKind', m.kind),
      label('MatterCategory', m.category),
      label('IntakeChannel', m.channel),
      label('MatterStatus', m.status),
      label('RiskLevel', m.riskLevel),
      label('MatterScale', m.scale),
      m.location ?? null,
      m.amountInDispute === null || m.amountInDispute === undefined ? null : { money: String(m.amountInDispute) },
      m.householdsAffected ?? null,
      time(m.createdAt),
      time(m.resolvedAt),
      time(m.closedAt),
    ];
    if (withParties) {
      const own = can(viewer, 'exportParties', { type: 'matter', id: m.id, communityId: m.community.id, invitations: new Set<string>() });
      const parties = own ? m.parties.getItems() : [];
      for (const p of parties) if (p.phone) ctx.piiReads.push({ matterId: m.id, partyId: p.id, field: 'phone', via: PiiAccessVia.EXPORT });
      const separator = lang === 'en' ? '; ' : '；';
      row.push(parties.map((p) => p.name).join(separator) || null, parties.map((p) => p.phone).filter(Boolean).join(separator) || null);
    }
    return row;
  });
  return renderSheets(format, words.file, [{ name: words.sheet, header, rows: data }], ctx.clock.now(), await timeZoneOf(ctx, filter?.communityId));
}

export async function exportStats(
  ctx: Context,
  format: ExportFormat,
  stats: CommunityStats,
  language: ExportLanguage = ExportLanguage.ZH_CN,
  communityId: string | null = null,
): Promise<ExportedFile> {
  const lang = labelLanguage(language);
  const words = LABELS[lang].export.stats;
  const f = words.figures;
  const c = words.columns;
  const label = (enumName: string, value: string) => enumLabel(lang, enumName, value);
  const summary: Cell[][] = [
    [f.total, stats.total],
    [f.resolved, stats.resolved],
    [f.demandsSolved, stats.demandsSolved],
    [f.disputesResolved, stats.disputesResolved],
    [f.majorDisputesResolved, stats.majorDisputesResolved],
    [f.consultationsAnswered, stats.consultationsAnswered],
    [f.resolutionRate, { percent: stats.resolutionRate }],
    [f.medianDaysToResolve, stats.medianDaysToResolve],
    [f.major, stats.major],
    [f.lawExplanationEvents, stats.lawExplanationEvents],
    [f.deliberationMeetings, stats.deliberationMeetings],
    [f.publicityEvents, stats.publicityEvents],
  ];
  const s = words.sheets;
  const sheets: Sheet[] = [
    { name: s.summary, header: [c.figure, c.value], rows: summary },
    { name: s.byStatus, header: [c.status, c.count], rows: stats.byStatus.map((x) => [label('MatterStatus', x.key), x.count]) },
    { name: s.byCategory, header: [c.category, c.count], rows: stats.byCategory.map((x) => [label('MatterCategory', x.key), x.count]) },
    { name: s.byKind, header: [c.kind, c.count], rows: stats.byKind.map((x) => [label('MatterKind', x.key), x.count]) },
    { name: s.byMonth, header: [c.month, c.reported], rows: stats.byMonth.map((x) => [x.key, x.count]) },
    {
      name: s.agencies,
      header: [c.organization, c.invited, c.accepted, c.declined, c.expired, c.pending, c.medianAnswerHours],
      rows: stats.agencies.map((a) => [a.organization.name, a.invited, a.accepted, a.declined, a.expired, a.pending, a.medianAnswerHours]),
    },
    { name: s.major, header: [c.reference, c.title, c.status], rows: stats.majorMatters.map((m) => [m.reference, m.title, label('MatterStatus', m.status)]) },
  ];
  return renderSheets(format, words.file, sheets, ctx.clock.now(), await timeZoneOf(ctx, communityId));
}
