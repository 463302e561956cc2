import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { choose, convenedMatter, graphql, keepEvidenceOnFailure, launchChromium, login, screenshot, signIn, startApiUnderTest, waitLive, type Api } from './harness';
import { expectAccessible } from './axe';

// An agency's own work on a matter, in real browsers: the judicial office's lead accepts the
// invitation, assigns a colleague to it (指派承办人) and writes a legal opinion (意见); the
// coordinator's page shows both without a reload. Intake, assessment and convening are set up
// over the API (consoles.test.ts walks through them in the browser).

const TIMEOUT = 30_000;

/** A matter convened with the judicial office and the law firm, both invitations pending. */
function elevatorMatter(api: Api, title: string): Promise<{ id: string; reference: string }> {
  return convenedMatter(
    api,
    {
      title,
      description: '3号楼高层住户申请加装电梯，一楼住户担心采光和噪音，双方多次争执。',
      kind: 'DEMAND', category: 'ELEVATOR_INSTALLATION', channel: 'TALK_HALL', location: '昌盛小区 3号楼', householdsAffected: 12,
    },
    { summary: '需释法说理，建议司法所、律师联合调解。' },
    ['JUDICIAL_OFFICE', 'LAW_FIRM'],
    '请参加3号楼加装电梯联合调解',
  );
}

/** A second member of the judicial office, made by the platform admin, for the lead to assign. */
async function judicialColleague(api: Api, displayName: string): Promise<void> {
  const admin = await login(api, 'admin');
  const { organizations } = await graphql<{ organizations: { id: string; kind: string }[] }>(api, admin, '{ organizations(kind: JUDICIAL_OFFICE) { id kind } }');
  await graphql(api, admin, `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
    input: {
      username: `judicial-staff-${Date.now().toString(36)}`,
      displayName,
      role: 'AGENCY_STAFF',
      organizationId: organizations[0]!.id,
      password: 'staff-password-2026',
    },
  });
}

describe('an agency assigns a person and gives its opinion', () => {
  let api: Api;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  keepEvidenceOnFailure('agency-work', contexts);
  let coordinator: Page;
  let judicial: Page;
  let matter: { id: string; reference: string };
  let invitationId: string;
  const suffix = Date.now().toString(36);
  const colleague = `钱调解员${suffix}`;
  const opinion = `依据《民法典》第二百七十八条，加装电梯须经业主共同决定；建议对一楼住户给予适当补偿。${suffix}`;

  beforeAll(async () => {
    api = await startApiUnderTest();
    browser = await launchChromium();
    matter = await elevatorMatter(api, `3号楼加装电梯 ${suffix}`);
    await judicialColleague(api, colleague);
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close().catch(() => {});
    await api?.stop();
  }, 60_000);

  it('the judicial office lead accepts the invitation from the inbox', async () => {
    const [c, j] = await Promise.all([signIn(browser, api.url, 'coordinator'), signIn(browser, api.url, 'judicial')]);
    contexts.push(c.context, j.context);
    coordinator = c.page;
    judicial = j.page;
    await coordinator.goto(`/matters/${matter.id}`);
    await coordinator.getByTestId('matter-detail').waitFor();
    await waitLive(coordinator);
    // Nothing to show yet, and the coordinator has the form to add the community's own.
    await coordinator.locator('[data-testid="opinions"][data-count="0"]').waitFor();

    const item = judicial.getByTestId(`inbox-item-${matter.reference}`);
    await item.waitFor();
    invitationId = (await item.getAttribute('data-invitation-id'))!;
    await judicial.getByTestId(`accept-${invitationId}`).click();
    await judicial.locator(`[data-testid="inbox-item-${matter.reference}"][data-status="ACCEPTED"]`).waitFor();
    // Accepting makes the lead the assignee until they name someone else.
    await item.getByTestId('invitation-assignee').getByText('孙所长').waitFor();
  }, TIMEOUT);

  it('assigns a colleague (指派承办人) on the matter page, and the coordinator sees who, live', async () => {
    await judicial.getByTestId(`view-${invitationId}`).click();
    await judicial.getByTestId('matter-detail').waitFor();
    await waitLive(judicial);
    const own = judicial.locator('[data-testid="invitation-JUDICIAL_OFFICE"][data-status="ACCEPTED"]');
    await own.getByTestId('invitation-assignee').getByText('孙所长').waitFor();
    // Only the judicial office's own invitation can be assigned here.
    expect(await judicial.getByTestId(`assign-${invitationId}`).count()).toBe(1);
    expect(await judicial.locator('[data-testid="invitation-LAW_FIRM"] [data-testid^="assign-"]').count()).toBe(0);

    await choose(judicial, `assign-${invitationId}`, colleague);
    await own.getByTestId('invitation-assignee').getByText(colleague).waitFor();

    const coordinatorsView = coordinator.locator('[data-testid="invitation-JUDICIAL_OFFICE"]');
    await coordinatorsView.getByTestId('invitation-assignee').getByText(colleague).waitFor();
    await coordinator.locator('[data-testid="timeline-event"][data-type="INVITATION_ASSIGNED"]').getByText(colleague).waitFor();
    // The coordinator sees the assignee but does not assign for an agency.
    expect(await coordinator.locator('[data-testid^="assign-"]').count()).toBe(0);
  }, TIMEOUT);

  it('adds a legal opinion (意见) that the coordinator sees with its author and organization', async () => {
    const form = judicial.getByTestId('opinion-form');
    await form.waitFor();
    await judicial.getByTestId('opinion-submit').click();
    await judicial.getByText('请输入意见内容').waitFor();
    await judicial.getByTestId('opinion-body').fill(opinion);
    await judicial.getByTestId('opinion-submit').click();
    await judicial.locator('[data-testid="opinions"][data-count="1"]').waitFor();

    const cards = coordinator.locator('[data-testid="opinions"][data-count="1"]');
    await cards.waitFor();
    const item = cards.getByTestId('opinion');
    expect(await item.getAttribute('data-kind')).toBe('LEGAL_OPINION');
    expect(await item.getByTestId('opinion-body-text').textContent()).toBe(opinion);
    expect(await item.getByTestId('opinion-by').textContent()).toMatch(/^孙所长 · .*司法所$/);
    await item.getByText('法律意见').waitFor();
    await coordinator.locator('[data-testid="timeline-event"][data-type="OPINION_ADDED"]').waitFor();
    await screenshot(coordinator, 'agency-work-01-coordinator-assignee-and-opinion');
    await expectAccessible(coordinator, 'agency-work-01-coordinator-assignee-and-opinion');
    await screenshot(judicial, 'agency-work-02-judicial-assignee-and-opinion');
    await expectAccessible(judicial, 'agency-work-02-judicial-assignee-and-opinion');
  }, TIMEOUT);
});
