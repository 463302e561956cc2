import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ManualClock } from '../../clock';
import { answer, assess, buildMatter, buildUser, buildWorld, type AgencyKind, type World, openTermIds } from '../../test/factories';
import { createTestDb, errorCodes, gql } from '../../test/harness';
import { CommunityActivityKind } from '../community-activity/community-activity.entity';
import { CommunityActivityService } from '../community-activity/community-activity.service';
import { IntakeChannel, MatterCategory, MatterKind, MatterScale, MatterStatus, OrganizationKind, SessionOutcome, UserRole } from '../common/enums';
import { runDeadlineSweep } from '../deadline/deadline.sweep';
import { FollowUpService } from '../followup/followup.service';
import type { ReportMatterInput } from '../matter/dto/matter.inputs';
import type { Matter } from '../matter/matter.entity';
import { MatterService } from '../matter/matter.service';
import { Invitation } from '../mediation/mediation.entity';
import { MediationService } from '../mediation/mediation.service';
import { SessionService } from '../session/session.service';

const STATS = /* GraphQL */ `
  query Stats($communityId: ID, $from: DateTime, $to: DateTime) {
    communityStats(communityId: $communityId, from: $from, to: $to) {
      total resolved major resolutionRate medianDaysToResolve demandsSolved disputesResolved
      lawExplanationEvents deliberationMeetings publicityEvents
      byStatus { key count } byCategory { key count } byKind { key count } byChannel { key count }
      byMonth { key count } resolvedByMonth { key count }
      agencies { organization { kind } invited accepted declined expired pending medianAnswerHours }
      majorMatters { id }
    }
  }
`;
const EXPORT_MATTERS = /* GraphQL */ `
  query ExportMatters($format: ExportFormat!, $filter: MatterFilter, $language: ExportLanguage) {
    exportMatters(format: $format, filter: $filter, language: $language) { filename mimeType base64 }
  }
`;
const EXPORT_STATS = /* GraphQL */ `
  query ExportStats($format: ExportFormat!, $communityId: ID, $from: DateTime, $language: ExportLanguage) {
    exportCommunityStats(format: $format, communityId: $communityId, from: $from, language: $language) { filename mimeType base64 }
  }
`;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = new Date('2026-03-02T02:00:00.000Z');

let orm: MikroORM;
let world: World;
let clock: ManualClock;
const m: Record<'economic' | 'elevator' | 'open' | 'withdrawn' | 'unanswered' | 'april', Matter> = {} as never;

const setClock = (ms: number) => clock.set(new Date(T0.getTime() + ms));

async function convene(matter: Matter, kinds: AgencyKind[]) {
  const request = await new MediationService(world.ctx(world.coordinator)).request({
    matterId: matter.id,
    organizationIds: kinds.map((k) => world.agencies[k].organization.id),
    message: '请参与联合调解',
    respondBy: new Date(clock.now().getTime() + 3 * DAY),
  });
  const rows = await orm.em.fork().find(Invitation, { request: request.id });
  return Object.fromEntries(kinds.map((k) => [k, rows.find((i) => i.organization.id === world.agencies[k].organization.id)!])) as Record<string, Invitation>;
}

async function agree(matter: Matter, kind: AgencyKind) {
  const sessions = new SessionService(world.ctx(world.coordinator));
  const session = await sessions.schedule({ matterId: matter.id, startsAt: clock.now(), venue: '说事厅', organizationIds: [world.agencies[kind].organization.id] });
  await new SessionService(world.ctx(world.coordinator)).recordOutcome({ sessionId: session.id, outcome: SessionOutcome.AGREEMENT, minutes: '达成协议', terms: [{ description: '履行' }] });
}

async function activity(kind: CommunityActivityKind, heldAt: Date, recorded = true) {
  const a = await new CommunityActivityService(world.ctx(world.coordinator)).create({ kind, title: `${kind} 活动`, heldAt, venue: '说事厅' });
  if (recorded) await new CommunityActivityService(world.ctx(world.coordinator)).record({ activityId: a.id, attendance: 20, minutes: '纪要' });
}

