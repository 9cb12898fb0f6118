/**
 * What integrators receive in webhook deliveries (issue 8 item 2): the public view of a report — the public
 * presenter's summary and, once published, its result; never the reporter — and the public view of a sent
 * alert (what residents and the CAP feed read, without staff names).
 */
import { formatVietnamTime } from '../../domain/calendar/index.ts';
import type { WebhookPresenter } from '../../app/webhooks/index.ts';
import { PUBLIC_STATES } from '../../app/reports/read-reports.ts';
import type { WORKFLOWS } from '../../domain/workflow/index.ts';
import { presentPublicSummary } from './report.ts';

export const webhookPresenter: WebhookPresenter = {
  report(r, names) {
    if (!PUBLIC_STATES(r.kind as keyof typeof WORKFLOWS).includes(r.state)) return null;
    return {
      ...presentPublicSummary(r, names),
      url: `/reports/${r.code}`,
      result: r.result_published_at ? { text: r.result_text, decision: r.decision, publishedAt: formatVietnamTime(r.result_published_at) } : null,
      rating: r.rating,
    };
  },
  alert(a, ref) {
    return {
      code: a.code,
      kind: a.kind,
      category: a.category,
      severity: a.severity,
      urgency: a.urgency,
      certainty: a.certainty,
      title: a.title,
      body: a.body,
      links: a.links,
      issuer: { name: ref.agency(a.issuing_agency_id)?.name ?? '', level: a.level },
      audience: { wholeArea: a.whole_area, units: a.audience_units.map((code) => ({ code, name: ref.unit(a.structure_version, code)?.fullName ?? code })) },
      startsAt: formatVietnamTime(a.starts_at),
      expiresAt: formatVietnamTime(a.expires_at),
      sentAt: a.sent_at ? formatVietnamTime(a.sent_at) : null,
      cap: `/cap/alerts/${a.code}.xml`,
    };
  },
};
