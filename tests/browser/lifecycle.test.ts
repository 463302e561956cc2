import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, convenedMatter, graphql, keepEvidenceOnFailure, launchChromium, login, screenshot, signIn, startApiUnderTest, waitLive, type Api } from './harness';
import { expectAccessible } from './axe';

// The later life of a matter in real browsers: the coordinator schedules a joint session that the
// court and the judicial office see arrive live, records the agreement, the court confirms it
// (司法确认), the agreement prints as a 人民调解协议书, and a failed follow-up sends the matter
// back to mediation. Then a resident reports online without signing in, and the dashboard draws
// its charts. The matter's earlier steps (intake, assessment, invitations) are set up over the
// API: the browser tests of consoles.test.ts already walk through them.

const TIMEOUT = 45_000;

/** A matter in mediation with the court, the judicial office and a law firm having accepted. */
async function matterInMediation(api: Api, title: string): Promise<{ id: string; reference: string }> {
  const reportMatter = await convenedMatter(
    api,
    {
      title,
      description: '邻居张某向李某借款5万元用于经营，约定一年归还，逾期半年未还，双方多次争吵。',
      kind: 'DISPUTE', category: 'ECONOMIC', channel: 'TALK_HALL', location: '昌盛小区 5号楼', amountInDispute: '50000.00',
      parties: [
        { name: '李建华', role: 'APPLICANT', phone: '13800138001' },
        { name: '张卫东', role: 'RESPONDENT', phone: '13900139002' },
      ],
    },
    { summary: '借贷事实清楚，建议律师、法院、司法所联合调解。' },
    ['COURT', 'JUDICIAL_OFFICE', 'LAW_FIRM'],
    '请参加借款纠纷联合调解',
  );
  for (const username of ['court', 'judicial', 'lawfirm']) {
    const token = await login(api, username);
    const { myInvitations } = await graphql<{ myInvitations: { id: string; request: { matter: { id: string } } }[] }>(
      api, token, '{ myInvitations(status: PENDING) { id request { matter { id } } } }',
    );
    const invitation = myInvitations.find((i) => i.request.matter.id === reportMatter.id)!;
    await graphql(api, token, `mutation($input: RespondToInvitationInput!) { respondToInvitation(input: $input) { id } }`, {
      input: { invitationId: invitation.id, accept: true },
    });
  }
  return reportMatter;
}

