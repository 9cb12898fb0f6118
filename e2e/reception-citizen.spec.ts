/**
 * Issue 11 item 5, the citizen's side of booking a meeting with the City's Citizen Reception Board,
 * clicked in Chromium on a phone-sized screen: the schedule (signed out too) with its seats and iCalendar feed;
 * the booking form with its refusals shown beside the fields and nothing stored; a booking as an organisation's
 * representative with an earlier decision and a photographed document; the Board's request for information
 * answered; the accepted booking's .ics downloaded and read by an independent parser (ical.js); the decline with
 * where to go instead; cancelling after confirming. The Board's steps go through the API as `tiep-dan.tp`.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import ICAL from 'ical.js';
import type { APIRequestContext, Page } from 'playwright-core';
import { scenePhoto } from '../test/fixtures/photo-variants.ts';
import { apiAs, assertAccessible, assertNoPageErrors, DEMO_PASSWORD, launchBrowser, newPage, screenshot, signIn, startWebServer } from './harness.ts';

const server = await startWebServer();
const browser = await launchBrowser();

interface Session {
  id: string;
  code: string;
  startsAt: string;
  endsAt: string;
  seatsLeft: number;
  version: number;
}
interface Booking {
  id: string;
  code: string;
  state: string;
  version: number;
  applicant: { kind: string; organisation: { name: string; position: string } | null; representatives: { fullName: string; phone: string | null }[] };
  summary: string;
  category: string;
  handledElsewhere: boolean;
  earlierDecision: { agency: string; number: string | null } | null;
  attachments: string[];
  infoAnswer: string | null;
}

async function session(login: string): Promise<APIRequestContext> {
  const context = await browser.newContext({ baseURL: server.baseUrl });
  const res = await context.request.post('/api/v1/auth/sign-in', { data: { login, password: DEMO_PASSWORD } });
  assert.equal(res.status(), 200, await res.text());
  return context.request;
}

const officer = await session('tiep-dan.tp');
const citizenApi = await session(server.citizenLogin);
after(() => Promise.all([officer.dispose(), citizenApi.dispose()]));

/**
 * Publishes a session as the Board on the first working day from `fromDay` days ahead (the calendar decides which
 * days are working days, and the clock cannot be moved in a browser test): the server refuses days off with 400.
 */
