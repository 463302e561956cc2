import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import ExcelJS from 'exceljs';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { generate } from 'otplib';
import WebSocket from 'ws';
import { createApp } from '../http/server';
import { AuthService, hashToken } from '../modules/auth/auth.service';
import { TotpService } from '../modules/auth/totp.service';
import { AuthSession, User } from '../modules/auth/user.entity';
import { CommunityActivityKind } from '../modules/community-activity/community-activity.entity';
import { CommunityActivityService } from '../modules/community-activity/community-activity.service';
import { ElevatorService } from '../modules/elevator/elevator.service';
import { ElevatorVote } from '../modules/elevator/elevator.rules';
import { OrganizationKind, SessionOutcome, UserRole } from '../modules/common/enums';
import { OpinionService } from '../modules/opinion/opinion.service';
import { RoutingRulesService } from '../modules/admin/routing-rules.service';
import { AgreementTerm } from '../modules/session/session.entity';
import { SessionService } from '../modules/session/session.service';
import {
  afterSessionStarts,
  answer,
  assess,
  buildCommunity,
  buildConvenedMatter,
  buildMatter,
  buildOrganization,
  buildUser,
  buildWorld,
  TEST_PASSWORD,
  type Actor,
  type World,
} from '../test/factories';
import { createTestDb, onDispose, within } from '../test/harness';
import { MediationService } from '../modules/mediation/mediation.service';

/*
 * THE PERMISSION MATRIX — every Query root field, Mutation and Subscription of the committed
 * contract (schema/schema.graphql), each export format and the print page, for every kind of
 * actor, over HTTP and over WebSocket, against the real server (`createApp` on port 0).
 *
 * The expected cell values are written here by hand, as a reviewer would write the table; they do
 * not come from the policy. A root field or mutation in the schema without a row fails the test.
 *
 * Legend:
 *   ok  allowed (the operation ran; a CONFLICT or BAD_USER_INPUT after the policy let it through is "ok" too)
 *   m   allowed, and party phone / ID numbers are masked (or left out of an export)
 *   ∅   allowed, but the subject is not among what comes back (not in the list, null, no push)
 *   U   UNAUTHENTICATED  (over WebSocket: also the socket refused / closed with 4403)
 *   F   FORBIDDEN
 *   N   NOT_FOUND        (out of sight: the same answer as for something that does not exist)
 *
 * Actors (columns). The subject is matter M of community A, convened to the judicial office
 * (accepted) and the law firm (still pending); session S1 of M reached an agreement with term T1;
 * deliberation A1 of community A has the judicial office as partner.
 *   anon    no token                         anon~   no token, over WebSocket
 *   rev     a coordinator's logged-out token rev~    a socket opened before that coordinator logged out
 *   admin   platform admin                   coord   coordinator of A
 *   grid    grid worker of A                 medi    mediator of A
 *   lead    judicial office lead (invited to M, accepted)    staff  judicial office staff (same org)
 *   pend    law firm lead (invited to M, not yet accepted)   uninv  court lead (never invited to M)
 *   other   coordinator of another community                 audit  AUDITOR (reads audit logs, no matters)
 * HTTP runs the columns without ~; WebSocket runs every column but anon and rev (it has anon~ and rev~).
 */
