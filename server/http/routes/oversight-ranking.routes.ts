/**
 * Rankings and evaluation: agencies ranked per month, quarter or year; officers listed for
 * commendation; the criteria, data the administrator edits. Reading for 'oversight.read' (the criteria also for
 * 'evaluation.manage'); editing for 'evaluation.manage'. Counts and staff names only — no reporter.
 */
import { Type } from 'typebox';
import { getEvaluationCriteria, NOTE_MAX, updateEvaluationCriteria } from '../../app/oversight/evaluation-criteria.ts';
import { PERIOD_PATTERN } from '../../app/oversight/period.ts';
import { agencyRanking, officerCommendations } from '../../app/oversight/rankings.ts';
import { REPORT_KINDS } from '../../domain/calendar/index.ts';
import { CRITERIA_LIMITS, type EvaluationCriteria } from '../../domain/oversight/ranking.ts';
import type { App } from '../app.ts';
import { Strict } from './schemas.ts';

const NullableString = Type.Union([Type.String(), Type.Null()]);

const limited = (key: keyof EvaluationCriteria, description: string) => Type.Integer({ minimum: CRITERIA_LIMITS[key].min, maximum: CRITERIA_LIMITS[key].max, description });
const criteriaFields = {
  onTimeWeight: limited('onTimeWeight', 'Trọng số của tỷ lệ đúng hạn trong điểm (%); cộng với trọng số hài lòng bằng 100'),
  satisfactionWeight: limited('satisfactionWeight', 'Trọng số của tỷ lệ hài lòng trong điểm (%)'),
  minReports: limited('minReports', 'Số phản ánh tối thiểu trong kỳ để cơ quan được xếp hạng (ít hơn: "chưa đủ số liệu")'),
  officerMinHandled: limited('officerMinHandled', 'Cán bộ: số kết quả tối thiểu được công khai trong kỳ'),
  officerMinSatisfactionPercent: limited('officerMinSatisfactionPercent', 'Cán bộ: tỷ lệ hài lòng tối thiểu (%, tính cả bằng)'),
  officerMinOnTimePercent: limited('officerMinOnTimePercent', 'Cán bộ: tỷ lệ đúng hạn tối thiểu (%, tính cả bằng)'),
  officerMaxListed: limited('officerMaxListed', 'Số cán bộ được đề xuất khen thưởng tối đa'),
};
const CriteriaUsed = Type.Object({ version: Type.Integer(), ...criteriaFields }, Strict);
const periodFields = {
  period: Type.String(),
  periodKind: Type.Union([Type.Literal('month'), Type.Literal('quarter'), Type.Literal('year')]),
  from: Type.String(),
  to: Type.String(),
  months: Type.Array(Type.String()),
  start: Type.String(),
  end: Type.String(),
  complete: Type.Boolean(),
  asOf: Type.String(),
  criteria: CriteriaUsed,
};
const rates = {
  onTime: Type.Integer(),
  onTimePercent: Type.Number(),
  rated: Type.Integer(),
  satisfied: Type.Integer(),
  satisfactionPercent: Type.Number(),
};
const Period = Type.String({ pattern: PERIOD_PATTERN, description: 'Kỳ: YYYY-MM (tháng), YYYY-Qn (quý, ba tháng theo giờ Việt Nam) hoặc YYYY (năm)' });
const CriteriaInForce = Type.Object(
  {
    version: Type.Integer(),
    criteria: Type.Object(criteriaFields, Strict),
    note: Type.String(),
    changedAt: Type.String(),
    changedBy: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }, Strict), Type.Null()]),
  },
  Strict,
);

