/**
 * What makes the citizen app usable on a phone in Hanoi (issue 7): a report written without network is kept and
 * sent when the network is back; a failed upload can be retried without losing the form; the app works with a
 * keyboard and in English; the public home and the Center's dashboard pass axe at 360 and 1366 px.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scenePhoto } from '../test/fixtures/photo-variants.ts';
import { assertAccessible, assertNoPageErrors, DESKTOP, DEMO_PASSWORD, launchBrowser, newPage, screenshot, signIn, startWebServer } from './harness.ts';

const server = await startWebServer();
const browser = await launchBrowser();

test('issue 7 R-5 a report written offline is kept on the device and sent, photo and all, when the network is back', async () => {
  const page = await newPage(browser, server.baseUrl);
  await signIn(page, server.citizenLogin);
  await page.goto('/app/reports/new');
  await page.getByRole('radio', { name: /^Phản ánh hiện trường/ }).check();
  await page.getByLabel('Lĩnh vực').selectOption({ label: 'Rác thải, vệ sinh đường phố' }).catch(async () => page.getByLabel('Lĩnh vực').selectOption({ index: 1 }));
  await page.getByLabel('Vĩ độ').fill('21.0245');
  await page.getByLabel('Kinh độ').fill('105.8412');
  await page.getByRole('button', { name: 'Đặt ghim theo tọa độ' }).click();
  await page.getByText(/^Xã\/phường: /).waitFor();

  await page.context().setOffline(true);
  await page.getByRole('status').filter({ hasText: 'Bạn đang ngoại tuyến' }).first().waitFor();
  await page.getByLabel('Chọn ảnh, video có sẵn').setInputFiles({ name: 'rac.jpg', mimeType: 'image/jpeg', buffer: await scenePhoto(21) });
  await page.getByLabel('Tiêu đề').fill('Rác thải ùn ứ ở ngõ 12 phố Văn Miếu');
  await page.getByLabel('Nội dung phản ánh').fill('Rác thải sinh hoạt ùn ứ ba ngày chưa được thu gom, bốc mùi, chắn lối đi của người dân trong ngõ.');
  await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
  await page.getByRole('heading', { name: 'Đã lưu, sẽ gửi khi có mạng' }).waitFor();
  await screenshot(page, 'citizen-offline-queued-360');

  await page.context().setOffline(false);
  await page.getByText('Đã gửi phản ánh bạn soạn khi ngoại tuyến:').waitFor({ timeout: 30_000 });
  const mine = (await (await page.request.get('/api/v1/me/reports')).json()) as { items: { code: string; title: string }[] };
  const sent = mine.items.find((r) => r.title === 'Rác thải ùn ứ ở ngõ 12 phố Văn Miếu');
  assert.ok(sent, 'the report written offline reached the server');
  await page.getByText(sent.code).first().waitFor();
  const detail = (await (await page.request.get(`/api/v1/public/reports/${sent.code}`)).json()) as { media: unknown[] };
  assert.equal(detail.media.length, 1, 'with its photo');
  assertNoPageErrors(page);
});

test('issue 7 R-5.2 a refused upload says why and can be retried or removed without losing what was typed', async () => {
  const page = await newPage(browser, server.baseUrl);
  await signIn(page, server.citizenLogin);
  await page.goto('/app/reports/new');
  await page.getByLabel('Tiêu đề').fill('Biển báo giao thông bị đổ');
  await page.getByLabel('Chọn ảnh, video có sẵn').setInputFiles({ name: 'anh.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('đây không phải là ảnh, chỉ là chữ') });
  const failure = page.getByText(/^Tải lên không thành công: /);
  await failure.waitFor();
  assert.match((await failure.textContent()) ?? '', /ảnh|tệp|định dạng|JPEG/i, 'the reason is said in words');
  await page.getByRole('button', { name: 'Thử tải lại anh.jpg' }).waitFor();
  await page.getByRole('button', { name: 'Bỏ tệp anh.jpg' }).click();
  await page.getByLabel('Chọn ảnh, video có sẵn').setInputFiles({ name: 'bien-bao.jpg', mimeType: 'image/jpeg', buffer: await scenePhoto(31) });
  await page.getByText('Đã tải lên', { exact: true }).waitFor();
  assert.equal(await page.getByLabel('Tiêu đề').inputValue(), 'Biển báo giao thông bị đổ', 'the form kept what was typed');
  assertNoPageErrors(page);
});

test('issue 7 keyboard only: skip link, sign-in by typing and Enter; the interface switches to English', async () => {
  const page = await newPage(browser, server.baseUrl);
  await page.goto('/sign-in');
  await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate('document.activeElement?.textContent'), 'Bỏ qua, đến nội dung chính');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate('document.activeElement?.id'), 'main', 'the skip link moves the focus to the main content');
  await page.getByLabel('Số điện thoại, e-mail, số CCCD hoặc tên đăng nhập cán bộ').focus();
  await page.keyboard.type(server.citizenLogin);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === '/app');

  await page.getByRole('button', { name: /English/ }).click();
  await page.getByRole('link', { name: 'My reports' }).waitFor();
  assert.equal(await page.evaluate('document.documentElement.lang'), 'en');
  await page.reload();
  await page.getByRole('link', { name: 'My reports' }).waitFor();
  await page.getByRole('button', { name: /Tiếng Việt/ }).click();
  await page.getByRole('link', { name: 'Phản ánh của tôi' }).waitFor();
  assertNoPageErrors(page);
});

test('issue 7 the public home (360 and 1366 px) and the Center’s dashboard pass axe; screenshots of both', async () => {
  for (const [viewport, name] of [
    [undefined, '360'],
    [DESKTOP, '1366'],
  ] as const) {
    const page = await newPage(browser, server.baseUrl, viewport);
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Phản ánh của người dân Thủ đô' }).waitFor();
    await page.locator('.leaflet-container').first().waitFor();
    await assertAccessible(page, `public home ${name}`);
    await screenshot(page, `public-home-${name}`);
    assertNoPageErrors(page);
    await page.context().close();
  }
  const overseer = await newPage(browser, server.baseUrl, DESKTOP);
  await signIn(overseer, 'giam-sat');
  await overseer.goto('/overseer');
  await overseer.getByRole('heading', { level: 1, name: 'Số liệu giám sát xử lý phản ánh' }).waitFor();
  await overseer.getByText('Phản ánh nhận được').first().waitFor();
  await overseer.locator('canvas').first().waitFor();
  await assertAccessible(overseer, 'dashboard');
  await screenshot(overseer, 'overseer-dashboard-1366');
  assertNoPageErrors(overseer);
});
