import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible } from './axe';
import { convenedMatter, graphql, keepEvidenceOnFailure, launchChromium, login, screenshot, startApiUnderTest, type Api } from './harness';

// WCAG 2.1 A/AA on every page of the console (axe-core, serious and critical violations), in both
// of its languages, at desktop and phone sizes.

const TIMEOUT = 120_000;

const VIEWPORTS = {
  desktop: { width: 1366, height: 900 },
  phone: { width: 390, height: 844 },
} as const;
type Size = keyof typeof VIEWPORTS;
type Language = 'zh-CN' | 'en';

describe('accessibility (WCAG 2.1 AA)', () => {
  let api: Api;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  keepEvidenceOnFailure('accessibility', contexts);
  let matter: { id: string; reference: string };
  let trackingCode: string;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    api = await startApiUnderTest();
    browser = await launchChromium();
    matter = await convenedMatter(
      api,
      {
        title: '4号楼楼道堆物纠纷', description: '4号楼三楼住户长期在楼道堆放杂物，邻居多次协商未果，担心消防隐患。',
        kind: 'DISPUTE', category: 'NEIGHBOR', channel: 'TALK_HALL', location: '昌盛小区 4号楼',
        parties: [{ name: '王淑芬', role: 'APPLICANT', phone: '13800138004' }],
      },
      { summary: '邻里纠纷，建议司法所参与调解。' },
      ['JUDICIAL_OFFICE', 'LAW_FIRM'],
      '请参加4号楼楼道堆物纠纷联合调解',
    );
    const receipt = await graphql<{ submitPublicReport: { trackingCode: string } }>(
      api, null, 'mutation($input: SubmitPublicReportInput!) { submitPublicReport(input: $input) { trackingCode } }',
      { input: { category: 'NEIGHBOR', kind: 'DEMAND', description: '楼下夜里经常有人大声喧哗，影响老人休息。', consent: true } },
    );
    trackingCode = receipt.submitPublicReport.trackingCode;
    for (const username of ['coordinator', 'admin', 'judicial']) tokens.set(username, await login(api, username));
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close().catch(() => {});
    await api?.stop();
  }, 60_000);

  /** A context in `language` at `size`, signed in as `username` (a token from the API) when given. */
  async function open(language: Language, size: Size, username?: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: api.url, locale: language, timezoneId: 'Asia/Shanghai', viewport: VIEWPORTS[size] });
    contexts.push(context);
    const token = username ? tokens.get(username)! : null;
    await context.addInitScript(
      ([lang, t]) => {
        localStorage.setItem('sst.language', lang);
        if (t) localStorage.setItem('sst.token', t);
      },
      [language, token] as const,
    );
    return context.newPage();
  }

  /** Visits each page in turn and checks it; one failure does not hide the others. */
  async function audit(page: Page, label: string, visits: { name: string; path: string; ready: string; then?(page: Page): Promise<void> }[]) {
    const failures: string[] = [];
    for (const visit of visits) {
      await page.goto(visit.path);
      await page.locator(visit.ready).first().waitFor();
      await visit.then?.(page);
      expect(await page.locator('html').getAttribute('lang')).toBe(label.startsWith('en') ? 'en' : 'zh-CN');
      await screenshot(page, `a11y-${label}-${visit.name}`);
      try {
        await expectAccessible(page, `${visit.name} (${label})`);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    if (failures.length) throw new Error(failures.join('\n\n'));
  }

  for (const language of ['zh-CN', 'en'] as const) {
    for (const size of ['desktop', 'phone'] as const) {
      const label = `${language}-${size}`;

      it(`sign-in, /report and /track (${label})`, async () => {
        const page = await open(language, size);
        await audit(page, label, [
          { name: 'sign-in', path: '/login', ready: '[data-testid="login-form"]' },
          { name: 'report', path: '/report', ready: '[data-testid="public-report-form"]' },
          {
            name: 'report-invalid', path: '/report', ready: '[data-testid="public-report-form"]',
            then: async (p) => {
              await p.getByTestId('public-submit').click();
              await p.locator('.ant-form-item-explain-error').first().waitFor();
            },
          },
          { name: 'track', path: `/track?code=${trackingCode}`, ready: '[data-testid="track-form"]',
            then: async (p) => {
              await p.getByTestId('track-submit').click();
              await p.getByTestId('public-status').waitFor();
            },
          },
        ]);
      }, TIMEOUT);

      it(`the coordinator's workbench (${label})`, async () => {
        const page = await open(language, size, 'coordinator');
        await audit(page, label, [
          { name: 'matters', path: '/matters', ready: '[data-testid="matter-list"] .ant-table-row' },
          { name: 'report-matter', path: '/matters/new', ready: '[data-testid="report-form"]' },
          { name: 'matter', path: `/matters/${matter.id}`, ready: '[data-testid="matter-detail"]' },
          { name: 'activities', path: '/activities', ready: '[data-testid="activities"]' },
          { name: 'dashboard', path: '/dashboard', ready: '[data-testid="dashboard-charts"]' },
        ]);
      }, TIMEOUT);

      it(`系统管理 (${label})`, async () => {
        const page = await open(language, size, 'admin');
        await audit(page, label, [{ name: 'admin', path: '/admin', ready: '[data-testid="admin-users"] .ant-table-row' }]);
      }, TIMEOUT);

      it(`an agency's inbox and matter (${label})`, async () => {
        const page = await open(language, size, 'judicial');
        await audit(page, label, [
          { name: 'inbox', path: '/inbox', ready: `[data-testid="inbox-item-${matter.reference}"]` },
          { name: 'agency-matter', path: `/matters/${matter.id}`, ready: '[data-testid="matter-detail"]' },
        ]);
      }, TIMEOUT);
    }
  }
});