const MATRIX = `
operation                      anon anon~ rev rev~ admin coord grid medi lead staff pend uninv other audit
# Query
me                             ∅    U     ∅   U    ok    ok    ok   ok   ok   ok    ok   ok    ok    ok
organizations                  U    U     U   U    ok    ok    ok   ok   ok   ok    ok   ok    ok    ok
communities                    U    U     U   U    ok    ok    ok   ok   ok   ok    ok   ok    ok    ok
matter                         U    U     U   U    m     ok    ok   ok   ok   ok    m    N     N     N
matters                        U    U     U   U    m     ok    ok   ok   ok   ok    m    ∅     ∅     ∅
suggestOrganizations           U    U     U   U    ok    ok    ok   ok   ok   ok    ok   N     N     N
myInvitations                  U    U     U   U    ∅     ∅     ∅    ∅    ok   ok    ok   ∅     ∅     ∅
assignableUsers                U    U     U   U    F     F     F    F    ok   F     ok   ok    F     F
communityStats                 U    U     U   U    ok    ok    ok   ok   F    F     F    F     F     F
overdueWork                    U    U     U   U    ok    ok    ok   ok   F    F     F    F     F     F
deliberationAgendaSuggestions  U    U     U   U    ok    ok    F    ok   F    F     F    F     F     F
communityActivities            U    U     U   U    ok    ok    ok   ok   ok   ok    ∅    ∅     F     F
communityActivity              U    U     U   U    ok    ok    ok   ok   ok   ok    N    N     N     N
routingRules                   U    U     U   U    ok    ok    F    F    F    F     F    F     F     F
users                          U    U     U   U    ok    F     F    F    F    F     F    F     F     F
publicCommunities              ok   U     ok  U    ok    ok    ok   ok   ok   ok    ok   ok    ok    ok
publicReportMaxPhotos          ok   U     ok  U    ok    ok    ok   ok   ok   ok    ok   ok    ok    ok
publicMatterStatus             ok   U     ok  U    ok    ok    ok   ok   ok   ok    ok   ok    ok    ok
publicReportConsentVersion     ok   U     ok  U    ok    ok    ok   ok   ok   ok    ok   ok    ok    ok
passwordPolicy                 ok   U     ok  U    ok    ok    ok   ok   ok   ok    ok   ok    ok    ok
mySessions                     U    U     U   U    ok    ok    ok   ok   ok   ok    ok   ok    ok    ok
auditTrail                     U    U     U   U    ok    F     F    F    F    F     F    F     F     ok
piiAccessLog                   U    U     U   U    ok    F     F    F    F    F     F    F     F     ok
exportAuditTrail:CSV           U    U     U   U    ok    F     F    F    F    F     F    F     F     ok
exportAuditTrail:XLSX          U    U     U   U    ok    F     F    F    F    F     F    F     F     ok
exportPiiAccessLog:CSV         U    U     U   U    ok    F     F    F    F    F     F    F     F     ok
exportPiiAccessLog:XLSX        U    U     U   U    ok    F     F    F    F    F     F    F     F     ok
exportMatters:CSV              U    U     U   U    m     ok    ok   ok   m    m     m    ∅     ∅     ∅
exportMatters:XLSX             U    U     U   U    m     ok    ok   ok   m    m     m    ∅     ∅     ∅
exportCommunityStats:CSV       U    U     U   U    ok    ok    ok   ok   F    F     F    F     F     F
exportCommunityStats:XLSX      U    U     U   U    ok    ok    ok   ok   F    F     F    F     F     F
print:agreement                U    U     U   U    m     ok    ok   ok   ok   ok    m    N     N     N
# Mutation
login                          ok   U     ok  U    ok    ok    ok   ok   ok   ok    ok   ok    ok    ok
logout                         ok   U     ok  U    ok    ok    ok   ok   ok   ok    ok   ok    ok    ok
submitPublicReport             ok   U     ok  U    ok    ok    ok   ok   ok   ok    ok   ok    ok    ok
reportMatter                   U    U     U   U    ok    ok    ok   ok   F    F     F    F     F     F
assessMatter                   U    U     U   U    ok    ok    F    F    N    N     N    N     N     N
changeMatterStatus             U    U     U   U    ok    ok    F    F    N    N     N    N     N     N
requestJointMediation          U    U     U   U    ok    ok    F    F    F    F     F    N     N     N
respondToInvitation            U    U     U   U    F     F     F    F    N    N     ok   N     F     F
assignInvitation               U    U     U   U    F     F     F    F    ok   F     N    N     F     F
addOpinion                     U    U     U   U    F     ok    F    ok   ok   ok    F    N     N     N
requestAttachmentUpload        U    U     U   U    F     ok    ok   ok   ok   ok    F    N     N     N
scheduleJointSession           U    U     U   U    ok    ok    F    ok   F    F     F    N     N     N
recordSessionAttendance        U    U     U   U    ok    ok    F    ok   F    F     F    N     N     N
recordSessionOutcome           U    U     U   U    ok    ok    F    ok   F    F     F    N     N     N
correctSessionOutcome          U    U     U   U    ok    ok    F    ok   F    F     F    N     N     N
confirmAgreement               U    U     U   U    F     F     F    F    F    F     F    N     F     F
markTermPerformed              U    U     U   U    ok    ok    ok   ok   F    F     F    N     N     N
recordFollowUp                 U    U     U   U    ok    ok    ok   ok   F    F     F    N     N     N
recordElevatorConsent          U    U     U   U    ok    ok    ok   ok   F    F     F    N     N     N
setElevatorRegister            U    U     U   U    ok    ok    ok   ok   F    F     F    N     N     N
createCommunityActivity        U    U     U   U    ok    ok    F    ok   F    F     F    F     F     F
updateCommunityActivity        U    U     U   U    F     ok    F    F    F    F     F    F     N     F
recordCommunityActivity        U    U     U   U    ok    ok    F    ok   F    F     N    N     N     N
createCommunity                U    U     U   U    ok    F     F    F    F    F     F    F     F     F
updateCommunity                U    U     U   U    ok    F     F    F    F    F     F    F     F     F
createOrganization             U    U     U   U    ok    F     F    F    F    F     F    F     F     F
updateOrganization             U    U     U   U    ok    F     F    F    F    F     F    F     F     F
createUser                     U    U     U   U    ok    F     F    F    F    F     F    F     F     F
setUserActive                  U    U     U   U    ok    F     F    F    F    F     F    F     F     F
resetUserPassword              U    U     U   U    ok    F     F    F    F    F     F    F     F     F
saveRoutingRule                U    U     U   U    ok    F     F    F    F    F     F    F     F     F
deleteRoutingRule              U    U     U   U    ok    F     F    F    F    F     F    F     F     F
resetUserTwoFactor             U    U     U   U    ok    F     F    F    F    F     F    F     F     F
# Mutation — 账号安全 (one's own account: any signed-in user, whatever the role)
verifyLoginMfa                 ok   U     ok  U    ok    ok    ok   ok   ok   ok    ok   ok    ok    ok
beginTotpEnrolment             U    U     U   U    ok    ok    ok   ok   ok   ok    ok   ok    ok    ok
confirmTotpEnrolment           U    U     U   U    ok    ok    ok   ok   ok   ok    ok   ok    ok    ok
regenerateRecoveryCodes        U    U     U   U    ok    ok    ok   ok   ok   ok    ok   ok    ok    ok
disableTotp                    U    U     U   U    ok    ok    ok   ok   ok   ok    ok   ok    ok    ok
changeMyPassword               U    U     U   U    ok    ok    ok   ok   ok   ok    ok   ok    ok    ok
revokeMySession                U    U     U   U    ok    ok    ok   ok   ok   ok    ok   ok    ok    ok
revokeMySession:coord          U    U     U   U    N     ok    N    N    N    N     N    N     N     N
signOutEverywhere              U    U     U   U    ok    ok    ok   ok   ok   ok    ok   ok    ok    ok
# Subscription (WebSocket only)
activity:live                  -    U     -   U    m     ok    ok   ok   ok   ok    m    ∅     ∅     ∅
activity:replay                -    U     -   U    m     ok    ok   ok   ok   ok    m    ∅     ∅     ∅
invitationReceived             -    U     -   U    ∅     ∅     ∅    ∅    ok   ok    ok   ∅     ∅     ∅
`;

type Outcome = 'ok' | 'm' | '∅' | 'U' | 'F' | 'N';
type ActorKey = 'anon' | 'rev' | 'admin' | 'coord' | 'grid' | 'medi' | 'lead' | 'staff' | 'pend' | 'uninv' | 'other' | 'audit';
type Column = ActorKey | 'anon~' | 'rev~';
type Transport = 'http' | 'ws';

function parseMatrix(text: string): { columns: Column[]; rows: Map<string, Map<Column, Outcome | '-'>> } {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const [header, ...body] = lines;
  const columns = header.split(/\s+/).slice(1) as Column[];
  const rows = new Map<string, Map<Column, Outcome | '-'>>();
  for (const line of body) {
    const [op, ...cells] = line.split(/\s+/);
    if (cells.length !== columns.length) throw new Error(`matrix row ${op}: ${cells.length} cells for ${columns.length} columns`);
    if (rows.has(op)) throw new Error(`matrix row ${op} twice`);
    rows.set(op, new Map(columns.map((c, i) => [c, cells[i] as Outcome | '-'])));
  }
  return { columns, rows };
}

// ─── The world ──────────────────────────────────────────────────────────────────────────────────

let orm: MikroORM;
let world: World;
let url: string;
let wsUrl: string;
const users: Partial<Record<ActorKey, Actor>> = {};
const tokens: Partial<Record<ActorKey, string>> = {};
const fx = {} as {
  M: string;
  mReference: string;
  M3: string;
  S1: string;
  T1: string;
  A1: string;
  judicialInvitation: string;
  lawFirmInvitationM4: string;
  trackingCode: string;
  dummyUser: string;
  dummyCommunity: string;
  dummyOrg: string;
  communityA: string;
  communityOrgA: string;
  /** Not an actor: a user with two-factor sign-in on, whose challenges verifyLoginMfa answers. */
  mfa: Actor;
};
/** Unused recovery codes of fx.mfa (renewed with one of them when they run low). */
let mfaRecoveryCodes: string[] = [];

