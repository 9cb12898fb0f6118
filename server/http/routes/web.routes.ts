/**
 * What the web app (issue 7) reads once at start: its settings, and the workflow tables it draws action forms
 * from (DESIGN: workflow as data — the screens ask the same table the server decides with, so a form never
 * offers an action the rules do not have).
 */
import { Type } from 'typebox';
import { CLASSIFICATIONS } from '../../domain/calendar/index.ts';
import { INITIATIVE_DECISIONS, RATINGS, REJECT_REASONS, WORKFLOWS } from '../../domain/workflow/index.ts';
import { NEED_FIELD } from '../../app/reports/act-on-report.ts';
import type { App } from '../app.ts';

export default async function webRoutes(app: App): Promise<void> {
  const { config } = app.ctx;

  app.get('/api/v1/web-config', { schema: { tags: ['web'], summary: 'Cấu hình của ứng dụng web: bản đồ nền (nếu có)' } }, async () => ({
    map: { tileUrl: config.mapTileUrl ?? null, attribution: config.mapTileUrl ? config.mapTileAttribution : null },
  }));

  app.get(
    '/api/v1/workflows',
    {
      schema: {
        tags: ['reports'],
        summary: 'Bảng quy trình của từng loại phản ánh: trạng thái, thao tác, ai được làm, thông tin bắt buộc, điều quy định (R-8.1)',
        querystring: Type.Object({}, { additionalProperties: false }),
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return {
        kinds: Object.fromEntries(
          Object.entries(WORKFLOWS).map(([kind, wf]) => [
            kind,
            {
              initial: wf.initial,
              terminal: wf.terminal,
              stateLabels: wf.stateLabels,
              transitions: wf.transitions.map((t) => ({ from: t.from, action: t.action, to: t.to, label: t.label, by: t.by, needs: t.needs, rule: t.rule })),
            },
          ]),
        ),
        /** Where each need goes in the body of POST /api/v1/reports/:id/actions. */
        needFields: NEED_FIELD,
        rejectReasons: REJECT_REASONS,
        ratings: RATINGS,
        classifications: CLASSIFICATIONS,
        initiativeDecisions: INITIATIVE_DECISIONS,
      };
    },
  );
}
