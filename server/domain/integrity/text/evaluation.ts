/**
 * Measuring the text checks on a labelled set (test/fixtures/integrity-texts.json): precision and recall per
 * check, used by the benchmark and by the test that keeps the targets (issue 5: advertising and complaint
 * precision ≥ 0.9).
 */
import type { FindingCheck } from '../findings.ts';
import type { TextLists } from './lists.ts';
import { textFindings } from './text-findings.ts';

export interface LabelledText {
  id: string;
  labels: string[];
  title: string;
  description: string;
}

/** Which labels of the set a check should find. */
export const CHECK_LABELS: Partial<Record<FindingCheck, readonly string[]>> = {
  advertising: ['advertising'],
  abusive: ['abusive'],
  out_of_scope: ['complaint_or_denunciation', 'state_secret'],
  not_vietnamese: ['not_vietnamese'],
  urgent_suggested: ['urgent'],
};

/** The targets the issue sets (precision); checks without one are reported only. */
export const PRECISION_TARGETS: Partial<Record<FindingCheck, number>> = { advertising: 0.9, out_of_scope: 0.9 };

export interface CheckQuality {
  check: FindingCheck;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  /** ids of the texts wrongly flagged and wrongly missed */
  wronglyFlagged: string[];
  missed: string[];
}

export function evaluateTextChecks(items: readonly LabelledText[], lists: TextLists): CheckQuality[] {
  const flagged = items.map((it) => new Set(textFindings(it, lists).map((f) => f.check)));
  return (Object.entries(CHECK_LABELS) as [FindingCheck, readonly string[]][]).map(([check, labels]) => {
    const q: CheckQuality = { check, truePositives: 0, falsePositives: 0, falseNegatives: 0, precision: 1, recall: 1, wronglyFlagged: [], missed: [] };
    items.forEach((it, i) => {
      const expected = it.labels.some((l) => labels.includes(l));
      const got = flagged[i]!.has(check);
      if (expected && got) q.truePositives++;
      else if (got) {
        q.falsePositives++;
        q.wronglyFlagged.push(it.id);
      } else if (expected) {
        q.falseNegatives++;
        q.missed.push(it.id);
      }
    });
    const predicted = q.truePositives + q.falsePositives;
    const actual = q.truePositives + q.falseNegatives;
    q.precision = predicted === 0 ? 1 : q.truePositives / predicted;
    q.recall = actual === 0 ? 1 : q.truePositives / actual;
    return q;
  });
}
