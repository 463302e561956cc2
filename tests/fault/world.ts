import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { gql, gqlOk, login, type GqlResponse, type LoggedIn } from '../support/graphql.js';
import { ROOT, TEST_PII_KEYS } from '../support/server.js';

// What the fault tests share: a small world built through the api's own ways in (the
// create-admin script, then ADMIN mutations) instead of the demo seed, which takes minutes
// to tell its history on this machine; polling with deadlines; and the operations used.

// Passwords that pass the policy (not containing the username, PASSWORD_MIN_LENGTH or more).
const ADMIN = { username: 'fault-admin', password: 'kept safe by the operator 1' };
const COORDINATOR = { username: 'fault-coordinator', password: 'kept safe by the coordinator 1' };

export interface ActivityEvent {
  cursor: string;
  type: string;
  matterId: string | null;
}

export const ACTIVITY = /* GraphQL */ `
  subscription($after: String) { activity(after: $after) { cursor type matterId } }
`;
export const REPORT = /* GraphQL */ `
  mutation($input: ReportMatterInput!) { reportMatter(input: $input) { id reference status parties { name } } }
`;

export interface ReportedMatter {
  id: string;
  reference: string;
  status: string;
  parties: { name: string }[];
}

export function matterInput(title: string) {
  return {
    title,
    description: '楼上漏水殃及楼下，双方就维修费用分担协商未果。',
    kind: 'DISPUTE',
    category: 'NEIGHBOR',
    channel: 'TALK_HALL',
    location: '昌盛小区 3号楼',
    amountInDispute: '3200.00',
    parties: [
      { name: '王建国', role: 'APPLICANT', phone: '13893711111' },
      { name: '李秀兰', role: 'RESPONDENT', phone: '13993722222' },
    ],
  };
}

export async function reportMatter(url: string, who: LoggedIn, title: string): Promise<ReportedMatter> {
  const data = await gqlOk<{ reportMatter: ReportedMatter }>(url, REPORT, { input: matterInput(title) }, who.token);
  return data.reportMatter;
}

export function tryReportMatter(url: string, who: LoggedIn, title: string): Promise<GqlResponse<{ reportMatter: ReportedMatter }>> {
  return gql<{ reportMatter: ReportedMatter }>(url, REPORT, { input: matterInput(title) }, who.token);
}

/** The first admin, its community and community organization, written by `create-admin` as an operator would. */
export async function createAdmin(databaseUrl: string): Promise<void> {
  const script = path.join(ROOT, 'api', 'dist', 'scripts', 'create-admin.js');
  const args = [script, '--username', ADMIN.username, '--password', ADMIN.password, '--community-name', '昌盛社区', '--community-code', 'CS'];
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', NODE_ENV: 'production', PII_KEYS: TEST_PII_KEYS };
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: path.join(ROOT, 'api'), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`create-admin failed (${code}):\n${out}`))));
  });
}

export interface Community {
  admin: LoggedIn;
  coordinator: LoggedIn;
  communityId: string;
}

/** Signs the admin in and creates the community's coordinator (社区协调员), whose console the tests watch. */
export async function setUpCommunity(url: string): Promise<Community> {
  const admin = await login(url, ADMIN.username, ADMIN.password);
  const orgs = await gqlOk<{ organizations: { id: string; community: { id: string } | null }[] }>(
    url,
    `query { organizations(kind: COMMUNITY) { id community { id } } }`,
    {},
    admin.token,
  );
  const org = orgs.organizations.find((o) => o.id === admin.user.organization.id)!;
  await gqlOk(
    url,
    `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    { input: { ...COORDINATOR, displayName: '张协调', role: 'COORDINATOR', organizationId: org.id } },
    admin.token,
  );
  const coordinator = await login(url, COORDINATOR.username, COORDINATOR.password);
  return { admin, coordinator, communityId: org.community!.id };
}

/** Signs the coordinator in again (e.g. on another api instance: sessions live in the database). */
export const loginCoordinator = (url: string) => login(url, COORDINATOR.username, COORDINATOR.password);

/**
 * Polls `probe` until it returns something other than undefined/false, failing after `timeoutMs`
 * with the last error. For states of other processes that send no event (a server restarting).
 */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = undefined;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export async function readyz(url: string): Promise<number> {
  const res = await fetch(`${url}/readyz`);
  await res.text();
  return res.status;
}

/** One connection to the database, outside the api (the test's own view of the truth). */
export async function connect(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  // A restarted server ends this connection; the test notices on its next query, not as a crash.
  client.on('error', () => {});
  await client.connect();
  return client;
}

export async function scalar<T = string>(db: pg.Client, sql: string, params: unknown[] = []): Promise<T> {
  const r = await db.query(sql, params);
  return Object.values(r.rows[0] as Record<string, unknown>)[0] as T;
}

/** Cursors of the events the community's coordinator may see after `after`, from the table. */
export async function communityCursors(db: pg.Client, communityId: string, after: string): Promise<string[]> {
  const r = await db.query<{ id: string }>('select id from event where community_id = $1 and id > $2 order by id', [communityId, after]);
  return r.rows.map((row) => String(row.id));
}
