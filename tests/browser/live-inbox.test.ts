import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { convenedMatter, graphql, keepEvidenceOnFailure, launchChromium, login, screenshot, signIn, startApiUnderTest, waitLive, type Api } from './harness';

// Issue 11, item 7: agency staff's inbox stays live. With 马晓红's (judicialstaff) inbox open,
// her lead answers the invitation and assigns it to her from another console: her inbox shows
// 已接受 and the 承办人 without a reload, and she gets a notification of her own. The lead's
// inbox row has 指派承办人, and the decline dialog names the matter.

const TIMEOUT = 30_000;

describe("the agency staff's inbox is live", () => {
  let api: Api;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  keepEvidenceOnFailure('live-inbox', contexts);
  let staff: Page;
  let lead: Page;
  let matter: { id: string; reference: string };
  let invitationId: string;
  const suffix = Date.now().toString(36);

  beforeAll(async () => {
    api = await startApiUnderTest();
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close().catch(() => {});
    await api?.stop();
  }, 60_000);

  it('shows a new invitation to the staff member and to the lead, with 指派承办人 in the lead’s row', async () => {
    const [s, l] = await Promise.all([signIn(browser, api.url, 'judicialstaff'), signIn(browser, api.url, 'judicial')]);
    contexts.push(s.context, l.context);
    staff = s.page;
    lead = l.page;
    await Promise.all([waitLive(staff), waitLive(lead)]);
    matter = await convenedMatter(
      api,
      { title: `4号楼楼道堆物纠纷 ${suffix}`, description: '4号楼住户长期在楼道堆放杂物，邻居多次协商未果。', kind: 'DISPUTE', category: 'NEIGHBOR', channel: 'TALK_HALL', location: '昌盛小区 4号楼' },
      { summary: '邻里纠纷，请司法所参与调解。' },
      ['JUDICIAL_OFFICE'],
      '请司法所参与4号楼楼道堆物纠纷调解',
    );
    const staffRow = staff.locator(`[data-testid="inbox-item-${matter.reference}"][data-status="PENDING"]`);
    await staffRow.waitFor();
    invitationId = (await staffRow.getAttribute('data-invitation-id'))!;
    const leadRow = lead.locator(`[data-testid="inbox-item-${matter.reference}"]`);
    await leadRow.waitFor();
    // The lead assigns from the inbox row itself; staff members do not assign.
    await leadRow.getByTestId(`assign-${invitationId}`).waitFor();
    expect(await staffRow.getByTestId(`assign-${invitationId}`).count()).toBe(0);
    // The decline dialog says which matter is declined.
    await leadRow.getByTestId(`decline-${invitationId}`).click();
    const title = lead.getByTestId('decline-title');
    await title.waitFor();
    expect(await title.textContent()).toContain(matter.reference);
    await lead.locator('.ant-modal').filter({ visible: true }).getByRole('button', { name: /取\s*消/ }).click();
    await title.waitFor({ state: 'hidden' });
  }, TIMEOUT);

  it('updates her inbox when her lead accepts and assigns it to her elsewhere, and tells her', async () => {
    const token = await login(api, 'judicial');
    const { assignableUsers } = await graphql<{ assignableUsers: { id: string; displayName: string }[] }>(api, token, '{ assignableUsers { id displayName } }');
    const ma = assignableUsers.find((u) => u.displayName.startsWith('马晓红'))!;
    await graphql(api, token, `mutation($input: RespondToInvitationInput!) { respondToInvitation(input: $input) { id status } }`, {
      input: { invitationId, accept: true, note: '由马晓红承办', assigneeId: ma.id },
    });

    const row = staff.locator(`[data-testid="inbox-item-${matter.reference}"][data-status="ACCEPTED"]`);
    await row.waitFor();
    await row.getByTestId('invitation-assignee').getByText('马晓红').waitFor();
    expect(await row.getByTestId(`accept-${invitationId}`).count()).toBe(0);
    const note = staff.getByTestId('assigned-notification');
    await note.waitFor();
    expect(await note.textContent()).toContain(matter.reference);
    // The toast opens below the header: the connection status stays visible and clickable.
    const header = await staff.locator('.app-header').boundingBox();
    const toast = await staff.locator('.ant-notification-notice').first().boundingBox();
    expect(toast!.y).toBeGreaterThanOrEqual(header!.y + header!.height);
    // The lead's own inbox follows too.
    await lead.locator(`[data-testid="inbox-item-${matter.reference}"][data-status="ACCEPTED"]`).waitFor();
    await screenshot(staff, 'live-inbox-01-staff-assigned');
  }, TIMEOUT);
});
