/**
 * What integrators receive in webhook deliveries (issue 8 item 2): the public view of a report — the public
 * presenter's summary and, once published, its result; never the reporter — and the public view of a sent
 * alert (what residents and the CAP feed read, without staff names).
 */
import type { WebhookPresenter } from '../../app/webhooks/index.ts';
import { PUBLIC_STATES } from '../../app/reports/read-reports.ts';
import type { WORKFLOWS } from '../../domain/workflow/index.ts';
import { presentPublicAlert } from './alert.ts';
import { presentPublicResult, presentPublicSummary } from './report.ts';

export const webhookPresenter: WebhookPresenter = {
  report(r, names) {
    if (!PUBLIC_STATES(r.kind as keyof typeof WORKFLOWS).includes(r.state)) return null;
    return {
      ...presentPublicSummary(r, names),
      url: `/reports/${r.code}`,
      result: presentPublicResult(r),
      rating: r.rating,
    };
  },
  alert: (a, ref) => presentPublicAlert(ref, a),
};