export default async function oversightRankingRoutes(app: App): Promise<void> {
  const ctx = app.ctx;

  app.get(
    '/api/v1/oversight/rankings',
    {
      schema: {
        tags: ['oversight'],
        summary: 'Xếp hạng cơ quan theo tháng, quý, năm (R-22, R-25.4): điểm theo tỷ lệ đúng hạn và tỷ lệ hài lòng, với tiêu chí đang áp dụng',
        description:
          'Tính trên các phản ánh gửi trong kỳ (tháng theo giờ Việt Nam), theo cơ quan đang xử lý, từ số liệu giám sát (`asOf`). Tỷ lệ đúng hạn = (số phản ánh − trễ hạn) / số phản ánh; tỷ lệ hài lòng = "Hài lòng" / số đã đánh giá (0 khi chưa có đánh giá); cả hai tính theo phần trăm, 1 chữ số thập phân. Điểm = (trọng số đúng hạn × tỷ lệ đúng hạn + trọng số hài lòng × tỷ lệ hài lòng) / 100. Thứ tự: điểm, rồi tỷ lệ đúng hạn, rồi tỷ lệ hài lòng (cao trước), rồi tên cơ quan theo thứ tự tiếng Việt. Cơ quan có ít hơn số phản ánh tối thiểu được liệt kê "Chưa đủ số liệu", không xếp hạng.',
        security: [{ bearer: [] }],
        querystring: Type.Object({ period: Period, kind: Type.Optional(Type.Enum(REPORT_KINDS)) }, Strict),
        response: {
          200: Type.Object(
            {
              ...periodFields,
              kind: NullableString,
              agencies: Type.Array(
                Type.Object(
                  {
                    rank: Type.Union([Type.Integer(), Type.Null()]),
                    ranked: Type.Boolean(),
                    note: NullableString,
                    agencyId: Type.String(),
                    agencyName: Type.String(),
                    score: Type.Number(),
                    reports: Type.Integer(),
                    late: Type.Integer(),
                    ...rates,
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
    async (req) => agencyRanking(ctx, req.actor, req.query),
  );

  app.get(
    '/api/v1/oversight/commendations',
    {
      schema: {
        tags: ['oversight'],
        summary: 'Cán bộ được đề xuất khen thưởng trong kỳ (R-27.4): tỷ lệ hài lòng và xử lý đúng hạn cao',
        description:
          'Tính trên các kết quả được công khai trong kỳ, theo cán bộ được giao xử lý và cơ quan xử lý. Một kết quả đúng hạn khi không thời hạn xử lý hoặc làm lại dự thảo nào bị trễ. Được đề xuất khi đạt đủ số kết quả tối thiểu, tỷ lệ hài lòng và tỷ lệ đúng hạn tối thiểu (tính cả bằng); xếp theo điểm như xếp hạng cơ quan, cùng điểm thì nhiều kết quả hơn trước; tối đa số cán bộ theo tiêu chí. Người xem trong phạm vi một cơ quan chỉ thấy cán bộ của cơ quan mình.',
        security: [{ bearer: [] }],
        querystring: Type.Object({ period: Period }, Strict),
        response: {
          200: Type.Object(
            {
              ...periodFields,
              officers: Type.Array(
                Type.Object(
                  { officerId: Type.String(), officerName: Type.String(), agencyId: Type.String(), agencyName: Type.String(), score: Type.Number(), handled: Type.Integer(), ...rates },
                  Strict,
                ),
              ),
            },
            Strict,
          ),
        },
      },
    },
    async (req) => officerCommendations(ctx, req.actor, req.query),
  );

  app.get(
    '/api/v1/oversight/evaluation-criteria',
    {
      schema: {
        tags: ['oversight'],
        summary: 'Tiêu chí xếp hạng cơ quan và đề xuất khen thưởng cán bộ đang áp dụng (R-22, R-27.4), kèm người và thời điểm thay đổi',
        security: [{ bearer: [] }],
        response: { 200: CriteriaInForce },
      },
    },
    async (req) => getEvaluationCriteria(ctx, req.actor),
  );

  app.put(
    '/api/v1/oversight/evaluation-criteria',
    {
      schema: {
        tags: ['oversight'],
        summary: 'Sửa tiêu chí xếp hạng và khen thưởng (quản trị viên): thành một phiên bản mới, ghi nhật ký người sửa',
        description: 'Gửi đủ mọi tiêu chí và lý do (văn bản quyết định). Hai trọng số cộng lại phải bằng 100.',
        security: [{ bearer: [] }],
        body: Type.Object(
          { ...criteriaFields, note: Type.String({ minLength: 1, maxLength: NOTE_MAX, description: 'Lý do hoặc văn bản quyết định tiêu chí' }) },
          Strict,
        ),
        response: { 200: CriteriaInForce },
      },
    },
    async (req) => updateEvaluationCriteria(ctx, req.actor, req.body),
  );
}
