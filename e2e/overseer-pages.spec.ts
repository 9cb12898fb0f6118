/**
 * Issue 10: the Center's pages for the oversight APIs — the dashboard's proposals for review (R-18.4) and alert
 * activity (R-18.3b) sections, the agencies' ranking with its criteria edited by the administrator (R-22,
 * R-27.4), the report documents made on demand and downloaded (R-18.3b), and the focal officers with their export
 * (R-18.2b). Every expectation is read from the API with the page's own session, not written down here.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { APIRequestContext, Locator, Page } from 'playwright-core';
import type { AlertFigures } from '../server/app/oversight/alert-figures.ts';
import type { AgencyRanking } from '../server/app/oversight/rankings.ts';
import type { ReprimandFlags } from '../server/app/oversight/reprimand.ts';
import { refreshOversightRollup } from '../server/app/oversight/rollup.ts';
import { apiAs, assertAccessible, assertNoPageErrors, DEMO_PASSWORD, DESKTOP, launchBrowser, newPage, PHONE, screenshot, signIn, startWebServer } from './harness.ts';

const server = await startWebServer();
const browser = await launchBrowser();

const HOAN_KIEM = { lat: 21.0287, lng: 105.8524, address: 'Phố Đinh Tiên Hoàng, gần Tháp Rùa' };
const FOCAL = { name: 'Nguyễn Thị Đầu Mối', position: 'Phó Chánh Văn phòng Sở', phone: '024 3825 1234', email: 'daumoi.sxd@hanoi.gov.vn' };

/** A staff session's request context (for the PUTs apiAs has no helper for). */
async function session(login: string): Promise<APIRequestContext> {
  const context = await browser.newContext({ baseURL: server.baseUrl });
  const res = await context.request.post('/api/v1/auth/sign-in', { data: { login, password: DEMO_PASSWORD } });
  assert.equal(res.status(), 200, await res.text());
  return context.request;
}

/**
 * The fixture, through the API: five field reports, two accepted for Sở Xây dựng; two open receiving deadlines
 * then made past due in the database (the clock cannot be moved here), so that the Center is late on more than
 * 30 % of its reports this month. Two alerts sent (the city's and Phường Hoàn Kiếm's), one read by the demo
 * citizen, who lives in Hoàn Kiếm. Sở Xây dựng's focal officer set by the Center's operator.
 */
async function seed() {
  const citizen = await apiAs(browser, server.baseUrl, server.citizenLogin);
  const occurredAt = new Date(Date.now() - 3_600_000).toISOString();
  const submit = async (title: string) =>
    ((await citizen.post('/api/v1/reports', {
      kind: 'field_report',
      categoryCode: 'hu-hong-mat-duong',
      title,
      description: `${title}: mặt đường hư hỏng nặng, xe máy đi qua rất nguy hiểm vào buổi tối, đề nghị sửa chữa sớm.`,
      place: HOAN_KIEM,
      occurredAt,
      confidential: false,
    })) as { id: string }).id;
  const ids = [];
  for (const title of ['Ổ gà trước số 5 Đinh Tiên Hoàng', 'Mặt đường lún ở phố Lê Thái Tổ', 'Nắp cống vỡ ở phố Hàng Khay', 'Vỉa hè sụt phố Tràng Tiền', 'Ổ gà phố Hàng Bài'])
    ids.push(await submit(title));
  const agencies = ((await citizen.get('/api/v1/agencies')) as { items: { id: string; code: string; name: string }[] }).items;
  const agency = (code: string) => agencies.find((x) => x.code === code)!;

  const operator = await apiAs(browser, server.baseUrl, 'dieu-phoi');
  await operator.act(ids[0]!, { action: 'accept', targetAgencyId: agency('so-xay-dung').id, classification: 'normal' });
  await operator.act(ids[1]!, { action: 'accept', targetAgencyId: agency('so-xay-dung').id, classification: 'normal' });
  await operator.close();
  await server.ctx.db
    .updateTable('deadlines')
    .set({ due_at: new Date(Date.now() - 3_600_000) })
    .where('subject_id', 'in', [ids[2]!, ids[3]!])
    .where('stopped_at', 'is', null)
    .execute();

  const expiresAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
  const sendAlert = async (editorLogin: string, approverLogin: string, draft: Record<string, unknown>) => {
    const editor = await apiAs(browser, server.baseUrl, editorLogin);
    const approver = await apiAs(browser, server.baseUrl, approverLogin);
    const created = (await editor.post('/api/v1/alerts', { expiresAt, ...draft })) as { id: string; version: number };
    const submitted = (await editor.post(`/api/v1/alerts/${created.id}/actions`, { action: 'submit', version: created.version })) as { version: number };
    await approver.post(`/api/v1/alerts/${created.id}/actions`, { action: 'approve', version: submitted.version });
    await editor.close();
    await approver.close();
    return created.id;
  };
  const city = await sendAlert('bien-tap.tp', 'duyet-tin.tp', {
    kind: 'warning',
    category: 'Met',
    severity: 'Severe',
    urgency: 'Expected',
    title: 'Cảnh báo mưa lớn và ngập úng',
    body: 'Từ chiều nay đến hết ngày mai, Hà Nội có mưa to đến rất to, lượng mưa phổ biến 80–150 mm. Người dân hạn chế ra đường ở các tuyến phố thường xuyên ngập.',
  });
  await sendAlert('bien-tap.hoankiem', 'duyet-tin.hoankiem', {
    kind: 'information',
    category: 'Infra',
    severity: 'Minor',
    urgency: 'Future',
    title: 'Lịch cắt nước phố Hàng Bạc',
    body: 'Ngày mai cắt nước từ 8 giờ đến 16 giờ để sửa đường ống trên phố Hàng Bạc; các hộ dân chủ động trữ nước.',
  });
  await citizen.post('/api/v1/me/alerts/read', { ids: [city] });
  await citizen.close();

  const put = await (await session('dieu-phoi')).put(`/api/v1/agencies/${agency('so-xay-dung').id}/focal-officers`, { data: { officers: [FOCAL] } });
  assert.equal(put.status(), 200, await put.text());
  await refreshOversightRollup(server.ctx, { full: true });
  return { sxd: agency('so-xay-dung') };
}