describe('sessions, agreements, follow-ups, residents and the dashboard', () => {
  let api: Api;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  keepEvidenceOnFailure('lifecycle', contexts);
  let coordinator: Page;
  let court: Page;
  let judicial: Page;
  let matter: { id: string; reference: string };
  const title = `邻里5万元借款纠纷 ${Date.now().toString(36)}`;

  beforeAll(async () => {
    api = await startApiUnderTest();
    browser = await launchChromium();
    matter = await matterInMediation(api, title);
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close().catch(() => {});
    await api?.stop();
  }, 60_000);

  async function open(username: string): Promise<Page> {
    const session = await signIn(browser, api.url, username);
    contexts.push(session.context);
    await session.page.goto(`/matters/${matter.id}`);
    await session.page.getByTestId('matter-detail').waitFor();
    await waitLive(session.page);
    return session.page;
  }

  it('schedules a joint session that the court and the judicial office see arrive live', async () => {
    [coordinator, court, judicial] = await Promise.all([open('coordinator'), open('court'), open('judicial')]);
    for (const agency of [court, judicial]) {
      await agency.locator('[data-testid="sessions"][data-count="0"]').waitFor();
    }

    const form = coordinator.getByTestId('schedule-form');
    await form.waitFor();
    // The three organizations that accepted are pre-selected.
    // (Filled in once the matter's invitations have loaded: wait for the third, then count.)
    const preselected = form.getByTestId('schedule-organizations').locator('.ant-select-selection-item');
    await preselected.nth(2).waitFor();
    expect(await preselected.count()).toBe(3);
    await coordinator.getByTestId('schedule-submit').click();
    await coordinator.getByText('请输入地点').waitFor();
    await coordinator.getByTestId('schedule-venue').locator('input').fill('八角凉亭');
    await coordinator.getByTestId('schedule-agenda').fill('一、核对借款事实；二、协商还款方式');
    await coordinator.getByTestId('schedule-submit').click();
    await coordinator.locator('[data-testid="sessions"][data-count="1"]').waitFor();

    // No reload: the activity stream brings the session to both agency consoles.
    for (const agency of [court, judicial]) {
      const card = agency.getByTestId('session-card');
      await card.waitFor();
      expect(await card.getByTestId('session-venue').textContent()).toBe('八角凉亭');
      // Agencies see the session, but record nothing of it.
      expect(await agency.getByTestId('outcome-form').count()).toBe(0);
    }
    await screenshot(judicial, 'lifecycle-01-judicial-session-live');
    await expectAccessible(judicial, 'lifecycle-01-judicial-session-live');
  }, TIMEOUT);

  it('warns when the convened organizations already have a session at that time', async () => {
    await coordinator.getByTestId('schedule-again').click();
    await coordinator.getByTestId('schedule-venue').locator('input').fill('说事厅');
    await coordinator.getByTestId('schedule-submit').click();
    await coordinator.locator('[data-testid="sessions"][data-count="2"]').waitFor();
    const warning = coordinator.getByTestId('session-conflicts').first();
    await warning.waitFor();
    expect(await warning.textContent()).toContain('时间冲突提醒');
    // One line per convened organization: the court, the judicial office and the law firm.
    expect(await warning.getByTestId('session-conflict').count()).toBe(3);
    await screenshot(coordinator, 'lifecycle-02-coordinator-clash-warning');
    await expectAccessible(coordinator, 'lifecycle-02-coordinator-clash-warning');
  }, TIMEOUT);

  it('records an agreement with an overdue term, the court confirms it, and it prints', async () => {
    const session = coordinator.locator('[data-testid="session-card"]').first();
    const form = session.getByTestId('outcome-form');
    // Two sessions are open now (the clash above); the first one is held.
    await form.getByTestId('outcome-select').click();
    await coordinator.locator('.ant-select-item-option[title="达成协议"]').filter({ visible: true }).first().click();
    await form.getByTestId('outcome-attendees').locator('input').fill('李建华');
    await coordinator.keyboard.press('Enter');
    await form.getByTestId('outcome-attendees').locator('input').fill('张卫东');
    await coordinator.keyboard.press('Enter');
    await form.getByTestId('outcome-minutes').fill('经释法说理，张卫东承认借款事实，同意分两期归还。');
    await form.getByTestId('add-term').click();
    await form.getByTestId('term-0-description').fill('张卫东于2026年1月5日前归还李建华借款20000元');
    await form.getByTestId('term-0-amount').fill('20000');
    await form.getByTestId('add-term').click();
    await form.getByTestId('term-1-description').fill('张卫东于2027年6月30日前归还剩余借款30000元');
    await form.getByTestId('term-1-amount').fill('30000.00');
    // A due date already past, so the term shows as overdue (typed, then committed by leaving the field).
    await form.getByTestId('term-0-due').click();
    await coordinator.keyboard.type('2026-01-05');
    await coordinator.keyboard.press('Tab');
    await coordinator.locator('.ant-picker-dropdown').filter({ visible: true }).waitFor({ state: 'hidden' });
    // Enter in a term's date field records nothing (it once recorded the outcome mid-way).
    await form.getByTestId('term-1-due').click();
    await coordinator.keyboard.type('2027-06-30');
    await coordinator.keyboard.press('Enter');
    await coordinator.locator('.ant-picker-dropdown').filter({ visible: true }).waitFor({ state: 'hidden' });
    await form.getByTestId('term-1-amount').press('Enter');
    await form.getByTestId('outcome-minutes').click();
    expect(await coordinator.getByTestId('stage-confirm-summary').count()).toBe(0);
    expect(await session.getAttribute('data-outcome')).toBe('');
    // Only the button records, after a summary of what will be recorded. The session was planned
    // for tomorrow, so its actual time (now) is corrected on the record.
    await form.getByTestId('outcome-held-at').waitFor();
    await form.getByTestId('outcome-submit').click();
    const summary = coordinator.getByTestId('stage-confirm-summary');
    await summary.waitFor();
    const summaryText = (await summary.textContent()) ?? '';
    expect(summaryText).toContain('达成协议');
    expect(summaryText).toContain('协议条款（2 项）');
    expect(summaryText).toContain('张卫东于2027年6月30日前归还剩余借款30000元，¥30000.00，2027/06/30 前履行');
    expect(summaryText).toContain('会议实际召开时间将更正为');
    await coordinator.getByTestId('stage-confirm-ok').click();

    const recorded = coordinator.locator('[data-testid="session-card"][data-outcome="AGREEMENT"]');
    await recorded.waitFor();
    await coordinator.locator('[data-testid="matter-status"][data-status="RESOLVED"]').first().waitFor();
    // The first term's due date has passed: it is flagged.
    await recorded.locator('[data-testid="term-row"][data-overdue="true"]').waitFor();

    // The court sees the agreement live and records 司法确认.
    const courtCard = court.locator('[data-testid="session-card"][data-outcome="AGREEMENT"]');
    await courtCard.waitFor();
    await courtCard.getByTestId('confirm-note').fill('（2026）民特字第18号');
    await courtCard.getByTestId('confirm-agreement').click();
    await court.getByTestId('stage-confirm-summary').getByText('民特字第18号').waitFor();
    await court.getByTestId('stage-confirm-ok').click();
    await court.locator('[data-testid="judicial-confirmation"][data-confirmed="true"]').waitFor();
    await coordinator.locator('[data-testid="judicial-confirmation"][data-confirmed="true"]').waitFor();

    await recorded.getByTestId('open-agreement').click();
    const document = coordinator.getByTestId('agreement-document');
    await document.waitFor();
    const text = (await document.textContent()) ?? '';
    expect(text).toContain('人民调解协议书');
    expect(text).toContain(matter.reference);
    expect(text).toContain('李建华');
    expect(text).toContain('20,000.00');
    expect(text).toContain('30,000.00');
    expect(text).toContain('司法确认');
    expect(text).toContain('民特字第18号');
    // 打印 calls window.print(); the print stylesheet hides the console around the document.
    await coordinator.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await coordinator.getByTestId('agreement-print').click();
    expect(await coordinator.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await coordinator.emulateMedia({ media: 'print' });
    expect(await coordinator.locator('.app-header').isVisible()).toBe(false);
    await screenshot(coordinator, 'lifecycle-03-agreement-print');
    await expectAccessible(coordinator, 'lifecycle-03-agreement-print');
    await coordinator.emulateMedia({ media: 'screen' });
    await coordinator.getByTestId('agreement-back').click();
    await coordinator.getByTestId('matter-detail').waitFor();
  }, TIMEOUT);

  it('a failed follow-up reopens the matter for mediation', async () => {
    const form = coordinator.getByTestId('follow-up-form');
    await form.waitFor();
    await form.getByTestId('follow-up-fulfilled-no').click();
    await coordinator.getByTestId('reopen-warning').waitFor();
    await form.getByTestId('follow-up-satisfaction').locator('li').nth(1).click();
    await form.getByTestId('follow-up-notes').fill('第一期20000元未按期归还，申请人不满意。');
    await form.getByTestId('follow-up-submit').click();
    await coordinator.getByTestId('stage-confirm-summary').getByText('事项将重新进入调解').waitFor();
    await coordinator.getByTestId('stage-confirm-ok').click();

    await coordinator.locator('[data-testid="matter-status"][data-status="MEDIATING"]').first().waitFor();
    await coordinator.locator('[data-testid="follow-up"][data-fulfilled="false"]').waitFor();
    await coordinator.locator('[data-testid="timeline-event"][data-type="FOLLOW_UP_RECORDED"]').waitFor();
    // Back in mediation: a new session can be scheduled.
    await coordinator.getByTestId('schedule-again').waitFor();
    // The agencies see the reopening live too.
    await judicial.locator('[data-testid="matter-status"][data-status="MEDIATING"]').first().waitFor();
    await screenshot(coordinator, 'lifecycle-04-follow-up-reopened');
    await expectAccessible(coordinator, 'lifecycle-04-follow-up-reopened');
  }, TIMEOUT);

  it("a resident's online report reaches the coordinator's list, and its tracking code shows the status", async () => {
    const resident = await browser.newContext({ baseURL: api.url, locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    contexts.push(resident);
    const page = await resident.newPage();
    await page.goto('/login');
    await page.getByTestId('public-report-link').click();
    await page.getByTestId('public-report-form').waitFor();

    await page.getByTestId('public-submit').click();
    await page.getByText('请阅读并同意个人信息使用说明').waitFor();
    const description = `楼道里堆满纸箱和旧家具，存在消防隐患，多次提醒无果。${Date.now().toString(36)}`;
    await page.getByTestId('public-category').click();
    await page.locator('.ant-select-item-option[title="物业"]').filter({ visible: true }).first().click();
    await page.getByTestId('public-location').fill('昌盛小区 7号楼');
    await page.getByTestId('public-description').fill(description);
    await page.getByTestId('public-phone').fill('13700137003');
    await page.getByTestId('public-consent').click();
    await page.getByTestId('public-submit').click();

    const code = (await page.getByTestId('tracking-code').getAttribute('data-code')) ?? ''; // shown grouped: ABCD EFGH JK
    expect(code).toMatch(/^[0-9A-Z]{10}$/);
    const reference = (await page.getByTestId('public-status').locator('td').first().textContent())?.trim() ?? '';
    await screenshot(page, 'lifecycle-05-resident-tracking-code');
    await expectAccessible(page, 'lifecycle-05-resident-tracking-code');

    await page.getByTestId('public-track-link').click();
    await page.getByTestId('track-code').fill(code.toLowerCase());
    await page.getByTestId('track-submit').click();
    await page.locator('[data-testid="public-status"][data-status="REPORTED"]').waitFor();
    expect(await page.getByTestId('public-status').textContent()).toContain(reference);
    // Nothing personal in the public status.
    expect(await page.getByTestId('public-status').textContent()).not.toContain('13700137003');

    // The coordinator's list shows the online report (channel 网上) without a reload.
    await coordinator.getByTestId('nav-matters').click();
    await coordinator.getByTestId('matter-list').waitFor();
    const row = coordinator.locator('[data-testid="matter-list"]').getByText(reference);
    await row.waitFor();
    await screenshot(coordinator, 'lifecycle-06-coordinator-sees-online-report');
    await expectAccessible(coordinator, 'lifecycle-06-coordinator-sees-online-report');
  }, TIMEOUT);

  it('records an elevator household and shows the Civil Code art. 278 tally', async () => {
    // A fresh elevator matter with five households already recorded (the demo one is closed).
    const token = await login(api, 'coordinator');
    const { reportMatter } = await graphql<{ reportMatter: { id: string } }>(
      api, token, `mutation($input: ReportMatterInput!) { reportMatter(input: $input) { id } }`,
      { input: { title: '3号楼加装电梯征求意见', description: '3号楼一单元住户申请加装电梯，征求全体业主意见。', kind: 'DEMAND', category: 'ELEVATOR_INSTALLATION', channel: 'TALK_HALL', location: '昌盛小区 3号楼', householdsAffected: 6 } },
    );
    const elevatorMatter = reportMatter.id;
    const households: [string, number, string, string, string][] = [
      ['3-1-101', 1, '62.10', '钱志强', 'DISAGREE'], ['3-1-201', 2, '62.10', '孙丽', 'ABSTAIN'], ['3-1-301', 3, '86.50', '周海', 'AGREE'],
      ['3-1-401', 4, '86.50', '吴敏', 'AGREE'], ['3-1-501', 5, '86.50', '郑强', 'AGREE'],
    ];
    for (const [unit, floor, area, ownerName, vote] of households) {
      await graphql(api, token, `mutation($input: RecordElevatorConsentInput!) { recordElevatorConsent(input: $input) { id } }`, {
        input: { matterId: elevatorMatter, unit, floor, area, ownerName, vote },
      });
    }
    await coordinator.goto(`/matters/${elevatorMatter}`);
    const card = coordinator.getByTestId('elevator');
    await card.waitFor();
    // Five of the six households are registered: the missing one counts as not taking part.
    await card.getByTestId('elevator-register-incomplete').getByText('5 / 6').waitFor();
    await coordinator.getByTestId('elevator-add').click();
    const form = coordinator.getByTestId('elevator-form');
    await form.getByTestId('elevator-submit').click();
    await coordinator.getByText('请输入户号').waitFor();
    const unit = '3-1-601';
    await form.getByTestId('elevator-unit').fill(unit);
    await form.getByTestId('elevator-floor').fill('6');
    await form.getByTestId('elevator-area').fill('78.35');
    await form.getByTestId('elevator-owner').fill('赵桂芳');
    await form.getByText('同意', { exact: true }).click();
    await form.getByTestId('elevator-submit').click();
    await card.getByTestId('elevator-households').getByText(unit).waitFor();
    await card.getByTestId('elevator-register-incomplete').waitFor({ state: 'detached' });
    const tally = card.getByTestId('elevator-tally');
    await tally.waitFor();
    expect(['true', 'false']).toContain(await tally.getAttribute('data-approved'));
    expect(await card.getByTestId('elevator-verdict').textContent()).toMatch(/已达到|未达到/);
    await card.screenshot({ path: `${ARTIFACTS}lifecycle-07-elevator-tally.png` });
  }, TIMEOUT);

  it('builds a deliberation agenda from open matters and records the meeting', async () => {
    await coordinator.getByTestId('nav-activities').click();
    await coordinator.getByTestId('activities').waitFor();
    const builder = coordinator.getByTestId('agenda-builder');
    await builder.getByTestId('agenda-suggestion').first().waitFor();
    await builder.getByTestId('agenda-suggestion').first().click();
    await builder.getByTestId('build-agenda').click();
    const form = coordinator.getByTestId('activity-form');
    await form.waitFor();
    const title = `定期议事会 ${Date.now().toString(36)}`;
    await form.getByTestId('activity-title').fill(title);
    // Held now, so it can be recorded right away.
    await form.getByTestId('activity-held-at').click();
    await coordinator.locator('.ant-picker-dropdown').filter({ visible: true }).getByText('此刻').click();
    expect(await form.getByTestId('activity-agenda').inputValue()).toMatch(/^1\. /);
    await form.getByTestId('activity-submit').click();
    const row = coordinator.locator('[data-testid="activity-row"]', { hasText: title });
    await row.waitFor();
    await row.getByTestId('activity-record').click();
    const record = coordinator.getByTestId('record-activity-form');
    await record.getByTestId('record-attendance').fill('28');
    await record.getByTestId('record-minutes').fill('居民代表、网格员和司法所工作人员讨论了楼栋内的共性问题。');
    await record.getByTestId('add-decision').click();
    await record.getByTestId('decision-0-text').fill('由社区牵头，一周内召集相关住户再次协商');
    await record.getByTestId('record-submit').click();
    await coordinator.locator('[data-testid="activity-row"][data-held="true"]', { hasText: title }).waitFor();
    await screenshot(coordinator, 'lifecycle-08-activities');
    await expectAccessible(coordinator, 'lifecycle-08-activities');
  }, TIMEOUT);

  it('draws the dashboard charts and exports matters as CSV and Excel', async () => {
    await coordinator.getByTestId('nav-dashboard').click();
    await coordinator.getByTestId('dashboard-figures').waitFor();
    for (const chart of ['chart-by-month', 'chart-by-kind', 'chart-by-category', 'chart-by-status']) {
      await coordinator.getByTestId(chart).locator('canvas').first().waitFor();
    }
    expect(Number(await coordinator.getByTestId('figure-total').locator('.ant-statistic-content-value').textContent())).toBeGreaterThan(0);
    await coordinator.getByTestId('dashboard-agencies').locator('tr.ant-table-row').first().waitFor();

    const [csv] = await Promise.all([coordinator.waitForEvent('download'), coordinator.getByTestId('export-matters-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const [xlsx] = await Promise.all([coordinator.waitForEvent('download'), coordinator.getByTestId('export-matters-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const bytes = await (await xlsx.createReadStream()).toArray();
    // An .xlsx file is a zip archive: "PK".
    expect(Buffer.concat(bytes).subarray(0, 2).toString()).toBe('PK');
    // Let the charts finish their entry animation before the picture.
    await coordinator.waitForTimeout(1200);
    await screenshot(coordinator, 'lifecycle-09-dashboard');
    await expectAccessible(coordinator, 'lifecycle-09-dashboard');
  }, TIMEOUT);
});