async function post<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<{ data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as never;
}

async function login(username: string): Promise<string> {
  const r = await post<{ login: { token: string } }>(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, { u: username, p: TEST_PASSWORD });
  if (!r.data?.login) throw new Error(`login ${username}: ${JSON.stringify(r.errors)}`);
  return r.data.login.token;
}

beforeAll(async () => {
  orm = (await createTestDb()).orm;
  world = await buildWorld(orm);
  const other = await buildWorld(orm);
  const app = await createApp({ config: world.services.config, orm, bus: world.services.bus, clock: world.services.clock });
  const port = await app.listen(0, '127.0.0.1');
  onDispose(() => app.close());
  url = `http://127.0.0.1:${port}/graphql`;
  wsUrl = `ws://127.0.0.1:${port}/graphql`;
  const judicial = world.agencies.JUDICIAL_OFFICE;

  Object.assign(users, {
    admin: await buildUser(orm, UserRole.ADMIN, world.communityOrg),
    coord: world.coordinator,
    grid: world.gridWorker,
    medi: await buildUser(orm, UserRole.MEDIATOR, world.communityOrg),
    lead: judicial,
    staff: await buildUser(orm, UserRole.AGENCY_STAFF, judicial.organization),
    pend: world.agencies.LAW_FIRM,
    uninv: world.agencies.COURT,
    other: other.coordinator,
    // In community A's own organization: the role, not the organization, decides (none).
    audit: await buildUser(orm, UserRole.AUDITOR, world.communityOrg),
    rev: await buildUser(orm, UserRole.COORDINATOR, world.communityOrg),
  });

  // M: convened to the judicial office (accepted) and the law firm (pending); S1 agreed, with T1.
  const m = await buildConvenedMatter(orm, { world, kinds: [OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM] });
  await answer(world, OrganizationKind.JUDICIAL_OFFICE, m.invitations.JUDICIAL_OFFICE, true);
  const sessions = new SessionService(world.ctx(world.coordinator));
  const s1 = await sessions.schedule({
    matterId: m.matter.id,
    startsAt: new Date(world.services.clock.now().getTime() + 86_400_000),
    venue: '说事厅',
    organizationIds: [judicial.organization.id],
  });
  // The outcome of a session is recorded once it has started (session.service.ts).
  afterSessionStarts(world, s1);
  await new SessionService(world.ctx(world.coordinator)).recordOutcome({
    sessionId: s1.id,
    outcome: SessionOutcome.AGREEMENT,
    // Held earlier than planned (an outcome is recorded once a session took place).
    heldAt: world.services.clock.now(),
    minutes: '双方达成协议',
    terms: [{ description: '赔偿 5000 元', amount: '5000.00', dueAt: new Date(world.services.clock.now().getTime() + 30 * 86_400_000) }],
  });
  const t1 = await orm.em.fork().findOneOrFail(AgreementTerm, { session: s1.id });
  // M3: only reported (no agency sees it). M4: convened to the law firm (its invitation is answered by the matrix).
  const m3 = await buildMatter(orm, { world });
  const m4 = await buildConvenedMatter(orm, { world, kinds: [OrganizationKind.LAW_FIRM] });
  const a1 = await new CommunityActivityService(world.ctx(world.coordinator)).create({
    communityId: world.community.id,
    kind: CommunityActivityKind.DELIBERATION,
    title: '定期议事：2号楼加装电梯',
    heldAt: new Date(world.services.clock.now().getTime() - 3_600_000),
    venue: '说事厅',
    partnerOrganizationIds: [judicial.organization.id],
  });
  const receipt = await post<{ submitPublicReport: { trackingCode: string } }>(
    `mutation($input: SubmitPublicReportInput!) { submitPublicReport(input: $input) { trackingCode } }`,
    { input: { communityId: world.community.id, category: 'NEIGHBOR', description: '楼上漏水，多次沟通无果。', consent: true } },
  );
  const dummy = await buildUser(orm, UserRole.GRID_WORKER, world.communityOrg);
  const dummyCommunity = await buildCommunity(orm);
  Object.assign(fx, {
    M: m.matter.id,
    mReference: m.matter.reference,
    M3: m3.matter.id,
    S1: s1.id,
    T1: t1.id,
    A1: a1.id,
    judicialInvitation: m.invitations.JUDICIAL_OFFICE.id,
    lawFirmInvitationM4: m4.invitations.LAW_FIRM.id,
    trackingCode: receipt.data!.submitPublicReport.trackingCode,
    dummyUser: dummy.user.id,
    dummyCommunity: dummyCommunity.id,
    dummyOrg: (await buildOrganization(orm, OrganizationKind.POLICE, dummyCommunity)).id,
    communityA: world.community.id,
    communityOrgA: world.communityOrg.id,
  });

  // A vote on M (unit 1-1-101): a register without that unit is refused after the policy (setElevatorRegister).
  await new ElevatorService(world.ctx(world.coordinator)).record({ matterId: fx.M, unit: '1-1-101', floor: 1, ownerName: '马德明', area: '86.50', vote: ElevatorVote.AGREE });
  // fx.mfa enrols through the service, as the console does; its recovery codes answer verifyLoginMfa.
  fx.mfa = await buildUser(orm, UserRole.GRID_WORKER, world.communityOrg);
  const totp = new TotpService(orm.em.fork(), world.services.config, world.services.clock);
  const { secret } = await totp.beginEnrolment(fx.mfa.viewer);
  mfaRecoveryCodes = await totp.confirmEnrolment(fx.mfa.viewer, await generate({ secret, epoch: Math.floor(world.services.clock.now().getTime() / 1000) }));

  for (const key of Object.keys(users) as ActorKey[]) tokens[key] = await login(users[key]!.user.username);
  // rev: its token is logged out (HTTP). Over WebSocket a socket is opened before (see wsClients).
  await post(`mutation { logout }`, {}, tokens.rev);
}, 120_000);

// ─── Operations ─────────────────────────────────────────────────────────────────────────────────

const PARTIES = 'parties { phone idNumber masked }';

interface Op {
  query: string;
  /** Called for each cell, with the actor of its column. */
  variables?: (actor: ActorKey) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Classifies an answer that carried data: ok, m (masked) or ∅ (the subject is not in it). */
  classify?: (data: Record<string, unknown>) => Outcome | Promise<Outcome>;
  /** Runs with a fresh session of the actor (logout would end the actor's own). */
  freshSession?: boolean;
}

