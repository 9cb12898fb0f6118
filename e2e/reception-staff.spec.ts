/**
 * Issue 11: the staff console's citizen reception pages, clicked in Chromium as the City's Citizen Reception
 * Board's officer (`tiep-dan.tp`): publishing a session (a day off refused beside the date), reviewing bookings
 * (accept; decline a complaint with where to go instead —; ask for more information), a refusal because the
 * booking changed meanwhile, moving and cancelling a session (its bookers told), and the day's list (check-in on
 * the session's day, outcome — ). Fixtures go through the API; every expectation is read back from the API.
 * The demo seed publishes sessions of its own: the tests find theirs by a place unique to this run.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { APIRequestContext, Locator, Page } from 'playwright-core';
import { currentCalendar } from '../server/app/reference/reference-data.ts';
import { describeDay } from '../server/domain/calendar/index.ts';
import { apiAs, assertAccessible, assertNoPageErrors, DEMO_PASSWORD, DESKTOP, launchBrowser, newPage, screenshot, signIn, startWebServer } from './harness.ts';

const server = await startWebServer();
const browser = await launchBrowser();

const RUN = Date.now().toString(36);
const OFFICER = 'tiep-dan.tp';

/** A signed-in API session (its answers are checked by each caller: some are meant to fail). */
async function session(login: string): Promise<APIRequestContext> {
  const context = await browser.newContext({ baseURL: server.baseUrl });
  const res = await context.request.post('/api/v1/auth/sign-in', { data: { login, password: DEMO_PASSWORD } });
  assert.equal(res.status(), 200, await res.text());
  return context.request;
}
const officerApi = await apiAs(browser, server.baseUrl, OFFICER);
const citizenApi = await apiAs(browser, server.baseUrl, server.citizenLogin);

// Days of the working calendar in force, from the day after tomorrow (booking closes 24 hours before a session).
const hanoiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const TODAY = hanoiToday();
const { calendar } = await currentCalendar(server.ctx);
const WORKING: string[] = [];
const OFF: string[] = [];
for (let i = 2; i < 60; i++) {
  const day = addDays(TODAY, i);
  try {
    (describeDay(calendar, day).working ? WORKING : OFF).push(day);
  } catch {
    // Beyond the calendar's years.
  }
}
assert.ok(WORKING.length >= 6 && OFF.length >= 1, `working days ${WORKING.join(',')}; days off ${OFF.join(',')}`);

interface Session {
  id: string;
  code: string;
  place: string;
  capacity: number;
  kind: string;
  topics: string[];
  startsAt: string;
  endsAt: string;
  state: string;
  version: number;
  cancelReason: string | null;
}
interface Booking {
  id: string;
  code: string;
  state: string;
  version: number;
  infoRequest: string | null;
  decline: { reason: string; label: string; explanation: string | null; whereToGo: string } | null;
  checkedInAt: string | null;
  outcome: { received: string; answeredBy: string; dueWorkingDays: number; dueAt: string } | null;
}

/** Publishes a session through the API on a working day (the n-th found), 08:00–11:30. */
async function publish(n: number, label: string): Promise<Session> {
  const day = WORKING[n]!;
  return (await officerApi.post('/api/v1/reception/sessions', {
    startsAt: `${day}T08:00:00+07:00`,
    endsAt: `${day}T11:30:00+07:00`,
    place: `Phòng tiếp công dân số ${label}-${RUN}`,
    receiver: 'Lãnh đạo Ban Tiếp công dân Thành phố',
    capacity: 10,
    topics: ['Đất đai'],
  })) as Session;
}

/** The demo citizen books a seat (a different summary is a different matter). */
async function book(sessionId: string, summary: string, extra: Record<string, unknown> = {}): Promise<Booking> {
  return (await citizenApi.post('/api/v1/me/reception/bookings', { sessionId, summary: `${summary} (${RUN})`, category: 'land', handledElsewhere: false, ...extra })) as Booking;
}
const bookingNow = async (id: string) => (await officerApi.get(`/api/v1/reception/bookings/${id}`)) as Booking;