/**
 * A small community whose figures are known by construction:
 * - economic: ¥50,000 dispute, MAJOR; law firm accepts after 2 h, court declines after 4 h; agreement on day 10.
 * - elevator: demand; judicial office accepts after 1 h; agreement on day 4; follow-up closes it on day 20.
 * - open: demand taken in at the talk hall, still REPORTED.
 * - withdrawn: consultation, withdrawn.
 * - unanswered: dispute; the police never answer and the invitation expires.
 * - april: dispute reported on 5 April, resolved by hand two days later.
 * Activities: 2 law-explanation events, 1 deliberation meeting (and 1 only planned), 1 publicity event in March; 1 deliberation in April.
 */
beforeAll(async () => {
  orm = (await createTestDb()).orm;
  clock = new ManualClock(T0);
  world = await buildWorld(orm, { clock });
  // Another community with its own matter, which must never be counted here.
  const other = await buildWorld(orm, { clock });
  await buildMatter(orm, { world: other });

  const report = async (input: Partial<ReportMatterInput>) => (await buildMatter(orm, { world, input })).matter;
  m.economic = await report({ title: '5万元借款纠纷', kind: MatterKind.DISPUTE, category: MatterCategory.ECONOMIC, amountInDispute: '50000.00' });
  await assess(world, m.economic, { scale: MatterScale.MAJOR });
  const econ = await convene(m.economic, [OrganizationKind.LAW_FIRM, OrganizationKind.COURT]);
  m.elevator = await report({});
  await assess(world, m.elevator);
  const elev = await convene(m.elevator, [OrganizationKind.JUDICIAL_OFFICE]);
  m.open = await report({ title: '楼道堆物', category: MatterCategory.NEIGHBOR, channel: IntakeChannel.TALK_HALL });
  m.withdrawn = await report({ title: '咨询继承问题', kind: MatterKind.CONSULTATION, category: MatterCategory.OTHER });
  await new MatterService(world.ctx(world.coordinator)).changeStatus({ matterId: m.withdrawn.id, status: MatterStatus.WITHDRAWN });
  m.unanswered = await report({ title: '邻里噪音', kind: MatterKind.DISPUTE, category: MatterCategory.NEIGHBOR });
  await assess(world, m.unanswered);
  await convene(m.unanswered, [OrganizationKind.POLICE]);

  setClock(HOUR);
  await answer(world, OrganizationKind.JUDICIAL_OFFICE, elev.JUDICIAL_OFFICE, true);
  setClock(2 * HOUR);
  await answer(world, OrganizationKind.LAW_FIRM, econ.LAW_FIRM, true);
  setClock(4 * HOUR);
  await answer(world, OrganizationKind.COURT, econ.COURT, false, '不属本院管辖');
  await activity(CommunityActivityKind.LAW_EXPLANATION, clock.now());
  await activity(CommunityActivityKind.PUBLICITY, clock.now());
  setClock(4 * DAY);
  expect(await runDeadlineSweep(orm, { bus: world.services.bus, clock })).toBe(1);
  await agree(m.elevator, OrganizationKind.JUDICIAL_OFFICE);
  await activity(CommunityActivityKind.LAW_EXPLANATION, clock.now());
  await activity(CommunityActivityKind.DELIBERATION, clock.now());
  await activity(CommunityActivityKind.DELIBERATION, new Date(T0.getTime() + 60 * DAY), false);
  setClock(10 * DAY);
  await agree(m.economic, OrganizationKind.LAW_FIRM);
  setClock(20 * DAY);
  await new FollowUpService(world.ctx(world.gridWorker)).record({ matterId: m.elevator.id, agreementFulfilled: true, satisfaction: 5, termsPerformed: await openTermIds(orm, m.elevator.id) });

  clock.set(new Date('2026-04-05T02:00:00.000Z'));
  m.april = await report({ title: '四月纠纷', kind: MatterKind.DISPUTE, category: MatterCategory.NEIGHBOR });
  await assess(world, m.april);
  await activity(CommunityActivityKind.DELIBERATION, clock.now());
  clock.advance(2 * DAY);
  await new MatterService(world.ctx(world.coordinator)).changeStatus({ matterId: m.april.id, status: MatterStatus.RESOLVED });
}, 120_000);

type Stats = Record<string, unknown> & { agencies: unknown[]; majorMatters: { id: string }[] };

async function stats(viewer = world.coordinator.viewer, vars: Record<string, unknown> = {}) {
  return gql<{ communityStats: Stats }>(orm, viewer, STATS, vars, world.services);
}