const fixture = await seed();

// The interface's words, from the API's numbers.
const number = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
const percent = (p: number) => new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 }).format(p / 100);
const score = (n: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 }).format(n);
const squash = (text: string) => text.replace(/\s+/g, '');
const hanoiMonth = (offset = 0) => {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + offset, 1)).toISOString().slice(0, 7);
};
const monthLabel = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;
const CURRENT = hanoiMonth();
const QUARTER = `${CURRENT.slice(0, 4)}-Q${Math.floor((Number(CURRENT.slice(5, 7)) - 1) / 3) + 1}`;
const QUARTER_LABEL = `Quý ${['I', 'II', 'III', 'IV'][Number(QUARTER.slice(-1)) - 1]}/${CURRENT.slice(0, 4)}`;

interface TableText {
  head: string[];
  rows: string[][];
  links: string[][];
}
/** The parts of a browser table read here (the test's type check has no DOM library). */
interface TableParts {
  tHead: { rows: ArrayLike<{ cells: ArrayLike<{ textContent: string | null }> }> } | null;
  tBodies: ArrayLike<{ rows: ArrayLike<{ cells: ArrayLike<{ textContent: string | null }>; querySelectorAll(s: string): ArrayLike<{ getAttribute(n: string): string | null }> }> }>;
}
async function readTable(table: Locator): Promise<TableText> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  const raw = await table.evaluate((el) => {
    const t = el as unknown as TableParts;
    return {
      head: Array.from(t.tHead!.rows[0]!.cells, (c) => c.textContent ?? ''),
      rows: Array.from(t.tBodies[0]!.rows, (r) => Array.from(r.cells, (c) => c.textContent ?? '')),
      links: Array.from(t.tBodies[0]!.rows, (r) => Array.from(r.querySelectorAll('a'), (a) => a.getAttribute('href') ?? '')),
    };
  });
  const text = (s: string) => s.replace(/\s+/g, ' ').trim();
  return { head: raw.head.map(text), rows: raw.rows.map((r) => r.map(text)), links: raw.links };
}

const pathIs = (url: string, path: string) => new URL(url).pathname === path;

/** The answer the page got, and the same asked again by the test with the page's session. */
async function answered<T>(page: Page, response: Awaited<ReturnType<Page['waitForResponse']>>): Promise<{ shown: T; api: T; url: URL }> {
  assert.equal(response.status(), 200);
  const url = new URL(response.url());
  const again = await page.request.get(`${url.pathname}${url.search}`);
  assert.equal(again.status(), 200);
  return { shown: (await response.json()) as T, api: (await again.json()) as T, url };
}
const noAsOf = <T extends { asOf: string }>(x: T) => ({ ...x, asOf: '' });

