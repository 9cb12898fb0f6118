/**
 * Reports on alert activity (R-18.3b; ): alerts sent per level, issuing agency and month, with
 * their reach and read rate — for the holders of 'oversight.read', as the other oversight figures. Counts only.
 */
import { Type } from 'typebox';
import { alertFigures } from '../../app/oversight/alert-figures.ts';
import { ALERT_SEVERITIES, ISSUING_LEVELS } from '../../domain/alerts/index.ts';
import type { App } from '../app.ts';
import { MONTH, PERIOD_FIELDS } from './oversight-schemas.ts';
import { Strict } from './schemas.ts';

const Level = Type.Enum([...ISSUING_LEVELS]);

const activity = {
  sent: Type.Integer({ description: 'Số thông báo đã gửi' }),
  information: Type.Integer({ description: 'Trong đó: thông tin' }),
  warning: Type.Integer({ description: 'Trong đó: cảnh báo' }),
  cancelled: Type.Integer({ description: 'Trong đó: đã gửi rồi bị hủy' }),
  reach: Type.Integer({ description: 'Lượt người dân nhận (cộng theo từng thông báo)' }),
  read: Type.Integer({ description: 'Lượt người dân đã đọc' }),
  readPercent: Type.Number({ description: 'Tỷ lệ đọc: đã đọc / đã nhận, phần trăm, 1 chữ số thập phân' }),
  pushed: Type.Integer({ description: 'Thông báo đẩy (web push) đã chuyển tới thiết bị' }),
};

export default async function oversightAlertsRoutes(app: App): Promise<void> {
  const ctx = app.ctx;

  app.get(
    '/api/v1/oversight/alert-figures',
    {
      schema: {
        tags: ['oversight'],
        summary: 'Báo cáo hoạt động thông tin, cảnh báo (R-18.3b): số thông báo đã gửi theo cấp (thành phố R-15, huyện R-16, xã R-17), theo đơn vị phát hành và theo tháng; số người dân nhận và tỷ lệ đã đọc',
        description:
          'Tính trên các thông báo có thời điểm gửi trong khoảng tháng [from, to] (tháng theo giờ Việt Nam; mặc định: tháng hiện tại). Thông báo đã gửi rồi bị hủy vẫn được tính là đã gửi (và đếm riêng ở `cancelled`); thông báo bị hủy khi chưa gửi, bản nháp, chờ duyệt, hẹn giờ chưa đến không được tính. Người nhận của một thông báo là các tài khoản người dân có nơi cư trú thuộc địa bàn nhận — kể cả nơi cư trú ghi theo đơn vị hành chính cũ, qua đơn vị kế thừa (R-28.1) — đúng như hộp thư thông báo của người dân, tính theo nơi cư trú hiện tại (tại `asOf`). Đã đọc: người nhận đã đọc riêng thông báo đó hoặc đã đánh dấu đọc hết đến một thông báo gửi sau nó. Tỷ lệ đọc = đã đọc / đã nhận (phần trăm, 1 chữ số thập phân). Chỉ có số đếm, không có thông tin người dân.',
        security: [{ bearer: [] }],
        querystring: Type.Object(
          {
            from: Type.Optional(Type.String({ pattern: MONTH, description: 'Tháng đầu, YYYY-MM (mặc định: bằng `to`)' })),
            to: Type.Optional(Type.String({ pattern: MONTH, description: 'Tháng cuối, YYYY-MM (mặc định: tháng hiện tại); tối đa 36 tháng' })),
            agencyId: Type.Optional(Type.String({ format: 'uuid', description: 'Chỉ thông báo do đơn vị này phát hành' })),
            level: Type.Optional(Type.Enum([...ISSUING_LEVELS], { description: 'Chỉ một cấp: city (thành phố), district (huyện), commune (xã)' })),
          },
          Strict,
        ),
        response: {
          200: Type.Object(
            {
              ...PERIOD_FIELDS,
              filters: Type.Object({ agencyId: Type.Union([Type.String(), Type.Null()]), level: Type.Union([Level, Type.Null()]) }, Strict),
              totals: Type.Object(activity, Strict),
              byLevel: Type.Array(Type.Object({ level: Level, ...activity }, Strict)),
              byAgency: Type.Array(Type.Object({ agencyId: Type.String(), agencyName: Type.String(), level: Level, ...activity }, Strict)),
              byMonth: Type.Array(Type.Object({ month: Type.String(), ...activity }, Strict)),
              bySeverity: Type.Array(Type.Object({ severity: Type.Enum([...ALERT_SEVERITIES]), sent: Type.Integer() }, Strict)),
            },
            Strict,
          ),
        },
      },
    },
    async (req) => alertFigures(ctx, req.actor, req.query),
  );
}
