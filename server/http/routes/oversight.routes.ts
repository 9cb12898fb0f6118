/**
 * The Center's dashboard figures (R-18.3b reports on report handling, R-22 per-agency figures, R-13 ratings):
 * for the city overseer ('oversight.read', as the lateness figures). Counts only — no reporter identity.
 */
import { Type } from 'typebox';
import { reprimandFlags } from '../../app/oversight/reprimand.ts';
import { oversightSummary } from '../../app/oversight/summary.ts';
import { REPORT_KINDS } from '../../domain/calendar/index.ts';
import type { App } from '../app.ts';
import { MONTH, PERIOD_FIELDS } from './oversight-schemas.ts';
import { Strict } from './schemas.ts';


const figures = {
  received: Type.Integer(),
  accepted: Type.Integer(),
  rejected: Type.Integer(),
  transferred: Type.Integer(),
  inProgress: Type.Integer(),
  published: Type.Integer(),
  onTime: Type.Integer(),
  late: Type.Integer(),
  publishedPercent: Type.Number(),
  onTimePercent: Type.Number(),
  latePercent: Type.Number(),
};
const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer>>(t: T) => Type.Union([t, Type.Null()]);
const stageCounts = { stage: Type.String(), label: Type.String(), deadlines: Type.Integer(), onTime: Type.Integer(), late: Type.Integer(), latePercent: Type.Number() };