async function officerPage(): Promise<Page> {
  const page = await newPage(browser, server.baseUrl, DESKTOP);
  await signIn(page, OFFICER);
  return page;
}

const status = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });

/** The booking page's action: choose it, fill its fields, send it and confirm when asked. */
async function act(page: Page, o: { action: string; submit: string; confirm?: boolean; fill?: (p: Page) => Promise<void> }) {
  await page.getByRole('radio', { name: o.action, exact: true }).check();
  await o.fill?.(page);
  await page.getByRole('button', { name: o.submit, exact: true }).click();
  if (o.confirm) await page.getByRole('button', { name: `Xác nhận: ${o.action}` }).click();
}

test('issue 11 R-5.4 a reception officer is sent from /staff to citizen reception and publishes a session through the form; a day off is refused beside the date', async () => {
  const page = await officerPage();
  await page.goto('/staff');
  await page.waitForURL((u) => u.pathname === '/staff/reception');
  await page.getByRole('heading', { level: 1, name: 'Tiếp công dân' }).waitFor();
  const areas = page.getByRole('navigation', { name: 'Khu vực làm việc' });
  await areas.getByRole('link', { name: 'Tiếp công dân' }).waitFor();
  assert.equal(await areas.getByRole('link', { name: 'Phản ánh' }).count(), 0, 'no report role: no link to the report queues');
  await page.getByRole('heading', { level: 2, name: 'Lịch hẹn cần xem xét' }).waitFor();
  await assertAccessible(page, 'reception: bookings to review');

  await page.getByRole('navigation', { name: 'Các mục tiếp công dân' }).getByRole('link', { name: 'Buổi tiếp' }).click();
  await page.waitForURL((u) => u.searchParams.get('tab') === 'sessions');
  await page.getByRole('heading', { level: 2, name: 'Buổi tiếp' }).waitFor();

  const place = `Phòng tiếp số 3, tầng 2 — ${RUN}`;
  const form = page.locator('form.staff-session-form');
  await form.getByLabel('Ngày tiếp').fill(OFF[0]!);
  await form.getByLabel('Giờ bắt đầu').fill('08:00');
  await form.getByLabel('Giờ kết thúc').fill('11:30');
  await form.getByLabel('Địa điểm').fill(place);
  await form.getByLabel('Người tiếp').fill('Phó Trưởng Ban Tiếp công dân Thành phố');
  await form.getByLabel('Số lượt công dân được tiếp').fill('7');
  await form.getByLabel('Chủ đề, lĩnh vực tiếp').fill('Đất đai, bồi thường\nXây dựng, quy hoạch');
  await form.getByRole('radio', { name: 'Đột xuất, bổ sung' }).check();
  await form.getByRole('button', { name: 'Công bố buổi tiếp' }).click();

  // The server's reason, beside the date.
  const dateError = form.locator('#new-session-date-err');
  await dateError.waitFor();
  assert.match(await dateError.innerText(), /không phải ngày làm việc/);
  assert.equal(await form.getByLabel('Ngày tiếp').getAttribute('aria-invalid'), 'true');
  await form.getByText('Vui lòng kiểm tra các trường được đánh dấu.').waitFor();
  await screenshot(page, 'reception-publish-day-off-1366');

  const day = WORKING[0]!;
  await form.getByLabel('Ngày tiếp').fill(day);
  await form.getByRole('button', { name: 'Công bố buổi tiếp' }).click();
  await page.getByText(/^Đã công bố buổi tiếp TD-\d{4}-\d{6}/).waitFor();
  const row = page.getByRole('row').filter({ hasText: place });
  await row.waitFor();
  assert.match(await row.innerText(), /0\/7 chỗ đã đăng ký/);

  const listed = (await officerApi.get(`/api/v1/reception/staff/sessions?from=${day}T00:00:00%2B07:00&limit=100`)) as { items: Session[] };
  const mine = listed.items.filter((s) => s.place === place);
  assert.equal(mine.length, 1, 'published once');
  assert.equal(mine[0]!.capacity, 7);
  assert.equal(mine[0]!.kind, 'extra');
  assert.deepEqual(mine[0]!.topics, ['Đất đai, bồi thường', 'Xây dựng, quy hoạch']);
  assert.equal(mine[0]!.startsAt, `${day}T08:00:00+07:00`);
  assert.equal(mine[0]!.endsAt, `${day}T11:30:00+07:00`);
  await assertAccessible(page, 'reception: sessions');
  await screenshot(page, 'reception-sessions-1366');
  assertNoPageErrors(page);
});

