import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';

// axe-core's own build, injected into the page under test: the same rules a WCAG audit runs with
// the browser extension, here on every page a browser test visits.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.0 and 2.1, levels A and AA — what GB/T 37668 asks of a government-facing site. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const BLOCKING = new Set(['serious', 'critical']);

export interface AxeCheck {
  /** CSS selectors of parts of the page left out (e.g. a third-party widget); none by default. */
  exclude?: string[];
}

/** One violation, as the failure message lists it: rule id, impact, help, and each element's selector. */
function describe(violation: Result): string {
  const targets = violation.nodes.map((node) => `    ${node.target.join(' >> ')}${node.failureSummary ? `\n      ${node.failureSummary.replace(/\n/g, '\n      ')}` : ''}`);
  return `  ${violation.id} (${violation.impact}, ${violation.nodes.length}): ${violation.help}\n${targets.join('\n')}`;
}

/**
 * Runs axe-core's WCAG 2.1 A/AA rules on the page as it is now, prints `[axe] <name>: N` (the
 * number of elements with a serious or critical violation, so a regression shows in the log) and
 * throws, listing rule ids and element selectors, when N is not 0.
 *
 * Waits for finite animations first (antd fades cards, tags and notifications in): a contrast
 * measured halfway through a fade is not what anyone reads.
 */
export async function expectAccessible(page: Page, name: string, options: AxeCheck = {}): Promise<AxeResults> {
  await page.evaluate(async () => {
    const finite = document.getAnimations().filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity);
    await Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)));
  });
  const injected = await page.evaluate(() => 'axe' in window);
  if (!injected) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    async ({ tags, exclude }) => {
      const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
      const context = exclude.length ? { include: [document], exclude: exclude.map((selector) => [selector]) } : document;
      return axe.run(context as import('axe-core').ElementContext, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    },
    { tags: WCAG_21_AA, exclude: options.exclude ?? [] },
  );
  const blocking = results.violations.filter((violation) => BLOCKING.has(violation.impact ?? ''));
  const elements = blocking.reduce((sum, violation) => sum + violation.nodes.length, 0);
  console.log(`[axe] ${name}: ${elements}`);
  if (blocking.length > 0) {
    throw new Error(`axe: ${elements} element(s) with serious or critical WCAG 2.1 A/AA violations on ${name} (${page.url()}):\n${blocking.map(describe).join('\n')}`);
  }
  return results;
}
