import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generate } from 'otplib';
import { keepEvidenceOnFailure, launchChromium, PASSWORD, screenshot, signIn, type Api } from './harness';

// 账号安全 in a real browser: a grid worker turns on two-factor sign-in from the personal menu
// (QR code, a code computed here as the phone would, recovery codes once) and signs in again in
// two steps; sees their signed-in devices and signs the others out. An agency lead — a role the
// deployment requires 2FA for (MFA_REQUIRED_ROLES=AGENCY_LEAD) — lands on the enrolment page and
// nothing else until enrolled; the admin sees it in 系统管理 and resets it.

const TIMEOUT = 60_000;

/** The code the authenticator shows `stepsAhead` 30-second steps from now. */
const codeOf = (secret: string, stepsAhead = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });

async function openAccountPage(page: Page) {
  await page.getByTestId('personal-menu').click();
  await page.getByTestId('nav-account').click();
  await page.getByTestId('account-page').waitFor();
}

/** Runs the enrolment shown on the page; returns the secret (as the QR code carries it) and the recovery codes. */
async function enrol(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  await page.getByTestId('totp-qr').waitFor();
  const secret = (await page.getByTestId('totp-secret').getAttribute('data-secret'))!;
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await page.getByTestId('totp-code').fill(await codeOf(secret));
  await page.getByTestId('totp-confirm').click();
  const recoveryCodes = (await page.getByTestId('totp-recovery-codes').innerText()).split('\n').map((s) => s.trim()).filter(Boolean);
  expect(recoveryCodes).toHaveLength(10);
  return { secret, recoveryCodes };
}

async function newPage(browser: Browser, api: Api, contexts: BrowserContext[]): Promise<Page> {
  const context = await browser.newContext({ baseURL: api.url, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

async function typePassword(page: Page, username: string) {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
}

describe('账号安全: two-factor sign-in and signed-in devices', () => {
  let api: Api;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  keepEvidenceOnFailure('account', contexts);
  let secret = '';
  let recoveryCodes: string[] = [];

  beforeAll(async () => {
    const support = '../support/server.js';
    const { startApi } = (await import(/* @vite-ignore */ support)) as { startApi(o: { env: Record<string, string> }): Promise<Api> };
    api = await startApi({ env: { MFA_REQUIRED_ROLES: 'AGENCY_LEAD' } });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close().catch(() => {});
    await api?.stop();
  }, 60_000);

  it('a grid worker turns on 2FA from the personal menu, then signs in with a TOTP code', async () => {
    const { context, page } = await signIn(browser, api.url, 'gridworker');
    contexts.push(context);
    await openAccountPage(page);
    expect(await page.getByTestId('totp-status').getAttribute('data-enabled')).toBe('false');
    await page.getByTestId('totp-enable').click();
    ({ secret, recoveryCodes } = await enrol(page));
    await screenshot(page, 'account-01-recovery-codes');
    await page.getByTestId('totp-recovery-saved').click();
    await page.locator('[data-testid="totp-status"][data-enabled="true"]').waitFor();

    await page.getByTestId('logout').click();
    await page.getByTestId('login-page').waitFor();
    await typePassword(page, 'gridworker');
    await page.getByTestId('login-mfa').waitFor();
    // A wrong code is refused, on the same step.
    await page.getByTestId('login-mfa-code').fill('000000' === (await codeOf(secret, 1)) ? '111111' : '000000');
    await page.getByTestId('login-mfa-submit').click();
    await page.getByTestId('login-error').waitFor();
    // The enrolment spent this step's code; the phone's next one is accepted.
    await page.getByTestId('login-mfa-code').fill(await codeOf(secret, 1));
    await page.getByTestId('login-mfa-submit').click();
    await page.getByTestId('app-layout').waitFor();
  }, TIMEOUT);

  it('lists the signed-in devices and signs the others out (退出所有其他设备)', async () => {
    const here = contexts[0].pages()[0];
    // A second device: password, then a recovery code.
    const other = await newPage(browser, api, contexts);
    await typePassword(other, 'gridworker');
    await other.getByTestId('login-mfa').waitFor();
    await other.getByTestId('login-mfa-code').fill(recoveryCodes[0]);
    await other.getByTestId('login-mfa-submit').click();
    await other.getByTestId('app-layout').waitFor();

    await openAccountPage(here);
    const table = here.getByTestId('sessions-table');
    await table.locator('[data-testid="session-other"]').first().waitFor();
    expect(await table.locator('[data-testid="session-current"]').count()).toBe(1);
    expect(await table.locator('[data-testid="session-other"]').count()).toBe(1);
    await screenshot(here, 'account-02-sessions');
    await here.getByTestId('sessions-sign-out-others').click();
    await table.locator('[data-testid="session-other"]').waitFor({ state: 'detached' });

    // The other device's token is gone: its next request sends it back to the sign-in page.
    await other.reload();
    await other.getByTestId('login-page').waitFor();
    await here.reload();
    await here.getByTestId('account-page').waitFor();
  }, TIMEOUT);

  it('an agency lead whose role requires 2FA can only enrol; the admin sees it and resets it in 系统管理', async () => {
    const lead = await newPage(browser, api, contexts);
    await typePassword(lead, 'judicial');
    await lead.getByTestId('enrolment-required').waitFor();
    expect(await lead.getByTestId('app-layout').count()).toBe(0);
    await screenshot(lead, 'account-03-enrolment-required');
    await enrol(lead);
    await lead.getByTestId('totp-recovery-saved').click();
    await lead.getByTestId('app-layout').waitFor();
    await lead.getByTestId('nav-inbox').waitFor();

    const { context, page: admin } = await signIn(browser, api.url, 'admin');
    contexts.push(context);
    await admin.getByTestId('nav-admin').click();
    const row = admin.getByTestId('admin-users').locator('tr.ant-table-row', { hasText: 'judicial' }).filter({ has: admin.getByTestId('user-2fa-judicial') });
    await row.locator('[data-testid="user-2fa-judicial"][data-enabled="true"]').waitFor();
    await screenshot(admin, 'account-04-admin-users');
    await row.getByTestId('user-reset-2fa-judicial').click();
    await admin.locator('.ant-popconfirm .ant-btn-primary').filter({ visible: true }).click();
    await row.locator('[data-testid="user-2fa-judicial"][data-enabled="false"]').waitFor();

    // The lead was signed out everywhere; the next sign-in asks for enrolment again.
    await lead.reload();
    await lead.getByTestId('login-page').waitFor();
    await typePassword(lead, 'judicial');
    await lead.getByTestId('enrolment-required').waitFor();
  }, TIMEOUT);
});
