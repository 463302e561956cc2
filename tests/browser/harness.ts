import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page, type WebSocketRoute } from 'playwright-core';

export const PASSWORD = 'changsheng-demo';
export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

export interface Api {
  url: string;
  stop(): Promise<void>;
}

/**
 * The api under test: `SST_BASE_URL` points at one already running (handy by hand: the quick-start
 * on port 4000), otherwise `tests/support/server.ts` starts the built api on a free port against
 * a fresh database with the demo data, serving web/dist.
 */
export async function startApiUnderTest(): Promise<Api> {
  const external = process.env.SST_BASE_URL;
  if (external) return { url: external.replace(/\/$/, ''), stop: async () => {} };
  const support = '../support/server.js';
  const { startApi } = (await import(/* @vite-ignore */ support)) as { startApi(): Promise<Api> };
  return startApi();
}

/** One GraphQL request for a test's setup (what the browser steps build on); throws on errors. */
export async function graphql<T>(api: Api, token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`);
  return body.data;
}

/** A session token for `username`, over the API. */
export async function login(api: Api, username: string, password = PASSWORD): Promise<string> {
  const data = await graphql<{ login: { token: string } }>(
    api, null, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: username, p: password },
  );
  return data.login.token;
}

/**
 * The coordinator reports a matter, assesses it and convenes the agencies of `kinds` (invitations
 * answerable for a day), over the API: a browser test's starting point for what comes after.
 */
export async function convenedMatter(
  api: Api,
  report: Record<string, unknown>,
  assessment: { summary: string },
  kinds: string[],
  message: string,
): Promise<{ id: string; reference: string }> {
  const coordinator = await login(api, 'coordinator');
  const { reportMatter } = await graphql<{ reportMatter: { id: string; reference: string } }>(
    api, coordinator, `mutation($input: ReportMatterInput!) { reportMatter(input: $input) { id reference } }`, { input: report },
  );
  await graphql(api, coordinator, `mutation($input: AssessMatterInput!) { assessMatter(input: $input) { id } }`, {
    input: { matterId: reportMatter.id, riskLevel: 'MEDIUM', scale: 'ORDINARY', summary: assessment.summary },
  });
  const { organizations } = await graphql<{ organizations: { id: string; kind: string }[] }>(api, coordinator, '{ organizations { id kind } }');
  const invited = kinds.map((kind) => organizations.find((o) => o.kind === kind)!.id);
  await graphql(api, coordinator, `mutation($input: RequestJointMediationInput!) { requestJointMediation(input: $input) { id } }`, {
    input: { matterId: reportMatter.id, organizationIds: invited, message, respondBy: new Date(Date.now() + 86_400_000).toISOString() },
  });
  return reportMatter;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}

/**
 * When a test fails, saves a screenshot of every open page (tests/artifacts/failed-…png) and
 * prints where each page was and the start of its text, so a failure in CI can be read from the log.
 */
export function keepEvidenceOnFailure(name: string, contexts: BrowserContext[]) {
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    const pages = contexts.flatMap((c) => c.pages()).filter((p) => !p.isClosed());
    for (const [i, page] of pages.entries()) {
      const file = `failed-${name}-${i}`;
      await screenshot(page, file).catch(() => undefined);
      const text = await page.evaluate(() => document.body.innerText.replace(/\s+/g, ' ').slice(0, 400)).catch(() => '');
      console.error(`[browser] "${context.task.name}" failed; page ${i} at ${page.url()} (tests/artifacts/${file}.png): ${text}`);
    }
  });
}

/** A fresh browser context (own localStorage) signed in as `username`. */
export async function signIn(
  browser: Browser,
  baseUrl: string,
  username: string,
  options: { prepare?(context: BrowserContext): Promise<void>; viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: options.viewport ?? { width: 1366, height: 900 } });
  await options.prepare?.(context);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('app-layout').waitFor();
  return { context, page };
}

/** Picks an option of an antd Select by its visible label. */
export async function choose(page: Page, selectTestId: string, optionLabel: string) {
  await page.getByTestId(selectTestId).click();
  await page.locator(`.ant-select-item-option[title="${optionLabel}"]`).filter({ visible: true }).first().click();
}

/** Waits until the console's WebSocket is up, so live pushes can reach it. */
export async function waitLive(page: Page) {
  await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
}

/**
 * Puts the context's /graphql WebSocket behind a switch the test controls: `drop()` closes the
 * live sockets and refuses new ones (as a network outage would) until `restore()`. Records what
 * the page sends, to check how it resubscribes.
 */
export async function controllableSocket(context: BrowserContext) {
  let blocked = false;
  const open = new Set<WebSocketRoute>();
  const sent: { at: number; message: Record<string, unknown> }[] = [];
  await context.routeWebSocket(/\/graphql$/, (ws) => {
    if (blocked) {
      void ws.close({ code: 1012, reason: 'outage' });
      return;
    }
    const server = ws.connectToServer();
    open.add(ws);
    ws.onMessage((message) => {
      if (typeof message === 'string') sent.push({ at: Date.now(), message: JSON.parse(message) as Record<string, unknown> });
      server.send(message);
    });
    ws.onClose(() => open.delete(ws));
  });
  return {
    sent,
    async drop() {
      blocked = true;
      for (const ws of open) await ws.close({ code: 1012, reason: 'outage' });
      open.clear();
    },
    restore() {
      blocked = false;
    },
  };
}
