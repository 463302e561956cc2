import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible } from './axe';
import { convenedMatter, graphql, keepEvidenceOnFailure, launchChromium, login, screenshot, startApiUnderTest, type Api } from './harness';

// WCAG 2.1 A/AA on every page of the console (axe-core, serious and critical violations), in both
// of its languages, at desktop and phone sizes; a resident's report and its tracking with the
// keyboard alone; 长辈模式 on the resident pages; the console at 200% zoom; the live region that
// reads a new invitation out to a screen reader.

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
  /** Presses Tab (Shift+Tab with `back`) until the focused element matches `selector`; fails after `max` presses. */
  async function tabTo(page: Page, selector: string, max = 40, back = false) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
      if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    }
    const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
    throw new Error(`Tab never reached ${selector}; focus is on ${at}`);
  }

  /** The focused element shows a focus ring (an outline, or antd's focus shadow on inputs). */
  async function expectFocusVisible(page: Page) {
    const ring = await page.evaluate(() => {
      let element = document.activeElement as HTMLElement | null;
      // A visually hidden checkbox or radio input shows its focus on its label.
      if (element && getComputedStyle(element).opacity === '0') element = element.closest('label');
      if (!element) return 'none';
      const style = getComputedStyle(element);
      const wrapper = element.closest('.ant-input-affix-wrapper, .ant-select, .ant-input') as HTMLElement | null;
      return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
        ? 'outline'
        : wrapper && getComputedStyle(wrapper).boxShadow !== 'none' ? 'shadow' : 'none';
    });
    expect(ring).not.toBe('none');
  }

  it('a resident reports a matter and tracks it with the keyboard alone', async () => {
    const page = await open('zh-CN', 'desktop');
    await page.goto('/report');
    await page.getByTestId('public-report-form').waitFor();
    await page.locator('body').focus();

    // 类型: a radio group, chosen with the arrow keys.
    await tabTo(page, 'input[type="radio"][value="DEMAND"]');
    await expectFocusVisible(page);
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('input[type="radio"][value="DISPUTE"]').isChecked()).toBe(true);

    // 类别: an antd Select, opened and picked with the arrow keys and Enter.
    await tabTo(page, '[data-testid="public-category"] input');
    await expectFocusVisible(page);
    await page.keyboard.press('ArrowDown');
    await page.locator('.ant-select-dropdown').filter({ visible: true }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('public-category').locator('.ant-select-content-has-value').waitFor();

    await tabTo(page, '[data-testid="public-location"]');
    await page.keyboard.type('昌盛小区 6号楼');
    await tabTo(page, '[data-testid="public-description"]');
    await page.keyboard.type('楼上邻居装修每天早上七点开始电钻，老人休息不好，协商过一次没有改善。');
    await tabTo(page, '[data-testid="public-consent"] input, input[data-testid="public-consent"]');
    await expectFocusVisible(page);
    await page.keyboard.press('Space');
    await tabTo(page, '[data-testid="public-submit"]');
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');

    const code = page.getByTestId('tracking-code');
    await code.waitFor();
    const trackingCode = (await code.getAttribute('data-code')) ?? '';
    expect(trackingCode).toMatch(/^[0-9A-Z]{10}$/);
    // Read aloud in groups: ABCD EFGH JK on screen, "A B C D，E F G H，J K" to a screen reader.
    expect((await code.textContent())?.trim()).toBe(trackingCode.match(/.{1,4}/g)!.join(' '));
    await page.getByText(`查询码：${trackingCode.slice(0, 4).split('').join(' ')}，`).waitFor({ state: 'attached' });
    await expect.poll(() => page.getByTestId('live-announcer').textContent()).toContain('已收到您的诉求');
    await expectAccessible(page, 'report-receipt (keyboard)');

    // On to /track by its link, the code typed in its grouped form, Enter to look it up.
    await tabTo(page, '[data-testid="public-track-link"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('track-form').waitFor();
    await tabTo(page, '[data-testid="track-code"]');
    await page.keyboard.type(trackingCode.match(/.{1,4}/g)!.join(' ').toLowerCase());
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="public-status"][data-status="REPORTED"]').waitFor();
    const sentence = await page.getByTestId('public-status-sentence').textContent();
    expect(sentence).toContain('社区已经收到了');
    // The answer is read out, not only shown.
    await expect.poll(() => page.getByTestId('live-announcer').textContent()).toBe(sentence);
    await screenshot(page, 'a11y-keyboard-track');
    await expectAccessible(page, 'track-result (keyboard)');
  }, TIMEOUT);

  it("the coordinator's workbench by keyboard: skip link, a list filter, a matter", async () => {
    const page = await open('zh-CN', 'desktop', 'coordinator');
    await page.goto('/matters');
    await page.locator('[data-testid="matter-list"] .ant-table-row').first().waitFor();
    await page.locator('body').focus();
    // The first Tab offers to skip the navigation; Enter lands in the page's main region.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // 状态 filter (a multiple Select): open with the arrow key, pick with Enter, close with Escape.
    await tabTo(page, '[data-testid="filter-status"] input');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('状态');
    await page.keyboard.press('ArrowDown');
    await page.locator('.ant-select-dropdown').filter({ visible: true }).waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await expect.poll(async () => new Set(await page.locator('[data-testid="matter-list"] [data-testid="matter-status"]').evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-status')))))
      .toEqual(new Set(['REPORTED']));

    // On to the first matter of the filtered list, by Tab and Enter.
    await tabTo(page, '[data-testid="matter-list"] .ant-table-row a');
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');
    await page.getByTestId('matter-detail').waitFor();
    expect(await page.locator('[data-testid="matter-detail"] [data-testid="matter-status"]').first().getAttribute('data-status')).toBe('REPORTED');
  }, TIMEOUT);

  it('长辈模式 on the resident pages: large type, tall controls, wide lines, remembered', async () => {
    const page = await open('zh-CN', 'phone');
    await page.goto('/report');
    await page.getByTestId('public-report-form').waitFor();
    expect(await page.locator('main').getAttribute('data-elder')).toBe('off');
    const before = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.ant-form-item-label label')!).fontSize));

    await page.locator('body').focus();
    await tabTo(page, '[data-testid="elder-mode"]');
    await expectFocusVisible(page);
    await page.keyboard.press('Space');
    await page.locator('main[data-elder="on"]').waitFor();

    const measure = () =>
      page.evaluate(() => {
        const px = (element: Element | null) => (element ? getComputedStyle(element) : null);
        const label = px(document.querySelector('.ant-form-item-label label'))!;
        const intro = px(document.querySelector('main .ant-typography'))!;
        // What a finger or a mouse aims at: fields, selects, buttons, the radio buttons, the
        // language switch, and the 长辈模式 switch with its label (clicking either toggles it).
        const targets = 'main input.ant-input, main .ant-select, main .ant-btn, main .ant-radio-button-wrapper, main .ant-segmented-item, main .elder-switch';
        const small = Array.from(document.querySelectorAll(targets))
          .filter((element) => (element as HTMLElement).offsetParent !== null && element.getBoundingClientRect().height < 44)
          .map((element) => `${element.className.toString().split(' ')[0]} "${element.textContent?.slice(0, 10)}" ${element.getBoundingClientRect().height}px`);
        return {
          label: parseFloat(label.fontSize),
          intro: parseFloat(intro.fontSize),
          lineHeight: parseFloat(intro.lineHeight) / parseFloat(intro.fontSize),
          smallControls: small,
          overflowX: document.documentElement.scrollWidth - window.innerWidth,
        };
      });
    const elder = await measure();
    expect(before).toBeLessThan(18);
    expect(elder.label).toBeGreaterThanOrEqual(18);
    expect(elder.intro).toBeGreaterThanOrEqual(18);
    expect(elder.lineHeight).toBeGreaterThanOrEqual(1.3);
    expect(elder.smallControls).toEqual([]);
    expect(elder.overflowX).toBeLessThanOrEqual(0);
    await screenshot(page, 'a11y-elder-report');
    await expectAccessible(page, 'report (长辈模式)');

    // Remembered on this device: a new visit starts in 长辈模式.
    await page.goto(`/track?code=${trackingCode}`);
    await page.locator('main[data-elder="on"]').waitFor();
    await page.getByTestId('track-submit').click();
    await page.getByTestId('public-status-sentence').waitFor();
    // One column: the code's field and its button stacked, not side by side.
    const [field, button] = await Promise.all([page.getByTestId('track-code').boundingBox(), page.getByTestId('track-submit').boundingBox()]);
    expect(button!.y).toBeGreaterThan(field!.y + field!.height - 1);
    expect(parseFloat(await page.getByTestId('public-status-sentence').evaluate((e) => getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(18);
    await screenshot(page, 'a11y-elder-track');
    await expectAccessible(page, 'track (长辈模式)');
  }, TIMEOUT);

  it('keeps all content at 200% zoom (1366 × 900 at twice the size)', async () => {
    const context = await browser.newContext({ baseURL: api.url, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 683, height: 450 }, deviceScaleFactor: 2 });
    contexts.push(context);
    const token = tokens.get('coordinator')!;
    await context.addInitScript((t) => localStorage.setItem('sst.token', t), token);
    const page = await context.newPage();
    for (const [name, path, ready] of [
      ['matters', '/matters', '[data-testid="matter-list"] .ant-table-row'],
      ['matter', `/matters/${matter.id}`, '[data-testid="matter-detail"]'],
      ['report', '/report', '[data-testid="public-report-form"]'],
    ] as const) {
      await page.goto(path);
      await page.locator(ready).first().waitFor();
      const lost = await page.evaluate(() => {
        const problems: string[] = [];
        if (document.documentElement.scrollWidth > window.innerWidth) problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
        // Text cut off by a box too short for it (fixed heights with overflow hidden).
        for (const element of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
          const style = getComputedStyle(element);
          if (!['hidden', 'clip'].includes(style.overflowY) || element.closest('.sr-only')) continue;
          const text = Array.from(element.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
          // (A box of no height is a layout aid, such as the table's hidden measuring row.)
          if (text && element.clientHeight > 0 && element.scrollHeight > element.clientHeight + 2) problems.push(`clipped: ${element.className || element.tagName} "${element.textContent!.slice(0, 30)}"`);
        }
        return problems;
      });
      await screenshot(page, `a11y-zoom200-${name}`);
      expect(lost, name).toEqual([]);
      await expectAccessible(page, `${name} (200% zoom)`);
    }
  }, TIMEOUT);

  it('reads a new invitation out to a screen reader, not only in a toast', async () => {
    const page = await open('zh-CN', 'desktop', 'judicial');
    await page.goto('/inbox');
    await page.getByTestId('inbox').waitFor();
    await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
    const announcer = page.getByTestId('live-announcer');
    expect(await announcer.getAttribute('aria-live')).toBe('polite');
    const fresh = await convenedMatter(
      api,
      { title: '5号楼漏水纠纷', description: '5号楼六楼卫生间漏水到五楼，双方对维修费用分担有争议。', kind: 'DISPUTE', category: 'NEIGHBOR', channel: 'PHONE' },
      { summary: '建议司法所调解。' },
      ['JUDICIAL_OFFICE'],
      '请参加5号楼漏水纠纷联合调解',
    );
    await expect.poll(() => announcer.textContent(), { timeout: 15_000 }).toContain(fresh.reference);
    expect(await announcer.textContent()).toContain('新的联调邀请');
  }, TIMEOUT);
});
