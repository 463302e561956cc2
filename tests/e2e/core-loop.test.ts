import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { codes, gql, gqlOk, login, openConsole, type Console, type Feed, type LoggedIn } from '../support/graphql.js';
import { startApi, type StartedApi } from '../support/server.js';

// The core loop over real HTTP and real WebSockets against the built api: the coordinator
// reports and assesses an elevator matter and convenes the judicial office and the law firm;
// exactly those two consoles get the push, the three other agencies get nothing and cannot read
// the matter; answers update the request; a console that reconnects with `after:` gets exactly
// what it missed.

const AGENCIES = ['court', 'procuratorate', 'police', 'lawfirm', 'judicial'] as const;
type Agency = (typeof AGENCIES)[number];
const INVITED: Agency[] = ['judicial', 'lawfirm'];
const NOT_INVITED: Agency[] = ['court', 'procuratorate', 'police'];
const DAY = 86_400_000;

interface Invitation {
  id: string;
  status: string;
  organization: { id: string; kind: string };
  request: { id: string; message: string; matter: { id: string; reference: string; title: string } };
}
interface ActivityEvent {
  cursor: string;
  type: string;
  matterId: string | null;
  matter: { id: string } | null;
}

const INVITATION_RECEIVED = /* GraphQL */ `
  subscription { invitationReceived { id status organization { id kind } request { id message matter { id reference title } } } }
`;
const ACTIVITY = /* GraphQL */ `
  subscription($after: String) { activity(after: $after) { cursor type matterId matter { id } } }
`;
const REPORT = /* GraphQL */ `
  mutation($input: ReportMatterInput!) { reportMatter(input: $input) { id reference status } }
`;
const ASSESS = /* GraphQL */ `
  mutation($input: AssessMatterInput!) {
    assessMatter(input: $input) { id status assessment { suggestedOrganizations { id kind } } }
  }
`;
const CONVENE = /* GraphQL */ `
  mutation($input: RequestJointMediationInput!) { requestJointMediation(input: $input) { id invitations { id organization { kind } } } }
`;
const RESPOND = /* GraphQL */ `
  mutation($input: RespondToInvitationInput!) { respondToInvitation(input: $input) { id status note } }
`;
const TIMELINE = /* GraphQL */ `query($id: ID!) { matter(id: $id) { timeline { cursor type } } }`;

