import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadTextLists } from '../../../app/integrity/text-lists.ts';
import { CHECK_LABELS, evaluateTextChecks, PRECISION_TARGETS, type LabelledText } from './evaluation.ts';

const set = JSON.parse(readFileSync(new URL('../../../../test/fixtures/integrity-texts.json', import.meta.url), 'utf8')) as {
  labels: Record<string, string>;
  items: (LabelledText & { split: string })[];
};

test('R-6.2e R-1.3 issue 5 the evaluation set has at least 300 labelled texts, each with known labels and a unique id', () => {
  assert.ok(set.items.length >= 300, `${set.items.length}`);
  assert.equal(new Set(set.items.map((i) => i.id)).size, set.items.length);
  const known = new Set(Object.keys(set.labels));
  for (const l of Object.values(CHECK_LABELS).flat()) assert.ok(known.has(l!), l);
  for (const i of set.items) {
    assert.ok(i.labels.length > 0 && i.labels.every((l) => known.has(l)), i.id);
    assert.ok(!i.labels.includes('normal') || i.labels.length === 1, `${i.id}: normal excludes the other labels`);
    assert.ok(['tuning', 'holdout'].includes(i.split), i.id);
    assert.ok(i.title.trim() && i.description.trim(), i.id);
  }
  for (const label of ['advertising', 'abusive', 'complaint_or_denunciation', 'urgent', 'normal']) {
    assert.ok(set.items.filter((i) => i.labels.includes(label)).length >= 30, label);
  }
});

test('R-6.2e R-1.3 advertising and complaint precision stay ≥ 0.9 on the evaluation set, and no check falls apart', () => {
  const quality = evaluateTextChecks(set.items, loadTextLists());
  for (const q of quality) {
    const target = PRECISION_TARGETS[q.check] ?? 0.85;
    assert.ok(q.precision >= target, `${q.check} precision ${q.precision.toFixed(3)} < ${target}; wrongly flagged: ${q.wronglyFlagged.join(', ')}`);
    assert.ok(q.recall >= 0.8, `${q.check} recall ${q.recall.toFixed(3)} < 0.8; missed: ${q.missed.join(', ')}`);
  }
});