export default async function oversightRoutes(app: App): Promise<void> {
  const ctx = app.ctx;

  app.get(
    '/api/v1/oversight/summary',
    {
      schema: {
        tags: ['oversight'],
        summary:
          'Số liệu giám sát của Trung tâm (R-18.3b, R-22, R-25.4): phản ánh theo trạng thái; theo cơ quan, tháng và đơn vị hành chính hiện nay: tiếp nhận, không tiếp nhận (theo lý do Điều 6.2), chuyển, đang xử lý, có kết quả, đúng hạn, trễ hạn; từng giai đoạn: đúng/trễ hạn, thời gian xử lý trung vị và 90%; đánh giá (R-13); sáng kiến (R-9)',
        description:
          'Tính trên các phản ánh gửi trong khoảng tháng [from, to] (tháng theo giờ Việt Nam; mặc định: tháng hiện tại). Cơ quan của phản ánh là cơ quan đang xử lý (UBND cấp xã được giao, nếu không thì cơ quan xử lý, nếu không thì cơ quan tiếp nhận); cơ quan của một giai đoạn là cơ quan chịu thời hạn đó (R-8.5). Đơn vị là đơn vị hành chính hiện nay: phản ánh gửi theo đơn vị cũ (trước 01/7/2025) được tính vào xã/phường hiện nay chứa vị trí phản ánh, nếu không có vị trí thì vào đơn vị kế thừa duy nhất; `unitCode` null: không xác định được (R-28.1). Một phản ánh trễ hạn khi có thời hạn kết thúc sau hạn hoặc chưa kết thúc mà đã quá hạn (tại `asOf`); đúng hạn = nhận được − trễ hạn. Thời gian xử lý tính bằng phút làm việc, cho biết theo mốc: "trong vòng" (null: chưa có giai đoạn nào kết thúc, hoặc trên 60 ngày làm việc). Tỷ lệ tính theo phần trăm, 1 chữ số thập phân; tỷ lệ hài lòng = hài lòng / số đã đánh giá.',
        security: [{ bearer: [] }],
        querystring: Type.Object(
          {
            from: Type.Optional(Type.String({ pattern: MONTH, description: 'Tháng đầu, YYYY-MM (mặc định: bằng `to`)' })),
            to: Type.Optional(Type.String({ pattern: MONTH, description: 'Tháng cuối, YYYY-MM (mặc định: tháng hiện tại); tối đa 36 tháng' })),
            agencyId: Type.Optional(Type.String({ format: 'uuid', description: 'Chỉ phản ánh do cơ quan này xử lý (giai đoạn: cơ quan chịu thời hạn)' })),
            unitCode: Type.Optional(Type.String({ pattern: '^[0-9]{2,8}$', description: 'Chỉ một đơn vị hành chính hiện nay (mã xã/phường), ví dụ 00070' })),
            categoryCode: Type.Optional(Type.String({ maxLength: 64, description: 'Chỉ một danh mục, ví dụ hu-hong-mat-duong' })),
            kind: Type.Optional(Type.Enum(REPORT_KINDS)),
          },
          Strict,
        ),
        response: {
          200: Type.Object(
            {
              ...PERIOD_FIELDS,
              filters: Type.Object(
                { agencyId: Nullable(Type.String()), unitCode: Nullable(Type.String()), categoryCode: Nullable(Type.String()), kind: Nullable(Type.String()) },
                Strict,
              ),
              total: Type.Integer(),
              byState: Type.Array(Type.Object({ state: Type.String(), label: Type.String(), count: Type.Integer() }, Strict)),
              totals: Type.Object(figures, Strict),
              rejectedByReason: Type.Array(Type.Object({ reason: Type.String(), label: Type.String(), count: Type.Integer() }, Strict)),
              byAgency: Type.Array(Type.Object({ agencyId: Type.String(), agencyName: Type.String(), ...figures }, Strict)),
              byAgencyMonth: Type.Array(Type.Object({ agencyId: Type.String(), agencyName: Type.String(), month: Type.String(), ...figures }, Strict)),
              byUnit: Type.Array(Type.Object({ unitCode: Nullable(Type.String()), unitName: Type.String(), ...figures }, Strict)),
              stages: Type.Array(
                Type.Object(
                  {
                    ...stageCounts,
                    finished: Type.Integer(),
                    running: Type.Integer(),
                    medianWithinMinutes: Nullable(Type.Integer()),
                    p90WithinMinutes: Nullable(Type.Integer()),
                  },
                  Strict,
                ),
              ),
              byAgencyStage: Type.Array(Type.Object({ agencyId: Type.String(), agencyName: Type.String(), ...stageCounts }, Strict)),
              ratings: Type.Object(
                { satisfied: Type.Integer(), acceptable: Type.Integer(), unsatisfied: Type.Integer(), rated: Type.Integer(), satisfactionPercent: Type.Number() },
                Strict,
              ),
              initiatives: Type.Object(
                { received: Type.Integer(), answered: Type.Integer(), adopted: Type.Integer(), adoptedInPart: Type.Integer(), declined: Type.Integer(), adoptedPercent: Type.Number() },
                Strict,
              ),
            },
            Strict,
          ),
        },
      },
    },
    async (req) => oversightSummary(ctx, req.actor, req.query),
  );

  app.get(
    '/api/v1/oversight/reprimand-flags',
    {
      schema: {
        tags: ['oversight'],
        summary: 'Đề xuất kiểm điểm (R-18.4) trong một tháng, kèm bằng chứng: vụ việc bị phản ánh lại với từ 5 đánh giá "Chưa hài lòng"; cơ quan có trên 30% phản ánh trễ hạn tiếp nhận hoặc xử lý',
        description:
          'Tháng theo giờ Việt Nam (mặc định: tháng trước). (1) Một vụ việc là nhóm phản ánh được liên kết bởi kết quả kiểm tra (ảnh/nội dung trùng hoặc gần trùng, ảnh gửi lại, cùng danh mục đang xử lý trong 250 m); vụ việc thuộc tháng có đánh giá "Chưa hài lòng" thứ 5. (2) Với mỗi cơ quan: các phản ánh có thời hạn tiếp nhận (xác minh, tiếp nhận) hoặc xử lý (giao, xử lý) của cơ quan đến hạn trong tháng; trễ khi một thời hạn kết thúc sau hạn hoặc chưa kết thúc mà đã quá hạn; bị đề xuất khi số trễ / tổng > 30% (đúng 30% không bị đề xuất). Không có thông tin người phản ánh.',
        security: [{ bearer: [] }],
        querystring: Type.Object({ month: Type.Optional(Type.String({ pattern: MONTH, description: 'Tháng, YYYY-MM (mặc định: tháng trước)' })) }, Strict),
        response: {
          200: Type.Object(
            {
              month: Type.String(),
              from: Type.String(),
              to: Type.String(),
              asOf: Type.String(),
              complete: Type.Boolean(),
              thresholds: Type.Object({ unsatisfiedRatings: Type.Integer(), latePercent: Type.Number() }, Strict),
              matters: Type.Array(
                Type.Object(
                  {
                    matter: Type.String(),
                    unsatisfied: Type.Integer(),
                    reachedAt: Type.String(),
                    agencies: Type.Array(Type.Object({ agencyId: Type.String(), agencyName: Type.String(), unsatisfied: Type.Integer() }, Strict)),
                    reports: Type.Array(
                      Type.Object(
                        { code: Type.String(), submittedAt: Type.String(), rating: Nullable(Type.String()), ratedAt: Nullable(Type.String()), agencyName: Type.String() },
                        Strict,
                      ),
                    ),
                  },
                  Strict,
                ),
              ),
              agencies: Type.Array(
                Type.Object(
                  {
                    agencyId: Type.String(),
                    agencyName: Type.String(),
                    reports: Type.Integer(),
                    late: Type.Integer(),
                    pending: Type.Integer(),
                    lateShare: Type.Number(),
                    lateCodes: Type.Array(Type.String()),
                  },
                  Strict,
                ),
              ),
            },
            Strict,
          ),
        },
      },
    },
    async (req) => reprimandFlags(ctx, req.actor, req.query),
  );
}
