/**
 * Issue 10 item 5: the Center's dashboard shows the new figures of GET /api/v1/oversight/summary — accepted, not
 * accepted (per Art. 6.2 reason), transferred and in progress in the overview and per agency; per commune/ward
 * of today; per handling stage on time, late and the working time of 50 % and 90 %; per owing agency and
 * stage; initiatives — and filters by a commune/ward of today, kept in the address. Every expectation is
 * read from the API with the overseer's own session, not written down here.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import type { OversightSummary } from '../server/app/oversight/summary-types.ts';
import { refreshOversightRollup } from '../server/app/oversight/rollup.ts';
import { workingTimeInWords } from '../server/domain/oversight/working-time.ts';
import { apiAs, assertAccessible, assertNoPageErrors, DESKTOP, launchBrowser, newPage, PHONE, screenshot, signIn, startWebServer } from './harness.ts';

const server = await startWebServer();
const browser = await launchBrowser();

const HOAN_KIEM = { lat: 21.0287, lng: 105.8524, address: 'Phố Đinh Tiên Hoàng, gần Tháp Rùa' };
const BA_DINH = { lat: 21.0368, lng: 105.8347, address: 'Quảng trường Ba Đình' };

/**
 * The fixture, through the API as people would do it: six field reports (four by Hồ Hoàn Kiếm, two by Ba Đình
 * square) and an initiative without a place; the Center accepts one, rejects two for different Art. 6.2 reasons,
 * transfers one and distributes the initiative. Then, as the clock cannot be moved here, the database is told
 * that the accepted report's receiving took 1.5 working days and that two open receiving deadlines are past due.
 */
async function seedFigures() {
  const citizen = await apiAs(browser, server.baseUrl, server.citizenLogin);
  const occurredAt = new Date(Date.now() - 3_600_000).toISOString();
  const submit = async (title: string, place: typeof HOAN_KIEM | undefined, extra: Record<string, unknown> = {}) =>
    ((await citizen.post('/api/v1/reports', {
      kind: 'field_report',
      categoryCode: 'hu-hong-mat-duong',
      title,
      description: `${title}: mặt đường hư hỏng nặng, xe máy đi qua rất nguy hiểm vào buổi tối, đề nghị sửa chữa sớm.`,
      ...(place ? { place, occurredAt } : {}),
      confidential: false,
      ...extra,
    })) as { id: string }).id;
  const where = (await citizen.get(`/api/v1/units/at?lat=${BA_DINH.lat}&lng=${BA_DINH.lng}`)) as { unit: { code: string } };
  assert.notEqual(where.unit.code, '00070', 'the second place is in another ward than Phường Hoàn Kiếm');

  const a = await submit('Ổ gà trước số 5 Đinh Tiên Hoàng', HOAN_KIEM);
  const b = await submit('Mặt đường lún ở phố Lê Thái Tổ', HOAN_KIEM);
  const c = await submit('Nắp cống vỡ ở phố Hàng Khay', HOAN_KIEM);
  const d = await submit('Vỉa hè sụt phố Tràng Tiền', HOAN_KIEM);
  const e = await submit('Ổ gà đường Hùng Vương', BA_DINH);
  const f = await submit('Mặt đường bong tróc phố Điện Biên Phủ', BA_DINH);
  const i = await submit('Sáng kiến bản đồ số điểm sạc xe điện', undefined, {
    kind: 'initiative',
    categoryCode: 'sang-kien-chuyen-doi-so',
    description: 'Đề xuất xây dựng bản đồ số các điểm sạc xe điện công cộng trên toàn Thành phố, cập nhật theo thời gian thực.',
  });
  const agencies = ((await citizen.get('/api/v1/agencies')) as { items: { id: string; code: string }[] }).items;
  await citizen.close();

  const agency = (code: string) => agencies.find((x) => x.code === code)!.id;
  const operator = await apiAs(browser, server.baseUrl, 'dieu-phoi');
  await operator.act(a, { action: 'accept', targetAgencyId: agency('so-xay-dung'), classification: 'normal' });
  await operator.act(b, { action: 'reject', rejectReason: 'a', explanation: 'Thiếu vị trí cụ thể.' });
  await operator.act(f, { action: 'reject', rejectReason: 'c', explanation: 'Trùng phản ánh đã gửi trước.' });
  await operator.act(c, { action: 'transfer', targetAgencyId: agency('so-y-te'), explanation: 'Thuộc thẩm quyền ngành y tế.' });
  await operator.act(i, { action: 'distribute', targetAgencyId: agency('so-khoa-hoc-va-cong-nghe') });
  await operator.close();

  const db = server.ctx.db;
  await db.updateTable('deadlines').set({ worked_minutes: 720 }).where('subject_id', '=', a).where('clock', '=', 'receive').where('stopped_at', 'is not', null).execute();
  await db
    .updateTable('deadlines')
    .set({ due_at: new Date(Date.now() - 3_600_000) })
    .where('subject_id', 'in', [d, e])
    .where('stopped_at', 'is', null)
    .execute();
  await refreshOversightRollup(server.ctx, { full: true });
}

