import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { choose, graphql, keepEvidenceOnFailure, launchChromium, login, screenshot, signIn, startApiUnderTest, type Api } from './harness';
import { expectAccessible } from './axe';

// 系统管理 in a real browser: the admin adds a law firm and an account for it, renames the firm,
// and the new colleague signs in to the agency console under the new name — which never downloads
// the dashboard's charts or the admin pages. The admin looks at another community's 晴雨表. Then
// the coordinator moves a planned 以案释法 to another day and place.

const TIMEOUT = 45_000;

/** Fills an antd form field in one go (the field's own input, wherever antd puts it). */
async function fill(page: Page, testId: string, text: string) {
  const field = page.getByTestId(testId);
  const input = (await field.evaluate((el) => el.tagName === 'INPUT' || el.tagName === 'TEXTAREA')) ? field : field.locator('input, textarea').first();
  await input.fill(text);
}

describe('系统管理 and editing a planned activity', () => {
  let api: Api;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  keepEvidenceOnFailure('admin', contexts);
  let admin: Page;
  const tag = Date.now().toString(36).slice(-5);
  const firmName = `城关律师事务所 ${tag}`;
  const renamed = `雄关律师事务所 ${tag}`;
  const username = `lawyer-${tag}`;
  const password = `lawyer passphrase ${tag}`;

  beforeAll(async () => {
    api = await startApiUnderTest();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close().catch(() => {});
    await api?.stop();
  }, 60_000);

  it('the admin creates a law firm and an account for it, then renames the firm', async () => {
    const session = await signIn(browser, api.url, 'admin');
    contexts.push(session.context);
    admin = session.page;
    await admin.getByTestId('nav-admin').click();
    await admin.getByTestId('admin-organizations').locator('tr.ant-table-row').first().waitFor();

    await admin.getByTestId('admin-new-organization').click();
    await fill(admin, 'organization-name', firmName);
    await choose(admin, 'organization-kind', '律师事务所');
    await choose(admin, 'organization-served', '昌盛社区（CS）');
    // Close the multiple select's dropdown (Escape would close the dialog too).
    await admin.getByTestId('organization-name').click();
    await admin.getByTestId('organization-submit').click();
    const firmRow = admin.getByTestId('admin-organizations').locator('tr.ant-table-row', { hasText: firmName });
    await firmRow.waitFor();

    await admin.getByTestId('admin-new-user').click();
    const userForm = admin.getByTestId('user-form');
    await choose(admin, 'user-organization', `${firmName}（律师事务所）`);
    await choose(admin, 'user-role', '单位工作人员');
    await fill(admin, 'user-username', username);
    await fill(admin, 'user-display-name', '王律师');
    await fill(admin, 'user-password', password);
    await userForm.getByTestId('user-submit').click();
    await admin.getByTestId('admin-users').locator('tr.ant-table-row', { hasText: username }).waitFor();

    await firmRow.getByTestId(`organization-edit-${firmName}`).click();
    const editForm = admin.getByTestId('organization-edit-form');
    await editForm.getByTestId('organization-edit-kind').filter({ hasText: '律师事务所' }).waitFor();
    await fill(admin, 'organization-edit-name', renamed);
    await editForm.getByTestId('organization-edit-submit').click();
    await admin.getByTestId('admin-organizations').locator('tr.ant-table-row', { hasText: renamed }).waitFor();
    expect(await admin.getByTestId('admin-organizations').locator('tr.ant-table-row', { hasText: firmName }).count()).toBe(0);
    // The account's row follows the new name.
    await admin.getByTestId('admin-users').locator('tr.ant-table-row', { hasText: username }).filter({ hasText: renamed }).waitFor();
    await screenshot(admin, 'admin-01-renamed');
    await expectAccessible(admin, 'admin-01-renamed');
  }, TIMEOUT);

  it('the new colleague signs in to the agency console, under the new name, without the charts or admin pages', async () => {
    const context = await browser.newContext({ baseURL: api.url, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto('/login');
    await fill(page, 'login-username', username);
    await fill(page, 'login-password', password);
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="app-layout"][data-console="agency"]').waitFor();
    await page.getByTestId('viewer-organization').filter({ hasText: renamed }).waitFor();
    await page.getByTestId('nav-inbox').waitFor();
    await page.getByTestId('viewer-name').filter({ hasText: '王律师' }).waitFor();
    // Code-splitting: the sign-in page and the inbox load their own chunks only.
    expect(scripts.some((p) => /\/InboxPage-[\w-]+\.js$/.test(p))).toBe(true);
    expect(scripts.filter((p) => /\/(DashboardPage|AdminPage|ActivitiesPage)-/.test(p))).toEqual([]);
  }, TIMEOUT);

  it("the admin looks at another community's 晴雨表", async () => {
    const token = await login(api, 'admin');
    const code = `T${tag.toUpperCase()}`.slice(0, 10);
    await graphql(api, token, 'mutation($input: CreateCommunityInput!) { createCommunity(input: $input) { id } }', { input: { code, name: `新城社区 ${tag}` } });
    await admin.getByTestId('nav-dashboard').click();
    await admin.getByTestId('dashboard-figures').waitFor();
    // Its own community (the demo's history) first.
    await admin.getByTestId('dashboard-community').filter({ hasText: '昌盛社区（CS）' }).waitFor();
    expect(Number(await admin.getByTestId('figure-total').locator('.ant-statistic-content-value').textContent())).toBeGreaterThan(0);
    await choose(admin, 'dashboard-community', `新城社区 ${tag}（${code}）`);
    await admin.getByTestId('figure-total').locator('.ant-statistic-content-value').filter({ hasText: /^0$/ }).waitFor();
  }, TIMEOUT);

  it('the coordinator moves a planned 以案释法 to another day and place', async () => {
    const token = await login(api, 'coordinator');
    const title = `以案释法：高空抛物 ${tag}`;
    const heldAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    await graphql(api, token, 'mutation($input: CreateCommunityActivityInput!) { createCommunityActivity(input: $input) { id } }', {
      input: { kind: 'LAW_EXPLANATION', title, heldAt, venue: '说事厅' },
    });
    const session = await signIn(browser, api.url, 'coordinator');
    contexts.push(session.context);
    const page = session.page;
    await page.getByTestId('nav-activities').click();
    const row = page.locator('[data-testid="activity-row"]', { hasText: title });
    await row.getByTestId('activity-edit').click();
    const form = page.getByTestId('activity-edit-form');
    expect(await form.getByTestId('activity-title').inputValue()).toBe(title);
    await fill(page, 'activity-title', `${title}（改期）`);
    await fill(page, 'activity-venue', '八角凉亭');
    await form.getByTestId('activity-submit').click();
    const moved = page.locator('[data-testid="activity-row"]', { hasText: `${title}（改期）` });
    await moved.filter({ hasText: '八角凉亭' }).waitFor();
    await form.waitFor({ state: 'detached' });
    await screenshot(page, 'admin-02-activity-edited');
    await expectAccessible(page, 'admin-02-activity-edited');
  }, TIMEOUT);
});
