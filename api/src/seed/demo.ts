import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { ManualClock, systemClock, type Clock } from '../clock';
import type { Context, Viewer } from '../context';
import { InProcessEventBus } from '../events/event-bus';
import { logger } from '../logger';
import { loadConfig } from '../config';
import { hashPassword } from '../modules/auth/auth.service';
import { User } from '../modules/auth/user.entity';
import { Community, Grid, Organization } from '../modules/community/community.entity';
import {
  IntakeChannel,
  InvitationStatus,
  MatterCategory,
  MatterKind,
  MatterScale,
  MatterStatus,
  OrganizationKind,
  PartyRole,
  RiskFlag,
  RiskLevel,
  SessionOutcome,
  UserRole,
} from '../modules/common/enums';
import { FollowUpService } from '../modules/followup/followup.service';
import type { ReportMatterInput } from '../modules/matter/dto/matter.inputs';
import { Matter } from '../modules/matter/matter.entity';
import { MatterService } from '../modules/matter/matter.service';
import { Invitation } from '../modules/mediation/mediation.entity';
import { MediationService } from '../modules/mediation/mediation.service';
import { SessionService } from '../modules/session/session.service';
import { AgreementTerm, JointSession } from '../modules/session/session.entity';
import { ElevatorService } from '../modules/elevator/elevator.service';
import { ElevatorVote } from '../modules/elevator/elevator.rules';
import { CommunityActivityKind } from '../modules/community-activity/community-activity.entity';
import { CommunityActivityService } from '../modules/community-activity/community-activity.service';
import { PublicReportService } from '../modules/public-report/public-report.service';
import { RateLimits } from '../http/rate-limit';
import { runDeadlineSweep } from '../modules/deadline/deadline.sweep';

export const DEMO_PASSWORD = 'changsheng-demo';
const DAY = 86_400_000;

interface DemoUser {
  username: string;
  displayName: string;
  role: UserRole;
  org: OrganizationKind;
}

export const DEMO_ORGANIZATIONS: Record<OrganizationKind, string> = {
  [OrganizationKind.COMMUNITY]: '昌盛社区居委会',
  [OrganizationKind.COURT]: '城区人民法院',
  [OrganizationKind.PROCURATORATE]: '城区人民检察院',
  [OrganizationKind.POLICE]: '胜利路派出所',
  [OrganizationKind.LAW_FIRM]: '雄关律师事务所',
  [OrganizationKind.JUDICIAL_OFFICE]: '胜利路司法所',
};

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: '系统管理员', role: UserRole.ADMIN, org: OrganizationKind.COMMUNITY },
  { username: 'coordinator', displayName: '王秀兰（社区协调员）', role: UserRole.COORDINATOR, org: OrganizationKind.COMMUNITY },
  { username: 'gridworker', displayName: '李建国（网格员）', role: UserRole.GRID_WORKER, org: OrganizationKind.COMMUNITY },
  { username: 'mediator', displayName: '赵淑芬（人民调解员）', role: UserRole.MEDIATOR, org: OrganizationKind.COMMUNITY },
  { username: 'court', displayName: '陈法官', role: UserRole.AGENCY_LEAD, org: OrganizationKind.COURT },
  { username: 'procuratorate', displayName: '刘检察官', role: UserRole.AGENCY_LEAD, org: OrganizationKind.PROCURATORATE },
  { username: 'police', displayName: '张警官', role: UserRole.AGENCY_LEAD, org: OrganizationKind.POLICE },
  { username: 'lawfirm', displayName: '周律师', role: UserRole.AGENCY_LEAD, org: OrganizationKind.LAW_FIRM },
  { username: 'judicial', displayName: '孙所长', role: UserRole.AGENCY_LEAD, org: OrganizationKind.JUDICIAL_OFFICE },
  // A second person at the judicial office, so its lead has someone to assign (指派承办人) in the demo.
  { username: 'judicialstaff', displayName: '马晓红（司法所调解员）', role: UserRole.AGENCY_STAFF, org: OrganizationKind.JUDICIAL_OFFICE },
  // 审计员: reads the personal-data access log and the administrative changes, never a matter.
  { username: 'auditor', displayName: '钱慧（审计员）', role: UserRole.AUDITOR, org: OrganizationKind.COMMUNITY },
];