await seedFigures();

// Expectations in the interface's words, from the API's numbers.
const number = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
const percent = (p: number) => new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 }).format(p / 100);
const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part * 1000) / whole) / 10);
const squash = (text: string) => text.replace(/\s+/g, '');
function duration(st: OversightSummary['stages'][number]): string {
  if (st.finished === 0) return '—';
  const bound = (m: number | null) => (m === null ? 'trên 60 ngày làm việc' : `trong vòng ${workingTimeInWords(m)}`);
  return `50% ${bound(st.medianWithinMinutes)}, 90% ${bound(st.p90WithinMinutes)}`;
}
/** The leading count of a cell ("3 (42,9 %)" → 3). */
const leading = (text: string) => Number(/^[\d.]+/.exec(text.trim())?.[0].replace(/\./g, '') ?? NaN);

interface TableText {
  head: string[];
  rows: { cells: string[]; classes: string[] }[];
}
/** The parts of a browser table read here (the test's type check has no DOM library). */
interface TableParts {
  tHead: { rows: ArrayLike<{ cells: ArrayLike<{ textContent: string | null }> }> } | null;
  tBodies: ArrayLike<{ rows: ArrayLike<{ cells: ArrayLike<{ textContent: string | null; className: string }> }> }>;
}
async function readTable(table: Locator): Promise<TableText> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  const raw = await table.evaluate((el) => {
    const t = el as unknown as TableParts;
    return {
      head: Array.from(t.tHead!.rows[0]!.cells, (c) => c.textContent ?? ''),
      rows: Array.from(t.tBodies[0]!.rows, (r) => ({ cells: Array.from(r.cells, (c) => c.textContent ?? ''), classes: Array.from(r.cells, (c) => c.className) })),
    };
  });
  const text = (s: string) => s.replace(/\s+/g, ' ').trim();
  return { head: raw.head.map(text), rows: raw.rows.map((r) => ({ cells: r.cells.map(text), classes: r.classes })) };
}
const column = (t: TableText, name: string) => {
  const i = t.head.indexOf(name);
  assert.ok(i >= 0, `column "${name}" in ${t.head.join(' | ')}`);
  return i;
};
const rowOf = (t: TableText, name: string) => {
  const row = t.rows.find((r) => r.cells[0] === name);
  assert.ok(row, `row "${name}" in ${t.rows.map((r) => r.cells[0]).join(' | ')}`);
  return row;
};

async function statValue(page: Page, section: string, label: string): Promise<string> {
  const stat = page.locator(`section[aria-labelledby="${section}"] .stat`).filter({ has: page.locator('dt').getByText(label, { exact: true }) });
  return (await stat.locator('dd.stat-value').innerText()).trim();
}

const isSummary = (url: string) => new URL(url).pathname === '/api/v1/oversight/summary';

/** Opens the dashboard at `path`; the summary the page asked for, and the same asked again by the test. */
async function openDashboard(page: Page, path: string): Promise<{ shown: OversightSummary; api: OversightSummary; url: URL }> {
  const response = page.waitForResponse((r) => isSummary(r.url()) && r.status() === 200);
  await page.goto(path);
  return readSummary(page, await response);
}
async function readSummary(page: Page, response: Awaited<ReturnType<Page['waitForResponse']>>) {
  const shown = (await response.json()) as OversightSummary;
  const url = new URL(response.url());
  const again = await page.request.get(`${url.pathname}${url.search}`);
  assert.equal(again.status(), 200);
  await page.getByRole('heading', { level: 2, name: 'Tổng quan' }).waitFor();
  return { shown, api: (await again.json()) as OversightSummary, url };
}

/** The figures of two answers, without the instant they hold at (a refresh may fall between the two). */
const figures = (s: OversightSummary) => ({ ...s, asOf: '' });

/** Each labelled figure of a section (by its title's id) shows the number the API gives. */
async function assertStats(page: Page, titleId: string, figures: readonly (readonly [string, number])[]): Promise<void> {
  for (const [label, n] of figures) assert.equal(await statValue(page, titleId, label), number(n), label);
}

/** The overview's figures as the API gives them: received, accepted, not accepted, transferred, in progress. */
async function assertOverview(page: Page, api: OversightSummary): Promise<void> {
  await assertStats(page, 'overview-title', [
    ['Phản ánh nhận được', api.totals.received],
    ['Đã tiếp nhận', api.totals.accepted],
    ['Không tiếp nhận', api.totals.rejected],
    ['Đã chuyển', api.totals.transferred],
    ['Đang xử lý', api.totals.inProgress],
  ]);
}

