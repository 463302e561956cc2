import type { MikroORM } from '@mikro-orm/postgresql';
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
  const em = orm.em.fork();
  if (await em.findOne(Community, { code: 'CS' })) return false;
  const realNow = (opts.clock ?? systemClock).now();
  logger.info('loading the demo community 昌盛社区');
  const world = await createWorld(orm);
  await tellHistory(orm, world, realNow);
  return true;
}

async function createWorld(orm: MikroORM): Promise<DemoWorld> {
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

async function tellHistory(orm: MikroORM, world: DemoWorld, realNow: Date): Promise<void> {
  const clock = new ManualClock(new Date(realNow.getTime() - 200 * DAY));
  const bus = new InProcessEventBus();
  const config = loadConfig({ ...process.env, DATABASE_URL: 'postgresql://seed/seed' });
  const as = (username: string): Context => ({
    config,
    bus,
    clock,
    em: orm.em.fork(),
    viewer: viewerOf(world, username),
    access: new Map(),
    piiReads: [],
  });
  const at = (daysAgo: number, hour = 10) => {
    const d = new Date(realNow.getTime() - daysAgo * DAY);
    d.setUTCHours(hour - 8, 0, 0, 0); // Beijing time
    clock.set(d);
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

  // 1. 2号楼加装电梯 — a major matter settled with the judicial office and a law firm.
  at(190);
  const elevator = await report('gridworker', {
    title: '昌盛小区2号楼加装电梯意见分歧',
    description: '2号楼多数住户希望加装电梯，一楼、二楼住户担心采光、噪音和出行受影响，双方多次争执。',
    kind: MatterKind.DEMAND,
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
  await bus.close();
}