test('issue 11 R-5.4 R-1.3 the officer accepts one booking and declines another as a complaint, where to go prefilled from the reason; check-in waits for the session’s day', async () => {
  const s = await publish(1, 'xet-duyet');
  const a = await book(s.id, 'Đề nghị xem xét lại phương án bồi thường khi thu hồi đất nông nghiệp tại xã Đông Anh');
  const b = await book(s.id, 'Khiếu nại quyết định thu hồi đất của UBND xã đối với thửa đất của gia đình tôi', {
    applicant: { kind: 'group', representatives: [{ fullName: 'Trần Văn Đại Diện', phone: '0912345678' }] },
  });
  const reference = (await officerApi.get('/api/v1/reception/reference')) as { declineReasons: { code: string; label: string; whereToGo: string }[] };
  const complaint = reference.declineReasons.find((x) => x.code === 'complaint_procedure')!;

  const page = await officerPage();
  await page.goto('/staff/reception');
  const cardB = page.locator('li.staff-booking').filter({ has: page.getByRole('link', { name: b.code, exact: true }) });
  await cardB.waitFor();
  assert.match(await cardB.innerText(), /Trần Văn Đại Diện/, 'the group’s representative is on the card');
  await page.getByRole('link', { name: a.code, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(`^Lịch hẹn ${a.code}`) }).waitFor();
  await assertAccessible(page, 'reception: booking page');
  await screenshot(page, 'reception-booking-1366');

  await act(page, { action: 'Chấp nhận', submit: 'Chấp nhận lịch hẹn', confirm: true });
  await status(page).getByText(`Đã chấp nhận lịch hẹn ${a.code}`).waitFor();
  assert.equal((await bookingNow(a.id)).state, 'accepted');

  // The session is days away: check-in is refused with the server's reason and a way to reload.
  await page.getByRole('radio', { name: 'Điểm danh', exact: true }).check();
  await page.getByText('Chỉ điểm danh được trong ngày của buổi tiếp').waitFor();
  await page.getByRole('button', { name: 'Điểm danh công dân' }).click();
  const refused = page.getByRole('alert').filter({ hasText: 'Chỉ điểm danh trong ngày của buổi tiếp' });
  await refused.waitFor();
  await refused.getByRole('button', { name: 'Tải lại lịch hẹn' }).waitFor();
  assert.equal((await bookingNow(a.id)).state, 'accepted');

  await page.goto(`/staff/reception/bookings/${b.id}`);
  await page.getByRole('heading', { level: 1, name: new RegExp(`^Lịch hẹn ${b.code}`) }).waitFor();
  await page.getByRole('radio', { name: 'Từ chối', exact: true }).check();
  await page.getByLabel('Lý do từ chối').selectOption('complaint_procedure');
  assert.equal(await page.getByLabel('Nơi công dân nên liên hệ').inputValue(), complaint.whereToGo, 'where to go comes from the reason');
  await page.getByLabel('Giải thích (không bắt buộc)').fill('Nội dung đơn là khiếu nại quyết định hành chính.');
  await assertAccessible(page, 'reception: decline form');
  await page.getByRole('button', { name: 'Từ chối lịch hẹn', exact: true }).click();
  await page.getByRole('button', { name: 'Xác nhận: Từ chối' }).click();
  await status(page).getByText(`Đã từ chối lịch hẹn ${b.code}`).waitFor();
  const declined = await bookingNow(b.id);
  assert.equal(declined.state, 'declined');
  assert.equal(declined.decline?.reason, 'complaint_procedure');
  assert.equal(declined.decline?.whereToGo, complaint.whereToGo);
  assert.equal(declined.decline?.explanation, 'Nội dung đơn là khiếu nại quyết định hành chính.');
  await page.getByText(complaint.label).first().waitFor();
  assertNoPageErrors(page);
});

