/**
 * Browser tests (issue 7): the production server (buildApp) on a fresh copy of the test template with the demo
 * accounts, listening on a free port and serving the built web app; Debian's Chromium driven by playwright-core
 * (never a downloaded browser). Screenshots go to test-output/screenshots/ for people to look at.
 */
import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { systemClock } from '../server/app/ports.ts';
import type { AppContext } from '../server/app/context.ts';
import { buildApp } from '../server/http/app.ts';
import { seedDemo } from '../seed/index.ts';
import { freshDatabase, makeContext, testConfig } from '../test/context.ts';

export const WEB_DIST = fileURLToPath(new URL('../web/dist', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('../test-output/screenshots', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DEMO_PASSWORD = 'ihanoi-demo';

export interface WebServer {
  baseUrl: string;
  ctx: AppContext;
  /** The demo citizen's login (phone), as seedDemo printed it. */
  citizenLogin: string;
}

export async function startWebServer(): Promise<WebServer> {
  assert.ok(existsSync(join(WEB_DIST, 'index.html')), 'web/dist is not built: npm test builds it (scripts/build-web.mjs) before the browser tests');
  const database = await freshDatabase();
  const ctx = makeContext(database, { clock: systemClock, config: testConfig({ webDir: WEB_DIST, rateLimitPerMinute: 100_000 }) });
  const demo = await seedDemo(ctx);
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  const app = await buildApp(ctx, { logStream: sink });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  assert.ok(address && typeof address === 'object');
  // The browser closes after the server (hooks run in order): its open connections must not hold the close up.
  after(async () => {
    const closing = app.close();
    app.server.closeAllConnections();
    await closing;
  });
  return { baseUrl: `http://127.0.0.1:${address.port}`, ctx, citizenLogin: demo.find((d) => d.role === 'citizen')!.login };
}

export async function launchBrowser(): Promise<Browser> {
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: install Debian's chromium (.ci/run does) or set CHROMIUM_PATH`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  after(() => browser.close());
  return browser;
}

export const PHONE = { width: 360, height: 780 };
export const DESKTOP = { width: 1366, height: 850 };

export async function newPage(browser: Browser, baseUrl: string, viewport = PHONE): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  pageErrors.set(page, errors);
  return page;
}

const pageErrors = new WeakMap<Page, string[]>();

/** A JavaScript error on the page is a defect even when the screen looks right. */
export function assertNoPageErrors(page: Page): void {
  const errors = pageErrors.get(page) ?? [];
  assert.deepEqual(errors, [], `JavaScript errors on the page: ${errors.join('; ')}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, login: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Số điện thoại, e-mail, số CCCD hoặc tên đăng nhập cán bộ').fill(login);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

/** axe-core finds no serious or critical violation on the page as it is now (issue 7 quality bar). */
export async function assertAccessible(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`),
    [],
    `${label}: accessibility violations`,
  );
}

/** A staff member's (or citizen's) API session in its own browser context, for steps a test does not click. */
export async function apiAs(browser: Browser, baseUrl: string, login: string) {
  const context = await browser.newContext({ baseURL: baseUrl });
  const res = await context.request.post('/api/v1/auth/sign-in', { data: { login, password: DEMO_PASSWORD } });
  assert.equal(res.status(), 200, await res.text());
  const call = async (method: 'get' | 'post', url: string, data?: unknown) => {
    const r = await context.request[method](url, data === undefined ? {} : { data });
    const body = r.status() === 204 ? null : await r.json();
    assert.ok(r.ok(), `${method.toUpperCase()} ${url} as ${login}: ${r.status()} ${JSON.stringify(body)}`);
    return body;
  };
  return {
    get: (url: string) => call('get', url),
    post: (url: string, data: unknown) => call('post', url, data),
    /** Does a workflow action on a report at its current version. */
    async act(id: string, body: Record<string, unknown>) {
      const r = (await call('get', `/api/v1/reports/${id}`)) as { version: number };
      return call('post', `/api/v1/reports/${id}/actions`, { version: r.version, ...body });
    },
    close: () => context.close(),
  };
}
