/**
 * The citizen PWA in Chromium at 360 px (issue 7): submitting a report with a photo and a pin, the confirmation
 * with its code, a rejected report's reason, and a confidential report's public page without any identity.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { submitReport } from './citizen-steps.ts';
import { apiAs, assertAccessible, assertNoPageErrors, launchBrowser, newPage, screenshot, signIn, startWebServer, DESKTOP } from './harness.ts';

const server = await startWebServer();
const browser = await launchBrowser();

test('R-5 R-6.1 a citizen sends a report with a photo and a pin in a few taps and gets its code; the pages pass axe', async () => {
  const page = await newPage(browser, server.baseUrl);
  await signIn(page, server.citizenLogin);
  assert.equal(new URL(page.url()).pathname, '/app');
  await page.locator('main h1').first().waitFor();
  await screenshot(page, 'citizen-home-360');
  await assertAccessible(page, 'citizen home');
  await page.goto('/app/reports/new');
  await page.getByLabel('Lĩnh vực').waitFor();
  await assertAccessible(page, 'new report form');
  const { code, id } = await submitReport(page, { title: 'Ổ gà lớn trên phố Đinh Tiên Hoàng', shot: 'citizen-new-report-360' });
  await screenshot(page, 'citizen-confirmation-360');
  await page.getByRole('link', { name: `Xem phản ánh ${code}` }).click();
  await page.getByRole('heading', { level: 1, name: 'Ổ gà lớn trên phố Đinh Tiên Hoàng' }).waitFor();
  await page.getByText(/Hạn xử lý:/).first().waitFor();
  await assertAccessible(page, 'my report');
  await screenshot(page, 'citizen-report-360');
  assert.equal(new URL(page.url()).pathname, `/app/reports/${id}`);
  assertNoPageErrors(page);
});

test('R-6.2 a rejected report shows the citizen its Art. 6.2 reason and the explanation', async () => {
  const page = await newPage(browser, server.baseUrl);
  await signIn(page, server.citizenLogin);
  const { id } = await submitReport(page, { title: 'Phản ánh sẽ bị từ chối vì trùng', photo: false });
  const officer = await apiAs(browser, server.baseUrl, 'dieu-phoi');
  await officer.act(id, { action: 'reject', rejectReason: 'c', explanation: 'Nội dung trùng phản ánh PA-2026-000001 đang được xử lý.' });
  await officer.close();
  await page.goto(`/app/reports/${id}`);
  await page.getByText('Nội dung trùng phản ánh PA-2026-000001 đang được xử lý.').first().waitFor();
  const reasons = (await (await page.request.get('/api/v1/workflows')).json()) as { rejectReasons: Record<string, string> };
  await page.getByText(reasons.rejectReasons.c!).first().waitFor();
  assert.match(await page.locator('main').innerText(), /Không tiếp nhận/);
  await screenshot(page, 'citizen-rejected-360');
  assertNoPageErrors(page);
});

test('R-5.7 a confidential report’s public page shows no identity, on the phone and on the desktop', async () => {
  const page = await newPage(browser, server.baseUrl);
  await signIn(page, server.citizenLogin);
  const { code } = await submitReport(page, { title: 'Lấn chiếm vỉa hè phố Hàng Bông', confidential: true, photo: false });
  const me = (await (await page.request.get('/api/v1/me')).json()) as { fullName: string; displayName: string; phone: string; email: string; cccd: string };
  for (const viewport of [undefined, DESKTOP]) {
    const visitor = await newPage(browser, server.baseUrl, viewport);
    await visitor.goto(`/reports/${code}`);
    await visitor.getByText(`Mã phản ánh: ${code}`).waitFor();
    const html = await visitor.content();
    for (const identity of [me.fullName, me.displayName, me.phone, me.email, me.cccd]) assert.ok(!html.includes(identity), `the public page does not contain ${identity}`);
    await assertAccessible(visitor, 'public report page');
    await screenshot(visitor, `public-report-${viewport ? '1366' : '360'}`);
    assertNoPageErrors(visitor);
    await visitor.context().close();
  }
});