test('issue 11 R-5.4 the officer asks the citizen for more information; a booking changed meanwhile is refused with a way to reload', async () => {
  const s = await publish(2, 'bo-sung');
  const c = await book(s.id, 'Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho thửa đất đã sử dụng ổn định từ năm 1990');
  const d = await book(s.id, 'Đề nghị giải quyết tranh chấp ranh giới thửa đất với hộ liền kề tại phường Long Biên');

  const page = await officerPage();
  await page.goto(`/staff/reception/bookings/${c.id}`);
  await page.getByRole('heading', { level: 1, name: new RegExp(`^Lịch hẹn ${c.code}`) }).waitFor();
  await page.getByRole('radio', { name: 'Đề nghị bổ sung thông tin', exact: true }).check();
  await page.getByRole('button', { name: 'Gửi đề nghị bổ sung' }).click();
  await page.getByText('Cần ghi thông tin cần công dân bổ sung (ít nhất 5 ký tự)').waitFor();
  const question = 'Đề nghị gửi kèm bản sao giấy tờ về quyền sử dụng đất và sơ đồ thửa đất.';
  await page.getByLabel('Thông tin cần công dân bổ sung').fill(question);
  await page.getByRole('button', { name: 'Gửi đề nghị bổ sung' }).click();
  await status(page).getByText(`Đã gửi đề nghị bổ sung thông tin cho lịch hẹn ${c.code}`).waitFor();
  const asked = await bookingNow(c.id);
  assert.equal(asked.state, 'info_requested');
  assert.equal(asked.infoRequest, question);
  await page.getByText(question).first().waitFor();

  await page.goto('/staff/reception?tab=info');
  await page.getByRole('heading', { level: 2, name: 'Chờ công dân bổ sung' }).waitFor();
  await page.getByRole('link', { name: c.code, exact: true }).waitFor();
  await assertAccessible(page, 'reception: waiting for the citizen');

  // Another officer asks D's citizen first; this page still shows D as it was.
  await page.goto(`/staff/reception/bookings/${d.id}`);
  await page.getByRole('heading', { level: 1, name: new RegExp(`^Lịch hẹn ${d.code}`) }).waitFor();
  await officerApi.post(`/api/v1/reception/bookings/${d.id}/actions`, { action: 'requestInfo', version: d.version, question: 'Đề nghị gửi kèm biên bản hòa giải ở cơ sở.' });
  await act(page, { action: 'Chấp nhận', submit: 'Chấp nhận lịch hẹn', confirm: true });
  const conflict = page.getByRole('alert').filter({ hasText: 'Chưa thực hiện được' });
  await conflict.waitFor();
  await conflict.getByRole('button', { name: 'Tải lại lịch hẹn' }).click();
  await page.locator('header .badge', { hasText: 'Cần bổ sung thông tin' }).waitFor();
  assert.equal((await bookingNow(d.id)).state, 'info_requested', 'not accepted behind the other officer’s back');
  assertNoPageErrors(page);
});

