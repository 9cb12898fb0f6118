/**
 * The main journey of issue 7, every step clicked in Chromium: a citizen submits a report with a photo and a
 * pin (360 px); the receiving officer accepts it; the head of the processing agency takes it and gives it to
 * the ward; the ward's leader assigns an officer; the officer drafts a result with proof; the head approves and
 * publishes; the citizen sees the result and rates it (R-5 → R-6 → → → R-13).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { scenePhoto } from '../test/fixtures/photo-variants.ts';
import { submitReport } from './citizen-steps.ts';
import { assertAccessible, assertNoPageErrors, DESKTOP, launchBrowser, newPage, screenshot, signIn, startWebServer } from './harness.ts';

const server = await startWebServer();
const browser = await launchBrowser();

async function staffPage(b: Browser, login: string): Promise<Page> {
  const page = await newPage(b, server.baseUrl, DESKTOP);
  await signIn(page, login);
  assert.equal(new URL(page.url()).pathname, '/staff');
  return page;
}

/** Opens the report from the officer's queue tab and does one workflow action through its form. */
async function act(page: Page, o: { tab: string; title: string; action: string; fill?: (p: Page) => Promise<void>; confirm?: boolean; shot?: string }) {
  await page.goto('/staff');
  await page.getByRole('navigation', { name: 'Hàng đợi' }).getByRole('link', { name: new RegExp(`^${o.tab}`) }).click();
  await page.getByRole('link', { name: o.title }).first().click();
  await page.getByRole('heading', { level: 1, name: o.title }).waitFor();
  await page.getByRole('radio', { name: o.action, exact: true }).check();
  await o.fill?.(page);
  if (o.shot) await screenshot(page, o.shot);
  await page.getByRole('button', { name: `Thực hiện: ${o.action}` }).click();
  if (o.confirm) await page.getByRole('button', { name: `Xác nhận: ${o.action}` }).click();
  await page.getByText(`Đã thực hiện “${o.action}”`).waitFor();
  assertNoPageErrors(page);
}

test('issue 7 R-5 R-6 R-8.1 R-12.2 R-13 the main journey: submitted, accepted, dispatched, assigned, drafted with proof, approved, published, rated', async () => {
  const title = 'Ổ gà sâu trước số 12 Hàng Bài';
  const citizen = await newPage(browser, server.baseUrl);
  await signIn(citizen, server.citizenLogin);
  const { code, id } = await submitReport(citizen, { title });

  const receiver = await staffPage(browser, 'tiep-nhan.hoankiem');
  await screenshot(receiver, 'staff-queue-1366');
  await assertAccessible(receiver, 'staff queue');
  await act(receiver, {
    tab: 'Tiếp nhận',
    title,
    action: 'Tiếp nhận và chuyển cơ quan xử lý',
    shot: 'staff-accept-1366',
    fill: async (p) => {
      await p.getByLabel('Chọn cơ quan xử lý').selectOption({ label: 'Sở Xây dựng' });
      await p.getByRole('radio', { name: 'Thông thường' }).check();
    },
  });
  await assertAccessible(receiver, 'staff report page');

  const head = await staffPage(browser, 'giam-doc.sxd');
  await act(head, { tab: 'Chờ giao', title, action: 'Nhận xử lý' });
  await act(head, {
    tab: 'Chờ giao',
    title,
    action: 'Giao UBND cấp xã',
    fill: async (p) => {
      await p.getByLabel('UBND cấp xã nhận giao').selectOption({ label: 'Ủy ban nhân dân Phường Hoàn Kiếm' });
    },
  });

  const leader = await staffPage(browser, 'chu-tich.hoankiem');
  await act(leader, {
    tab: 'Chờ giao',
    title,
    action: 'Phân công cán bộ xử lý',
    fill: async (p) => {
      await p.getByLabel('Chọn cán bộ xử lý').selectOption({ label: 'Lý Thị Mai (xu-ly.hoankiem)' });
    },
  });

  const officer = await staffPage(browser, 'xu-ly.hoankiem');
  await act(officer, {
    tab: 'Đang xử lý',
    title,
    action: 'Trình kết quả xử lý',
    shot: 'staff-draft-1366',
    fill: async (p) => {
      await p.getByLabel('Nội dung kết quả xử lý').fill('Ngày 29/11, Tổ công tác phường đã vá ổ gà, hoàn trả mặt đường. Đã kiểm tra lại hiện trường.');
      await p.getByLabel('Thêm tài liệu chứng minh (ảnh, video)').setInputFiles({ name: 'da-va.jpg', mimeType: 'image/jpeg', buffer: await scenePhoto(99) });
      await p.getByText('Đã tải lên da-va.jpg').waitFor();
      await p.getByLabel('Loại tài liệu').selectOption({ label: 'Ảnh hiện trường' });
      await p.getByLabel('Tên tài liệu').fill('Ảnh mặt đường sau khi vá');
    },
  });

  await act(head, { tab: 'Chờ duyệt', title, action: 'Duyệt và công khai kết quả', confirm: true, shot: 'staff-approve-1366' });

  await citizen.goto(`/app/reports/${id}`);
  await citizen.getByText('Ngày 29/11, Tổ công tác phường đã vá ổ gà').first().waitFor();
  await citizen.getByText('Ảnh mặt đường sau khi vá').first().waitFor();
  await citizen.getByRole('radio', { name: 'Hài lòng', exact: true }).check();
  await citizen.getByLabel('Nhận xét (không bắt buộc)').fill('Phường xử lý nhanh, cảm ơn.');
  await citizen.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await citizen.getByText('Cảm ơn bạn đã đánh giá.').waitFor();
  await screenshot(citizen, 'citizen-result-rated-360');
  await assertAccessible(citizen, 'citizen report with result');
  assertNoPageErrors(citizen);

  // Everyone sees the published result on the public page, with the agency that acted and never who.
  const visitor = await newPage(browser, server.baseUrl, DESKTOP);
  await visitor.goto(`/reports/${code}`);
  await visitor.getByText('Ngày 29/11, Tổ công tác phường đã vá ổ gà').first().waitFor();
  const text = await visitor.locator('main').innerText();
  assert.match(text, /Hài lòng/);
  assert.ok(!text.includes('Lý Thị Mai') && !text.includes('Trần Thị Bình'), 'no officer or reporter names on the public page');
  const proofImage = visitor.locator('main img[src^="/api/v1/media/"]').last();
  await proofImage.waitFor();
  assert.ok(await proofImage.evaluate((img) => (img as { complete: boolean; naturalWidth: number }).complete && (img as { naturalWidth: number }).naturalWidth > 0), 'the proof photo is shown (R-12.2)');
  await screenshot(visitor, 'public-result-1366');
  assertNoPageErrors(visitor);
});