describe('communityStats (晴雨表)', () => {
  it('reproduces the figures of the known community', async () => {
    const r = await stats();
    expect(r.errors).toBeUndefined();
    expect(r.data!.communityStats).toEqual({
      total: 6,
      resolved: 3,
      major: 1,
      resolutionRate: 0.5,
      medianDaysToResolve: 4,
      demandsSolved: 1,
      disputesResolved: 2,
      lawExplanationEvents: 2,
      deliberationMeetings: 2,
      publicityEvents: 1,
      byStatus: [
        { key: 'CLOSED', count: 1 },
        { key: 'MEDIATING', count: 1 },
        { key: 'REPORTED', count: 1 },
        { key: 'RESOLVED', count: 2 },
        { key: 'WITHDRAWN', count: 1 },
      ],
      byCategory: [
        { key: 'ECONOMIC', count: 1 },
        { key: 'ELEVATOR_INSTALLATION', count: 1 },
        { key: 'NEIGHBOR', count: 3 },
        { key: 'OTHER', count: 1 },
      ],
      byKind: [
        { key: 'CONSULTATION', count: 1 },
        { key: 'DEMAND', count: 2 },
        { key: 'DISPUTE', count: 3 },
      ],
      byChannel: [
        { key: 'GRID_PATROL', count: 5 },
        { key: 'TALK_HALL', count: 1 },
      ],
      byMonth: [
        { key: '2026-03', count: 5 },
        { key: '2026-04', count: 1 },
      ],
      resolvedByMonth: [
        { key: '2026-03', count: 2 },
        { key: '2026-04', count: 1 },
      ],
      agencies: [
        { organization: { kind: 'COURT' }, invited: 1, accepted: 0, declined: 1, expired: 0, pending: 0, medianAnswerHours: 4 },
        { organization: { kind: 'JUDICIAL_OFFICE' }, invited: 1, accepted: 1, declined: 0, expired: 0, pending: 0, medianAnswerHours: 1 },
        { organization: { kind: 'LAW_FIRM' }, invited: 1, accepted: 1, declined: 0, expired: 0, pending: 0, medianAnswerHours: 2 },
        { organization: { kind: 'POLICE' }, invited: 1, accepted: 0, declined: 0, expired: 1, pending: 0, medianAnswerHours: null },
      ],
      majorMatters: [{ id: m.economic.id }],
    });
  });

  it('counts only the period asked for (matters by report date, activities by when they were held)', async () => {
    const april = await stats(world.coordinator.viewer, { from: '2026-04-01T00:00:00+08:00' });
    expect(april.data!.communityStats).toEqual(
      expect.objectContaining({ total: 1, resolved: 1, resolutionRate: 1, medianDaysToResolve: 2, disputesResolved: 1, demandsSolved: 0, major: 0, deliberationMeetings: 1, lawExplanationEvents: 0, agencies: [] }),
    );
    const march = await stats(world.coordinator.viewer, { from: '2026-03-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' });
    expect(march.data!.communityStats).toEqual(expect.objectContaining({ total: 5, resolved: 2, lawExplanationEvents: 2, deliberationMeetings: 1, publicityEvents: 1 }));
    const empty = await stats(world.coordinator.viewer, { from: '2027-01-01T00:00:00Z' });
    expect(empty.data!.communityStats).toEqual(expect.objectContaining({ total: 0, resolutionRate: 0, medianDaysToResolve: null, byStatus: [], majorMatters: [] }));
  });

  it('is for community staff and admins: agencies are FORBIDDEN, other communities too', async () => {
    const other = await buildWorld(orm, { clock });
    for (const [what, viewer, vars, code] of [
      ['the court', world.agencies.COURT.viewer, {}, 'FORBIDDEN'],
      ['the judicial office, naming the community', world.agencies.JUDICIAL_OFFICE.viewer, { communityId: world.community.id }, 'FORBIDDEN'],
      ["another community's coordinator", other.coordinator.viewer, { communityId: world.community.id }, 'FORBIDDEN'],
      ['an anonymous caller', null, {}, 'UNAUTHENTICATED'],
    ] as const) {
      expect(errorCodes(await stats(viewer as never, vars)), what).toEqual([code]);
      expect(errorCodes(await gql(orm, viewer as never, EXPORT_STATS, { format: 'CSV', ...vars }, world.services)), `export: ${what}`).toEqual([code]);
    }
    expect((await stats(world.gridWorker.viewer)).data!.communityStats.total).toBe(6);
    const admin = await buildUser(orm, UserRole.ADMIN);
    expect((await stats(admin.viewer, { communityId: world.community.id })).data!.communityStats.total).toBe(6);
  });
});