test('issue 11 R-5.4 a session moved to another working day tells its bookers; cancelled with a reason, its open bookings are cancelled', async () => {
  const s = await publish(3, 'doi-lich');
  const e = await book(s.id, 'Đề nghị xem xét hỗ trợ tái định cư cho hộ gia đình có đất bị thu hồi tại dự án vành đai 4');
  const f = await book(s.id, 'Đề nghị xác định lại diện tích đất ở được bồi thường của gia đình tại phường Tây Hồ');
  await officerApi.post(`/api/v1/reception/bookings/${e.id}/actions`, { action: 'accept', version: e.version });

  const page = await officerPage();
  await page.goto(`/staff/reception/sessions/${s.id}`);
  await page.getByRole('heading', { level: 1, name: /^Buổi tiếp / }).waitFor();
  await page.getByRole('link', { name: e.code, exact: true }).waitFor();
  await page.getByRole('link', { name: f.code, exact: true }).waitFor();
  await assertAccessible(page, 'reception: session page');
  await screenshot(page, 'reception-session-1366');

  const moved = WORKING[4]!;
  await page.getByLabel('Ngày tiếp').fill(moved);
  await page.getByLabel('Giờ bắt đầu').fill('14:00');
  await page.getByLabel('Giờ kết thúc').fill('16:30');
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await status(page).getByText('Đã thông báo cho 2 người đăng ký.').waitFor();
  const after = (await officerApi.get(`/api/v1/reception/sessions/${s.id}`)) as Session;
  assert.equal(after.startsAt, `${moved}T14:00:00+07:00`);
  assert.equal(after.endsAt, `${moved}T16:30:00+07:00`);

  await page.getByRole('button', { name: 'Hủy buổi tiếp…' }).click();
  await page.getByText('Cần ghi lý do hủy buổi tiếp (ít nhất 5 ký tự)').waitFor();
  const reason = 'Lãnh đạo Thành phố có lịch công tác đột xuất; Ban sẽ bố trí buổi tiếp khác.';
  await page.getByLabel('Lý do hủy buổi tiếp').fill(reason);
  await page.getByRole('button', { name: 'Hủy buổi tiếp…' }).click();
  await page.getByRole('group', { name: `Hủy buổi tiếp ${s.code}?` }).waitFor();
  await assertAccessible(page, 'reception: cancel confirmation');
  await page.getByRole('button', { name: 'Xác nhận hủy buổi tiếp' }).click();
  await status(page).getByText(`Đã hủy buổi tiếp ${s.code}. Đã thông báo cho 2 người đăng ký.`).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Buổi tiếp đã bị hủy' }).waitFor();

  const cancelled = (await officerApi.get(`/api/v1/reception/sessions/${s.id}`)) as Session;
  assert.equal(cancelled.state, 'cancelled');
  assert.equal(cancelled.cancelReason, reason);
  const bookings = (await officerApi.get(`/api/v1/reception/bookings?sessionId=${s.id}`)) as { items: Booking[] };
  assert.deepEqual(
    bookings.items.map((x) => [x.code, x.state]).sort(),
    [
      [e.code, 'cancelled'],
      [f.code, 'cancelled'],
    ].sort(),
  );
  assertNoPageErrors(page);
});

