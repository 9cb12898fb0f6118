/** A test app for citizen reception (issue 11, R-5.4): the Board, its officer, verified citizens, helpers. */
import assert from 'node:assert/strict';
import type { Config } from '../server/config.ts';
import { findAgency } from '../server/db/repos/agencies.repo.ts';
import { vietnamTime } from '../server/domain/calendar/index.ts';
import { testApp } from './context.ts';
import { createCitizen, signInHeaders, signedInStaff } from './factories.ts';

type H = Record<string, string>;

export async function receptionTestApp(config: Partial<Config> = {}) {
  const t = await testApp({ config: { sessionTtlHours: 24 * 60, rateLimitPerMinute: 1_000_000, loginAttemptsPerWindow: 10_000, ...config } });
  const { app, ctx, clock } = t;
  // Mon 2 March 2026, 09:00 in Hà Nội.
  clock.set(vietnamTime(2026, 3, 2, 9, 0));
  const board = (await findAgency(ctx.db, { code: 'ban-tiep-cong-dan-thanh-pho' }))!;
  assert.ok(board, 'the Board is seeded');
  const officer = await signedInStaff(app, board.id, 'reception_officer');
  const citizen = async () => {
    const c = await createCitizen(app, { verified: true });
    return { ...c, h: await signInHeaders(app, c.phone) };
  };
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, h: H, payload?: unknown) =>
    app.inject({ method, url, headers: h, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const ok = async (method: 'GET' | 'POST' | 'PUT', url: string, h: H, payload: unknown, status: number) => {
    const res = await call(method, url, h, payload);
    assert.equal(res.statusCode, status, res.body);
    return res.json();
  };
  const sessionBody = (over: Record<string, unknown> = {}) => ({
    startsAt: '2026-03-10T08:00:00+07:00',
    endsAt: '2026-03-10T11:00:00+07:00',
    place: 'Trụ sở Tiếp công dân Thành phố, số 1 Trần Hưng Đạo, Hoàn Kiếm',
    receiver: 'Phó Chủ tịch UBND Thành phố',
    capacity: 20,
    topics: ['Đất đai', 'Xây dựng'],
    kind: 'regular',
    ...over,
  });
  const publish = (over: Record<string, unknown> = {}) => ok('POST', '/api/v1/reception/sessions', officer.h, sessionBody(over), 201);
  let n = 0;
  const bookingBody = (sessionId: string, over: Record<string, unknown> = {}) => ({
    sessionId,
    summary: `Đề nghị giải quyết việc cấp giấy chứng nhận quyền sử dụng đất tại thửa số ${++n}, phường Hoàn Kiếm, đã nộp hồ sơ từ năm 2024`,
    category: 'land',
    handledElsewhere: false,
    ...over,
  });
  const book = (h: H, sessionId: string, over: Record<string, unknown> = {}, headers: H = {}) => call('POST', '/api/v1/me/reception/bookings', { ...h, ...headers }, bookingBody(sessionId, over));
  const act = (bookingId: string, body: Record<string, unknown>, h: H = officer.h) => call('POST', `/api/v1/reception/bookings/${bookingId}/actions`, h, body);
  const inbox = async (h: H) => (await ok('GET', '/api/v1/me/notifications?limit=100', h, undefined, 200)) as { items: { action: string; title: string; bookingId: string | null; bookingCode: string | null; said: Record<string, string> }[] };
  return { ...t, board, officer, citizen, call, ok, sessionBody, publish, bookingBody, book, act, inbox };
}
