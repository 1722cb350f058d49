import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

export const ADMIN_TOKEN = 'e2e-admin-token-7f3c9a1b52';
export const SCREENSHOT_DIR = path.join('test-results', 'screenshots');

/** Fails any test during which a page logs a console error or throws. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      const watch = (page: Page) => {
        page.on('console', (message) => {
          if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
        });
        page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, next = '/'): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** A second, signed-out browser context whose console errors are collected too. */
export async function anonymousContext(browser: Browser, errors: string[]): Promise<BrowserContext> {
  const context = await browser.newContext();
  context.on('page', (page) => {
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes('401')) errors.push(`(anonymous) ${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`(anonymous) ${page.url()}: ${error.message}`));
  });
  return context;
}

export const authHeader = { authorization: `Bearer ${ADMIN_TOKEN}` };

/** Minutes per improver invocation: a run launched with it is surely still running during the test. */
export const SLOW_IMPROVER = 'import time\n\ndef improve_algorithm(initial_solution, utility, language_model):\n    time.sleep(600)\n    return initial_solution\n';

/** Reads an SSE response until it ends; resolves with everything received and when the end came. */
export async function readUntilClosed(response: Response): Promise<{ text: string; endedAt: number }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text, endedAt: Date.now() };
    text += decoder.decode(value, { stream: true });
  }
}