function decodeCsv(base64: string): string[][] {
  const text = Buffer.from(base64, 'base64').toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return text
    .slice(1)
    .split('\r\n')
    .filter((l) => l.length)
    .map((l) => l.split(','));
}

async function decodeXlsx(base64: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

describe('exportMatters', () => {
  type File = { filename: string; mimeType: string; base64: string };
  const exportAs = async (viewer: unknown, format: 'CSV' | 'XLSX') => {
    const r = await gql<{ exportMatters: File }>(orm, viewer as never, EXPORT_MATTERS, { format }, world.services);
    expect(r.errors).toBeUndefined();
    return { file: r.data!.exportMatters, ctx: r.ctx };
  };
  const PARTY_NAMES = ['马德明', '杨桂英'];
  const PHONES = ['13893712345', '13993754321'];

  it("gives the community's coordinator every matter with parties and phones (audited), as CSV and Excel", async () => {
    const csv = await exportAs(world.coordinator.viewer, 'CSV');
    expect(csv.file.filename).toMatch(/^matters-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.file.mimeType).toContain('text/csv');
    const rows = decodeCsv(csv.file.base64);
    expect(rows[0]).toEqual(expect.arrayContaining(['编号', '标题', '状态', '当事人', '联系电话']));
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(Object.values(m).map((x) => x.reference).sort());
    const economic = rows.find((r) => r[0] === m.economic.reference)!;
    expect(economic[rows[0].indexOf('争议金额（元）')]).toBe('50000.00');
    expect(economic[rows[0].indexOf('当事人')]).toBe(PARTY_NAMES.join('；'));
    expect(economic[rows[0].indexOf('联系电话')]).toBe(PHONES.join('；'));
    expect(csv.ctx.piiReads.length).toBeGreaterThan(0);

    const xlsx = await exportAs(world.coordinator.viewer, 'XLSX');
    expect(xlsx.file.filename).toMatch(/\.xlsx$/);
    const sheet = await decodeXlsx(xlsx.file.base64);
    expect(sheet[0]).toEqual(rows[0]);
    expect(sheet).toHaveLength(rows.length);
    expect(sheet.some((r) => r.includes(PHONES.join('；')))).toBe(true);
  });

  it('leaves names and phone numbers out for agencies (only their matters) and for admins', async () => {
    // Like the demo's `admin`: a platform admin whose account sits in the community's organization.
    const admin = await buildUser(orm, UserRole.ADMIN, world.communityOrg);
    for (const [what, viewer, expected] of [
      ['the law firm', world.agencies.LAW_FIRM.viewer, [m.economic.reference]],
      ['the police, whose invitation expired', world.agencies.POLICE.viewer, [m.unanswered.reference]],
      ['the procuratorate, never invited', world.agencies.PROCURATORATE.viewer, []],
      ['an admin', admin.viewer, null],
    ] as const) {
      for (const format of ['CSV', 'XLSX'] as const) {
        const { file, ctx } = await exportAs(viewer, format);
        const rows = format === 'CSV' ? decodeCsv(file.base64) : await decodeXlsx(file.base64);
        const text = rows.flat().join('\n');
        for (const secret of [...PARTY_NAMES, ...PHONES]) expect(text, `${what} ${format}`).not.toContain(secret);
        if (expected) expect(rows.slice(1).map((r) => r[0]).sort(), `${what} ${format}`).toEqual([...expected].sort());
        else expect(rows.slice(1).map((r) => r[0]), `${what} ${format}`).toEqual(expect.arrayContaining(Object.values(m).map((x) => x.reference)));
        expect(ctx.piiReads, `${what} ${format}`).toEqual([]);
      }
    }
  });

  it('refuses anonymous callers and bad formats', async () => {
    expect(errorCodes(await gql(orm, null, EXPORT_MATTERS, { format: 'CSV' }, world.services))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await gql(orm, world.coordinator.viewer, EXPORT_MATTERS, { format: 'PDF' }, world.services))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('exportCommunityStats', () => {
  it('writes the dashboard figures as CSV and Excel', async () => {
    const r = await gql<{ exportCommunityStats: { filename: string; base64: string } }>(orm, world.coordinator.viewer, EXPORT_STATS, { format: 'CSV' }, world.services);
    expect(r.errors).toBeUndefined();
    const text = Buffer.from(r.data!.exportCommunityStats.base64, 'base64').toString('utf8');
    for (const line of ['事项总数,6', '已化解,3', '化解率,50.0%', '以案释法,2', '定期议事,2', '普法宣传,1', '重大事项,1']) expect(text).toContain(line);
    expect(text).toContain(m.economic.reference);
    const x = await gql<{ exportCommunityStats: { filename: string; base64: string } }>(orm, world.coordinator.viewer, EXPORT_STATS, { format: 'XLSX' }, world.services);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.data!.exportCommunityStats.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['概览', '按状态', '按类别', '按类型', '按月', '部门响应', '重大事项']);
    expect(wb.getWorksheet('概览')!.getRow(2).values).toEqual([undefined, '事项总数', 6]);
  });
});

describe('exports a clerk can use (issue 11)', () => {
  const load = async (base64: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
    return wb;
  };
  /** 2026-03-02T02:00Z is 10:00 in Shanghai: the wall-clock fields Excel shows. */
  const shanghai = (d: Date) => new Date(d.getTime() + 8 * HOUR);

  it("opens in Excel with the console's labels, Asia/Shanghai dates Excel knows as dates, and two-decimal amounts", async () => {
    const r = await gql<{ exportMatters: { base64: string } }>(orm, world.coordinator.viewer, EXPORT_MATTERS, { format: 'XLSX' }, world.services);
    expect(r.errors).toBeUndefined();
    const sheet = (await load(r.data!.exportMatters.base64)).worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const col = (name: string) => header.indexOf(name);
    let row: ExcelJS.Row | undefined;
    sheet.eachRow((x) => {
      if (x.getCell(1).value === m.economic.reference) row = x;
    });
    expect(row!.getCell(col('类型')).value).toBe('矛盾纠纷');
    expect(row!.getCell(col('类别')).value).toBe('经济纠纷');
    expect(row!.getCell(col('规模')).value).toBe('重大');
    const reported = row!.getCell(col('登记时间'));
    expect(reported.value).toBeInstanceOf(Date);
    expect(reported.numFmt).toBe('yyyy-mm-dd hh:mm');
    expect((reported.value as Date).toISOString()).toBe(shanghai(m.economic.createdAt).toISOString());
    const amount = row!.getCell(col('争议金额（元）'));
    expect(amount.value).toBe(50000);
    expect(amount.numFmt).toBe('#,##0.00');

    const csv = await gql<{ exportMatters: { base64: string } }>(orm, world.coordinator.viewer, EXPORT_MATTERS, { format: 'CSV' }, world.services);
    const text = Buffer.from(csv.data!.exportMatters.base64, 'base64').toString('utf8');
    const local = shanghai(m.economic.createdAt).toISOString().slice(0, 16).replace('T', ' ');
    expect(text).toContain(`${local}`);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/);
    expect(text).not.toContain('DISPUTE');
  });

  it("speaks the reader's language: English labels, and 化解率 as a percentage", async () => {
    const r = await gql<{ exportMatters: { base64: string } }>(orm, world.coordinator.viewer, EXPORT_MATTERS, { format: 'XLSX', language: 'EN' }, world.services);
    const sheet = (await load(r.data!.exportMatters.base64)).worksheets[0];
    expect(sheet.name).toBe('Matters');
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    expect(header).toEqual(expect.arrayContaining(['Reference', 'Kind', 'Status', 'Reported at']));
    const kinds = new Set<unknown>();
    sheet.eachRow((x, i) => {
      if (i > 1) kinds.add(x.getCell(header.indexOf('Kind')).value);
    });
    expect(kinds.has('Dispute')).toBe(true);

    const s = await gql<{ exportCommunityStats: { base64: string } }>(orm, world.coordinator.viewer, EXPORT_STATS, { format: 'XLSX' }, world.services);
    const summary = (await load(s.data!.exportCommunityStats.base64)).getWorksheet('概览')!;
    let rate: ExcelJS.Cell | undefined;
    summary.eachRow((x) => {
      if (x.getCell(1).value === '化解率') rate = x.getCell(2);
    });
    expect(rate!.value).toBe(0.5);
    expect(rate!.numFmt).toBe('0.0%');
  });
});
