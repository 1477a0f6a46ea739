/**
 * A real browser for the console's tests and benchmark: Debian's Chromium driven by
 * playwright-core (Playwright's own browser download is not reachable from these machines), at an
 * office screen's 1366×768, in Chinese and Beijing time. Pages run under the API's own
 * Content-Security-Policy (server/plugins/security-headers.plugin.ts); every violation or uncaught
 * error a page reports is kept, so a test can require there were none.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CONSOLE_DIR = resolve(import.meta.dirname, '../../console/dist');
export const SCREENSHOTS_DIR = resolve(import.meta.dirname, '../../data/screenshots');
export const OFFICE_SCREEN = { width: 1366, height: 768 };

/** The console must have been built (scripts/install.sh does it) before a browser can show it. */
export function builtConsoleDir(): string {
  if (!existsSync(join(CONSOLE_DIR, 'index.html'))) throw new Error(`The console is not built (${CONSOLE_DIR}): run bash scripts/install.sh`);
  return CONSOLE_DIR;
}

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH}: run bash scripts/install.sh --browser`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface Person {
  context: BrowserContext;
  page: Page;
  /** CSP violations and uncaught errors the pages reported. */
  faults: string[];
}

/** A person at their own browser (their own sessionStorage): a fresh context and page. */
export async function openBrowserFor(browser: Browser): Promise<Person> {
  const context = await browser.newContext({ viewport: OFFICE_SCREEN, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const faults: string[] = [];
  const page = await context.newPage();
  // Every console page must arrive under the API's policy: without it, "no violation" would prove nothing.
  page.on('response', (response) => {
    const policy = response.headers()['content-security-policy'] ?? '';
    if (response.request().resourceType() === 'document' && response.url().includes('/console') && !policy.includes("script-src 'self'")) {
      faults.push(`no Content-Security-Policy on ${response.url()}`);
    }
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) faults.push(`CSP: ${message.text()}`);
  });
  page.on('pageerror', (error) => faults.push(`uncaught: ${error.message}`));
  return { context, page, faults };
}

/** Signs in as a person does: pastes the token on the sign-in page and waits to be let in. */
export async function signIn(page: Page, base: string, token: string): Promise<void> {
  await page.goto(`${base}/console/signin`);
  await page.getByPlaceholder('粘贴由系统管理员签发的访问令牌').fill(token);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/signin'));
}

/**
 * Saves what the page shows under data/screenshots/ (git-ignored), and under `CONSOLE_SCREENSHOTS`
 * too when set, once the passing notices ("已办理" toasts, which leave by themselves) and closing
 * dialogs are gone.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.locator('.el-message').last().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
  await page.getByRole('dialog').last().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
  // Element Plus fades things in and out (tags, loading masks): let the running transitions end (or be cancelled).
  await page.evaluate(() => {
    const running = (globalThis as unknown as { document: { getAnimations(): Array<{ finished: Promise<unknown> }> } }).document.getAnimations();
    return Promise.race([Promise.all(running.map((animation) => animation.finished.catch(() => undefined))), new Promise((done) => setTimeout(done, 2_000))]);
  });
  for (const dir of [SCREENSHOTS_DIR, process.env.CONSOLE_SCREENSHOTS ? resolve(process.env.CONSOLE_SCREENSHOTS) : undefined]) {
    if (!dir) continue;
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${name}.png`) });
  }
}
