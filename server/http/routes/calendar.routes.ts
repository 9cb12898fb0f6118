/**
 * The working calendar (issue 3): public deadline arithmetic with the exact shapes outside checks use, the
 * years of the calendar, and the administrator's edit of a year (a new version; open deadlines recomputed).
 */
import { Type } from 'typebox';
import { computeClarificationWindow, computeDeadline, type ParamName } from '../../app/calendar/queries.ts';
import { calendarYear, editCalendarYear } from '../../app/calendar/years.ts';
import { OFF_DAY_KINDS } from '../../domain/calendar/index.ts';
import type { App } from '../app.ts';
import { Strict } from './schemas.ts';

const query: ParamName = (name) => `querystring.${name}`;
const Instant = (description: string) =>
  Type.String({
    maxLength: 64,
    description: `${description}. ISO 8601, ví dụ 2026-01-05T08:00:00+07:00 hoặc …Z; không ghi múi giờ thì hiểu là giờ Việt Nam`,
  });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Reason = Type.String({ minLength: 1, maxLength: 300 });

const OffDay = Type.Object({ date: IsoDate, reason: Reason, kind: Type.Enum(OFF_DAY_KINDS) }, Strict);
const ExtraWorkDay = Type.Object({ date: IsoDate, reason: Reason }, Strict);
const PendingOffDay = Type.Object({ date: IsoDate, reason: Reason, enabled: Type.Boolean() }, Strict);
const YearFields = {
  status: Type.Union([Type.Literal('final'), Type.Literal('provisional')]),
  offDays: Type.Array(OffDay, { maxItems: 120 }),
  extraWorkDays: Type.Array(ExtraWorkDay, { maxItems: 60 }),
  pending: Type.Optional(Type.Array(PendingOffDay, { maxItems: 60 })),
  sources: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 20 })),
};
const DayInfo = Type.Object(
  { date: Type.String(), weekday: Type.String(), working: Type.Boolean(), kind: Type.String(), reason: Type.Optional(Type.String()) },
  Strict,
);
const Year = Type.Integer({ minimum: 1900, maximum: 2100 });

export default async function calendarRoutes(app: App): Promise<void> {
  const ctx = app.ctx;

  app.get(
    '/api/v1/calendar/deadline',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Hạn xử lý: cộng số giờ hoặc ngày làm việc vào một thời điểm (R-8.5)',
        description:
          'N giờ làm việc = N×60 phút làm việc, N ngày làm việc = N×480 phút, tính từ thời điểm phát sinh; ngoài giờ làm việc thì bắt đầu từ đầu ca làm việc kế tiếp. `provisional` = hạn đi qua năm chưa có lịch nghỉ chính thức.',
        querystring: Type.Object(
          {
            from: Instant('Thời điểm bắt đầu tính'),
            hours: Type.Optional(Type.String({ maxLength: 12, description: 'Số giờ làm việc (số nguyên ≥ 0); dùng hours hoặc days' })),
            days: Type.Optional(Type.String({ maxLength: 12, description: 'Số ngày làm việc (số nguyên 0–365)' })),
          },
          Strict,
        ),
        response: { 200: Type.Object({ due: Type.String(), calendarVersion: Type.Integer(), provisional: Type.Boolean() }, Strict) },
      },
    },
    async (req) => computeDeadline(ctx, req.query, query),
  );

  app.get(
    '/api/v1/calendar/clarification-window',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Hết hạn đề nghị làm rõ kết quả: 02 ngày theo Bộ luật Dân sự 2015 Điều 146–148 (R-13)',
        description: 'Ngày nhận kết quả không tính; hạn kết thúc lúc 24:00 ngày thứ hai (trả về là 00:00 ngày hôm sau); rơi vào ngày nghỉ thì kéo dài đến hết ngày làm việc kế tiếp.',
        querystring: Type.Object({ received: Instant('Thời điểm người phản ánh nhận được kết quả') }, Strict),
        response: { 200: Type.Object({ closesAt: Type.String() }, Strict) },
      },
    },
    async (req) => computeClarificationWindow(ctx, req.query.received, query),
  );

  app.get(
    '/api/v1/calendar/years/:year',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Ngày nghỉ, ngày làm bù và tình trạng (đã công bố / tạm tính) của một năm',
        params: Type.Object({ year: Year }, Strict),
        response: {
          200: Type.Object(
            {
              year: Type.Integer(),
              calendarVersion: Type.Integer(),
              generated: Type.Boolean(),
              ...YearFields,
              pending: Type.Array(PendingOffDay),
              sources: Type.Array(Type.String()),
              warnings: Type.Array(Type.String()),
              workingDays: Type.Integer(),
              exceptions: Type.Array(DayInfo),
            },
            Strict,
          ),
        },
      },
    },
    async (req) => calendarYear(ctx, req.params.year),
  );

  app.put(
    '/api/v1/calendar/years/:year',
    {
      schema: {
        tags: ['calendar', 'admin'],
        summary: 'Quản trị: sửa lịch nghỉ một năm — tạo phiên bản lịch mới và tính lại hạn của mọi việc đang mở',
        security: [{ bearer: [] }],
        params: Type.Object({ year: Year }, Strict),
        body: Type.Object({ ...YearFields, note: Type.String({ minLength: 1, maxLength: 500, description: 'Căn cứ (văn bản công bố lịch nghỉ) hoặc lý do sửa' }) }, Strict),
        response: {
          200: Type.Object({ calendarVersion: Type.Integer(), recomputedDeadlines: Type.Integer(), changedDeadlines: Type.Integer() }, Strict),
        },
      },
    },
    async (req) => editCalendarYear(ctx, req.actor, req.params.year, req.body),
  );
}