test('issue 10 R-18.4 R-18.3b the dashboard shows the month’s proposals for review and the alert activity as the API gives them', async () => {
  const page = await newPage(browser, server.baseUrl, DESKTOP);
  await signIn(page, 'giam-sat');

  // By default, last month's flags; the dashboard's period for the alerts.
  const flagsDefault = page.waitForResponse((r) => pathIs(r.url(), '/api/v1/oversight/reprimand-flags'));
  const alertsResponse = page.waitForResponse((r) => pathIs(r.url(), '/api/v1/oversight/alert-figures'));
  await page.goto('/overseer');
  assert.equal(new URL((await flagsDefault).url()).searchParams.get('month'), hanoiMonth(-1), 'last month by default');
  await page.getByRole('heading', { level: 2, name: 'Đề xuất kiểm điểm (R-18.4)' }).waitFor();
  assert.equal(await page.getByLabel('Tháng xét đề xuất').inputValue(), hanoiMonth(-1));

  // This month's flags, chosen on the page and kept in the address.
  const flagsNow = page.waitForResponse((r) => pathIs(r.url(), '/api/v1/oversight/reprimand-flags') && new URL(r.url()).searchParams.get('month') === CURRENT);
  await page.getByLabel('Tháng xét đề xuất').selectOption(CURRENT);
  const flags = await answered<ReprimandFlags>(page, await flagsNow);
  assert.equal(new URL(page.url()).searchParams.get('flags'), CURRENT, 'the month is kept in the address');
  assert.deepEqual(noAsOf(flags.shown), noAsOf(flags.api));
  const f = flags.api;
  assert.equal(f.complete, false, 'this month has not ended');
  assert.ok(f.agencies.length >= 1, 'the fixture makes the Center late on more than 30 % of its reports');
  const section = page.locator('section[aria-labelledby="flags-title"]');
  await section.getByText(/^Kỳ chưa kết thúc: số liệu tạm tính đến /).waitFor();
  await section.getByText(new RegExp(`nhận từ ${f.thresholds.unsatisfiedRatings} đánh giá “Chưa hài lòng” trở lên`)).waitFor();
  await section.getByText(`có trên ${f.thresholds.latePercent}% số phản ánh trễ hạn`, { exact: false }).waitFor();

  const agencies = await readTable(page.getByRole('table', { name: `Cơ quan bị đề xuất kiểm điểm vì trễ hạn — tháng ${monthLabel(CURRENT)}` }));
  assert.deepEqual(agencies.head, ['Cơ quan', 'Phản ánh đến hạn', 'Trễ hạn', 'Chưa đến hạn', 'Tỷ lệ trễ hạn', 'Mã phản ánh trễ hạn']);
  assert.deepEqual(
    agencies.rows.map((r) => r.slice(0, 5).map(squash)),
    f.agencies.map((a) => [a.agencyName, number(a.reports), number(a.late), number(a.pending), percent(a.lateShare)].map(squash)),
  );
  assert.deepEqual(
    agencies.links,
    f.agencies.map((a) => a.lateCodes.map((c) => `/staff?q=${c}`)),
    'every late report code links to the staff console',
  );
  if (f.matters.length === 0) await section.getByText(`Không có vụ việc nào đạt ${f.thresholds.unsatisfiedRatings} đánh giá “Chưa hài lòng” trong tháng ${monthLabel(CURRENT)}.`).waitFor();
  else {
    const matters = await readTable(page.getByRole('table', { name: /^Vụ việc bị đề xuất kiểm điểm/ }));
    assert.deepEqual(
      matters.rows.map((r) => [r[0], r[1]]),
      f.matters.map((m) => [m.matter, number(m.unsatisfied)]),
    );
  }

  // A late code opens the report in the staff console.
  const code = f.agencies[0]!.lateCodes[0]!;
  await page.getByRole('link', { name: `Mở phản ánh ${code} trong bàn làm việc cán bộ` }).first().click();
  await page.waitForURL((u) => u.pathname === '/staff' && u.searchParams.get('q') === code);
  await page.goBack();

  // Alerts: per level and per issuing body, for the dashboard's period.
  const alerts = await answered<AlertFigures>(page, await alertsResponse);
  assert.deepEqual(noAsOf(alerts.shown), noAsOf(alerts.api));
  const a = alerts.api;
  assert.ok(a.totals.sent >= 2 && a.totals.read >= 1, 'the fixture: two alerts sent, one read');
  const levelName = { city: 'Thành phố', district: 'Cấp huyện', commune: 'Cấp xã' };
  const cells = (x: AlertFigures['totals']) => [number(x.sent), number(x.information), number(x.warning), number(x.cancelled), number(x.reach), number(x.read), percent(x.readPercent)];
  const levels = await readTable(page.getByRole('table', { name: /^Thông báo đã gửi theo cấp — / }));
  assert.deepEqual(levels.head, ['Cấp', 'Đã gửi', 'Thông tin', 'Cảnh báo', 'Hủy sau khi gửi', 'Lượt nhận', 'Lượt đọc', 'Tỷ lệ đọc']);
  assert.deepEqual(
    levels.rows.map((r) => r.map(squash)),
    a.byLevel.map((l) => [levelName[l.level], ...cells(l)].map(squash)),
  );
  const issuers = await readTable(page.getByRole('table', { name: /^Thông báo theo đơn vị phát hành — / }));
  assert.deepEqual(
    issuers.rows.map((r) => r.map(squash)),
    a.byAgency.slice(0, 20).map((x) => [x.agencyName, levelName[x.level], ...cells(x)].map(squash)),
  );

  await assertAccessible(page, 'dashboard with the flags and the alerts');
  await screenshot(page, 'overseer-flags-alerts-1366');
  assertNoPageErrors(page);

  const phone = await newPage(browser, server.baseUrl, PHONE);
  await signIn(phone, 'giam-sat');
  await phone.goto(`/overseer?flags=${CURRENT}`);
  await phone.getByRole('table', { name: /^Cơ quan bị đề xuất kiểm điểm vì trễ hạn/ }).waitFor();
  await phone.getByRole('table', { name: /^Thông báo đã gửi theo cấp/ }).waitFor();
  await assertAccessible(phone, 'dashboard with the flags and the alerts, 360 px');
  await screenshot(phone, 'overseer-flags-alerts-360');
  assertNoPageErrors(phone);
});

