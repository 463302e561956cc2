import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { choose, controllableSocket, graphql, keepEvidenceOnFailure, launchChromium, login, screenshot, signIn, startApiUnderTest, waitLive, type Api } from './harness.js';
import { expectAccessible } from './axe.js';

// The core loop in real browsers: the coordinator convenes two agencies, the judicial office sees
// the invitation arrive live and accepts it, the coordinator sees the acceptance live, and the
// police — not invited — see nothing of it.

const TIMEOUT = 30_000;

describe('coordinator workbench and agency consoles', () => {
  let api: Api;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  keepEvidenceOnFailure('consoles', contexts);
  let coordinator: Page;
  let judicial: Page;
  let police: Page;
  let matterUrl: string;
  let coordinatorSocket: Awaited<ReturnType<typeof controllableSocket>>;
  let reference: string;
  const title = `2号楼加装电梯协商 ${Date.now().toString(36)}`;

  beforeAll(async () => {
    api = await startApiUnderTest();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close().catch(() => {});
    await api?.stop();
  }, 60_000);

  it('signs the coordinator in to the community workbench', async () => {
    const session = await signIn(browser, api.url, 'coordinator', {
      prepare: async (context: BrowserContext) => {
        coordinatorSocket = await controllableSocket(context);
      },
    });
    contexts.push(session.context);
    coordinator = session.page;
    await expect(coordinator.getByTestId('app-layout')).toBeTruthy();
    expect(await coordinator.getByTestId('app-layout').getAttribute('data-console')).toBe('coordinator');
    await coordinator.getByTestId('matter-list').waitFor();
    await screenshot(coordinator, '01-coordinator-matter-list');
    await expectAccessible(coordinator, '01-coordinator-matter-list');
  }, TIMEOUT);

  it('reports a matter through the intake form', async () => {
    await coordinator.getByTestId('nav-report').click();
    await coordinator.getByTestId('report-form').waitFor();
    // Submitting empty shows the validation messages in Chinese.
    await coordinator.getByTestId('report-submit').click();
    await coordinator.getByText('请输入事项标题').waitFor();

    await coordinator.getByTestId('report-title').fill(title);
    await coordinator.getByTestId('report-description').fill('2号楼高层住户申请加装电梯，低层住户担心采光和噪音，双方协商未果。');
    await coordinator.getByTestId('report-location').fill('昌盛小区 2号楼');
    await choose(coordinator, 'report-category', '加装电梯');
    await coordinator.getByTestId('report-households').fill('18');
    await coordinator.getByTestId('add-party').click();
    await coordinator.getByTestId('party-0-name').fill('李建国');
    await coordinator.getByTestId('party-0-phone').fill('13800138000');
    await coordinator.getByTestId('report-submit').click();

    await coordinator.getByTestId('matter-detail').waitFor();
    reference = (await coordinator.getByTestId('matter-detail').getAttribute('data-reference')) ?? '';
    expect(reference).toMatch(/\S+/);
    expect(await coordinator.getByTestId('matter-title').textContent()).toBe(title);
    matterUrl = new URL(coordinator.url()).pathname;
  }, TIMEOUT);

  it('assesses the matter; the routing rules suggest the judicial office and a law firm', async () => {
    const suggestions = coordinator.getByTestId('assess-suggestions');
    await suggestions.locator('[data-kind="JUDICIAL_OFFICE"]').waitFor();
    await suggestions.locator('[data-kind="LAW_FIRM"]').waitFor();

    await choose(coordinator, 'assess-risk', '中');
    await coordinator.getByTestId('assess-summary').fill('涉及18户，意见分歧较大，建议司法所与律师事务所联合调解。');
    await coordinator.getByTestId('assess-submit').click();
    await coordinator.getByTestId('assessment-summary').waitFor();
    await coordinator.getByTestId('convene-form').waitFor();
  }, TIMEOUT);

  it('opens the judicial office and police consoles, live', async () => {
    const j = await signIn(browser, api.url, 'judicial');
    const p = await signIn(browser, api.url, 'police');
    contexts.push(j.context, p.context);
    judicial = j.page;
    police = p.page;
    for (const page of [judicial, police]) {
      expect(await page.getByTestId('app-layout').getAttribute('data-console')).toBe('agency');
      await page.getByTestId('inbox').waitFor();
      await waitLive(page);
    }
    await waitLive(coordinator);
    expect(await judicial.getByTestId(`inbox-item-${reference}`).count()).toBe(0);
  }, TIMEOUT);

  it('convenes the two suggested agencies', async () => {
    // Pre-selected from the assessment's suggestions.
    const selected = coordinator.getByTestId('convene-organizations');
    await selected.getByText('司法所').first().waitFor();
    await selected.getByText('律师事务所').first().waitFor();
    await coordinator.getByTestId('convene-message').fill('请于答复期限前确认是否参加2号楼加装电梯联合调解。');
    await coordinator.getByTestId('convene-submit').click();

    await coordinator.locator('[data-testid="invitation-JUDICIAL_OFFICE"][data-status="PENDING"]').waitFor();
    await coordinator.locator('[data-testid="invitation-LAW_FIRM"][data-status="PENDING"]').waitFor();
    await screenshot(coordinator, '02-coordinator-convened');
    await expectAccessible(coordinator, '02-coordinator-convened');
  }, TIMEOUT);

  it('shows the judicial office the new invitation without a reload, and it accepts', async () => {
    const item = judicial.getByTestId(`inbox-item-${reference}`);
    await item.waitFor();
    await judicial.getByTestId('invitation-notification').first().waitFor();
    const badge = judicial.locator('[data-testid="unread-badge"]');
    expect(Number(await badge.getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
    await screenshot(judicial, '03-judicial-inbox-live');
    await expectAccessible(judicial, '03-judicial-inbox-live');

    const invitationId = await item.getAttribute('data-invitation-id');
    await judicial.getByTestId(`accept-${invitationId}`).click();
    await judicial.locator(`[data-testid="inbox-item-${reference}"][data-status="ACCEPTED"]`).waitFor();
  }, TIMEOUT);

  it('shows the coordinator the acceptance live', async () => {
    await coordinator.locator('[data-testid="invitation-JUDICIAL_OFFICE"][data-status="ACCEPTED"]').waitFor();
    await coordinator.locator('[data-testid="invitation-LAW_FIRM"][data-status="PENDING"]').waitFor();
    await coordinator.locator('[data-testid="timeline-event"][data-type="INVITATION_ACCEPTED"]').waitFor();
    expect(new URL(coordinator.url()).pathname).toBe(matterUrl);
    await screenshot(coordinator, '04-coordinator-acceptance-live');
    await expectAccessible(coordinator, '04-coordinator-acceptance-live');
  }, TIMEOUT);

  it('shows the police nothing of it', async () => {
    expect(await police.getByTestId(`inbox-item-${reference}`).count()).toBe(0);
    expect(await police.getByTestId('invitation-notification').count()).toBe(0);
    await screenshot(police, '05-police-inbox');
    await expectAccessible(police, '05-police-inbox');

    await police.goto(matterUrl);
    await police.getByTestId('matter-forbidden').waitFor();
    expect(await police.getByText(title).count()).toBe(0);
    await screenshot(police, '06-police-forbidden');
    await expectAccessible(police, '06-police-forbidden');
  }, TIMEOUT);

  it('catches up on what it missed while the socket was down, without a reload', async () => {
    await waitLive(coordinator);
    await coordinatorSocket.drop();
    await coordinator.locator('[data-testid="connection-status"][data-state="reconnecting"]').waitFor();
    await screenshot(coordinator, '07-coordinator-reconnecting');
    await expectAccessible(coordinator, '07-coordinator-reconnecting');

    // While the coordinator is cut off, the law firm declines with a reason.
    const lawFirm = await signIn(browser, api.url, 'lawfirm');
    contexts.push(lawFirm.context);
    const item = lawFirm.page.getByTestId(`inbox-item-${reference}`);
    await item.waitFor();
    const invitationId = await item.getAttribute('data-invitation-id');
    await lawFirm.page.getByTestId(`decline-${invitationId}`).click();
    await lawFirm.page.getByTestId('decline-confirm').click();
    await lawFirm.page.getByText('请填写拒绝理由').waitFor(); // the reason is required
    await lawFirm.page.getByTestId('decline-reason').fill('本所承办律师本周出庭，无法参加');
    await lawFirm.page.getByTestId('decline-confirm').click();
    await lawFirm.page.locator(`[data-testid="inbox-item-${reference}"][data-status="DECLINED"]`).waitFor();
    expect(await coordinator.locator('[data-testid="invitation-LAW_FIRM"][data-status="DECLINED"]').count()).toBe(0);

    const droppedAt = Date.now();
    coordinatorSocket.restore();
    await waitLive(coordinator);
    const declined = coordinator.locator('[data-testid="invitation-LAW_FIRM"][data-status="DECLINED"]');
    await declined.waitFor();
    expect(await declined.getByTestId('decline-reason-text').textContent()).toContain('本所承办律师本周出庭');
    expect(new URL(coordinator.url()).pathname).toBe(matterUrl);

    // The activity stream was resumed from the last cursor it had seen.
    const resumed = coordinatorSocket.sent.filter((s: { at: number; message: Record<string, unknown> }) => {
      const payload = s.message.payload as { query?: string; variables?: { after?: string } } | undefined;
      return s.at >= droppedAt && s.message.type === 'subscribe' && payload?.query?.includes('activity') && payload.variables?.after;
    });
    expect(resumed.length).toBeGreaterThan(0);
    await screenshot(coordinator, '08-coordinator-caught-up');
    await expectAccessible(coordinator, '08-coordinator-caught-up');
  }, 60_000);

  it('switches the console to English', async () => {
    await judicial.getByTestId('language-switch').getByText('EN').click();
    await judicial.getByText('Invitations').first().waitFor();
    await screenshot(judicial, '09-judicial-english');
    await expectAccessible(judicial, '09-judicial-english');
    await judicial.getByTestId('language-switch').getByText('中文').click();
    await judicial.getByText('联调邀请').first().waitFor();
  }, TIMEOUT);

  it('sends a user whose session has expired back to the login page with a clear message', async () => {
    await police.evaluate(() => localStorage.setItem('sst.token', 'expired-or-revoked-token'));
    await police.goto('/inbox');
    await police.getByTestId('login-notice').waitFor();
    expect(await police.getByTestId('login-notice').textContent()).toContain('登录已过期，请重新登录');
    expect(new URL(police.url()).pathname).toBe('/login');
    await screenshot(police, '10-police-session-expired');
    await expectAccessible(police, '10-police-session-expired');
  }, TIMEOUT);

  it('signs an open console out the moment an admin deactivates its user, without a reload', async () => {
    // A person who leaves the procuratorate: the admin deactivates the account while its console
    // is open. The open socket must not keep receiving matters: it is closed with 4403 at once.
    const leaving = await signIn(browser, api.url, 'procuratorate');
    contexts.push(leaving.context);
    await waitLive(leaving.page);
    const admin = await login(api, 'admin');
    const users = await graphql<{ users: { id: string; username: string }[] }>(api, admin, `{ users { id username } }`);
    const id = users.users.find((u) => u.username === 'procuratorate')!.id;
    await graphql(api, admin, `mutation($id: ID!) { setUserActive(userId: $id, active: false) { id } }`, { id });
    try {
      await leaving.page.getByTestId('login-notice').waitFor({ timeout: 5_000 });
      expect(new URL(leaving.page.url()).pathname).toBe('/login');
      await screenshot(leaving.page, '10b-procuratorate-signed-out-on-deactivation');
      await expectAccessible(leaving.page, '10b-procuratorate-signed-out-on-deactivation');
    } finally {
      await graphql(api, admin, `mutation($id: ID!) { setUserActive(userId: $id, active: true) { id } }`, { id });
    }
  }, TIMEOUT);

  it('lays the agency console out on a tablet', async () => {
    const tablet = await signIn(browser, api.url, 'judicial', { viewport: { width: 820, height: 1180 } });
    contexts.push(tablet.context);
    await tablet.page.getByTestId(`inbox-item-${reference}`).waitFor();
    await screenshot(tablet.page, '11-judicial-tablet');
    await expectAccessible(tablet.page, '11-judicial-tablet');
  }, TIMEOUT);
});
