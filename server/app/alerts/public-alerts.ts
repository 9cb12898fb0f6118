/**
 * What other systems read of sent alerts (issue 6 item 6, R-18.5): each sent alert with its issuer and its area —
 * the audience units with their boundaries — for the CAP 1.2 documents and their Atom index. Drafts, alerts
 * awaiting approval and scheduled ones are not public.
 */
import { AppError } from '../../domain/errors.ts';
import { alertsInForce, findAlert, type AlertRow } from '../../db/repos/alerts.repo.ts';
import { findBoundary } from '../../db/repos/units.repo.ts';
import type { AppContext } from '../context.ts';
import { referenceData } from '../reference/reference-data.ts';

type PublicContext = Pick<AppContext, 'db' | 'clock' | 'config'>;

export interface PublicAlert {
  alert: AlertRow;
  issuerName: string;
  units: { code: string; name: string }[];
  /** The boundary of each audience unit (GeoJSON geometry), when known. */
  boundaries: unknown[];
  /** The alert it updates (CAP Update). */
  updates: AlertRow | undefined;
}

export async function publicAlert(ctx: PublicContext, code: string): Promise<PublicAlert> {
  const alert = await findAlert(ctx.db, { code });
  if (!alert || alert.sent_at === null) throw new AppError('NOT_FOUND');
  const ref = await referenceData(ctx);
  const units = alert.audience_units.map((c) => ({ code: c, name: ref.unit(alert.structure_version, c)?.fullName ?? c }));
  const boundaries = (await Promise.all(alert.audience_units.map((c) => findBoundary(ctx.db, alert.structure_version, c)))).flatMap((b) => (b ? [b.geometry] : []));
  const updates = alert.references_alert_id ? await findAlert(ctx.db, { id: alert.references_alert_id }) : undefined;
  return { alert, issuerName: ref.agency(alert.issuing_agency_id)?.name ?? '', units, boundaries, updates };
}

export async function publicAlertsInForce(ctx: PublicContext, limit = 200): Promise<{ alert: AlertRow; issuerName: string }[]> {
  const ref = await referenceData(ctx);
  return (await alertsInForce(ctx.db, ctx.clock.now(), limit)).map((alert) => ({ alert, issuerName: ref.agency(alert.issuing_agency_id)?.name ?? '' }));
}
