/**
 * Text checks of intake integrity (issue 5, item 8): precision and recall of each check on the labelled
 * evaluation set (test/fixtures/integrity-texts.json), on the whole set and on the texts held out while the
 * word lists were tuned, against the targets (advertising and complaint precision ≥ 0.9); then the time the
 * checks take per report — they run at submission, inside the one-second budget — against the time to
 * merely tokenise the same text (the same-run baseline).
 *
 *   node --import tsx bench/integrity/text-quality.bench.ts [--quick]
 */
import { readFileSync } from 'node:fs';
import { loadTextLists } from '../../server/app/integrity/text-lists.ts';
import { evaluateTextChecks, PRECISION_TARGETS, textFindings, tokenise, type LabelledText } from '../../server/domain/integrity/text/index.ts';
import { runWhenMain } from '../standalone.ts';

type Item = LabelledText & { split?: string };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function timings(items: readonly Item[], passes: number, op: (it: Item) => unknown): { p50: number; p99: number; perSecond: number } {
  const ms: number[] = [];
  const started = performance.now();
  for (let pass = 0; pass < passes; pass++) {
    for (const it of items) {
      const t0 = performance.now();
      op(it);
      ms.push(performance.now() - t0);
    }
  }
  const elapsed = performance.now() - started;
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), perSecond: (ms.length / elapsed) * 1000 };
}

export async function run(opts: { quick: boolean }): Promise<{ name: string; lines: string[] }> {
  const set = JSON.parse(readFileSync(new URL('../../test/fixtures/integrity-texts.json', import.meta.url), 'utf8')) as { items: Item[] };
  const lists = loadTextLists();
  const holdout = set.items.filter((i) => i.split === 'holdout');
  const all = evaluateTextChecks(set.items, lists);
  const held = new Map(evaluateTextChecks(holdout, lists).map((q) => [q.check, q]));

  const f = (x: number) => x.toFixed(2);
  const lines = [`${set.items.length} labelled texts (${holdout.length} held out while the lists were tuned)`, `check              precision  recall   (TP/FP/FN)   held out: precision  recall   target`];
  let met = true;
  for (const q of all) {
    const h = held.get(q.check)!;
    const target = PRECISION_TARGETS[q.check];
    const ok = target === undefined || q.precision >= target;
    met &&= ok;
    lines.push(
      `${q.check.padEnd(18)} ${f(q.precision).padStart(9)}  ${f(q.recall).padStart(6)}   (${q.truePositives}/${q.falsePositives}/${q.falseNegatives})`.padEnd(52) +
        `${f(h.precision).padStart(19)}  ${f(h.recall).padStart(6)}   ${target === undefined ? '—' : `precision ≥ ${target} ${ok ? 'met' : 'NOT MET'}`}`,
    );
    if (q.wronglyFlagged.length) lines.push(`  wrongly flagged: ${q.wronglyFlagged.join(', ')}`);
    if (q.missed.length) lines.push(`  missed: ${q.missed.join(', ')}`);
  }
  lines.push(`targets ${met ? 'met' : 'NOT MET'}`);

  const passes = opts.quick ? 5 : 50;
  timings(set.items, 2, (it) => textFindings(it, lists)); // warm-up
  const checks = timings(set.items, passes, (it) => textFindings(it, lists));
  const baseline = timings(set.items, passes, (it) => tokenise([it.title, it.description]));
  const ms = (x: number) => `${x.toFixed(3)} ms`;
  lines.push(
    `all text checks per report: p50 ${ms(checks.p50)}  p99 ${ms(checks.p99)}  (${Math.round(checks.perSecond).toLocaleString('en-US')} reports/s, one core)`,
    `baseline, tokenising only:   p50 ${ms(baseline.p50)}  p99 ${ms(baseline.p99)}  (${Math.round(baseline.perSecond).toLocaleString('en-US')} reports/s)`,
  );
  return { name: 'integrity: text checks — quality on the labelled set, time per report', lines };
}

await runWhenMain(import.meta.url, run);
