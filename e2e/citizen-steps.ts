/** Steps of the citizen PWA that several browser tests share. */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { scenePhoto } from '../test/fixtures/photo-variants.ts';
import { screenshot } from './harness.ts';

/** Fills and sends the new-report form; returns the report's code and id as the confirmation shows them. */
export async function submitReport(page: Page, o: { title: string; confidential?: boolean; photo?: boolean; shot?: string }): Promise<{ code: string; id: string }> {
  await page.goto('/app/reports/new');
  await page.getByRole('radio', { name: /^Phản ánh hiện trường/ }).check();
  await page.getByLabel('Lĩnh vực').selectOption({ label: 'Hư hỏng mặt đường, ổ gà' });
  if (o.photo !== false) {
    await page.getByLabel('Chọn ảnh, video có sẵn').setInputFiles({ name: 'o-ga.jpg', mimeType: 'image/jpeg', buffer: await scenePhoto(7) });
    await page.getByText('Đã tải lên', { exact: true }).waitFor();
  }
  await page.getByLabel('Vĩ độ').fill('21.0285');
  await page.getByLabel('Kinh độ').fill('105.8542');
  await page.getByRole('button', { name: 'Đặt ghim theo tọa độ' }).click();
  await page.getByText('Xã/phường: Phường Hoàn Kiếm').waitFor();
  await page.getByLabel('Tiêu đề').fill(o.title);
  await page.getByLabel('Nội dung phản ánh').fill('Mặt đường bị sụt thành ổ gà sâu khoảng 20 cm, xe máy đi qua rất nguy hiểm vào buổi tối.');
  if (o.confidential) await page.getByLabel('Đề nghị bảo mật danh tính của tôi').check();
  if (o.shot) await screenshot(page, o.shot);
  await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
  await page.getByRole('heading', { name: 'Đã gửi thành công' }).waitFor();
  const code = (await page.locator('.report-code').textContent())!.trim();
  assert.match(code, /^PA-\d{4}-\d{6,}$/);
  const link = page.getByRole('link', { name: `Xem phản ánh ${code}` });
  const id = new URL((await link.getAttribute('href'))!, 'http://x').pathname.split('/').pop()!;
  return { code, id };
}