interface DemoWorld {
  community: Community;
  orgs: Record<OrganizationKind, Organization>;
  users: Record<string, User>;
}

/**
 * The demo community, 昌盛社区, with one user per organization and a history told through the
 * real services (so every change has its events). Returns false when it is already there.
 */
export async function seedDemo(orm: MikroORM, opts: { clock?: Clock } = {}): Promise<boolean> {
  // One transaction for the whole demo: an instance killed halfway leaves nothing, so the next
  // boot seeds it again from scratch instead of finding the community and skipping a half-told
  // history. Every service call below runs in a savepoint of it (mutate's own transaction nests).
  return orm.em.fork().transactional(async (tx) => {
    if (await tx.findOne(Community, { code: 'CS' })) return false;
    const db: EmSource = { em: { fork: () => tx.fork({ keepTransactionContext: true }) } };
    const realNow = (opts.clock ?? systemClock).now();
    logger.info('loading the demo community 昌盛社区');
    const world = await createWorld(db);
    await tellHistory(db, world, realNow);
    return true;
  });
}

/** Where the seed gets its EntityManagers: forks bound to the seed's one transaction. */
interface EmSource {
  em: { fork(): EntityManager };
}

async function createWorld(orm: EmSource): Promise<DemoWorld> {
  const em = orm.em.fork();
  const community = em.create(Community, { code: 'CS', name: '昌盛社区', district: '嘉峪关市雄关区' });
  for (const name of ['第一网格（昌盛小区1–4号楼）', '第二网格（昌盛小区5–8号楼）', '第三网格（建设路沿街）', '第四网格（老旧小区）']) {
    em.create(Grid, { community, name });
  }
  const orgs = {} as Record<OrganizationKind, Organization>;
  for (const kind of Object.values(OrganizationKind)) {
    const org = em.create(Organization, { name: DEMO_ORGANIZATIONS[kind], kind, community: kind === OrganizationKind.COMMUNITY ? community : null });
    org.servedCommunities.add(community);
    orgs[kind] = org;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users: Record<string, User> = {};
  for (const u of DEMO_USERS) {
    users[u.username] = em.create(User, { username: u.username, displayName: u.displayName, role: u.role, organization: orgs[u.org], passwordHash });
  }
  await em.flush();
  return { community, orgs, users };
}

function viewerOf(world: DemoWorld, username: string): Viewer {
  const user = world.users[username];
  const demo = DEMO_USERS.find((u) => u.username === username)!;
  return {
    userId: user.id,
    sessionId: 'seed',
    username,
    role: user.role,
    organizationId: world.orgs[demo.org].id,
    organizationKind: demo.org,
    communityId: demo.org === OrganizationKind.COMMUNITY ? world.community.id : null,
  };
}

async function tellHistory(orm: EmSource, world: DemoWorld, realNow: Date): Promise<void> {
  const clock = new ManualClock(new Date(realNow.getTime() - 200 * DAY));
  const bus = new InProcessEventBus();
  const config = loadConfig({ ...process.env, DATABASE_URL: 'postgresql://seed/seed' });
  // The demo's residents all report from one place: counted apart from the api's real clients.
  const limits = new RateLimits();
  const as = (username: string): Context => ({
    config,
    bus,
    clock,
    limits,
    em: orm.em.fork(),
    viewer: viewerOf(world, username),
    access: new Map(),
    piiReads: [],
  });
  const at = (daysAgo: number, hour = 10) => {
    const d = new Date(realNow.getTime() - daysAgo * DAY);
    d.setUTCHours(hour - 8, 0, 0, 0); // Beijing time
    // Today's history must not lie in the future when the demo is loaded early in the morning.
    clock.set(d.getTime() > realNow.getTime() ? new Date(realNow.getTime() - 60_000) : d);
  };
  const { orgs } = world;

  const report = (who: string, input: ReportMatterInput) => new MatterService(as(who)).report(input);
  const assess = (m: Matter, riskLevel: RiskLevel, summary: string, extra: { riskFlags?: RiskFlag[]; scale?: MatterScale } = {}) =>
    new MatterService(as('coordinator')).assess({ matterId: m.id, riskLevel, summary, ...extra });
  const convene = (m: Matter, kinds: OrganizationKind[], message: string, respondInDays = 3) =>
    new MediationService(as('coordinator')).request({
      matterId: m.id,
      organizationIds: kinds.map((k) => orgs[k].id),
      message,
      respondBy: new Date(clock.now().getTime() + respondInDays * DAY),
    });
  const answer = async (m: Matter, kind: OrganizationKind, accept: boolean, note?: string) => {
    const username = DEMO_USERS.find((u) => u.org === kind && u.role === UserRole.AGENCY_LEAD)!.username;
    const ctx = as(username);
    const inv = await ctx.em.findOneOrFail(Invitation, { matterId: m.id, organization: orgs[kind].id, status: InvitationStatus.PENDING });
    return new MediationService(ctx).respond({ invitationId: inv.id, accept, note });
  };
  const session = async (m: Matter, kinds: OrganizationKind[], venue: string, agenda: string) =>
    new SessionService(as('coordinator')).schedule({
      matterId: m.id,
      startsAt: new Date(clock.now().getTime() + 2 * DAY),
      venue,
      agenda,
      organizationIds: kinds.map((k) => orgs[k].id),
    });

  const performAll = async (s: JointSession, note: string) => {
    const ctx = as('coordinator');
    const terms = await ctx.em.find(AgreementTerm, { session: s.id }, { orderBy: { position: 'asc' } });
    for (const t of terms) await new SessionService(as('coordinator')).markTermPerformed({ termId: t.id, note });
  };

  // 1. 2号楼加装电梯 — a major dispute between neighbours, settled with the judicial office and a law firm.
  at(190);
  const elevator = await report('gridworker', {
    title: '昌盛小区2号楼加装电梯意见分歧',
    description: '2号楼多数住户希望加装电梯，一楼、二楼住户担心采光、噪音和出行受影响，双方多次争执。',
    kind: MatterKind.DISPUTE,
    category: MatterCategory.ELEVATOR_INSTALLATION,
    channel: IntakeChannel.GRID_PATROL,
    location: '昌盛小区 2号楼',
    householdsAffected: 18,
    parties: [
      { name: '马德明', role: PartyRole.APPLICANT, phone: '13893712345', idNumber: '620201196503121234' },
      { name: '杨桂英', role: PartyRole.RESPONDENT, phone: '13993754321' },
    ],
  });
  at(188);
  await assess(elevator, RiskLevel.HIGH, '涉及18户，低层住户反对情绪较大，需依据《民法典》第278条组织表决并释法说理。', { scale: MatterScale.MAJOR, riskFlags: [RiskFlag.GROUP_PETITION] });
  await convene(elevator, [OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM], '请司法所、律师事务所参与2号楼加装电梯联合调解，解读《民法典》第278条表决规则。');
  // 18 households of Building 2 (6 floors × 3); low floors hesitate at first.
  const owners = ['马德明', '杨桂英', '刘长青', '张玉梅', '陈国栋', '王素珍', '李春生', '赵桂兰', '孙建华', '周秀英', '吴志刚', '郑丽华', '冯宝山', '褚玉兰', '卫东升', '蒋淑贞', '沈福来', '韩秀云'];
  const firstVotes: ElevatorVote[] = [
    ElevatorVote.DISAGREE, ElevatorVote.DISAGREE, ElevatorVote.ABSTAIN,
    ElevatorVote.DISAGREE, ElevatorVote.AGREE, ElevatorVote.NOT_VOTED,
  ];
  const units = owners.map((ownerName, i) => {
    const floor = Math.floor(i / 3) + 1;
    return { unit: `2-${(i % 3) + 1}-${floor}0${(i % 3) + 1}`, floor, area: ['86.52', '74.30', '92.15'][i % 3], ownerName };
  });
  // The building's register first (楼栋业主名册: every unit and its area), then the votes.
  await new ElevatorService(as('gridworker')).setRegister({ matterId: elevator.id, units });
  for (const [i, u] of units.entries()) {
    const vote = firstVotes[i] ?? ElevatorVote.AGREE;
    if (vote !== ElevatorVote.NOT_VOTED) await new ElevatorService(as('gridworker')).record({ matterId: elevator.id, ...u, vote });
  }
  at(187);
  await answer(elevator, OrganizationKind.JUDICIAL_OFFICE, true, '安排孙所长参加');
  await answer(elevator, OrganizationKind.LAW_FIRM, true, '周律师负责释法');
  const elevatorSession = await session(elevator, [OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM], '八角凉亭', '1. 通报表决情况；2. 律师解读第278条；3. 低层住户补偿方案');
  at(183, 16);
  await new SessionService(as('coordinator')).recordOutcome({
    sessionId: elevatorSession.id,
    outcome: SessionOutcome.AGREEMENT,
    minutes: '经释法说理，低层住户同意加装；高层住户按楼层分摊费用并对一、二楼住户给予补偿。',
    terms: [
      { description: '3–6层住户按楼层系数分摊加装费用', dueAt: new Date(clock.now().getTime() + 30 * DAY) },
      { description: '对1、2层住户一次性补偿', amount: '12000.00', dueAt: new Date(clock.now().getTime() + 45 * DAY) },
    ],
  });
  // After the session, two low-floor owners change their vote.
  for (const [unit, ownerName] of [['2-1-101', '马德明'], ['2-3-103', '刘长青']] as const) {
    await new ElevatorService(as('gridworker')).record({ matterId: elevator.id, unit, floor: 1, area: unit === '2-1-101' ? '86.52' : '92.15', ownerName, vote: ElevatorVote.AGREE, note: '调解后同意' });
  }
  at(150);
  await performAll(elevatorSession, '费用分摊及补偿均已到位');
  at(120);
  await new FollowUpService(as('gridworker')).record({ matterId: elevator.id, agreementFulfilled: true, satisfaction: 5, notes: '电梯已开工，补偿已到位。' });

  // 2. ¥50,000 借款纠纷 — judicial office, law firm and the police station.
  at(160);
  const loan = await report('coordinator', {
    title: '邻居间5万元借款纠纷',
    description: '居民吴某向邻居借款5万元逾期未还，双方在楼道发生推搡，有升级风险。',
    kind: MatterKind.DISPUTE,
    category: MatterCategory.ECONOMIC,
    channel: IntakeChannel.TALK_HALL,
    location: '昌盛小区 6号楼',
    amountInDispute: '50000.00',
    parties: [
      { name: '郭志强', role: PartyRole.APPLICANT, phone: '13309371111', idNumber: '620202197801015678' },
      { name: '吴海涛', role: PartyRole.RESPONDENT, phone: '18093712222', idNumber: '62020219820715003X' },
    ],
  });
  await assess(loan, RiskLevel.HIGH, '金额较大，双方已有肢体冲突，存在民转刑风险。', { scale: MatterScale.MAJOR, riskFlags: [RiskFlag.CRIMINAL_ESCALATION] });
  await convene(loan, [OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM, OrganizationKind.POLICE], '5万元借款纠纷有冲突升级风险，请司法所、律所、派出所共同参与调解。');
  at(159);
  await answer(loan, OrganizationKind.POLICE, true, '张警官到场维护秩序');
  await answer(loan, OrganizationKind.LAW_FIRM, true);
  await answer(loan, OrganizationKind.JUDICIAL_OFFICE, true);
  const loanSession = await session(loan, [OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM, OrganizationKind.POLICE], '法治说事厅', '核对借据，商定还款计划');
  at(157, 15);
  await new SessionService(as('coordinator')).recordOutcome({
    sessionId: loanSession.id,
    outcome: SessionOutcome.AGREEMENT,
    minutes: '双方确认借款事实，吴某分三期归还，郭某放弃逾期利息。',
    terms: [
      { description: '吴海涛首期归还借款', amount: '20000.00', dueAt: new Date(clock.now().getTime() + 30 * DAY) },
      { description: '吴海涛二期归还借款', amount: '15000.00', dueAt: new Date(clock.now().getTime() + 60 * DAY) },
      { description: '吴海涛三期归还借款', amount: '15000.00', dueAt: new Date(clock.now().getTime() + 90 * DAY) },
    ],
  });
  at(65);
  await performAll(loanSession, '已转账，收据存档');
  at(60);
  await new FollowUpService(as('gridworker')).record({ matterId: loan.id, agreementFulfilled: true, satisfaction: 4, notes: '三期款项均已归还。' });

  // 3. A neighbour quarrel, solved by the community alone.
  at(100);
  const noise = await report('gridworker', {
    title: '楼上装修噪音扰民',
    description: '5号楼住户反映楼上夜间装修，影响老人休息。',
    kind: MatterKind.DISPUTE,
    category: MatterCategory.NEIGHBOR,
    channel: IntakeChannel.GRID_PATROL,
    location: '昌盛小区 5号楼',
    parties: [{ name: '何玉兰', role: PartyRole.APPLICANT, phone: '13519371234' }],
  });
  await assess(noise, RiskLevel.LOW, '一般邻里矛盾，社区调解员可化解。');
  await new MatterService(as('coordinator')).changeStatus({ matterId: noise.id, status: MatterStatus.RESOLVED, reason: '调解员上门沟通，装修时间调整为8:00–18:00。' });

  // 4. A consultation answered in the talk hall.
  at(70);
  const consult = await report('coordinator', {
    title: '子女赡养义务咨询',
    description: '老人咨询子女不履行赡养义务如何处理。',
    kind: MatterKind.CONSULTATION,
    category: MatterCategory.FAMILY,
    channel: IntakeChannel.TALK_HALL,
    location: '法治说事厅',
  });
  await assess(consult, RiskLevel.LOW, '法律咨询，律师现场解答。', { riskFlags: [RiskFlag.VULNERABLE_PARTY] });
  await new MatterService(as('coordinator')).changeStatus({ matterId: consult.id, status: MatterStatus.RESOLVED, reason: '律师现场解答并告知可申请法律援助。' });

  // 5. Open work for the consoles: an old-house renovation in mediation, waiting for answers.
  at(2);
  const renovation = await report('gridworker', {
    title: '老旧小区改造管线入户争议',
    description: '第四网格老旧小区改造中，部分住户拒绝燃气管线入户施工，工期受阻。',
    kind: MatterKind.DISPUTE,
    category: MatterCategory.HOUSING_RENOVATION,
    channel: IntakeChannel.GRID_PATROL,
    location: '建设路老旧小区 3号楼',
    householdsAffected: 12,
    parties: [{ name: '田立新', role: PartyRole.APPLICANT, phone: '13830371234' }],
  });
  at(1);
  await assess(renovation, RiskLevel.MEDIUM, '涉及12户，需释明改造政策及住户权利。');
  clock.set(realNow);
  await convene(renovation, [OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM], '请协助解释老旧小区改造政策，组织住户协商。', 3);

  // 6. A property-management complaint waiting for assessment, and a fresh demand.
  at(1, 9);
  const pm = await report('coordinator', {
    title: '物业费上涨引发不满',
    description: '8号楼住户认为物业费上涨未经业主大会讨论。',
    kind: MatterKind.DEMAND,
    category: MatterCategory.PROPERTY_MANAGEMENT,
    channel: IntakeChannel.PHONE,
    location: '昌盛小区 8号楼',
    householdsAffected: 30,
  });
  await assess(pm, RiskLevel.MEDIUM, '需核实物业合同及业主大会程序。');
  at(0, 9);
  await report('gridworker', {
    title: '小区路灯损坏',
    description: '昌盛小区东门附近三盏路灯不亮，居民夜间出行不便。',
    kind: MatterKind.DEMAND,
    category: MatterCategory.OTHER,
    channel: IntakeChannel.GRID_PATROL,
    location: '昌盛小区 东门',
  });
  await tellBulkHistory();
  await limits.close();
  await bus.close();

  /**
   * Seven months of ordinary work, so the dashboard tells the community's story: 16 demands
   * solved, 36 disputes resolved (2 of them major: the Building 2 elevator and the ¥50,000 loan),
   * 5 以案释法, 6 定期议事 — all through the services.
   */
  async function tellBulkHistory() {
    const buildings = ['昌盛小区 1号楼', '昌盛小区 3号楼', '昌盛小区 4号楼', '昌盛小区 5号楼', '昌盛小区 7号楼', '建设路老旧小区 2号楼', '建设路老旧小区 3号楼'];
    const demands: [string, MatterCategory][] = [
      ['单元门禁损坏需维修', MatterCategory.PROPERTY_MANAGEMENT],
      ['楼道照明长期不亮', MatterCategory.PROPERTY_MANAGEMENT],
      ['小区增设电动车充电桩', MatterCategory.OTHER],
      ['老旧小区屋面漏水维修', MatterCategory.HOUSING_RENOVATION],
      ['申请无障碍通道改造', MatterCategory.HOUSING_RENOVATION],
      ['垃圾清运不及时', MatterCategory.PROPERTY_MANAGEMENT],
      ['小区监控盲区需补装', MatterCategory.OTHER],
      ['供暖温度不达标', MatterCategory.PROPERTY_MANAGEMENT],
      ['下水管道堵塞', MatterCategory.HOUSING_RENOVATION],
      ['不动产证办理咨询协助', MatterCategory.PROPERTY_RIGHTS],
      ['老年人助餐点需求', MatterCategory.OTHER],
      ['外墙保温层脱落', MatterCategory.HOUSING_RENOVATION],
      ['消防通道被占用', MatterCategory.PROPERTY_MANAGEMENT],
      ['健身器材损坏', MatterCategory.OTHER],
      ['农民工工资代为协调', MatterCategory.LABOR],
      ['小区绿化带改建停车位意见', MatterCategory.PROPERTY_MANAGEMENT],
    ];
    const disputes: [string, MatterCategory][] = [
      ['楼上漏水致楼下受损', MatterCategory.NEIGHBOR],
      ['宠物犬扰民纠纷', MatterCategory.NEIGHBOR],
      ['公共楼道堆物纠纷', MatterCategory.NEIGHBOR],
      ['停车位占用争执', MatterCategory.NEIGHBOR],
      ['赡养费分担纠纷', MatterCategory.FAMILY],
      ['离婚后子女探望纠纷', MatterCategory.FAMILY],
      ['房屋继承份额争议', MatterCategory.PROPERTY_RIGHTS],
      ['装修款拖欠纠纷', MatterCategory.ECONOMIC],
      ['房屋租赁押金纠纷', MatterCategory.ECONOMIC],
      ['物业费拖欠纠纷', MatterCategory.PROPERTY_MANAGEMENT],
      ['工伤赔偿协商', MatterCategory.LABOR],
      ['窗户噪音及油烟纠纷', MatterCategory.NEIGHBOR],
    ];
    const community = [OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM];
    let n = 0;
    // 16 demands solved.
    for (let i = 0; i < 16; i++) {
      const daysAgo = 205 - i * 13;
      at(daysAgo, 9 + (i % 6));
      const [title, category] = demands[i];
      const m = await report(i % 3 === 0 ? 'coordinator' : 'gridworker', {
        title,
        description: `${buildings[i % buildings.length]}居民反映：${title}，希望社区协调解决。`,
        kind: MatterKind.DEMAND,
        category,
        channel: [IntakeChannel.GRID_PATROL, IntakeChannel.TALK_HALL, IntakeChannel.PHONE][i % 3],
        location: buildings[i % buildings.length],
        householdsAffected: 2 + (i % 9),
      });
      await assess(m, RiskLevel.LOW, '一般民生诉求，社区协调相关单位办理。');
      at(daysAgo - 2 - (i % 5), 16);
      await new MatterService(as('coordinator')).changeStatus({ matterId: m.id, status: MatterStatus.RESOLVED, reason: '已协调相关单位办理完毕。' });
      if (daysAgo > 45) {
        at(daysAgo - 30, 10);
        await new FollowUpService(as('gridworker')).record({ matterId: m.id, agreementFulfilled: true, satisfaction: 4 + (i % 2), notes: '居民对办理结果满意。' });
      }
      n++;
    }
    // 33 more disputes resolved (with the Building 2 elevator, the ¥50,000 loan and the renovation noise: 36).
    const resolvedDisputes: Matter[] = [];
    for (let i = 0; i < 33; i++) {
      const daysAgo = 208 - i * 6;
      at(daysAgo, 9 + (i % 7));
      const [title, category] = disputes[i % disputes.length];
      const m = await report(i % 2 ? 'gridworker' : 'coordinator', {
        title: `${title}（${buildings[i % buildings.length].split(' ')[1]}）`,
        description: `${buildings[i % buildings.length]}：${title}，双方多次争执，请求社区调解。`,
        kind: MatterKind.DISPUTE,
        category,
        channel: [IntakeChannel.TALK_HALL, IntakeChannel.GRID_PATROL, IntakeChannel.PHONE, IntakeChannel.REFERRAL][i % 4],
        location: buildings[i % buildings.length],
        amountInDispute: category === MatterCategory.ECONOMIC ? `${3000 + i * 250}.00` : undefined,
        parties: [
          { name: `当事人甲${i + 1}`, role: PartyRole.APPLICANT, phone: `1390937${String(1000 + i).padStart(4, '0')}` },
          { name: `当事人乙${i + 1}`, role: PartyRole.RESPONDENT },
        ],
      });
      await assess(m, i % 5 === 0 ? RiskLevel.MEDIUM : RiskLevel.LOW, '邻里/家庭/经济类一般纠纷，可调解化解。');
      if (i % 4 === 0) {
        // Joint mediation with the judicial office and the law firm (the court for money matters).
        const kinds = category === MatterCategory.ECONOMIC ? [OrganizationKind.COURT, OrganizationKind.LAW_FIRM] : community;
        await convene(m, kinds, `请协助调解：${title}`);
        at(daysAgo - 1, 9 + (i % 5));
        for (const k of kinds) await answer(m, k, true);
        const s = await session(m, kinds, i % 8 === 0 ? '八角凉亭' : '法治说事厅', '听取双方陈述，释法说理，协商方案');
        at(daysAgo - 3, 15);
        const outcome = await new SessionService(as('coordinator')).recordOutcome({
          sessionId: s.id,
          outcome: SessionOutcome.AGREEMENT,
          minutes: '双方在调解员及各部门主持下达成一致。',
          attendees: ['王秀兰（社区协调员）', '赵淑芬（人民调解员）', ...kinds.map((k) => DEMO_ORGANIZATIONS[k])],
          attendedOrganizationIds: kinds.map((k) => orgs[k].id),
          terms: [{ description: '按调解方案履行', amount: category === MatterCategory.ECONOMIC ? '3000.00' : undefined, dueAt: new Date(clock.now().getTime() + 20 * DAY) }],
        });
        if (kinds.includes(OrganizationKind.COURT)) {
          at(daysAgo - 6, 10);
          await new SessionService(as('court')).confirmAgreement({ sessionId: outcome.id, note: `（2026）甘0202民特${100 + i}号` });
        }
        if (daysAgo > 40) {
          at(daysAgo - 15, 11);
          await performAll(outcome, '已履行');
        }
      } else {
        at(daysAgo - 1 - (i % 4), 16);
        await new MatterService(as('coordinator')).changeStatus({ matterId: m.id, status: MatterStatus.RESOLVED, reason: '调解员主持调解，双方达成和解。' });
      }
      resolvedDisputes.push(m);
      if (daysAgo > 50 && i % 3 !== 2) {
        at(daysAgo - 32, 10);
        await new FollowUpService(as('gridworker')).record({ matterId: m.id, agreementFulfilled: true, satisfaction: 3 + (i % 3), notes: '回访：双方关系缓和。' });
      }
      n++;
    }

    // An invitation nobody answered: the deadline sweep expires it.
    at(20, 10);
    const parking = await report('gridworker', {
      title: '地下车库车位产权争议',
      description: '昌盛小区地下车位出售与业主共有部分的边界争议。',
      kind: MatterKind.DISPUTE,
      category: MatterCategory.PROPERTY_RIGHTS,
      channel: IntakeChannel.GRID_PATROL,
      location: '昌盛小区 3号楼',
      householdsAffected: 40,
    });
    await assess(parking, RiskLevel.MEDIUM, '涉及人数较多，需法律意见。', { riskFlags: [RiskFlag.GROUP_PETITION] });
    await convene(parking, [OrganizationKind.PROCURATORATE, OrganizationKind.LAW_FIRM], '请就车位产权问题提供法律意见。', 2);
    at(19, 15);
    await answer(parking, OrganizationKind.LAW_FIRM, true, '周律师跟进');
    at(17, 10);
    await runDeadlineSweep(orm, { bus, clock });

    // 以案释法 ×5, 定期议事 ×6 (decisions linked to matters), 普法宣传 ×2.
    const activities = new CommunityActivityService(as('coordinator'));
    const hold = async (daysAgo: number, kind: CommunityActivityKind, title: string, venue: string, partners: OrganizationKind[], attendance: number, minutes: string, matterIds: string[] = [], decisions: { text: string; matterIds?: string[] }[] = []) => {
      at(daysAgo, 15);
      const a = await new CommunityActivityService(as('coordinator')).create({ kind, title, heldAt: clock.now(), venue, partnerOrganizationIds: partners.map((k) => orgs[k].id), matterIds });
      at(daysAgo, 17);
      await new CommunityActivityService(as('coordinator')).record({ activityId: a.id, attendance, minutes, decisions });
    };
    const law = CommunityActivityKind.LAW_EXPLANATION;
    await hold(185, law, '以案释法：加装电梯表决规则（民法典第278条）', '法治说事厅', [OrganizationKind.LAW_FIRM, OrganizationKind.JUDICIAL_OFFICE], 46, '结合2号楼加装电梯案例讲解表决门槛与补偿协商。', [elevator.id]);
    await hold(150, law, '以案释法：民间借贷与民转刑风险', '法治说事厅', [OrganizationKind.POLICE, OrganizationKind.LAW_FIRM], 38, '以5万元借款纠纷为例，讲解借条规范与冲突升级的法律后果。', [loan.id]);
    await hold(112, law, '以案释法：赡养义务与老年人权益', '社区活动室', [OrganizationKind.COURT], 52, '法官以赡养案件为例释法。', [resolvedDisputes[4].id]);
    await hold(76, law, '以案释法：邻里漏水纠纷的责任划分', '八角凉亭', [OrganizationKind.JUDICIAL_OFFICE], 29, '讲解相邻关系与侵权责任。', [resolvedDisputes[0].id]);
    await hold(33, law, '以案释法：房屋租赁押金纠纷', '法治说事厅', [OrganizationKind.LAW_FIRM, OrganizationKind.PROCURATORATE], 34, '讲解租赁合同押金条款与证据保存。', [resolvedDisputes[8].id]);
    const delib = CommunityActivityKind.DELIBERATION;
    const partnersD = [OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM, OrganizationKind.POLICE];
    await hold(200, delib, '第一季度定期议事会', '法治说事厅', partnersD, 21, '通报近期矛盾纠纷排查情况，研究2号楼加装电梯事项。', [elevator.id], [{ text: '2号楼加装电梯组织全体业主表决，司法所、律所到场释法', matterIds: [elevator.id] }]);
    await hold(170, delib, '5月定期议事会', '法治说事厅', partnersD, 18, '研究经济纠纷高发问题。', [loan.id], [{ text: '借款纠纷请派出所参与，防止民转刑', matterIds: [loan.id] }]);
    await hold(135, delib, '6月定期议事会', '社区活动室', partnersD, 19, '研判物业管理类诉求。', [], [{ text: '约谈物业公司，限期整改楼道照明与门禁' }]);
    await hold(100, delib, '7月定期议事会', '法治说事厅', partnersD, 23, '邻里纠纷集中在5号楼。', [noise.id], [{ text: '5号楼张贴装修时间公约', matterIds: [noise.id] }]);
    await hold(60, delib, '9月定期议事会', '八角凉亭', partnersD, 20, '通报回访情况，部署老旧小区改造宣传。', [], [{ text: '老旧小区改造前先开住户说明会' }]);
    await hold(25, delib, '10月定期议事会', '法治说事厅', partnersD, 24, '研究地下车位产权争议与老旧小区改造。', [parking.id], [{ text: '车位产权争议请律所出具法律意见', matterIds: [parking.id] }]);
    const pub = CommunityActivityKind.PUBLICITY;
    await hold(90, pub, '民法典进社区普法宣传', '昌盛广场', [OrganizationKind.COURT, OrganizationKind.PROCURATORATE], 120, '发放宣传册300份，现场咨询41人次。');
    await hold(40, pub, '防范电信诈骗宣传', '昌盛广场', [OrganizationKind.POLICE], 86, '派出所民警讲解常见诈骗手法。');
    // The next meeting, planned, with open matters on its agenda.
    at(0, 8);
    await activities.create({ kind: delib, title: '12月定期议事会', heldAt: new Date(clock.now().getTime() + 10 * DAY), venue: '法治说事厅', partnerOrganizationIds: partnersD.map((k) => orgs[k].id), matterIds: [renovation.id, pm.id], agenda: '1. 老旧小区改造管线入户；2. 8号楼物业费调整' });

    // A resident's online report (随时说事).
    at(0, 7);
    await new PublicReportService({ ...as('coordinator'), viewer: null }).submit({
      description: '2号楼东侧单元楼道堆放大量杂物，存在消防隐患，希望社区督促清理。',
      category: MatterCategory.PROPERTY_MANAGEMENT,
      location: '昌盛小区 2号楼',
      consent: true,
    });
    logger.info({ matters: n }, 'demo history loaded');
  }
}
