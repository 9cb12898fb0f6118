/**
 * CAP 1.2 (issue 6 item 6, R-18.5): `GET /cap/alerts/TB-2026-000123.xml` — a sent alert as an OASIS CAP 1.2
 * message (its Cancel message once it was cancelled); `GET /cap/alerts.atom` — the alerts in force, each linking
 * to its document. Public, like the alerts themselves.
 */
import { Type } from 'typebox';
import { publicAlert, publicAlertsInForce } from '../../app/alerts/public-alerts.ts';
import { AppError } from '../../domain/errors.ts';
import { outerRings } from '../../domain/units/index.ts';
import { capAtomFeed, capDocument } from '../cap/cap-document.ts';
import type { App } from '../app.ts';

const DOC = /^(TB-\d{4}-\d{6})\.xml$/;

export default async function capRoutes(app: App): Promise<void> {
  const ctx = app.ctx;
  const base = (req: { protocol: string; host: string }) => `${req.protocol}://${req.host}`;

  app.get(
    '/cap/alerts.atom',
    { schema: { tags: ['cap'], summary: 'Thông báo, cảnh báo đang có hiệu lực: nguồn Atom, mỗi mục dẫn đến văn bản CAP 1.2' } },
    async (req, reply) => {
      const entries = (await publicAlertsInForce(ctx)).map((e) => ({ ...e, capUrl: `${base(req)}/cap/alerts/${e.alert.code}.xml` }));
      return reply.type('application/atom+xml; charset=utf-8').send(capAtomFeed(entries, { selfUrl: `${base(req)}/cap/alerts.atom`, now: ctx.clock.now() }));
    },
  );

  app.get(
    '/cap/alerts/:document',
    {
      schema: {
        tags: ['cap'],
        summary: 'Một thông báo đã gửi theo chuẩn OASIS CAP 1.2 (XML)',
        params: Type.Object({ document: Type.String({ pattern: DOC.source, description: 'Mã thông báo và .xml, ví dụ TB-2026-000123.xml' }) }, { additionalProperties: false }),
      },
    },
    async (req, reply) => {
      const code = DOC.exec(req.params.document)?.[1];
      if (!code) throw new AppError('NOT_FOUND');
      const p = await publicAlert(ctx, code);
      const xml = capDocument(p.alert, {
        issuerName: p.issuerName,
        area: { units: p.units, rings: p.boundaries.flatMap(outerRings) },
        webUrl: `${base(req)}/cap/alerts/${code}.xml`,
        baseUrl: base(req),
        updates: p.updates,
      });
      return reply.type('application/cap+xml; charset=utf-8').send(xml);
    },
  );
}
