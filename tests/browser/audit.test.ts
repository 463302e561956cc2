import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { choose, graphql, keepEvidenceOnFailure, launchChromium, login, screenshot, signIn, startApiUnderTest, type Api } from './harness';

// 审计日志 in a real browser: the coordinator reads and prints a matter's parties unmasked, the
// admin deactivates and reactivates an account; the auditor, whose console is the audit log and
// nothing else, finds all of it, narrows it to printing, and exports it.

describe('审计日志', () => {
  let api: Api;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  keepEvidenceOnFailure('audit', contexts);
  let auditor: Page;

  beforeAll(async () => {
    api = await startApiUnderTest();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close().catch(() => {});
    await api?.stop();
  }, 60_000);

  it('shows an auditor who read which phone or ID number, how, and exports it', async () => {
    const coordinator = await login(api, 'coordinator');
    const page = await graphql<{ matters: { edges: { node: { id: string; reference: string; parties: { phone: string | null }[] } }[] } }>(
      api,
      coordinator,
      `{ matters(first: 5, filter: { partyPhone: "13893712345" }) { edges { node { id reference parties { phone } } } } }`,
    );
    const matter = page.matters.edges[0].node;
    expect(matter.parties.map((p) => p.phone)).toContain('13893712345');
    await graphql(api, coordinator, `query($id: ID!) { matter(id: $id, purpose: PRINT) { parties { phone idNumber } } }`, { id: matter.id });
    const admin = await login(api, 'admin');
    const { users } = await graphql<{ users: { id: string; username: string }[] }>(api, admin, `{ users { id username } }`);
    const gridworker = users.find((u) => u.username === 'gridworker')!;
    await graphql(api, admin, `mutation($id: ID!) { setUserActive(userId: $id, active: false) { id } }`, { id: gridworker.id });
    await graphql(api, admin, `mutation($id: ID!) { setUserActive(userId: $id, active: true) { id } }`, { id: gridworker.id });

    const session = await signIn(browser, api.url, 'auditor');
    contexts.push(session.context);
    auditor = session.page;
    expect(await auditor.getByTestId('app-layout').getAttribute('data-console')).toBe('auditor');
    await auditor.getByTestId('audit-page').waitFor();
    // The audit log is the whole console: no matters, and other addresses lead back here.
    expect(await auditor.getByTestId('nav-matters').count()).toBe(0);
    await auditor.goto('/matters');
    await auditor.getByTestId('audit-page').waitFor();
    expect(new URL(auditor.url()).pathname).toBe('/audit');

    const log = auditor.getByTestId('pii-log');
    await log.locator('tr.ant-table-row', { hasText: '王秀兰' }).first().waitFor();
    await expect.poll(() => log.locator('tr.ant-table-row', { hasText: matter.reference }).count()).toBeGreaterThan(0);
    await choose(auditor, 'pii-via', '打印');
    await auditor.getByTestId('pii-total').click(); // closes the dropdown
    await expect.poll(async () => [...new Set(await log.getByTestId('pii-via-tag').allTextContents())]).toEqual(['打印']);
    await screenshot(auditor, 'audit-pii-log');

    const [download] = await Promise.all([auditor.waitForEvent('download'), auditor.getByTestId('pii-export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^pii-access-log-.*\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('coordinator');
    expect(csv).toContain('打印');
    expect(csv).not.toContain('查询');

    await auditor.getByTestId('audit-tab-changes').click();
    const trail = auditor.getByTestId('trail-log');
    await trail.locator('tr.ant-table-row', { hasText: '停用用户' }).first().waitFor();
    await trail.locator('tr.ant-table-row', { hasText: '启用用户' }).first().waitFor();
    expect(await trail.locator('tr.ant-table-row', { hasText: '停用用户' }).first().textContent()).toContain('gridworker');
    await screenshot(auditor, 'audit-changes');
  });
});