async function publish(place: string, capacity = 20, fromDay = 3): Promise<Session> {
  for (let d = fromDay; d < fromDay + 20; d++) {
    const day = new Date(Date.now() + d * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
    const res = await officer.post('/api/v1/reception/sessions', {
      data: { startsAt: `${day}T08:00:00+07:00`, endsAt: `${day}T11:30:00+07:00`, place, receiver: 'Lãnh đạo Ban Tiếp công dân Thành phố', capacity, topics: ['Đất đai'] },
    });
    if (res.status() === 201) return (await res.json()) as Session;
    assert.equal(res.status(), 400, await res.text());
  }
  throw new Error('no working day in the next 20 days');
}

async function myBookings(): Promise<Booking[]> {
  const res = await citizenApi.get('/api/v1/me/reception/bookings?limit=100');
  assert.equal(res.status(), 200);
  return ((await res.json()) as { items: Booking[] }).items;
}

async function officerAct(id: string, body: Record<string, unknown>): Promise<void> {
  const b = (await (await officer.get(`/api/v1/reception/bookings/${id}`)).json()) as Booking;
  const res = await officer.post(`/api/v1/reception/bookings/${id}/actions`, { data: { version: b.version, ...body } });
  assert.equal(res.status(), 200, await res.text());
}

async function citizenPage(): Promise<Page> {
  const page = await newPage(browser, server.baseUrl);
  await signIn(page, server.citizenLogin);
  return page;
}

/** Opens the booking form from the session's line of the schedule (found by its place). */
async function openForm(page: Page, place: string): Promise<void> {
  await page.goto('/app/reception');
  await page.getByRole('listitem').filter({ hasText: place }).getByRole('link', { name: /^Đăng ký buổi này/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Đăng ký buổi tiếp' }).waitFor();
}

test('issue 11 R-5.4 the schedule shows every session with its seats and closing time, signed out too, and offers the Board\'s .ics feed', async () => {
  const place = 'Phòng tiếp số 2, Trụ sở Tiếp công dân Thành phố (lịch công khai)';
  const s = await publish(place, 12);
  const page = await newPage(browser, server.baseUrl);
  // From the public home page, signed out.
  await page.goto('/');
  await page.getByRole('link', { name: 'Lịch tiếp công dân của Ban Tiếp công dân Thành phố, đăng ký trực tuyến' }).click();
  await page.getByRole('heading', { level: 1, name: 'Đăng ký tiếp công dân' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/app/reception');
  const line = page.getByRole('listitem').filter({ hasText: place });
  await line.getByText('Còn 12/12 chỗ').waitFor();
  // The day is written as people read it, in Hanoi time: "Thứ …, dd/mm/yyyy, 08:00–11:30".
  const day = s.startsAt.slice(0, 10).split('-').reverse().join('/');
  await line.getByRole('heading', { name: new RegExp(`^Thứ .+, ${day}, 08:00–11:30$`) }).waitFor();
  const feed = page.getByRole('link', { name: 'Theo dõi lịch tiếp trên ứng dụng lịch (.ics)' });
  assert.equal(await feed.getAttribute('href'), '/api/v1/reception/sessions.ics');
  const ics = await page.request.get('/api/v1/reception/sessions.ics');
  assert.match(await ics.text(), new RegExp(`UID:${s.id}`, 'i'));
  // Signed out, booking asks to sign in first.
  await line.getByRole('link', { name: /^Đăng ký buổi này/ }).click();
  await page.getByRole('heading', { name: 'Cần đăng nhập' }).waitFor();
  await assertAccessible(page, 'booking form signed out');
  assertNoPageErrors(page);
});

test('issue 11 R-3.8 R-5.4 booking as an organisation\'s representative: a refusal is shown beside its field and nothing is stored; then the booking with an earlier decision and a document, confirmed with its code', async () => {
  const place = 'Phòng tiếp số 1, Trụ sở Tiếp công dân Thành phố (đăng ký tổ chức)';
  const s = await publish(place);
  const page = await citizenPage();
  const before = (await myBookings()).length;
  await openForm(page, place);
  // The session chosen on the schedule is the one checked.
  assert.equal(await page.getByRole('radio', { name: new RegExp(place.replace(/[()]/g, '.')) }).isChecked(), true);
  await page.getByRole('radio', { name: 'Người đại diện tổ chức' }).check();
  await page.getByLabel('Tên tổ chức').fill('Hợp tác xã Nông nghiệp Đông Anh');
  await page.getByLabel('Chức vụ của người đại diện').fill('Chủ nhiệm');
  await page.getByLabel('Họ và tên người đại diện 1').fill('Lê Văn Hùng');
  await page.getByLabel('Lĩnh vực của vụ việc').selectOption('land');
  await page.getByLabel('Nội dung vụ việc').fill('Quá ngắn');
  await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
  // The server's reason, beside the summary; nothing stored.
  await page.getByText('Cần trình bày nội dung vụ việc (ít nhất 20 ký tự)').first().waitFor();
  assert.equal((await myBookings()).length, before);
  await assertAccessible(page, 'booking form with an error');

  const summary = 'Hợp tác xã chưa nhận được tiền bồi thường khi thu hồi 2 ha đất nông nghiệp để làm đường vành đai, đề nghị Thành phố xem xét.';
  await page.getByLabel('Nội dung vụ việc').fill(summary);
  await page.getByRole('radio', { name: 'Đã được cơ quan khác xem xét, giải quyết' }).check();
  // Handled elsewhere without saying by whom: said beside that field, nothing stored.
  await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
  await page.getByLabel('Cơ quan đã giải quyết').and(page.locator('[aria-invalid="true"]')).waitFor();
  await page.locator('.earlier-decision .field-error').filter({ hasText: 'Vụ việc đã được giải quyết ở nơi khác: cần ghi cơ quan đã giải quyết' }).waitFor();
  assert.equal((await myBookings()).length, before);
  await page.getByLabel('Cơ quan đã giải quyết').fill('UBND xã Đông Anh');
  await page.getByLabel('Số văn bản (nếu có)').fill('123/QĐ-UBND');
  await page.getByLabel('Chọn ảnh, video có sẵn').setInputFiles({ name: 'quyet-dinh.jpg', mimeType: 'image/jpeg', buffer: await scenePhoto(41) });
  await page.getByText('Đã tải lên', { exact: true }).waitFor();
  await screenshot(page, 'reception-booking-form');
  await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Đã gửi đăng ký' });
  await status.waitFor();
  const stored = (await myBookings()).find((b) => b.summary === summary);
  assert.ok(stored, 'the booking is stored');
  assert.match(await status.innerText(), new RegExp(`Mã lịch hẹn của bạn: ${stored.code}`));
  assert.match(stored.code, /^LH-\d{4}-\d{6}$/);
  assert.equal(stored.state, 'requested');
  assert.deepEqual(stored.applicant, { kind: 'organisation', organisation: { name: 'Hợp tác xã Nông nghiệp Đông Anh', position: 'Chủ nhiệm' }, representatives: [{ fullName: 'Lê Văn Hùng', phone: null }] });
  assert.equal(stored.category, 'land');
  assert.equal(stored.handledElsewhere, true);
  assert.deepEqual(stored.earlierDecision && { agency: stored.earlierDecision.agency, number: stored.earlierDecision.number }, { agency: 'UBND xã Đông Anh', number: '123/QĐ-UBND' });
  assert.equal(stored.attachments.length, 1);
  await page.getByText('Chờ xem xét', { exact: true }).waitFor();
  await assertAccessible(page, 'booking page');

  // The same matter again: one open booking per matter, said beside the summary.
  await openForm(page, place);
  await page.getByLabel('Lĩnh vực của vụ việc').selectOption('land');
  await page.getByLabel('Nội dung vụ việc').fill(summary);
  await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
  await page.getByText('Bạn đã có lịch hẹn đang mở cho vụ việc này', { exact: false }).first().waitFor();
  assert.equal((await myBookings()).filter((b) => b.summary === summary).length, 1);
  const after = ((await (await citizenApi.get('/api/v1/reception/sessions?limit=100')).json()) as { items: Session[] }).items.find((x) => x.id === s.id)!;
  assert.equal(after.seatsLeft, 19, 'one seat taken, not two');
  assertNoPageErrors(page);
});

test('issue 11 R-5.4 the Board asks for information, the citizen answers on the booking page; accepted, the booking downloads as .ics in Asia/Ho_Chi_Minh (ical.js)', async () => {
  const place = 'Phòng tiếp số 3, Trụ sở Tiếp công dân Thành phố (bổ sung thông tin)';
  const s = await publish(place);
  const summary = 'Đề nghị xem xét chế độ trợ cấp cho gia đình người có công ở phường Hoàn Kiếm chưa được giải quyết.';
  const res = await citizenApi.post('/api/v1/me/reception/bookings', { data: { sessionId: s.id, summary, category: 'social_policy', handledElsewhere: false } });
  assert.equal(res.status(), 201, await res.text());
  const booking = (await res.json()) as Booking;
  await officerAct(booking.id, { action: 'requestInfo', question: 'Đề nghị cho biết số hồ sơ người có công và nơi đã nộp hồ sơ.' });

  const page = await citizenPage();
  // The notice in the inbox leads to the booking.
  await page.goto('/app/alerts');
  await page.getByRole('link', { name: `Xem lịch hẹn ${booking.code}` }).first().click();
  await page.getByRole('heading', { name: `Lịch hẹn ${booking.code}` }).waitFor();
  await page.getByText('Đề nghị cho biết số hồ sơ người có công và nơi đã nộp hồ sơ.').waitFor();
  await page.getByLabel('Thông tin bổ sung').fill('Hồ sơ số 456/NCC, nộp tại UBND phường Hoàn Kiếm ngày 02/03/2026.');
  await page.getByRole('button', { name: 'Gửi thông tin bổ sung' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã gửi thông tin bổ sung.' }).waitFor();
  await page.getByText('Chờ xem xét', { exact: true }).waitFor();
  const answered = (await myBookings()).find((b) => b.id === booking.id)!;
  assert.equal(answered.state, 'requested');
  assert.equal(answered.infoAnswer, 'Hồ sơ số 456/NCC, nộp tại UBND phường Hoàn Kiếm ngày 02/03/2026.');

  await officerAct(booking.id, { action: 'accept' });
  await page.reload();
  await page.getByText('Đã được chấp nhận', { exact: true }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải lịch hẹn về ứng dụng lịch (.ics)' }).click()]);
  assert.equal(download.suggestedFilename(), `${booking.code}.ics`);
  const chunks: Buffer[] = [];
  for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
  const comp = new ICAL.Component(ICAL.parse(Buffer.concat(chunks).toString('utf8')));
  for (const tz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const event = new ICAL.Event(comp.getFirstSubcomponent('vevent')!);
  assert.equal(event.startDate.zone?.tzid, 'Asia/Ho_Chi_Minh');
  assert.equal(event.startDate.toJSDate().getTime(), Date.parse(s.startsAt));
  assert.equal(event.endDate.toJSDate().getTime(), Date.parse(s.endsAt));
  assert.equal(`${String(event.startDate.hour).padStart(2, '0')}:${String(event.startDate.minute).padStart(2, '0')}`, '08:00', 'wall clock 08:00 in Hanoi');
  assert.equal(event.location, place);
  assertNoPageErrors(page);
});

test('issue 11 R-1.3 R-5.4 a declined booking says why and where to go instead; cancelling a booking asks first and gives the seat back', async () => {
  const place = 'Phòng tiếp số 4, Trụ sở Tiếp công dân Thành phố (từ chối, hủy)';
  const s = await publish(place, 5);
  const book = async (summary: string) => {
    const res = await citizenApi.post('/api/v1/me/reception/bookings', { data: { sessionId: s.id, summary, category: 'construction', handledElsewhere: false } });
    assert.equal(res.status(), 201, await res.text());
    return (await res.json()) as Booking;
  };
  const complaint = await book('Tôi khiếu nại quyết định xử phạt vi phạm hành chính về xây dựng của UBND phường đối với gia đình tôi.');
  const other = await book('Đề nghị Thành phố xem xét quy hoạch tuyến đường đi qua khu dân cư tổ 5 để người dân yên tâm sinh sống.');
  await officerAct(complaint.id, { action: 'decline', reason: 'complaint_procedure', explanation: 'Nội dung là khiếu nại quyết định hành chính của UBND phường.' });

  const page = await citizenPage();
  await page.goto(`/app/reception/bookings/${complaint.id}`);
  await page.getByText('Không được chấp nhận', { exact: true }).waitFor();
  await page.getByText('Nội dung là khiếu nại, tố cáo: giải quyết theo thủ tục khiếu nại, tố cáo (R-1.3)').waitFor();
  await page.getByText('Nội dung là khiếu nại quyết định hành chính của UBND phường.').waitFor();
  await page.getByText(/Luật Khiếu nại 2011 và Luật Tố cáo 2018/).waitFor();
  // A declined booking cannot be cancelled any more.
  assert.equal(await page.getByRole('button', { name: 'Hủy lịch hẹn' }).count(), 0);
  await assertAccessible(page, 'declined booking');

  await page.goto(`/app/reception/bookings/${other.id}`);
  await page.getByRole('button', { name: 'Hủy lịch hẹn' }).click();
  await page.getByText(`Bạn chắc chắn muốn hủy lịch hẹn ${other.code}?`, { exact: false }).waitFor();
  // Thinking better of it changes nothing.
  await page.getByRole('button', { name: 'Không hủy' }).click();
  assert.equal((await myBookings()).find((b) => b.id === other.id)!.state, 'requested');
  await page.getByRole('button', { name: 'Hủy lịch hẹn' }).click();
  await page.getByRole('button', { name: 'Xác nhận hủy' }).click();
  await page.getByRole('status').filter({ hasText: `Đã hủy lịch hẹn ${other.code}.` }).waitFor();
  await page.getByText('Đã hủy', { exact: true }).waitFor();
  assert.equal((await myBookings()).find((b) => b.id === other.id)!.state, 'cancelled');
  const seats = ((await (await citizenApi.get('/api/v1/reception/sessions?limit=100')).json()) as { items: Session[] }).items.find((x) => x.id === s.id)!.seatsLeft;
  assert.equal(seats, 5, 'the declined and the cancelled booking gave their seats back');

  // My bookings list both, with their states.
  await page.goto('/app/reception');
  const mine = page.getByRole('region', { name: 'Lịch hẹn của tôi' });
  await mine.getByRole('listitem').filter({ hasText: complaint.code }).getByText('Không được chấp nhận').waitFor();
  await mine.getByRole('listitem').filter({ hasText: other.code }).getByText('Đã hủy').waitFor();
  await assertAccessible(page, 'reception page signed in');
  await screenshot(page, 'reception-citizen');
  assertNoPageErrors(page);
});

test('issue 11 R-5.4 a full session cannot be booked from the schedule', async () => {
  const place = 'Phòng tiếp số 5, Trụ sở Tiếp công dân Thành phố (một chỗ)';
  const s = await publish(place, 1);
  const citizen = await apiAs(browser, server.baseUrl, server.citizenLogin);
  await citizen.post('/api/v1/me/reception/bookings', { sessionId: s.id, summary: 'Đề nghị giải quyết việc cấp giấy chứng nhận quyền sử dụng đất cho gia đình tôi.', category: 'land', handledElsewhere: false });
  await citizen.close();
  const page = await newPage(browser, server.baseUrl);
  await page.goto('/app/reception');
  const line = page.getByRole('listitem').filter({ hasText: place });
  await line.getByText('Đã đủ chỗ').waitFor();
  assert.equal(await line.getByRole('link', { name: /^Đăng ký buổi này/ }).count(), 0);
  assertNoPageErrors(page);
});
