import { deflateSync, crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible } from './axe';
import { convenedMatter, graphql, keepEvidenceOnFailure, launchChromium, login, screenshot, signIn, startApiUnderTest, waitLive, type Api } from './harness';

// 证据材料 in real browsers: the coordinator uploads a photo marked as holding personal data (a
// photo of the IOU with names on it); the invited judicial office sees its thumbnail once it
// accepts; the police, never invited, see nothing of the matter.

const TIMEOUT = 45_000;

/** A small real PNG (a solid colour), made here so the test needs no fixture file. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

describe('evidence files (证据材料) on a matter', () => {
  let api: Api;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  keepEvidenceOnFailure('attachments', contexts);
  let coordinator: Page;
  let judicial: Page;
  let matter: { id: string; reference: string };
  const suffix = Date.now().toString(36);

  beforeAll(async () => {
    api = await startApiUnderTest();
    browser = await launchChromium();
    matter = await convenedMatter(
      api,
      {
        title: `5万元借款纠纷 ${suffix}`,
        description: '借款到期未还，出借人持借条要求归还本金及利息。',
        kind: 'DISPUTE', category: 'ECONOMIC', channel: 'TALK_HALL', location: '昌盛小区 5号楼', amountInDispute: '50000.00',
      },
      { summary: '有借条为证，建议司法所与律所联合调解。' },
      ['JUDICIAL_OFFICE', 'LAW_FIRM'],
      '请参加借款纠纷联合调解',
    );
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close().catch(() => {});
    await api?.stop();
  }, 60_000);

  it('the coordinator uploads a photo of the IOU, marked as holding personal data, with progress', async () => {
    const c = await signIn(browser, api.url, 'coordinator');
    contexts.push(c.context);
    coordinator = c.page;
    await coordinator.goto(`/matters/${matter.id}`);
    await coordinator.locator('[data-testid="attachments"][data-count="0"]').waitFor();
    await coordinator.getByTestId('attachment-description').fill('借条照片（双方签名）');
    await coordinator.getByTestId('attachment-personal').click();
    await coordinator.locator('[data-testid="attachments"] input[type="file"]').setInputFiles({ name: '借条.png', mimeType: 'image/png', buffer: png(640, 480, [200, 60, 40]) });
    const image = coordinator.locator('[data-testid="attachment-image"][data-name="借条.png"]');
    await image.waitFor();
    // The thumbnail is a real image the browser decoded, served through a signed link.
    await expect.poll(() => image.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await image.locator('img').getAttribute('src')).toMatch(/^\/files\/[\w-]+\.[\w-]+$/);
    await screenshot(coordinator, 'attachments-01-coordinator');
  }, TIMEOUT);

  it('the invited judicial office sees it only after accepting', async () => {
    const j = await signIn(browser, api.url, 'judicial');
    contexts.push(j.context);
    judicial = j.page;
    await judicial.goto(`/matters/${matter.id}`);
    await judicial.getByTestId('matter-detail').waitFor();
    await waitLive(judicial);
    // Invited, not yet accepted: the personal-data photo is not shown, not even counted.
    await judicial.locator('[data-testid="attachments"][data-count="0"]').waitFor();
    const invitation = judicial.locator('[data-testid="invitation-JUDICIAL_OFFICE"]');
    await invitation.locator('[data-testid^="accept-"]').click();
    await judicial.locator('[data-testid="invitation-JUDICIAL_OFFICE"][data-status="ACCEPTED"]').waitFor();
    const image = judicial.locator('[data-testid="attachment-image"][data-name="借条.png"]');
    await image.waitFor();
    await expect.poll(() => image.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await screenshot(judicial, 'attachments-02-judicial-after-accepting');
  }, TIMEOUT);

  it('the police, never invited, see nothing of the matter', async () => {
    const p = await signIn(browser, api.url, 'police');
    contexts.push(p.context);
    await p.page.goto(`/matters/${matter.id}`);
    await p.page.getByTestId('matter-forbidden').waitFor();
    expect(await p.page.getByTestId('attachments').count()).toBe(0);
    expect(await p.page.locator('img[src^="/files/"]').count()).toBe(0);
  }, TIMEOUT);

  it("a resident attaches a photo to the online report on a phone; the coordinator sees it on the matter page, marked as the resident's", async () => {
    const resident = await browser.newContext({ baseURL: api.url, locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    contexts.push(resident);
    const page = await resident.newPage();
    await page.goto('/report');
    await page.getByTestId('public-report-form').waitFor();
    await page.getByTestId('public-category').click();
    await page.locator('.ant-select-item-option[title="物业"]').filter({ visible: true }).first().click();
    await page.getByTestId('public-description').fill(`楼顶水箱漏水，顺着墙流进我家卧室。${suffix}`);
    await page.getByLabel('照片（可选）').setInputFiles({ name: '卧室墙面.png', mimeType: 'image/png', buffer: png(800, 600, [60, 120, 200]) });
    await page.getByAltText('第 1 张照片预览：卧室墙面.png').waitFor();
    await expectAccessible(page, 'attachments-03-resident-photo-picked');
    await page.getByTestId('public-consent').click();
    await page.getByTestId('public-submit').click();
    await page.locator('[data-testid="public-photo-upload"][data-state="done"][data-failed="0"]').waitFor();
    await page.getByTestId('public-photo-upload').getByText('1 张照片已上传').waitFor();
    const reference = (await page.getByTestId('public-status').locator('td').first().textContent())?.trim() ?? '';
    await screenshot(page, 'attachments-03-resident-photo-uploaded');
    await expectAccessible(page, 'attachments-03-resident-photo-uploaded');

    const token = await login(api, 'coordinator');
    const { matters } = await graphql<{ matters: { edges: { node: { id: string; reference: string } }[] } }>(
      api, token, `query($s: String!) { matters(filter: { search: $s }) { edges { node { id reference } } } }`, { s: reference },
    );
    const reported = matters.edges.find((e) => e.node.reference === reference)!.node;
    await coordinator.goto(`/matters/${reported.id}`);
    const image = coordinator.locator('[data-testid="attachment-image"][data-name="卧室墙面.png"][data-source="PUBLIC_REPORT"]');
    await image.waitFor();
    await expect.poll(() => image.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await image.textContent()).toContain('含个人信息');
    await screenshot(coordinator, 'attachments-04-coordinator-sees-resident-photo');
  }, TIMEOUT);
});