/** The ranking table as the page must show it. */
const rankingRows = (r: AgencyRanking) =>
  r.agencies.map((x) => [x.ranked ? number(x.rank!) : 'Chưa đủ số liệu', x.agencyName, x.ranked ? score(x.score) : '—', percent(x.onTimePercent), percent(x.satisfactionPercent), number(x.reports)].map(squash));

async function readRanking(page: Page) {
  return (await readTable(page.getByRole('table', { name: `Xếp hạng cơ quan — ${QUARTER_LABEL}` }))).rows.map((r) => r.map(squash));
}

test('issue 10 R-22 R-27.4 the rankings page shows the API’s order for a quarter; the administrator changes the weights and the ranking follows', async () => {
  const page = await newPage(browser, server.baseUrl, DESKTOP);
  await signIn(page, 'giam-sat');
  await page.goto('/overseer');
  await page.getByRole('navigation', { name: 'Các trang giám sát' }).getByRole('link', { name: 'Xếp hạng cơ quan' }).click();
  await page.getByRole('heading', { level: 1, name: 'Xếp hạng cơ quan' }).waitFor();

  await page.getByLabel('Loại kỳ').selectOption('quarter');
  await page.getByLabel('Kỳ', { exact: true }).selectOption({ label: QUARTER_LABEL });
  const asked = page.waitForResponse((r) => pathIs(r.url(), '/api/v1/oversight/rankings') && new URL(r.url()).searchParams.get('period') === QUARTER);
  await page.getByRole('button', { name: 'Xem xếp hạng' }).click();
  const before = await answered<AgencyRanking>(page, await asked);
  assert.equal(new URL(page.url()).searchParams.get('period'), QUARTER, 'the period is kept in the address');
  assert.deepEqual(noAsOf(before.shown), noAsOf(before.api));
  assert.ok(before.api.agencies.length >= 2, 'the fixture: reports handled by the Center and Sở Xây dựng');
  assert.deepEqual(await readRanking(page), rankingRows(before.api));
  await page.getByText(`Điểm = (${before.api.criteria.onTimeWeight} × tỷ lệ đúng hạn + ${before.api.criteria.satisfactionWeight} × tỷ lệ hài lòng) / 100`, { exact: false }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Tiêu chí đang áp dụng' }).waitFor();
  assert.equal(await page.getByRole('form', { name: 'Sửa tiêu chí' }).count(), 0, 'the overseer may not edit the criteria');
  await assertAccessible(page, 'rankings');
  await screenshot(page, 'overseer-rankings-1366');

  // The administrator: the criteria and the form, no ranking.
  const admin = await newPage(browser, server.baseUrl, DESKTOP);
  await signIn(admin, 'quan-tri');
  await admin.goto(`/overseer/rankings?period=${QUARTER}`);
  await admin.getByText('Bảng xếp hạng và đề xuất khen thưởng dành cho Trung tâm').waitFor();
  const form = admin.getByRole('form', { name: 'Sửa tiêu chí' });
  await form.waitFor();
  await assertAccessible(admin, 'rankings, the administrator’s form');

  // Weights not adding up to 100: said beside both, nothing sent.
  let puts = 0;
  admin.on('request', (r) => {
    if (r.method() === 'PUT') puts++;
  });
  await form.getByLabel('Trọng số tỷ lệ đúng hạn (%)').fill('50');
  await form.getByLabel('Trọng số tỷ lệ hài lòng (%)').fill('40');
  await form.getByLabel('Lý do hoặc văn bản quyết định (bắt buộc)').fill('Thử nghiệm tiêu chí mới');
  await form.getByRole('button', { name: 'Lưu tiêu chí' }).click();
  await form.getByText('Hai trọng số phải cộng lại bằng 100 (đang là 90).').first().waitFor();
  assert.equal(await form.getByLabel('Trọng số tỷ lệ đúng hạn (%)').getAttribute('aria-invalid'), 'true');
  assert.equal(await form.getByLabel('Trọng số tỷ lệ hài lòng (%)').getAttribute('aria-invalid'), 'true');
  assert.equal(puts, 0, 'nothing is sent');
  await assertAccessible(admin, 'rankings, the administrator’s form with errors');

  // 90 / 10, and every agency with a report ranked.
  await form.getByLabel('Trọng số tỷ lệ đúng hạn (%)').fill('90');
  await form.getByLabel('Trọng số tỷ lệ hài lòng (%)').fill('10');
  await form.getByLabel('Số phản ánh tối thiểu để được xếp hạng').fill('1');
  const saved = admin.waitForResponse((r) => pathIs(r.url(), '/api/v1/oversight/evaluation-criteria') && r.request().method() === 'PUT');
  await form.getByRole('button', { name: 'Lưu tiêu chí' }).click();
  const put = await saved;
  assert.equal(put.status(), 200, await put.text());
  const inForce = (await put.json()) as { version: number; criteria: { onTimeWeight: number; satisfactionWeight: number; minReports: number } };
  assert.deepEqual([inForce.criteria.onTimeWeight, inForce.criteria.satisfactionWeight, inForce.criteria.minReports], [90, 10, 1]);
  await form.getByText(`Đã lưu tiêu chí (phiên bản ${inForce.version}).`).waitFor();
  await admin.getByText(`Phiên bản ${inForce.version}, áp dụng từ`, { exact: false }).waitFor();
  await admin.getByText('do Quản trị hệ thống thay đổi', { exact: false }).waitFor();
  assertNoPageErrors(admin);

  // The overseer's ranking as the API now says.
  const again = page.waitForResponse((r) => pathIs(r.url(), '/api/v1/oversight/rankings'));
  await page.reload();
  const after = await answered<AgencyRanking>(page, await again);
  assert.equal(after.api.criteria.version, inForce.version);
  assert.notDeepEqual(rankingRows(after.api), rankingRows(before.api), 'the scores or the order changed');
  assert.ok(
    after.api.agencies.every((x) => x.ranked),
    'one report is enough now',
  );
  await page.getByText('Điểm = (90 × tỷ lệ đúng hạn + 10 × tỷ lệ hài lòng) / 100', { exact: false }).waitFor();
  assert.deepEqual(await readRanking(page), rankingRows(after.api));
  assertNoPageErrors(page);

  const phone = await newPage(browser, server.baseUrl, PHONE);
  await signIn(phone, 'giam-sat');
  await phone.goto(`/overseer/rankings?period=${QUARTER}`);
  await phone.getByRole('table', { name: `Xếp hạng cơ quan — ${QUARTER_LABEL}` }).waitFor();
  await assertAccessible(phone, 'rankings, 360 px');
  await screenshot(phone, 'overseer-rankings-360');
  assertNoPageErrors(phone);
});

test('issue 10 R-18.3b making a monthly report on the documents page lists it first, and its xlsx and PDF download', async () => {
  const page = await newPage(browser, server.baseUrl, DESKTOP);
  await signIn(page, 'dieu-phoi');
  await page.goto('/overseer/documents');
  await page.getByRole('heading', { level: 2, name: 'Báo cáo đã lập' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Lập báo cáo' }).waitFor();

  // A reversed span of months: the server's objection beside its field.
  await page.getByLabel('Loại báo cáo').selectOption('custom');
  await page.getByLabel('Từ tháng').selectOption(CURRENT);
  await page.getByLabel('Đến tháng').selectOption(hanoiMonth(-2));
  const refused = page.waitForResponse((r) => pathIs(r.url(), '/api/v1/oversight/documents') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Lập báo cáo' }).click();
  const problem = (await (await refused).json()) as { errors: { field: string; message: string }[] };
  assert.ok(problem.errors.length > 0);
  const field = { 'body.from': 'Từ tháng', 'body.to': 'Đến tháng' }[problem.errors[0]!.field];
  assert.ok(field, `a field of the form: ${problem.errors[0]!.field}`);
  await page.getByText(problem.errors[0]!.message).first().waitFor();
  assert.equal(await page.getByLabel(field).getAttribute('aria-invalid'), 'true');

  // This month's report: "Đang lập báo cáo…" meanwhile (the answer is held back a little), then first in the list.
  await page.route('**/api/v1/oversight/documents', async (route) => {
    if (route.request().method() === 'POST') await new Promise((r) => setTimeout(r, 400));
    await route.continue();
  });
  await page.getByLabel('Loại báo cáo').selectOption('month');
  await page.getByLabel('Kỳ báo cáo').selectOption(CURRENT);
  const made = page.waitForResponse((r) => pathIs(r.url(), '/api/v1/oversight/documents') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Lập báo cáo' }).click();
  await page.getByText('Đang lập báo cáo…').waitFor();
  const res = await made;
  assert.equal(res.status(), 201, await res.text());
  const doc = (await res.json()) as { id: string; title: string; generatedBy: { name: string } | null; files: { format: string; contentType: string; url: string }[] };
  await page.getByText(`Đã lập ${doc.title}.`, { exact: false }).waitFor();
  const list = (await (await page.request.get('/api/v1/oversight/documents?limit=20')).json()) as { items: { id: string }[] };
  assert.equal(list.items[0]!.id, doc.id, 'the API lists it first');
  const first = page.locator('.doc-list > li').first();
  assert.equal(await first.getAttribute('data-document-id'), doc.id, 'the page lists it first');
  await first.getByRole('heading', { name: new RegExp(`^${doc.title}`) }).waitFor();
  await first.getByText('Tháng: ' + monthLabel(CURRENT)).waitFor();
  await first.getByText(doc.generatedBy!.name, { exact: true }).waitFor();

  for (const [name, format, type] of [
    [/^Excel \(\.xlsx/, 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    [/^PDF \(/, 'pdf', 'application/pdf'],
  ] as const) {
    const href = await first.getByRole('link', { name }).getAttribute('href');
    assert.equal(href, doc.files.find((f) => f.format === format)!.url);
    const file = await page.request.get(href!);
    assert.equal(file.status(), 200, `${format} downloads`);
    assert.equal(file.headers()['content-type']?.split(';')[0], type);
    assert.ok((await file.body()).length > 0);
  }
  const csv = doc.files.filter((f) => f.format === 'csv');
  assert.ok(csv.length > 0);
  await first.getByText('Từng bảng dạng CSV').click();
  assert.equal(await first.locator('.csv-list a').count(), csv.length, 'a link per table');

  await assertAccessible(page, 'documents');
  await screenshot(page, 'overseer-documents-1366');
  assertNoPageErrors(page);

  const phone = await newPage(browser, server.baseUrl, PHONE);
  await signIn(phone, 'dieu-phoi');
  await phone.goto('/overseer/documents');
  await phone.locator(`.doc-list > li[data-document-id="${doc.id}"]`).waitFor();
  await assertAccessible(phone, 'documents, 360 px');
  await screenshot(phone, 'overseer-documents-360');
  assertNoPageErrors(phone);
});

test('issue 10 R-18.2b the focal officers page lists every agency, the ones without marked, finds an officer, and exports', async () => {
  const page = await newPage(browser, server.baseUrl, DESKTOP);
  await signIn(page, 'giam-sat');
  const asked = page.waitForResponse((r) => pathIs(r.url(), '/api/v1/oversight/focal-officers'));
  await page.goto('/overseer/focal-officers');
  type Officer = { name: string; position: string; phone: string | null; email: string | null };
  const { api } = await answered<{ agencies: { name: string; officers: Officer[] }[] }>(page, await asked);
  const caption = /^Cán bộ đầu mối theo cơ quan/;
  const table = await readTable(page.getByRole('table', { name: caption }));
  assert.deepEqual(
    table.rows.map((r) => r[0]),
    api.agencies.map((x) => x.name),
    'every agency, in the API’s order',
  );
  const row = (name: string) => table.rows.find((r) => r[0] === name)!;
  // The officer as the API keeps it (the phone number in its international form).
  const officer = api.agencies.find((x) => x.name === fixture.sxd.name)!.officers[0]!;
  assert.equal(officer.name, FOCAL.name);
  const sxd = row(fixture.sxd.name)[2]!;
  for (const part of [officer.name, officer.position, officer.phone!, officer.email!]) assert.ok(sxd.includes(part), `${part} in "${sxd}"`);
  const without = api.agencies.find((x) => x.officers.length === 0)!;
  assert.equal(row(without.name)[2], 'Chưa có');

  await page.getByRole('searchbox', { name: 'Tìm cơ quan hoặc cán bộ' }).fill('dau moi');
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  await page.waitForURL((u) => u.searchParams.get('q') === 'dau moi');
  await page.getByText(`Hiển thị 1/${api.agencies.length} cơ quan`, { exact: false }).waitFor();
  const found = await readTable(page.getByRole('table', { name: caption }));
  assert.deepEqual(
    found.rows.map((r) => r[0]),
    [fixture.sxd.name],
  );

  const href = await page.getByRole('link', { name: 'Tải danh sách (.csv)' }).getAttribute('href');
  const csv = await page.request.get(href!);
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()['content-type'] ?? '', /^text\/csv/);
  assert.ok((await csv.text()).includes(FOCAL.name));
  const xlsx = await page.request.get((await page.getByRole('link', { name: 'Tải danh sách (Excel .xlsx)' }).getAttribute('href'))!);
  assert.equal(xlsx.status(), 200);

  await assertAccessible(page, 'focal officers');
  await screenshot(page, 'overseer-focal-1366');
  assertNoPageErrors(page);

  // The administrator sees them too; on a phone.
  const phone = await newPage(browser, server.baseUrl, PHONE);
  await signIn(phone, 'quan-tri');
  await phone.goto('/overseer/focal-officers');
  await phone.getByRole('table', { name: caption }).waitFor();
  await assertAccessible(phone, 'focal officers, 360 px');
  await screenshot(phone, 'overseer-focal-360');
  assertNoPageErrors(phone);
});

test('issue 10 R-25.4 an agency head reaches the oversight area and sees its own agency’s figures and documents only', async () => {
  const page = await newPage(browser, server.baseUrl, DESKTOP);
  await signIn(page, 'giam-doc.sxd');
  await page.getByRole('link', { name: 'Số liệu giám sát' }).first().waitFor();
  const summaryResponse = page.waitForResponse((r) => pathIs(r.url(), '/api/v1/oversight/summary'));
  await page.goto('/overseer');
  const summary = await answered<{ byAgency: { agencyName: string }[]; totals: { received: number } }>(page, await summaryResponse);
  assert.deepEqual([...new Set(summary.api.byAgency.map((a) => a.agencyName))], ['Sở Xây dựng'], 'Sở Xây dựng’s figures only');
  assert.deepEqual(summary.shown, summary.api);
  await page.getByRole('heading', { level: 1, name: 'Số liệu giám sát xử lý phản ánh' }).waitFor();
  await page.getByRole('link', { name: 'Báo cáo định kỳ' }).first().click();
  await page.waitForURL((u) => u.pathname === '/overseer/documents');
  const documents = await page.request.get('/api/v1/oversight/documents');
  assert.equal(documents.status(), 200);
  for (const d of ((await documents.json()) as { items: { agency: { name: string } | null }[] }).items) assert.equal(d.agency?.name, 'Sở Xây dựng');
  await assertAccessible(page, 'overseer area, agency head');
  assertNoPageErrors(page);
});
