import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Context } from '../../context';
import { badInput } from '../../errors';
import { can, PLATFORM, requireActor } from '../../policy';
import { LABELS, enumLabel, type LabelLanguage } from '../../i18n/labels';
import { Community } from '../community/community.entity';
import { PiiAccessVia } from '../common/enums';
import type { MatterFilter } from '../matter/dto/matter.inputs';
import { matterFilterSql } from '../matter/matter.service';
import { piiKeyring, SEALED_PREFIX } from '../pii/pii.crypto';
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

/** Rows of a sheet: all at once, or in batches as they come from the database. */
export type SheetRows = Cell[][] | AsyncIterable<Cell[][]>;

interface Sheet {
  name: string;
  header: string[];
  rows: SheetRows;
}

/** Matters fetched per statement. */
export const EXPORT_CHUNK = 500;
/** Rows rendered between two turns of the event loop. */
const RENDER_SLICE = 100;

/** Lets the event loop run (other users' requests, socket I/O) before the next chunk. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The rows in slices of RENDER_SLICE, however they come. */
async function* batches(rows: SheetRows): AsyncIterable<Cell[][]> {
  for await (const chunk of Array.isArray(rows) ? [rows] : rows) {
    for (let i = 0; i < chunk.length; i += RENDER_SLICE) yield chunk.slice(i, i + RENDER_SLICE);
  }
}

const MAX_ROWS = 10_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per time zone: building one costs more than formatting thousands of dates with it. */
function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock fields of `d` in `timeZone`, by the (slow) formatter. */
function exactLocalParts(d: Date, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const parts = formatterOf(timeZone).formatToParts(d);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { y: n('year'), mo: n('month'), d: n('day'), h: n('hour'), mi: n('minute'), s: n('second') };
}

const HOUR_MS = 3_600_000;
/** UTC offset (ms) of `timeZone` over a whole UTC hour, keyed "zone|hour"; null when it changes within the hour. */
const hourOffsets = new Map<string, number | null>();

function offsetAt(t: number, timeZone: string): number {
  const p = exactLocalParts(new Date(t), timeZone);
  return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - Math.floor(t / 1000) * 1000;
}

/**
 * Wall-clock fields of `d` in `timeZone`. An export formats thousands of dates and the formatter
 * costs ~15 µs a call: the zone's offset is looked up once per UTC hour (when it is the same at
 * both ends of the hour; an hour with a transition in it is formatted date by date).
 */