test('issue 10 R-6.2 R-7.2c R-28.1 R-8.5 R-9 the dashboard shows accepted, not accepted by reason, transferred, in progress, per ward of today, per stage and initiatives as the API gives them', async () => {
  const page = await newPage(browser, server.baseUrl, DESKTOP);
  await signIn(page, 'giam-sat');
  const { shown, api, url } = await openDashboard(page, '/overseer');
  assert.equal(url.searchParams.get('unitCode'), null, 'no ward chosen: no unitCode asked');
  assert.deepEqual(figures(shown), figures(api), 'the page shows what the API answers the same session');
  assert.ok(api.total >= 7 && api.totals.rejected >= 2 && api.totals.transferred >= 1 && api.stages.length > 0, 'the fixture is in the figures');

  // Overview: the four new figures.
  await assertOverview(page, api);

  // Per agency: the new columns.
  const agencies = await readTable(page.getByRole('table', { name: /^Phản ánh theo cơ quan xử lý — / }));
  assert.equal(agencies.rows.length, api.byAgency.length);
  for (const a of api.byAgency) {
    const row = rowOf(agencies, a.agencyName);
    for (const [col, n] of [
      ['Nhận được', a.received],
      ['Đã tiếp nhận', a.accepted],
      ['Không tiếp nhận', a.rejected],
      ['Đã chuyển', a.transferred],
      ['Đang xử lý', a.inProgress],
      ['Trễ hạn', a.late],
    ] as const)
      assert.equal(leading(row.cells[column(agencies, col)]!), n, `${a.agencyName}: ${col}`);
  }

  // Not accepted, by Art. 6.2 reason.
  const reasons = await readTable(page.getByRole('table', { name: /^Phản ánh không được tiếp nhận theo lý do/ }));
  const rejected = api.rejectedByReason.reduce((n, r) => n + r.count, 0);
  assert.ok(api.rejectedByReason.length >= 2);
  assert.deepEqual(
    reasons.rows.map((r) => r.cells.map(squash)),
    api.rejectedByReason.map((r) => [r.label, number(r.count), percent(share(r.count, rejected))].map(squash)),
  );

  // Per ward of today, with the note on former units.
  await page.getByText(/trước 01\/7\/2025\) được tính vào xã\/phường hiện nay/).waitFor();
  const units = await readTable(page.getByRole('table', { name: /^Phản ánh theo xã\/phường hiện nay/ }));
  assert.deepEqual(
    units.rows.map((r) => [r.cells[0], leading(r.cells[column(units, 'Nhận được')]!), leading(r.cells[column(units, 'Không tiếp nhận')]!)]),
    api.byUnit.slice(0, 20).map((u) => [u.unitName, u.received, u.rejected]),
  );
  assert.ok(
    api.byUnit.some((u) => u.unitCode === null && u.unitName === 'Không xác định được đơn vị hành chính'),
    'the initiative without a place is counted under no unit',
  );
  assert.ok(units.rows.some((r) => r.cells[0] === 'Không xác định được đơn vị hành chính'));

  // Per stage: deadlines, on time, late, late share, and the working time of 50 % and 90 %.
  const stages = await readTable(page.getByRole('table', { name: /^Thời hạn theo giai đoạn xử lý/ }));
  assert.deepEqual(
    stages.rows.map((r) => r.cells.map(squash)),
    api.stages.map((st) => [st.label, number(st.deadlines), number(st.onTime), number(st.late), percent(st.latePercent), number(st.finished), number(st.running), duration(st)].map(squash)),
  );
  const receive = api.stages.find((st) => st.stage === 'receive');
  assert.ok(receive && receive.late >= 2 && receive.p90WithinMinutes === 720, 'the fixture: receiving late twice, and 1.5 working days at most');
  assert.match(rowOf(stages, receive.label).cells.at(-1)!, /90% trong vòng 1,5 ngày làm việc/);

  // Per owing agency and stage, behind a disclosure; late shares above 30 % stand out.
  await page.getByText('Chi tiết theo cơ quan và giai đoạn').click();
  const matrixTable = page.getByRole('table', { name: /^Thời hạn trễ theo cơ quan chịu thời hạn và giai đoạn/ });
  await matrixTable.waitFor();
  const matrix = await readTable(matrixTable);
  assert.ok(api.byAgencyStage.some((c) => c.latePercent > 30), 'the fixture has an agency late on more than 30 % of a stage');
  for (const c of api.byAgencyStage) {
    const row = rowOf(matrix, c.agencyName);
    const i = column(matrix, c.label);
    assert.equal(squash(row.cells[i]!), squash(`${number(c.late)}/${number(c.deadlines)} (${percent(c.latePercent)})`), `${c.agencyName} × ${c.label}`);
    assert.equal(row.classes[i]!.split(' ').includes('late-cell'), c.latePercent > 30, `${c.agencyName} × ${c.label} highlighted when over 30 %`);
  }

  // Initiatives.
  assert.ok(api.initiatives.received >= 1);
  await assertStats(page, 'initiatives-title', [
    ['Sáng kiến nhận được', api.initiatives.received],
    ['Đã trả lời', api.initiatives.answered],
    ['Tiếp thu', api.initiatives.adopted],
    ['Không tiếp thu', api.initiatives.declined],
  ]);

  await page.locator('canvas').nth(1).waitFor();
  await assertAccessible(page, 'dashboard with the figures of issue 10');
  await screenshot(page, 'overseer-figures-1366');

  // In English: the sections and the working time say it in English.
  await page.getByRole('button', { name: /English/ }).click();
  await page.getByRole('heading', { level: 2, name: 'By handling stage' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Initiatives (R-9)' }).waitFor();
  await page.getByText('90% within 1.5 working days').first().waitFor();
  await page.getByRole('button', { name: /Tiếng Việt/ }).click();
  await page.getByRole('heading', { level: 2, name: 'Theo giai đoạn xử lý' }).waitFor();
  assertNoPageErrors(page);

  // On a phone (360 px) the wide tables scroll in focusable regions.
  const phone = await newPage(browser, server.baseUrl, PHONE);
  await signIn(phone, 'giam-sat');
  await openDashboard(phone, '/overseer');
  await phone.getByRole('table', { name: /^Thời hạn theo giai đoạn xử lý/ }).waitFor();
  await assertAccessible(phone, 'dashboard with the figures of issue 10, 360 px');
  await screenshot(phone, 'overseer-figures-360');
  assertNoPageErrors(phone);
});

test('issue 10 R-28.1 choosing a ward of today puts it in the address and the API call, and narrows the figures', async () => {
  const page = await newPage(browser, server.baseUrl, DESKTOP);
  await signIn(page, 'giam-sat');
  const whole = (await openDashboard(page, '/overseer')).api;
  const hoanKiem = whole.byUnit.find((u) => u.unitCode === '00070');
  assert.ok(hoanKiem && hoanKiem.received < whole.totals.received, 'Phường Hoàn Kiếm has some of the reports, not all');

  const select = page.getByLabel('Xã/phường', { exact: true });
  await select.selectOption({ label: 'Phường Hoàn Kiếm' });
  const response = page.waitForResponse((r) => isSummary(r.url()) && r.status() === 200);
  await page.getByRole('button', { name: 'Xem số liệu' }).click();
  const { shown, api, url } = await readSummary(page, await response);
  assert.equal(url.searchParams.get('unitCode'), '00070', 'the API is asked for the ward');
  assert.equal(new URL(page.url()).searchParams.get('unit'), '00070', 'the ward is kept in the address');
  assert.deepEqual(figures(shown), figures(api));
  assert.equal(api.filters.unitCode, '00070');
  assert.equal(api.totals.received, hoanKiem.received, 'the figures are the ward’s');
  assert.notEqual(api.totals.received, whole.totals.received, 'and they changed');
  // (An expression evaluated in the page: the test's type check has no DOM library.)
  await page.waitForFunction(`document.querySelector('section[aria-labelledby="overview-title"] .stat dd.stat-value')?.textContent === ${JSON.stringify(number(api.totals.received))}`);
  await assertOverview(page, api);
  const units = await readTable(page.getByRole('table', { name: /^Phản ánh theo xã\/phường hiện nay/ }));
  assert.deepEqual(
    units.rows.map((r) => r.cells[0]),
    api.byUnit.map((u) => u.unitName),
  );
  assert.deepEqual(
    api.byUnit.map((u) => u.unitCode),
    ['00070'],
  );
  await assertAccessible(page, 'dashboard of one ward');

  // The address alone brings the same choice back.
  await page.reload();
  await page.getByRole('heading', { level: 2, name: 'Tổng quan' }).waitFor();
  assert.equal(await select.inputValue(), '00070');

  // A ward's name in the table narrows the dashboard to it too.
  await openDashboard(page, '/overseer');
  const other = whole.byUnit.find((u) => u.unitCode !== null && u.unitCode !== '00070')!;
  const next = page.waitForResponse((r) => isSummary(r.url()) && new URL(r.url()).searchParams.get('unitCode') === other.unitCode);
  await page.getByRole('table', { name: /^Phản ánh theo xã\/phường hiện nay/ }).getByRole('link', { name: other.unitName }).click();
  const narrowed = (await (await next).json()) as OversightSummary;
  assert.equal(new URL(page.url()).searchParams.get('unit'), other.unitCode);
  assert.equal(narrowed.totals.received, other.received);
  assertNoPageErrors(page);
});
