/**
 * Issue 7 quality bar: the citizen app's initial JavaScript ≤ 200 KB gzip — what Chromium actually loads to show
 * the first screen of /app (entry, the citizen area and what they import), each file measured gzipped.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { assertNoPageErrors, launchBrowser, newPage, startWebServer, WEB_DIST } from './harness.ts';

const BUDGET_BYTES = 200 * 1024;

test('issue 7 the citizen app loads at most 200 KB of JavaScript (gzip) before its first screen', async () => {
  const server = await startWebServer();
  const browser = await launchBrowser();
  for (const path of ['/app', '/app/reports/new']) {
    const page = await newPage(browser, server.baseUrl);
    const scripts = new Set<string>();
    page.on('response', (res) => {
      const url = new URL(res.url());
      if (url.pathname.endsWith('.js')) scripts.add(url.pathname);
    });
    await page.goto(path, { waitUntil: 'networkidle' });
    await page.locator('main h1').first().waitFor();
    const sizes = [...scripts].map((p) => ({ p, gz: gzipSync(readFileSync(join(WEB_DIST, p))).length }));
    const total = sizes.reduce((n, s) => n + s.gz, 0);
    console.log(`# ${path}: ${sizes.length} scripts, ${(total / 1024).toFixed(1)} KB gzip — ${sizes.map((s) => `${s.p} ${(s.gz / 1024).toFixed(1)}`).join(', ')}`);
    assert.ok(scripts.size > 0, 'the page loaded its scripts');
    if (path === '/app') assert.ok(total <= BUDGET_BYTES, `${path}: ${total} bytes of JavaScript (gzip) > ${BUDGET_BYTES}`);
    assertNoPageErrors(page);
    await page.context().close();
  }
});
