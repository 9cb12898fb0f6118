/**
 * Lateness per agency (R-8.5 "late units answer for it", R-18.4(2) more than 30 % of a month's reports late in
 * receiving or processing): the city overseer sees every agency, the heads of an agency see their own.
 */
import { Type } from 'typebox';
import { agencyLateness } from '../../app/lateness/agency-lateness.ts';
import type { App } from '../app.ts';
import { Strict } from './schemas.ts';

const Group = Type.Object({ reports: Type.Integer(), late: Type.Integer(), lateShare: Type.Number(), over30Percent: Type.Boolean() }, Strict);

export default async function latenessRoutes(app: App): Promise<void> {
  const ctx = app.ctx;

  app.get(
    '/api/v1/oversight/lateness',
    {
      schema: {
        tags: ['oversight'],
        summary: 'Trễ hạn theo cơ quan và bước xử lý trong một tháng (R-8.5, R-18.4): số hạn đến hạn, đúng hạn, trễ hạn, tỷ lệ trễ; cờ >30% phản ánh trễ ở khâu tiếp nhận hoặc xử lý',
        description:
          'Tháng tính theo giờ Việt Nam. Một hạn trễ khi kết thúc sau thời hạn hoặc chưa kết thúc mà đã quá hạn; `pending` = chưa đến hạn. Tiếp nhận = xác minh + tiếp nhận; xử lý = giao xử lý + xử lý.',
        security: [{ bearer: [] }],
        querystring: Type.Object(
          {
            month: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM (mặc định: tháng hiện tại)' })),
            agencyId: Type.Optional(Type.String({ format: 'uuid', description: 'Chỉ một cơ quan (trong phạm vi được xem)' })),
          },
          Strict,
        ),
        response: {
          200: Type.Object(
            {
              month: Type.String(),
              from: Type.String(),
              to: Type.String(),
              asOf: Type.String(),
              complete: Type.Boolean(),
              agencies: Type.Array(
                Type.Object(
                  {
                    agencyId: Type.String(),
                    agencyName: Type.String(),
                    stages: Type.Array(
                      Type.Object(
                        { stage: Type.String(), due: Type.Integer(), met: Type.Integer(), late: Type.Integer(), pending: Type.Integer(), lateShare: Type.Number() },
                        Strict,
                      ),
                    ),
                    receiving: Group,
                    processing: Group,
                    over30Percent: Type.Boolean(),
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
    async (req) => agencyLateness(ctx, req.actor, req.query),
  );
}