function localParts(d: Date, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const t = d.getTime();
  const hour = Math.floor(t / HOUR_MS);
  const key = `${timeZone}|${hour}`;
  let offset = hourOffsets.get(key);
  if (offset === undefined) {
    const start = offsetAt(hour * HOUR_MS, timeZone);
    offset = start === offsetAt(hour * HOUR_MS + HOUR_MS - 1000, timeZone) ? start : null;
    if (hourOffsets.size >= 50_000) hourOffsets.clear();
    hourOffsets.set(key, offset);
  }
  if (offset === null) return exactLocalParts(d, timeZone);
  const l = new Date(t + offset);
  return { y: l.getUTCFullYear(), mo: l.getUTCMonth() + 1, d: l.getUTCDate(), h: l.getUTCHours(), mi: l.getUTCMinutes(), s: l.getUTCSeconds() };
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

function excelValue(c: Cell, timeZone: string): ExcelJS.CellValue {
  if (c === null || typeof c !== 'object') return c;
  if ('time' in c) return excelLocalDate(c.time, timeZone);
  if ('percent' in c) return c.percent;
  return Number(c.money);
}

function excelFormat(c: Cell): string | null {
  if (c === null || typeof c !== 'object') return null;
  if ('time' in c) return 'yyyy-mm-dd hh:mm';
  if ('percent' in c) return '0.0%';
  return '#,##0.00';
}

/**
 * Renders the sheets a chunk at a time, yielding to the event loop after each, so that a large
 * export never holds the server for longer than one chunk (issue 10). Excel files are written
 * with ExcelJS's streaming writer: rows are committed as they come and compressed by zlib.
 */
export async function renderSheets(format: ExportFormat, base: string, sheets: Sheet[], now: Date, timeZone = DEFAULT_TIME_ZONE): Promise<ExportedFile> {
  const stamp = localTimeText(now, timeZone).slice(0, 10);
  if (format === ExportFormat.CSV) {
    // BOM: Excel opens UTF-8 (Chinese) CSV correctly only with it.
    const parts: Buffer[] = [Buffer.from('\uFEFF', 'utf8')];
    const line = (r: Cell[]) => r.map((c) => csvCell(c, timeZone)).join(',') + '\r\n';
    for (const [i, s] of sheets.entries()) {
      parts.push(Buffer.from((i ? '\r\n' : '') + line(s.header), 'utf8'));
      for await (const chunk of batches(s.rows)) {
        parts.push(Buffer.from(chunk.map(line).join(''), 'utf8'));
        await yieldToEventLoop();
      }
    }
    return { filename: `${base}-${stamp}.csv`, mimeType: 'text/csv; charset=utf-8', base64: Buffer.concat(parts).toString('base64') };
  }
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (b: Buffer) => parts.push(b));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.created = now;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.header.map(() => ({ width: 18 }));
    const head = ws.addRow(s.header);
    head.font = { bold: true };
    head.commit();
    for await (const chunk of batches(s.rows)) {
      for (const r of chunk) {
        const row = ws.addRow(r.map((c) => excelValue(c, timeZone)));
        r.forEach((c, i) => {
          const numFmt = excelFormat(c);
          if (numFmt) row.getCell(i + 1).numFmt = numFmt;
        });
        row.commit();
      }
      await yieldToEventLoop();
    }
    ws.commit();
  }
  await wb.commit();
  return {
    filename: `${base}-${stamp}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: Buffer.concat(parts).toString('base64'),
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

interface MatterRow {
  id: string;
  community_id: string;
  reference: string;
  title: string;
  kind: string;
  category: string;
  channel: string;
  status: string;
  risk_level: string | null;
  scale: string;
  location: string | null;
  amount_in_dispute: string | number | null;
  households_affected: number | null;
  created_at: Date | string;
  resolved_at: Date | string | null;
  closed_at: Date | string | null;
}

interface PartyRow {
  id: string;
  matter_id: string;
  name: string;
  phone: string | null;
}

const MATTER_COLUMNS = `m.id, m.community_id, m.reference, m.title, m.kind, m.category, m.channel, m.status, m.risk_level, m.scale, m.location,
  m.amount_in_dispute, m.households_affected, m.created_at, m.resolved_at, m.closed_at`;

const asDate = (d: Date | string | null): Date | null => (d === null ? null : d instanceof Date ? d : new Date(d));

/** A party's phone as stored: sealed (opened with the keyring, as `Party.phone` does) or, before boot sealed it, plain. */
function openPhone(stored: string | null): string | null {
  if (!stored) return null;
  return stored.startsWith(SEALED_PREFIX) ? piiKeyring().open('party.phone', stored) : stored;
}

/**
 * Matters the viewer may see, as CSV or Excel. Party names and phone numbers are included only
 * for the staff of the matter's own community (and each unmasked phone is audited like a read).
 *
 * Plain SQL rows, no ORM entities: the ids in the policy's scope first (one statement), then the
 * matters and their parties `EXPORT_CHUNK` at a time (two statements per chunk), each chunk
 * rendered before the next is fetched, with a turn of the event loop in between.
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
  const ids: { id: string }[] = await ctx.em.execute(
    `select m.id from matter m where ${where.join(' and ')} order by m.created_at desc, m.id desc limit ?`,
    [...params, MAX_ROWS + 1],
  );
  if (ids.length > MAX_ROWS) throw badInput(`Too many matters to export (more than ${MAX_ROWS}); narrow the filter`, 'filter');
  // The policy decides: the party columns only for community staff (admins see parties masked,
  // agencies never get them in bulk), and per row only for the staff's own community.
  const withParties = can(viewer, 'exportPartyColumns', PLATFORM);
  const c = words.columns;
  const header = [c.reference, c.title, c.kind, c.category, c.channel, c.status, c.riskLevel, c.scale, c.location, c.amountInDispute, c.householdsAffected, c.createdAt, c.resolvedAt, c.closedAt];
  if (withParties) header.push(c.parties, c.phones);
  const label = (enumName: string, value: string | null | undefined) => enumLabel(lang, enumName, value);
  const separator = lang === 'en' ? '; ' : '；';
  const em = ctx.em;

  async function* rows(): AsyncIterable<Cell[][]> {
    for (let i = 0; i < ids.length; i += EXPORT_CHUNK) {
      const chunk = ids.slice(i, i + EXPORT_CHUNK).map((r) => r.id);
      const found: MatterRow[] = await em.execute(`select ${MATTER_COLUMNS} from matter m where m.id in (?)`, [chunk]);
      const byId = new Map(found.map((m) => [m.id, m]));
      const matters = chunk.map((id) => byId.get(id)).filter((m): m is MatterRow => m !== undefined);
      const own = new Set(
        withParties ? matters.filter((m) => can(viewer, 'exportParties', { type: 'matter', id: m.id, communityId: m.community_id, invitations: new Set<string>() })).map((m) => m.id) : [],
      );
      const parties = new Map<string, PartyRow[]>();
      if (own.size) {
        const partyRows: PartyRow[] = await em.execute(`select p.id, p.matter_id, p.name, p.phone from party p where p.matter_id in (?) order by p.matter_id, p.position`, [[...own]]);
        for (const p of partyRows) {
          const list = parties.get(p.matter_id);
          if (list) list.push(p);
          else parties.set(p.matter_id, [p]);
        }
      }
      yield matters.map((m) => {
        const row: Cell[] = [
          m.reference,
          m.title,
          label('MatterKind', m.kind),
          label('MatterCategory', m.category),
          label('IntakeChannel', m.channel),
          label('MatterStatus', m.status),
          label('RiskLevel', m.risk_level),
          label('MatterScale', m.scale),
          m.location ?? null,
          m.amount_in_dispute === null || m.amount_in_dispute === undefined ? null : { money: String(m.amount_in_dispute) },
          m.households_affected ?? null,
          time(asDate(m.created_at)),
          time(asDate(m.resolved_at)),
          time(asDate(m.closed_at)),
        ];
        if (withParties) {
          const list = parties.get(m.id) ?? [];
          const phones: string[] = [];
          for (const p of list) {
            const phone = openPhone(p.phone);
            if (!phone) continue;
            phones.push(phone);
            ctx.piiReads.push({ matterId: m.id, partyId: p.id, field: 'phone', via: PiiAccessVia.EXPORT });
          }
          row.push(list.map((p) => p.name).join(separator) || null, phones.join(separator) || null);
        }
        return row;
      });
    }
  }

  const timeZone = await timeZoneOf(ctx, filter?.communityId);
  return renderSheets(format, words.file, [{ name: words.sheet, header, rows: rows() }], ctx.clock.now(), timeZone);
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
