/**
 * A part of the app whose file fails to load (a release replaced it while the page was open, or the network
 * dropped) says so in words and offers to reload, instead of "Đang tải…" for ever (issue 7).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { launchBrowser, newPage, startWebServer } from './harness.ts';

test('issue 7 a page part that cannot be loaded says so and offers to reload', async () => {
  const server = await startWebServer();
  const browser = await launchBrowser();
  const page = await newPage(browser, server.baseUrl);
  // The sign-in page's own script is gone, as after a new release.
  await page.route(/\/assets\/sign-in-[^/]+\.js$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto('/sign-in');
  await page.getByRole('alert').filter({ hasText: 'Không tải được phần này của ứng dụng' }).waitFor();
  const reload = page.getByRole('button', { name: 'Tải lại trang' });
  await page.unroute(/\/assets\/sign-in-[^/]+\.js$/);
  await reload.click();
  await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/sign-in');
});
