import type { DeadlineStage } from '../calendar/index.ts';

/**
 * R-18.4 flags for reprimand, the decisions only (pure; the figures come from the database):
 * (1) a matter not resolved for good — the same matter reported again, rated "Chưa hài lòng" (not satisfied) 5
 *     times or more across its reports;
 * (2) an agency with more than 30 % of a month's reports late in receiving or processing (exactly 30 % is not
 *     flagged).
 *
 * Definitions (documented in docs/architecture.md, "Reprimand flags"):
 * - A matter is a group of reports linked, directly or through others, by the intake checks' findings that name
 *   another report as the same thing seen again (MATTER_LINK_CHECKS): the same or a near-identical photo or
 *   text, the same reporter's photo sent again, or a report of the same category being handled within 250 m.
 *   The groups are the connected components of those links (a link is undirected).
 * - A matter belongs to the month of its 5th not-satisfied rating (ratings ordered by when they were given):
 *   each matter is flagged once, in the month it crossed the threshold, and a past month's answer stays put as
 *   later ratings arrive (unless new links join matters).
 * - An agency's month: the reports with a receiving or processing deadline (LATENESS_GROUPS) owed by that agency
 *   and due in the month — the month its lateness becomes known, as in GET /api/v1/oversight/lateness. A report
 *   counts once per agency; it is late when any of those deadlines is late (stopped after its due instant, or
 *   still open past it), superseded deadlines (an extension) not counted.
 */

/** The thresholds of, as data. */
export const REPRIMAND_THRESHOLDS = {
  /** (1) "Chưa hài lòng" ratings across one matter's reports: this many or more. */
  unsatisfiedRatings: 5,
  /** (2) Late share of an agency's month: strictly more than numerator / denominator (30 %). */
  lateShare: { numerator: 3, denominator: 10 },
} as const;

/** The finding checks that link a report to an earlier report of the same matter (domain/integrity/findings.ts). */
export const MATTER_LINK_CHECKS = ['duplicate_media_exact', 'duplicate_media_near', 'own_media_again', 'duplicate_text', 'nearby_report'] as const;

/**
 * The deadline clocks of receiving (Art. 6–7: R-6.2d verify, R-7.2d receive) and processing (R-8.5 assign,
 * process; also ). The result stages (R-12.1 rework, R-12.3 approval, R-13 clarification answer)
 * are not part of the flag: the regulation's flag names receiving and processing only.
 */
export const LATENESS_GROUPS = {
  receiving: ['verify', 'receive'],
  processing: ['assign', 'process'],
} as const satisfies Record<string, readonly DeadlineStage[]>;
export type LatenessGroup = keyof typeof LATENESS_GROUPS;

/** R-18.4(2): late / reports > 30 %, in integers (3 of 10 is not flagged, 31 of 100 is); nothing due → no flag. */
export function lateAgencyFlagged(late: number, reports: number, t: { numerator: number; denominator: number } = REPRIMAND_THRESHOLDS.lateShare): boolean {
  return reports > 0 && late * t.denominator > reports * t.numerator;
}

/** R-18.4(1): enough not-satisfied ratings across a matter. */
export function matterFlagged(unsatisfied: number, threshold: number = REPRIMAND_THRESHOLDS.unsatisfiedRatings): boolean {
  return unsatisfied >= threshold;
}

/**
 * The instant a matter crossed the threshold: the time of its `threshold`-th not-satisfied rating (times in ms
 * since the epoch, any order), or null when it has fewer.
 */
export function thresholdReachedAt(unsatisfiedTimes: readonly number[], threshold: number = REPRIMAND_THRESHOLDS.unsatisfiedRatings): number | null {
  if (threshold < 1 || unsatisfiedTimes.length < threshold) return null;
  return [...unsatisfiedTimes].sort((a, b) => a - b)[threshold - 1] ?? null;
}

/**
 * The matters: connected components of the links (pairs of report ids, undirected) over `ids` and the reports
 * the links name. Each group sorted, groups in order of their first id; a report without links is its own group.
 */
export function matterGroups(ids: readonly string[], links: readonly (readonly [string, string])[]): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let y = x; y !== root; ) {
      const next = parent.get(y)!;
      parent.set(y, root);
      y = next;
    }
    return root;
  };
  const add = (x: string) => {
    if (!parent.has(x)) parent.set(x, x);
  };
  for (const id of ids) add(id);
  for (const [a, b] of links) {
    add(a);
    add(b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  const groups = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    const g = groups.get(root) ?? [];
    g.push(id);
    groups.set(root, g);
  }
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}