test('issue 11 R-5.4 R-4.3 the day’s list: the officer checks a citizen in on the session’s day and records the outcome', async () => {
  const s = await publish(5, 'trong-ngay');
  const g = await book(s.id, 'Đề nghị giải quyết dứt điểm việc cấp đổi giấy chứng nhận quyền sử dụng đất bị chậm');
  await officerApi.post(`/api/v1/reception/bookings/${g.id}/actions`, { action: 'accept', version: g.version });
  // The clock cannot be moved here: the session is moved to today in the database (check-in only on its day).
  const today = hanoiToday();
  await server.ctx.db
    .updateTable('reception_sessions')
    .set({ starts_at: new Date(`${today}T00:00:00+07:00`), ends_at: new Date(`${today}T23:59:00+07:00`) })
    .where('id', '=', s.id)
    .execute();

  const page = await officerPage();
  await page.goto('/staff/reception?tab=day');
  await page.getByRole('heading', { level: 2, name: 'Danh sách trong ngày' }).waitFor();
  assert.equal(await page.getByLabel('Ngày', { exact: true }).inputValue(), today, 'today in Hanoi by default');
  const item = (): Locator => page.locator('li.staff-day-booking').filter({ has: page.getByRole('link', { name: g.code, exact: true }) });
  await item().waitFor();
  await assertAccessible(page, 'reception: day list');

  await item().getByRole('button', { name: `Điểm danh ${g.code}` }).click();
  await status(page).getByText(`Đã điểm danh lịch hẹn ${g.code}`).waitFor();
  await item().getByText('Đã có mặt').waitFor();
  const checkedIn = await bookingNow(g.id);
  assert.equal(checkedIn.state, 'checked_in');
  assert.ok(checkedIn.checkedInAt?.startsWith(today), String(checkedIn.checkedInAt));

  await item().getByRole('button', { name: `Ghi kết quả tiếp ${g.code}` }).click();
  const form = item().getByRole('form', { name: `Kết quả tiếp của lịch hẹn ${g.code}` });
  // (Before typing: a full-page screenshot taken between typing and clicking made Chromium drop that click.)
  await screenshot(page, 'reception-day-1366');
  assert.equal(await form.getByLabel('Thời hạn trả lời (số ngày làm việc)').inputValue(), '10', 'ten working days unless changed');
  await form.getByLabel('Nội dung đã tiếp nhận').fill('Tiếp nhận đề nghị đẩy nhanh việc cấp đổi giấy chứng nhận; công dân nộp bản sao hồ sơ.');
  await form.getByLabel('Cơ quan, người sẽ trả lời').fill('Văn phòng Đăng ký đất đai Hà Nội');
  await form.getByLabel('Thời hạn trả lời (số ngày làm việc)').fill('15');
  await assertAccessible(page, 'reception: outcome form');
  await form.getByRole('button', { name: 'Ghi kết quả tiếp', exact: true }).click();
  await status(page).getByText(`Đã ghi kết quả tiếp của lịch hẹn ${g.code}`).waitFor();
  await item().getByText(/Đã tiếp: Văn phòng Đăng ký đất đai Hà Nội trả lời trong 15 ngày làm việc/).waitFor();

  const done = await bookingNow(g.id);
  assert.equal(done.state, 'completed');
  assert.equal(done.outcome?.received, 'Tiếp nhận đề nghị đẩy nhanh việc cấp đổi giấy chứng nhận; công dân nộp bản sao hồ sơ.');
  assert.equal(done.outcome?.answeredBy, 'Văn phòng Đăng ký đất đai Hà Nội');
  assert.equal(done.outcome?.dueWorkingDays, 15);
  // In Vietnam time; during working hours the due instant keeps the seconds (and milliseconds) of the recording.
  assert.match(done.outcome?.dueAt ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+07:00$/);

  // On paper, for the reception room: the button prints, and the printed page is the list without the console.
  await page.evaluate('window.__printed = 0; window.print = () => { window.__printed += 1; }');
  await page.getByRole('button', { name: 'In danh sách' }).click();
  assert.equal(await page.evaluate('window.__printed'), 1);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.site-header').isVisible(), false, 'no site header on paper');
  assert.equal(await page.getByRole('button', { name: 'In danh sách' }).isVisible(), false, 'no controls on paper');
  assert.equal(await item().getByText('Văn phòng Đăng ký đất đai Hà Nội', { exact: false }).isVisible(), true, 'the list itself is printed');
  await page.emulateMedia({ media: 'screen' });
  assertNoPageErrors(page);
});

test('issue 11 R-5.4 a staff member who is not the Board’s officer is told that citizen reception is for the Board', async () => {
  const page = await newPage(browser, server.baseUrl, DESKTOP);
  await signIn(page, 'tiep-nhan.hoankiem');
  await page.goto('/staff/reception');
  await page.getByText('Trang này dành cho cán bộ Ban Tiếp công dân Thành phố').waitFor();
  await page.getByRole('link', { name: 'Về hàng đợi phản ánh' }).waitFor();
  assert.equal(await page.getByRole('navigation', { name: 'Khu vực làm việc' }).count(), 0, 'no reception area for them');
  const api = await session('tiep-nhan.hoankiem');
  assert.equal((await api.get('/api/v1/reception/bookings')).status(), 403, 'the API agrees');
  await assertAccessible(page, 'reception: not the Board');
  assertNoPageErrors(page);
});