describe('core loop over HTTP and WebSocket', () => {
  let api: StartedApi;
  let coordinator: LoggedIn;
  const agency = {} as Record<Agency, LoggedIn>;
  const consoles: Console[] = [];
  const pushes = {} as Record<Agency, Feed<Invitation>>;
  let coordinatorActivity: Feed<ActivityEvent>;
  let judicialActivity: Feed<ActivityEvent>;
  let judicialConsole: Console;
  let matterId: string;
  let invitationOf: Record<string, Invitation>;

  const as = (who: LoggedIn) => (query: string, variables?: Record<string, unknown>) => gqlOk<Record<string, unknown>>(api.url, query, variables, who.token);
  const open = (who: LoggedIn) => {
    const c = openConsole(api.wsUrl, who.token);
    consoles.push(c);
    return c;
  };
  const reportAndAssess = async (title: string, category = 'ELEVATOR_INSTALLATION') => {
    const { reportMatter } = (await as(coordinator)(REPORT, {
      input: {
        title,
        description: '2号楼多数住户希望加装电梯，一楼、二楼住户担心采光和噪音。',
        kind: 'DEMAND',
        category,
        channel: 'GRID_PATROL',
        location: '昌盛小区 2号楼',
        householdsAffected: 18,
        parties: [
          { name: '马德明', role: 'APPLICANT', phone: '13893712345', idNumber: '620201196503121234' },
          { name: '杨桂英', role: 'RESPONDENT', phone: '13993754321' },
        ],
      },
    })) as { reportMatter: { id: string } };
    const { assessMatter } = (await as(coordinator)(ASSESS, {
      input: { matterId: reportMatter.id, riskLevel: 'HIGH', summary: '涉及18户，需依据《民法典》第278条释法。' },
    })) as { assessMatter: { status: string; assessment: { suggestedOrganizations: { id: string; kind: string }[] } } };
    return { id: reportMatter.id, assessment: assessMatter };
  };
  const convene = (id: string, who: Agency[], message = '请参与2号楼加装电梯联合调解') =>
    as(coordinator)(CONVENE, {
      input: { matterId: id, organizationIds: who.map((a) => agency[a].user.organization.id), message, respondBy: new Date(Date.now() + 3 * DAY).toISOString() },
    });

  beforeAll(async () => {
    api = await startApi();
    coordinator = await login(api.url, 'coordinator');
    for (const a of AGENCIES) agency[a] = await login(api.url, a);
    for (const a of AGENCIES) {
      const c = open(agency[a]);
      if (a === 'judicial') judicialConsole = c;
      pushes[a] = c.subscribe<Invitation>(INVITATION_RECEIVED);
    }
    // The judicial console also follows its activity stream from the start ("0": replay, then live).
    judicialActivity = judicialConsole.subscribe<ActivityEvent>(ACTIVITY, { after: '0' });
    coordinatorActivity = open(coordinator).subscribe<ActivityEvent>(ACTIVITY, {});
    await Promise.all(consoles.map((c) => c.connected));

    // Positive control: convene all five on a warm-up matter until every console has had a push,
    // which shows each invitationReceived subscription is live before the real test starts.
    for (let attempt = 1; ; attempt++) {
      const warm = await reportAndAssess(`预热事项 ${attempt}`, 'NEIGHBOR');
      await convene(warm.id, [...AGENCIES], '预热');
      try {
        await Promise.all(AGENCIES.map((a) => pushes[a].waitFor((i) => i.request.matter.id === warm.id, 5_000, `${a}: warm-up push`)));
        break;
      } catch (e) {
        if (attempt >= 3) throw e;
      }
    }
    for (const a of AGENCIES) pushes[a].received.splice(0);
  }, 240_000);

  afterAll(async () => {
    for (const c of consoles) await c.dispose().catch(() => {});
    await api?.stop();
  }, 60_000);

  it('refuses HTTP without a token and an unauthenticated WebSocket', async () => {
    const r = await gql(api.url, `query { matters { totalCount } }`);
    expect(codes(r)).toEqual(['UNAUTHENTICATED']);
    const anonymous = openConsole(api.wsUrl, null);
    const feed = anonymous.subscribe(INVITATION_RECEIVED);
    expect(await anonymous.closed).toBe(4403);
    expect(feed.received).toEqual([]);
    const forged = openConsole(api.wsUrl, 'not-a-real-token');
    expect(await forged.closed).toBe(4403);
    await anonymous.dispose();
    await forged.dispose();
  });

  it('reports an elevator matter and the routing rules suggest the judicial office and a law firm', async () => {
    const m = await reportAndAssess('昌盛小区2号楼加装电梯意见分歧');
    matterId = m.id;
    expect(m.assessment.status).toBe('ASSESSING');
    const kinds = m.assessment.assessment.suggestedOrganizations.map((o) => o.kind);
    expect(kinds).toEqual(expect.arrayContaining(['JUDICIAL_OFFICE', 'LAW_FIRM']));
    const ids = m.assessment.assessment.suggestedOrganizations.map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining([agency.judicial.user.organization.id, agency.lawfirm.user.organization.id]));
    // The coordinator's console saw both changes live.
    await coordinatorActivity.waitFor((e) => e.matterId === matterId && e.type === 'MATTER_ASSESSED', 10_000, 'assessment on the coordinator console');
  });

  it('pushes the request to exactly the judicial office and the law firm', async () => {
    await convene(matterId, INVITED);
    invitationOf = {};
    for (const a of INVITED) {
      const inv = await pushes[a].waitFor((i) => i.request.matter.id === matterId, 10_000, `${a}: invitation push`);
      expect(inv.status).toBe('PENDING');
      expect(inv.organization.id).toBe(agency[a].user.organization.id);
      expect(inv.request.matter.title).toBe('昌盛小区2号楼加装电梯意见分歧');
      invitationOf[a] = inv;
    }
    // Control: a later request to the three others. Streams deliver in cursor order, so once each
    // of them has this one, it has already been passed (and filtered) the elevator request.
    const control = await reportAndAssess('对照事项：楼道堆物', 'NEIGHBOR');
    await convene(control.id, NOT_INVITED, '对照');
    for (const a of NOT_INVITED) {
      await pushes[a].waitFor((i) => i.request.matter.id === control.id, 10_000, `${a}: control push`);
      expect(pushes[a].received.map((i) => i.request.matter.id), a).toEqual([control.id]);
    }
    for (const a of INVITED) expect(pushes[a].received.map((i) => i.request.matter.id), a).toEqual([matterId]);
  });

  it('keeps the matter from the three agencies that were not invited', async () => {
    for (const a of NOT_INVITED) {
      const read = await gql(api.url, `query($id: ID!) { matter(id: $id) { id title } }`, { id: matterId }, agency[a].token);
      expect(codes(read), a).toEqual(['NOT_FOUND']);
      expect(read.data?.matter ?? null).toBeNull();
      const list = await gqlOk<{ matters: { edges: { node: { id: string } }[] } }>(api.url, `query { matters(first: 100) { edges { node { id } } } }`, {}, agency[a].token);
      expect(list.matters.edges.map((e) => e.node.id), a).not.toContain(matterId);
      const mine = await gqlOk<{ myInvitations: { request: { matter: { id: string } } }[] }>(api.url, `query { myInvitations { request { matter { id } } } }`, {}, agency[a].token);
      expect(mine.myInvitations.map((i) => i.request.matter.id), a).not.toContain(matterId);
    }
    // The invited ones can read it, with phone and ID numbers masked until they accept.
    const seen = await gqlOk<{ matter: { parties: { phone: string; idNumber: string | null }[] } }>(
      api.url,
      `query($id: ID!) { matter(id: $id) { parties { phone idNumber } } }`,
      { id: matterId },
      agency.judicial.token,
    );
    expect(seen.matter.parties[0]).toEqual({ phone: '138****2345', idNumber: '6202**********1234' });
  });

  it('updates the request with the answers: the judicial office accepts, the law firm declines with a reason', async () => {
    const accepted = await as(agency.judicial)(RESPOND, { input: { invitationId: invitationOf.judicial.id, accept: true, note: '孙所长参加' } });
    expect(accepted.respondToInvitation).toEqual(expect.objectContaining({ status: 'ACCEPTED' }));
    const declined = await as(agency.lawfirm)(RESPOND, { input: { invitationId: invitationOf.lawfirm.id, accept: false, note: '本所律师与一方当事人存在利益冲突' } });
    expect(declined.respondToInvitation).toEqual(expect.objectContaining({ status: 'DECLINED', note: '本所律师与一方当事人存在利益冲突' }));
    // Answering twice, or another organization's invitation, is refused.
    const twice = await gql(api.url, RESPOND, { input: { invitationId: invitationOf.judicial.id, accept: false, note: '改主意' } }, agency.judicial.token);
    expect(codes(twice)).toEqual(['CONFLICT']);
    const foreign = await gql(api.url, RESPOND, { input: { invitationId: invitationOf.lawfirm.id, accept: true } }, agency.police.token);
    expect(codes(foreign)).toEqual(['NOT_FOUND']);

    const request = await gqlOk<{ matter: { status: string; jointRequests: { id: string; invitations: { status: string; note: string | null; organization: { kind: string } }[] }[] } }>(
      api.url,
      `query($id: ID!) { matter(id: $id) { status jointRequests { id invitations { status note organization { kind } } } } }`,
      { id: matterId },
      coordinator.token,
    );
    expect(request.matter.status).toBe('MEDIATING');
    const byKind = Object.fromEntries(request.matter.jointRequests[0].invitations.map((i) => [i.organization.kind, i]));
    expect(byKind.JUDICIAL_OFFICE).toEqual(expect.objectContaining({ status: 'ACCEPTED', note: '孙所长参加' }));
    expect(byKind.LAW_FIRM).toEqual(expect.objectContaining({ status: 'DECLINED', note: '本所律师与一方当事人存在利益冲突' }));
    await coordinatorActivity.waitFor((e) => e.matterId === matterId && e.type === 'INVITATION_DECLINED', 10_000, 'the decline on the coordinator console');

    // Once accepted, the judicial office reads the parties unmasked — and every read is audited.
    const open = await gqlOk<{ matter: { parties: { phone: string; idNumber: string | null }[] } }>(
      api.url,
      `query($id: ID!) { matter(id: $id) { parties { phone idNumber } } }`,
      { id: matterId },
      agency.judicial.token,
    );
    expect(open.matter.parties[0]).toEqual({ phone: '13893712345', idNumber: '620201196503121234' });
    const lawFirm = await gqlOk<{ matter: { parties: { phone: string }[] } }>(api.url, `query($id: ID!) { matter(id: $id) { parties { phone } } }`, { id: matterId }, agency.lawfirm.token);
    expect(lawFirm.matter.parties[0].phone).toBe('138****2345');
    if (api.databaseUrl) {
      const db = new pg.Client({ connectionString: api.databaseUrl });
      await db.connect();
      try {
        const { rows } = await db.query('select field from pii_access_log where user_id = $1 and matter_id = $2', [agency.judicial.user.id, matterId]);
        expect(rows.map((r) => r.field).sort()).toEqual(['idNumber', 'phone', 'phone']);
        const { rows: none } = await db.query('select 1 from pii_access_log where user_id = $1', [agency.lawfirm.user.id]);
        expect(none).toEqual([]);
      } finally {
        await db.end();
      }
    }
  });

  it('gives a console that reconnects with after: exactly the events it missed', async () => {
    // What the judicial console has so far: its replay from "0" and the live events since.
    const accepted = await judicialActivity.waitFor((e) => e.matterId === matterId && e.type === 'INVITATION_ACCEPTED', 10_000, 'own acceptance');
    const timelineNow = await gqlOk<{ matter: { timeline: { cursor: string }[] } }>(api.url, TIMELINE, { id: matterId }, agency.judicial.token);
    const lastOfMatter = timelineNow.matter.timeline.at(-1)!.cursor;
    await judicialActivity.waitFor((e) => e.cursor === lastOfMatter, 10_000, 'the latest event of the matter');
    const seen = judicialActivity.received.map((e) => e.cursor);
    expect(new Set(seen).size).toBe(seen.length); // no duplicates in replay + live
    expect(seen).toEqual([...seen].sort((a, b) => Number(a) - Number(b)));
    expect(seen).toContain(accepted.cursor);
    const last = seen.at(-1)!;

    // Disconnect, and while it is away: a session is scheduled and its outcome recorded (visible
    // to the judicial office), and another matter is reported (not visible to it).
    await judicialConsole.dispose();
    const coord = as(coordinator);
    const { scheduleJointSession } = (await coord(
      `mutation($input: ScheduleJointSessionInput!) { scheduleJointSession(input: $input) { id } }`,
      { input: { matterId, startsAt: new Date(Date.now() + 2 * DAY).toISOString(), venue: '八角凉亭', organizationIds: [agency.judicial.user.organization.id], agenda: '解读第278条' } },
    )) as { scheduleJointSession: { id: string } };
    await coord(`mutation($input: RecordSessionOutcomeInput!) { recordSessionOutcome(input: $input) { id } }`, {
      input: { sessionId: scheduleJointSession.id, outcome: 'ADJOURNED', minutes: '低层住户补偿方案待核算，择期再议。' },
    });
    await reportAndAssess('路灯损坏', 'OTHER');

    // The table, as the coordinator's timeline of the matter shows it, after the last cursor.
    const coordTimeline = await gqlOk<{ matter: { timeline: { cursor: string; type: string }[] } }>(api.url, TIMELINE, { id: matterId }, coordinator.token);
    const missed = coordTimeline.matter.timeline.filter((e) => BigInt(e.cursor) > BigInt(last));
    expect(missed.map((e) => e.type)).toEqual(['SESSION_SCHEDULED', 'SESSION_OUTCOME_RECORDED']);
    // And as the judicial office may see it.
    const ownTimeline = await gqlOk<{ matter: { timeline: { cursor: string }[] } }>(api.url, TIMELINE, { id: matterId }, agency.judicial.token);
    expect(ownTimeline.matter.timeline.filter((e) => BigInt(e.cursor) > BigInt(last)).map((e) => e.cursor)).toEqual(missed.map((e) => e.cursor));

    const again = open(agency.judicial);
    const resumed = again.subscribe<ActivityEvent>(ACTIVITY, { after: last });
    await again.connected;
    const got = await resumed.waitForCount(missed.length, 10_000, 'the missed events');
    expect(got.map((e) => e.cursor)).toEqual(missed.map((e) => e.cursor));
    expect(got.every((e) => e.matter?.id === matterId)).toBe(true);
    // Then live, with nothing in between: the next change to the matter is the next message.
    await coord(`mutation($input: ChangeMatterStatusInput!) { changeMatterStatus(input: $input) { id } }`, {
      input: { matterId, status: 'ESCALATED', reason: '转诉讼' },
    });
    const live = await resumed.waitForCount(missed.length + 1, 10_000, 'the live event after the replay');
    expect(live.at(-1)!.type).toBe('MATTER_STATUS_CHANGED');
    expect(resumed.received).toHaveLength(missed.length + 1);
  });
});
