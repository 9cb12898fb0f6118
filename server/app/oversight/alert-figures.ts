/**
 * Reports on alert activity (R-18.3b) at the three levels (R-15 city, R-16 district, R-17 commune): for a period of
 * Vietnam civil months, the alerts sent — information and warnings, cancelled after sending, per CAP severity — and
 * for each the residents it reached, how many of them read it (percent of the reach, 1 decimal) and the web pushes
 * delivered; totalled, per level, per issuing agency and per month. What counts is said in alert-figures.repo.ts.
 *
 * Who sees it: the roles holding 'oversight.read' (as the summary: city-wide for the city overseer and the Center;
 * an agency-scoped holder, its own agencies' alerts). Counts only: no resident is named.
 */
import type { Actor } from '../../domain/access/index.ts';
import { ALERT_SEVERITIES, ISSUING_LEVELS, residentAudienceKeys, unitKey, type AlertSeverity, type IssuingLevel } from '../../domain/alerts/index.ts';
import { formatVietnamTime } from '../../domain/calendar/index.ts';
import { AppError } from '../../domain/errors.ts';
import type { Succession, UnitRef } from '../../domain/units/index.ts';
import { alertFigureRows, type AlertFigureRow } from '../../db/repos/alert-figures.repo.ts';
import { allSuccessions, listUnits } from '../../db/repos/units.repo.ts';
import type { AppContext } from '../context.ts';
import { monthBounds } from '../lateness/rules.ts';
import { referenceData, type ReferenceData } from '../reference/reference-data.ts';
import { oversightScope, percent, summaryPeriod } from './summary.ts';

export interface AlertFiguresQuery {
  from?: string | undefined;
  to?: string | undefined;
  agencyId?: string | undefined;
  level?: IssuingLevel | undefined;
}

export interface AlertActivity {
  sent: number;
  information: number;
  warning: number;
  /** Sent, then cancelled. */
  cancelled: number;
  /** Residents reached, summed over the alerts (a resident reached by two alerts counts twice). */
  reach: number;
  read: number;
  readPercent: number;
  pushed: number;
}

export interface AlertFigures {
  from: string;
  to: string;
  months: string[];
  period: { start: string; end: string };
  asOf: string;
  filters: { agencyId: string | null; level: IssuingLevel | null };
  totals: AlertActivity;
  byLevel: ({ level: IssuingLevel } & AlertActivity)[];
  byAgency: ({ agencyId: string; agencyName: string; level: IssuingLevel } & AlertActivity)[];
  byMonth: ({ month: string } & AlertActivity)[];
  bySeverity: { severity: AlertSeverity; sent: number }[];
}

function activity(rows: readonly AlertFigureRow[]): AlertActivity {
  const sum = (key: 'sent' | 'cancelled' | 'reach' | 'read' | 'pushed', of = rows) => of.reduce((n, r) => n + r[key], 0);
  const reach = sum('reach');
  const read = sum('read');
  return {
    sent: sum('sent'),
    information: sum('sent', rows.filter((r) => r.kind === 'information')),
    warning: sum('sent', rows.filter((r) => r.kind === 'warning')),
    cancelled: sum('cancelled'),
    reach,
    read,
    readPercent: percent(read, reach),
    pushed: sum('pushed'),
  };
}

/**
 * Every residence with its audience keys, by the inbox's rule (`residentAudienceKeys`, R-28.1). Each unit is given
 * the links of its own chain, as the inbox is (`successionsFrom`): the whole mapping for each of ~1,300 units
 * would cost a second and a half.
 */
async function residenceKeys(ctx: Pick<AppContext, 'db'>, ref: ReferenceData) {
  const versions = ref.structureVersions.map((v) => v.version);
  const unitOf = (v: string, c: string) => ref.unit(v, c);
  const linksFrom = new Map<string, Succession[]>();
  for (const l of await allSuccessions(ctx.db)) linksFrom.set(unitKey(l.from), [...(linksFrom.get(unitKey(l.from)) ?? []), l]);
  const chainOf = (start: UnitRef): Succession[] => {
    const chain: Succession[] = [];
    const seen = new Set([unitKey(start)]);
    const todo = [start];
    for (let u = todo.pop(); u; u = todo.pop())
      for (const l of linksFrom.get(unitKey(u)) ?? []) {
        chain.push(l);
        if (seen.has(unitKey(l.to))) continue;
        seen.add(unitKey(l.to));
        todo.push(l.to);
      }
    return chain;
  };
  return (await listUnits(ctx.db, {})).map((u) => ({ version: u.version, code: u.code, keys: residentAudienceKeys(u, versions, unitOf, chainOf(u)) }));
}

export async function alertFigures(ctx: AppContext, actor: Actor, q: AlertFiguresQuery): Promise<AlertFigures> {
  const scope = oversightScope(actor);
  if (q.agencyId !== undefined && scope !== 'all' && !scope.includes(q.agencyId)) throw new AppError('FORBIDDEN');
  const now = ctx.clock.now();
  const period = summaryPeriod(q, now);
  const months = period.months.map((month) => {
    const b = monthBounds(month);
    return { month, start: b.from, end: b.to };
  });
  const ref = await referenceData(ctx);
  const rows = await alertFigureRows(ctx.db, { months, agencies: scope, agencyId: q.agencyId, level: q.level, residences: await residenceKeys(ctx, ref) });

  const group = <K extends string>(keyOf: (r: AlertFigureRow) => K) => {
    const out = new Map<K, AlertFigureRow[]>();
    for (const r of rows) out.set(keyOf(r), [...(out.get(keyOf(r)) ?? []), r]);
    return out;
  };
  const byAgency = [...group((r) => r.agencyId)]
    .map(([agencyId, of]) => ({ agencyId, agencyName: ref.agency(agencyId)?.name ?? agencyId, level: of[0]!.level, ...activity(of) }))
    .sort((a, b) => ISSUING_LEVELS.indexOf(a.level) - ISSUING_LEVELS.indexOf(b.level) || b.sent - a.sent || a.agencyName.localeCompare(b.agencyName, 'vi'));
  const levels = q.level ? [q.level] : [...ISSUING_LEVELS];
  const byLevel = group((r) => r.level);
  const byMonth = group((r) => r.month);
  const bySeverity = group((r) => r.severity);

  return {
    from: period.from,
    to: period.to,
    months: period.months,
    period: { start: formatVietnamTime(period.start), end: formatVietnamTime(period.end) },
    asOf: formatVietnamTime(now),
    filters: { agencyId: q.agencyId ?? null, level: q.level ?? null },
    totals: activity(rows),
    byLevel: levels.map((level) => ({ level, ...activity(byLevel.get(level) ?? []) })),
    byAgency,
    byMonth: period.months.map((month) => ({ month, ...activity(byMonth.get(month) ?? []) })),
    bySeverity: ALERT_SEVERITIES.map((severity) => ({ severity, sent: activity(bySeverity.get(severity) ?? []).sent })),
  };
}