const maskedOrOk = (parties: { masked: boolean }[]): Outcome => (parties.length > 0 && parties.every((p) => p.masked) ? 'm' : 'ok');
const hasMatter = (data: unknown): boolean => JSON.stringify(data).includes(fx.M);
const inFuture = (days: number) => new Date(world.services.clock.now().getTime() + days * 86_400_000).toISOString();
let unique = 0;
const next = () => `${Date.now().toString(36)}${(unique++).toString(36)}`;

async function exportText(file: { base64: string; mimeType: string }): Promise<string> {
  const buf = Buffer.from(file.base64, 'base64');
  if (file.mimeType.startsWith('text/csv')) return buf.toString('utf8');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value ?? '')))));
  return cells.join('\n');
}

async function classifyMattersExport(data: Record<string, unknown>): Promise<Outcome> {
  const text = await exportText(data.exportMatters as { base64: string; mimeType: string });
  if (!text.includes(fx.mReference)) return '∅';
  return text.includes('13893712345') ? 'ok' : 'm';
}

const OPS: Record<string, Op> = {
  me: { query: `{ me { id } }`, classify: (d) => (d.me ? 'ok' : '∅') },
  organizations: { query: `{ organizations { id } }` },
  communities: { query: `{ communities { id } }` },
  matter: {
    query: `query($id: ID!) { matter(id: $id) { id ${PARTIES} } }`,
    variables: () => ({ id: fx.M }),
    classify: (d) => (d.matter ? maskedOrOk((d.matter as { parties: { masked: boolean }[] }).parties) : '∅'),
  },
  matters: {
    query: `{ matters(first: 100) { edges { node { id ${PARTIES} } } } }`,
    classify: (d) => {
      const node = (d.matters as { edges: { node: { id: string; parties: { masked: boolean }[] } }[] }).edges.find((e) => e.node.id === fx.M)?.node;
      return node ? maskedOrOk(node.parties) : '∅';
    },
  },
  suggestOrganizations: { query: `query($id: ID!) { suggestOrganizations(matterId: $id) { id } }`, variables: () => ({ id: fx.M }) },
  myInvitations: { query: `{ myInvitations { id request { matter { id } } } }`, classify: (d) => (hasMatter(d.myInvitations) ? 'ok' : '∅') },
  assignableUsers: { query: `{ assignableUsers { id } }` },
  communityStats: { query: `query($c: ID) { communityStats(communityId: $c) { total } }`, variables: () => ({ c: fx.communityA }) },
  overdueWork: { query: `query($c: ID) { overdueWork(communityId: $c) { terms { id } } }`, variables: () => ({ c: fx.communityA }) },
  deliberationAgendaSuggestions: { query: `query($c: ID) { deliberationAgendaSuggestions(communityId: $c) { key } }`, variables: () => ({ c: fx.communityA }) },
  communityActivities: {
    query: `query($c: ID) { communityActivities(communityId: $c) { id } }`,
    variables: () => ({ c: fx.communityA }),
    classify: (d) => ((d.communityActivities as { id: string }[]).some((a) => a.id === fx.A1) ? 'ok' : '∅'),
  },
  communityActivity: { query: `query($id: ID!) { communityActivity(id: $id) { id } }`, variables: () => ({ id: fx.A1 }), classify: (d) => (d.communityActivity ? 'ok' : '∅') },
  routingRules: { query: `query($c: ID) { routingRules(communityId: $c) { id } }`, variables: () => ({ c: fx.communityA }) },
  users: { query: `{ users { id } }` },
  publicCommunities: { query: `{ publicCommunities { id } }` },
  publicReportMaxPhotos: { query: `{ publicReportMaxPhotos }` },
  publicMatterStatus: { query: `query($t: String!) { publicMatterStatus(trackingCode: $t) { status } }`, variables: () => ({ t: fx.trackingCode }) },
  publicReportConsentVersion: { query: `{ publicReportConsentVersion }` },
  passwordPolicy: { query: `{ passwordPolicy { minLength maxLength } }` },
  // ∅ would be a list without the session making the request.
  mySessions: { query: `{ mySessions { id current } }`, classify: (d) => ((d.mySessions as { current: boolean }[]).some((s) => s.current) ? 'ok' : '∅') },
  // 审计日志 (PLATFORM_POLICY.readAuditLog): ADMIN and AUDITOR, no one else — AUDITOR sees no matter, yet the whole log.
  auditTrail: { query: `{ auditTrail(first: 5) { totalCount entries { id } } }` },
  piiAccessLog: { query: `{ piiAccessLog(first: 5) { totalCount entries { id } } }` },
  'exportAuditTrail:CSV': { query: `{ exportAuditTrail(format: CSV) { base64 } }` },
  'exportAuditTrail:XLSX': { query: `{ exportAuditTrail(format: XLSX) { base64 } }` },
  'exportPiiAccessLog:CSV': { query: `{ exportPiiAccessLog(format: CSV) { base64 } }` },
  'exportPiiAccessLog:XLSX': { query: `{ exportPiiAccessLog(format: XLSX) { base64 } }` },
  'exportMatters:CSV': { query: `{ exportMatters(format: CSV) { base64 mimeType } }`, classify: classifyMattersExport },
  'exportMatters:XLSX': { query: `{ exportMatters(format: XLSX) { base64 mimeType } }`, classify: classifyMattersExport },
  'exportCommunityStats:CSV': { query: `query($c: ID) { exportCommunityStats(format: CSV, communityId: $c) { base64 } }`, variables: () => ({ c: fx.communityA }) },
  'exportCommunityStats:XLSX': { query: `query($c: ID) { exportCommunityStats(format: XLSX, communityId: $c) { base64 } }`, variables: () => ({ c: fx.communityA }) },
  // The print page (/matters/:id/sessions/:sessionId/agreement) reads exactly this document
  // (web/src/graphql/lifecycle.operations.ts AgreementDocument).
  'print:agreement': {
    query: fs
      .readFileSync(path.resolve(__dirname, '../../../web/src/graphql/lifecycle.operations.ts'), 'utf8')
      .match(/query AgreementDocument[\s\S]*?\n {2}\}\n/)![0],
    variables: () => ({ id: fx.M }),
    classify: (d) => {
      const matter = d.matter as { parties: { masked: boolean }[]; sessions: { id: string }[] } | null;
      if (!matter || !matter.sessions.some((s) => s.id === fx.S1)) return '∅';
      return maskedOrOk(matter.parties);
    },
  },

  login: { query: `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, variables: () => ({ u: users.grid!.user.username, p: TEST_PASSWORD }) },
  logout: { query: `mutation { logout }`, freshSession: true },
  submitPublicReport: {
    query: `mutation($input: SubmitPublicReportInput!) { submitPublicReport(input: $input) { trackingCode } }`,
    variables: () => ({ input: { communityId: fx.communityA, category: 'NEIGHBOR', description: '噪音扰民，希望调解。', consent: true } }),
  },
  reportMatter: {
    query: `mutation($input: ReportMatterInput!) { reportMatter(input: $input) { id } }`,
    variables: () => ({ input: { communityId: fx.communityA, title: '楼道堆物', description: '楼道堆放杂物影响通行', kind: 'DEMAND', category: 'NEIGHBOR', channel: 'PHONE' } }),
  },
  assessMatter: {
    query: `mutation($input: AssessMatterInput!) { assessMatter(input: $input) { id } }`,
    variables: () => ({ input: { matterId: fx.M3, riskLevel: 'LOW', summary: '邻里协商即可' } }),
  },
  changeMatterStatus: {
    // REPORTED/ASSESSING → CLOSED is never a legal move: the allowed get CONFLICT, and M3 stays.
    query: `mutation($input: ChangeMatterStatusInput!) { changeMatterStatus(input: $input) { id } }`,
    variables: () => ({ input: { matterId: fx.M3, status: 'CLOSED', reason: '测试' } }),
  },
  requestJointMediation: {
    // M is resolved: the allowed get CONFLICT and nobody new is invited.
    query: `mutation($input: RequestJointMediationInput!) { requestJointMediation(input: $input) { id } }`,
    variables: () => ({ input: { matterId: fx.M, organizationIds: [users.lead!.organization.id], message: '请参与', respondBy: inFuture(3) } }),
  },
  respondToInvitation: {
    // The law firm's invitation to M4 (declining leaves its invitation to M pending).
    query: `mutation($input: RespondToInvitationInput!) { respondToInvitation(input: $input) { id } }`,
    variables: () => ({ input: { invitationId: fx.lawFirmInvitationM4, accept: false, note: '不在服务范围' } }),
  },
  assignInvitation: {
    query: `mutation($input: AssignInvitationInput!) { assignInvitation(input: $input) { id } }`,
    variables: () => ({ input: { invitationId: fx.judicialInvitation, assigneeId: users.staff!.user.id } }),
  },
  addOpinion: { query: `mutation($input: AddOpinionInput!) { addOpinion(input: $input) { id } }`, variables: () => ({ input: { matterId: fx.M, body: '建议先行释法说理' } }) },
  requestAttachmentUpload: {
    query: `mutation($input: RequestAttachmentUploadInput!) { requestAttachmentUpload(input: $input) { url } }`,
    variables: () => ({ input: { matterId: fx.M, fileName: '现场照片.jpg', size: 2048, description: '漏水现场' } }),
  },
  scheduleJointSession: {
    query: `mutation($input: ScheduleJointSessionInput!) { scheduleJointSession(input: $input) { id } }`,
    variables: () => ({ input: { matterId: fx.M, startsAt: inFuture(2), venue: '说事厅', organizationIds: [users.lead!.organization.id] } }),
  },
  recordSessionAttendance: {
    query: `mutation($input: RecordSessionAttendanceInput!) { recordSessionAttendance(input: $input) { id } }`,
    variables: () => ({ input: { sessionId: fx.S1, attendees: ['马德明', '杨桂英'] } }),
  },
  correctSessionOutcome: {
    // No terms for S1's agreement: BAD_USER_INPUT after the policy (or CONFLICT once the correction
    // window is over) — T1 is never replaced.
    query: `mutation($input: CorrectSessionOutcomeInput!) { correctSessionOutcome(input: $input) { id } }`,
    variables: () => ({ input: { sessionId: fx.S1, minutes: '更正', terms: [], reason: '矩阵' } }),
  },
  recordSessionOutcome: {
    // S1's outcome is recorded already: the allowed get CONFLICT.
    query: `mutation($input: RecordSessionOutcomeInput!) { recordSessionOutcome(input: $input) { id } }`,
    variables: () => ({ input: { sessionId: fx.S1, outcome: 'ADJOURNED', minutes: '改期' } }),
  },
  confirmAgreement: { query: `mutation($s: ID!) { confirmAgreement(sessionId: $s, note: "确认") { id } }`, variables: () => ({ s: fx.S1 }) },
  markTermPerformed: { query: `mutation($input: MarkTermPerformedInput!) { markTermPerformed(input: $input) { id } }`, variables: () => ({ input: { termId: fx.T1 } }) },
  recordFollowUp: {
    query: `mutation($input: RecordFollowUpInput!) { recordFollowUp(input: $input) { id } }`,
    variables: () => ({ input: { matterId: fx.M, agreementFulfilled: true, satisfaction: 5 } }),
  },
  recordElevatorConsent: {
    query: `mutation($input: RecordElevatorConsentInput!) { recordElevatorConsent(input: $input) { id } }`,
    variables: () => ({ input: { matterId: fx.M, unit: `${next()}`.slice(-6), floor: 3, ownerName: '住户', area: '88.50', vote: 'AGREE' } }),
  },
  setElevatorRegister: {
    // Leaves out unit 1-1-101, which has a vote (beforeAll): BAD_USER_INPUT after the policy, M's register stays.
    query: `mutation($input: SetElevatorRegisterInput!) { setElevatorRegister(input: $input) { id } }`,
    variables: () => ({ input: { matterId: fx.M, units: [{ unit: '9-9-909', floor: 9, area: '90.00', ownerName: '住户' }] } }),
  },
  createCommunityActivity: {
    query: `mutation($input: CreateCommunityActivityInput!) { createCommunityActivity(input: $input) { id } }`,
    variables: () => ({ input: { communityId: fx.communityA, kind: 'PUBLICITY', title: '普法宣传', heldAt: inFuture(7), venue: '广场' } }),
  },
  updateCommunityActivity: {
    query: `mutation($input: UpdateCommunityActivityInput!) { updateCommunityActivity(input: $input) { id } }`,
    variables: () => ({ input: { activityId: fx.A1, venue: '八角凉亭' } }),
  },
  recordCommunityActivity: {
    query: `mutation($input: RecordCommunityActivityInput!) { recordCommunityActivity(input: $input) { id } }`,
    variables: () => ({ input: { activityId: fx.A1, attendance: 12, minutes: '议定事项' } }),
  },
  createCommunity: {
    query: `mutation($input: CreateCommunityInput!) { createCommunity(input: $input) { id } }`,
    variables: () => ({ input: { code: `M${next()}`.toUpperCase().slice(0, 8), name: `矩阵社区${next()}` } }),
  },
  updateCommunity: { query: `mutation($input: UpdateCommunityInput!) { updateCommunity(input: $input) { id } }`, variables: () => ({ input: { id: fx.dummyCommunity, district: '测试区' } }) },
  createOrganization: {
    query: `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
    variables: () => ({ input: { kind: 'LAW_FIRM', name: `矩阵律所${next()}`, servedCommunityIds: [fx.dummyCommunity] } }),
  },
  updateOrganization: { query: `mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { id } }`, variables: () => ({ input: { id: fx.dummyOrg, name: `矩阵派出所${next()}` } }) },
  createUser: {
    query: `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    variables: () => ({ input: { username: `matrix${next()}`, displayName: '矩阵用户', password: TEST_PASSWORD, role: 'GRID_WORKER', organizationId: fx.communityOrgA } }),
  },
  setUserActive: { query: `mutation($u: ID!) { setUserActive(userId: $u, active: true) { id } }`, variables: () => ({ u: fx.dummyUser }) },
  resetUserPassword: { query: `mutation($u: ID!, $p: String!) { resetUserPassword(userId: $u, password: $p) { id } }`, variables: () => ({ u: fx.dummyUser, p: TEST_PASSWORD }) },
  saveRoutingRule: { query: `mutation($input: SaveRoutingRuleInput!) { saveRoutingRule(input: $input) { id } }`, variables: () => ({ input: { category: 'LABOR', organizationKinds: ['LAW_FIRM'] } }) },
  deleteRoutingRule: {
    query: `mutation($id: ID!) { deleteRoutingRule(id: $id) }`,
    // A rule of its own for each cell, so that the allowed delete something real.
    variables: async () => {
      const rule = await new RoutingRulesService(world.ctx(users.admin!)).save({ category: 'LABOR' as never, organizationKinds: [OrganizationKind.LAW_FIRM] });
      return { id: rule.id };
    },
  },
  // The dummy user (not fx.mfa, whose two-factor sign-in verifyLoginMfa needs).
  resetUserTwoFactor: { query: `mutation($u: ID!) { resetUserTwoFactor(userId: $u) { id } }`, variables: () => ({ u: fx.dummyUser }) },

  // 账号安全. None of these may end the session the actor's socket shares with its HTTP token.
  verifyLoginMfa: {
    // Meant for callers without a session: the challenge (from fx.mfa's password step) is the
    // credential, so anyone holding one gets fx.mfa's session — a token, answered with a recovery code.
    query: `mutation($ch: String!, $c: String!) { verifyLoginMfa(challenge: $ch, code: $c) { token } }`,
    variables: async () => {
      const em = orm.em.fork();
      const totp = new TotpService(em, world.services.config, world.services.clock);
      if (mfaRecoveryCodes.length < 2) mfaRecoveryCodes = await totp.regenerateRecoveryCodes(fx.mfa.viewer, mfaRecoveryCodes.pop()!);
      const { challenge } = await totp.challenge(await em.findOneOrFail(User, fx.mfa.user.id), {});
      return { ch: challenge, c: mfaRecoveryCodes.pop()! };
    },
    classify: (d) => ((d.verifyLoginMfa as { token: string | null }).token ? 'ok' : '∅'),
  },
  // Only a pending secret (2FA stays off until confirmed); the next call replaces it.
  beginTotpEnrolment: { query: `mutation { beginTotpEnrolment { otpauthUri } }` },
  // Not six digits: BAD_USER_INPUT after the sign-in check — no actor ever turns 2FA on.
  confirmTotpEnrolment: { query: `mutation { confirmTotpEnrolment(code: "not-a-code") { recoveryCodes } }` },
  // Actors have no 2FA: CONFLICT (NOT_ENROLLED) after the sign-in check.
  regenerateRecoveryCodes: { query: `mutation { regenerateRecoveryCodes(code: "000000") { recoveryCodes } }` },
  // CONFLICT (NOT_ENROLLED). FORBIDDEN for a role in MFA_REQUIRED_ROLES (production: ADMIN, AGENCY_LEAD); none in tests.
  disableTotp: { query: `mutation { disableTotp(code: "000000") }` },
  // The right current password, the same as the new one: BAD_USER_INPUT (SAME_AS_CURRENT) after
  // the password check — the password stays, and no other session is signed out.
  changeMyPassword: {
    query: `mutation($p: String!) { changeMyPassword(currentPassword: $p, newPassword: $p) }`,
    variables: () => ({ p: TEST_PASSWORD }),
  },
  // A spare session of the actor's own, opened for the cell (anonymous: any id).
  revokeMySession: { query: `mutation($id: ID!) { revokeMySession(id: $id) }`, variables: async (actor) => ({ id: users[actor] ? await spareSession(users[actor]!) : randomUUID() }) },
  // Someone else's session (coord's spare one): NOT_FOUND, as for an id that does not exist — admins too.
  'revokeMySession:coord': { query: `mutation($id: ID!) { revokeMySession(id: $id) }`, variables: async () => ({ id: await spareSession(users.coord!) }) },
  // keepCurrent: the session of the request stays — the same session as the actor's socket.
  signOutEverywhere: { query: `mutation { signOutEverywhere(keepCurrent: true) }` },
};

/** A new session of `actor` (as another device's login would be); its id. */
async function spareSession(actor: Actor): Promise<string> {
  const em = orm.em.fork();
  const { token } = await new AuthService(em, world.services.config, world.services.clock).startSession(await em.findOneOrFail(User, actor.user.id));
  return (await em.findOneOrFail(AuthSession, { tokenHash: hashToken(token) })).id;
}

// ─── Transports ─────────────────────────────────────────────────────────────────────────────────

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: { code?: string } }[];
  /** The socket was refused or closed (graphql-ws 4403: no or no longer a valid session). */
  closed?: number;
}

function wsClient(token: string | undefined): Client {
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authToken: token } : {},
    lazy: true,
    // The socket stays open between operations (a console's does): a revoked session must be
    // refused on the socket it already has, not only when it reconnects.
    lazyCloseTimeout: 600_000,
    retryAttempts: 0,
  });
  onDispose(() => client.dispose());
  return client;
}

/** One operation over the socket, to its end (queries and mutations). */
function overSocket(client: Client, query: string, variables: Record<string, unknown>): Promise<Answer> {
  return new Promise((resolve) => {
    let answer: Answer = {};
    client.subscribe(
      { query, variables },
      {
        next: (r) => (answer = r as Answer),
        error: (err) => {
          if (Array.isArray(err)) resolve({ errors: err as Answer['errors'] });
          else resolve({ closed: (err as { code?: number }).code ?? -1 });
        },
        complete: () => resolve(answer),
      },
    );
  });
}

const DENIALS: Record<string, Outcome> = { UNAUTHENTICATED: 'U', FORBIDDEN: 'F', NOT_FOUND: 'N' };

async function outcomeOf(op: Op, a: Answer): Promise<{ outcome: Outcome; detail: string }> {
  if (a.closed !== undefined) return { outcome: a.closed === 4403 ? 'U' : ('closed' as Outcome), detail: `socket closed ${a.closed}` };
  const codes = (a.errors ?? []).map((e) => e.extensions?.code ?? 'none');
  const denial = codes.map((c) => DENIALS[c]).find(Boolean);
  if (denial) return { outcome: denial, detail: codes.join(',') };
  if (codes.length && (!a.data || Object.values(a.data).every((v) => v === null))) {
    // Refused for another reason (CONFLICT, BAD_USER_INPUT, TOO_MANY_REQUESTS): the policy let it through.
    if (codes.some((c) => ['CONFLICT', 'BAD_USER_INPUT', 'TOO_MANY_REQUESTS'].includes(c))) return { outcome: 'ok', detail: codes.join(',') };
    return { outcome: 'internal' as Outcome, detail: JSON.stringify(a.errors) };
  }
  return { outcome: op.classify && a.data ? await op.classify(a.data) : 'ok', detail: codes.join(',') };
}

// ─── The test ───────────────────────────────────────────────────────────────────────────────────

const { columns, rows } = parseMatrix(MATRIX);
const HTTP_COLUMNS = columns.filter((c) => !c.endsWith('~'));
const WS_COLUMNS = columns.filter((c) => c !== 'anon' && c !== 'rev');
const actorOf = (c: Column): ActorKey => c.replace('~', '') as ActorKey;

describe('the permission matrix', () => {
  it('has a row for every root field, mutation and subscription of schema/schema.graphql', () => {
    const schema = buildSchema(fs.readFileSync(path.resolve(__dirname, '../../../schema/schema.graphql'), 'utf8'));
    const fieldsOf = (t: GraphQLObjectType | null | undefined) => Object.keys(t?.getFields() ?? {});
    const ops = [...rows.keys()].map((op) => op.split(':')[0]);
    const missing = [...fieldsOf(schema.getQueryType()), ...fieldsOf(schema.getMutationType()), ...fieldsOf(schema.getSubscriptionType())].filter((f) => !ops.includes(f));
    expect(missing, 'root fields without a row in the permission matrix').toEqual([]);
    const exportFormats = schema.getType('ExportFormat') as unknown as { getValues(): { name: string }[] };
    for (const format of exportFormats.getValues().map((v) => v.name)) {
      expect(rows.has(`exportMatters:${format}`) && rows.has(`exportCommunityStats:${format}`), `export format ${format}`).toBe(true);
    }
    for (const op of rows.keys()) if (!op.includes(':') || op.startsWith('export') || op.startsWith('print')) expect(OPS[op] ?? SUBSCRIPTION_ROWS.includes(op), `a document for ${op}`).toBeTruthy();
  });

  it('answers each (actor, operation, transport) as the table says', async () => {
    const failures: string[] = [];
    let cells = 0;
    const check = (op: string, column: Column, transport: Transport, got: { outcome: Outcome; detail: string }) => {
      cells++;
      const want = rows.get(op)!.get(column);
      if (got.outcome !== want) failures.push(`${op} × ${column} over ${transport}: expected ${want}, got ${got.outcome} (${got.detail})`);
    };

    // Sockets: one per actor, opened while every session is valid; then rev's session ends.
    const sockets = new Map<Column, Client>();
    for (const c of WS_COLUMNS) sockets.set(c, wsClient(c === 'anon~' ? undefined : tokens[actorOf(c)] ?? undefined));
    const revToken = await login(users.rev!.user.username);
    const revSocket = wsClient(revToken);
    sockets.set('rev~', revSocket);
    expect((await overSocket(revSocket, `{ me { id } }`, {})).data?.me).toBeTruthy();
    await post(`mutation { logout }`, {}, revToken);

    const subscriptionCells = await runSubscriptions(sockets);
    for (const [op, column, got] of subscriptionCells) check(op, column, 'ws', got);

    for (const op of rows.keys()) {
      const spec = OPS[op];
      if (!spec) continue;
      for (const transport of ['http', 'ws'] as const) {
        for (const column of transport === 'http' ? HTTP_COLUMNS : WS_COLUMNS) {
          const actor = actorOf(column);
          const variables = (await spec.variables?.(actor)) ?? {};
          let answer: Answer;
          const fresh = spec.freshSession && users[actor] && actor !== 'rev' ? await login(users[actor]!.user.username) : null;
          if (transport === 'http') {
            answer = await post(spec.query, variables, fresh ?? tokens[actor]);
          } else {
            answer = await overSocket(fresh ? wsClient(fresh) : sockets.get(column)!, spec.query, variables);
            // Logging out over a socket revokes its own session, which closes that socket with
            // 4403 at once: the logout happened when the session is refused afterwards.
            if (fresh && answer.closed === 4403 && (await post<{ me: unknown }>(`{ me { id } }`, {}, fresh)).data?.me === null) answer = { data: { logout: true } };
          }
          check(op, column, transport, await outcomeOf(spec, answer));
        }
      }
    }
    console.log(`permission matrix: ${cells} (actor, operation, transport) cells checked, ${failures.length} differ from the table`);
    expect(failures).toEqual([]);
  }, 600_000);
});

// ─── Subscriptions ──────────────────────────────────────────────────────────────────────────────

const SUBSCRIPTION_ROWS = ['activity:live', 'activity:replay', 'invitationReceived'];

interface Pushed {
  cursor?: string;
  matterId?: string | null;
  masked?: boolean;
  error?: string;
}

/** A running subscription's messages, and a way to wait for one without sleeping. */
class Feed {
  readonly items: Pushed[] = [];
  private waiters: (() => void)[] = [];
  add(p: Pushed): void {
    this.items.push(p);
    for (const w of this.waiters.splice(0)) w();
  }
  async until(pred: (p: Pushed) => boolean, what: string): Promise<Pushed> {
    return within(20_000, (async () => {
      for (;;) {
        const hit = this.items.find(pred);
        if (hit) return hit;
        await new Promise<void>((r) => this.waiters.push(r));
      }
    })(), what);
  }
}

function subscribe(client: Client, query: string, pick: (data: Record<string, unknown>) => Pushed): Feed {
  const feed = new Feed();
  client.subscribe(
    { query },
    {
      next: (r) => {
        const code = r.errors?.[0]?.extensions?.code;
        feed.add(code ? { error: String(code) } : pick(r.data as Record<string, unknown>));
      },
      error: (err) => feed.add({ error: Array.isArray(err) ? String(err[0]?.extensions?.code) : `closed ${(err as { code?: number }).code}` }),
      complete: () => feed.add({ error: 'complete' }),
    },
  );
  return feed;
}

const ACTIVITY = (after: string | null) =>
  `subscription { activity${after ? `(after: "${after}")` : ''} { cursor matter { id parties { masked } } } }`;
const pickActivity = (d: Record<string, unknown>): Pushed => {
  const e = d.activity as { cursor: string; matter: { id: string; parties: { masked: boolean }[] } | null };
  return { cursor: e.cursor, matterId: e.matter?.id ?? null, masked: e.matter ? maskedOrOk(e.matter.parties) === 'm' : undefined };
};
const pickInvitation = (d: Record<string, unknown>): Pushed => {
  const i = d.invitationReceived as { request: { matter: { id: string } } };
  return { matterId: i.request.matter.id };
};

/** U for a refused subscription; else ok/m when the subject's event came before the fence, ∅ when not. */
function judge(items: Pushed[], fenceIndex: number, subject: string): { outcome: Outcome; detail: string } {
  const err = items.find((p) => p.error);
  if (err) return { outcome: err.error === 'UNAUTHENTICATED' || err.error === 'closed 4403' ? 'U' : (err.error as Outcome), detail: err.error! };
  const seen = items.slice(0, fenceIndex).filter((p) => p.matterId === subject);
  if (!seen.length) return { outcome: '∅', detail: `${fenceIndex} pushed before the fence` };
  return { outcome: seen.every((p) => p.masked) ? 'm' : 'ok', detail: `${seen.length} of the subject` };
}

/**
 * Live: every socket subscribes to `activity` and `invitationReceived`; then an opinion is added
 * to M and matter MI is convened to the judicial office and the law firm; then the fences: a
 * matter convened to all five agencies of A, and one reported in the other community. Each
 * actor reads its feed up to the first fence it can see; an actor who can see no fence (AUDITOR)
 * is read after everyone else's fence and one more round trip on its socket.
 * Replay: `activity(after: "0")` up to the fence it saw live.
 */
async function runSubscriptions(sockets: Map<Column, Client>): Promise<[string, Column, { outcome: Outcome; detail: string }][]> {
  const out: [string, Column, { outcome: Outcome; detail: string }][] = [];
  const live = new Map<Column, Feed>();
  const invites = new Map<Column, Feed>();
  for (const [c, client] of sockets) {
    live.set(c, subscribe(client, ACTIVITY(null), pickActivity));
    invites.set(c, subscribe(client, `subscription { invitationReceived { request { matter { id } } } }`, pickInvitation));
  }
  // Subscribed once the socket answers an operation after them (the subscribe messages went first).
  for (const [c, client] of sockets) if (!c.startsWith('anon') && !c.startsWith('rev')) await overSocket(client, `{ me { id } }`, {});

  await new OpinionService(world.ctx(world.coordinator)).add({ matterId: fx.M, body: '矩阵：实时推送' });
  const mi = await buildConvenedMatter(orm, { world, kinds: [OrganizationKind.JUDICIAL_OFFICE, OrganizationKind.LAW_FIRM] });
  const fenceA = await buildMatter(orm, { world });
  await assess(world, fenceA.matter);
  await new MediationService(world.ctx(world.coordinator)).request({
    matterId: fenceA.matter.id,
    organizationIds: Object.values(world.agencies).map((a) => a.organization.id),
    message: '矩阵：栅栏',
    respondBy: new Date(world.services.clock.now().getTime() + 3 * 86_400_000),
  });
  const fenceB = await buildMatter(orm, { world, reporter: users.other! });

  const fenceCursor = new Map<Column, string>();
  for (const [c, feed] of live) {
    if (c.startsWith('anon') || c.startsWith('rev')) {
      // Refused (an error in the feed), or else read after a round trip on the socket.
      await overSocket(sockets.get(c)!, `{ me { id } }`, {});
      out.push(['activity:live', c, judge(feed.items, feed.items.length, fx.M)]);
      continue;
    }
    if (c === 'audit') continue;
    const fence = await feed.until((p) => !!p.error || p.matterId === fenceA.matter.id || p.matterId === fenceB.matter.id, `${c}: its fence`);
    fenceCursor.set(c, fence.cursor ?? '');
    out.push(['activity:live', c, judge(feed.items, feed.items.indexOf(fence), fx.M)]);
  }
  for (const [c, feed] of invites) {
    if (c.startsWith('anon') || c.startsWith('rev')) {
      await overSocket(sockets.get(c)!, `{ me { id } }`, {});
      out.push(['invitationReceived', c, judge(feed.items, feed.items.length, mi.matter.id)]);
      continue;
    }
    const agency = ['lead', 'staff', 'pend', 'uninv'].includes(c);
    // Agencies are all invited to the fence; the others never get a push: their activity fence
    // and a round trip on the socket stand for it.
    const fence = agency ? await feed.until((p) => !!p.error || p.matterId === fenceA.matter.id, `${c}: its invitation fence`) : null;
    if (!agency) await overSocket(sockets.get(c)!, `{ me { id } }`, {});
    out.push(['invitationReceived', c, judge(feed.items, fence ? feed.items.indexOf(fence) : feed.items.length, mi.matter.id)]);
  }
  await overSocket(sockets.get('audit')!, `{ me { id } }`, {});
  out.push(['activity:live', 'audit', judge(live.get('audit')!.items, live.get('audit')!.items.length, fx.M)]);

  for (const [c, client] of sockets) {
    const feed = subscribe(client, ACTIVITY('0'), pickActivity);
    if (c.startsWith('anon') || c.startsWith('rev') || c === 'audit') {
      await overSocket(client, `{ me { id } }`, {});
      out.push(['activity:replay', c, judge(feed.items, feed.items.length, fx.M)]);
      continue;
    }
    const cursor = fenceCursor.get(c)!;
    const fence = await feed.until((p) => !!p.error || p.cursor === cursor, `${c}: replay up to its fence`);
    out.push(['activity:replay', c, judge(feed.items, feed.items.indexOf(fence), fx.M)]);
  }
  return out;
}
