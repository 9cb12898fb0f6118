// The duplicate-photo target of issue 5 on a small generated set (the bench measures it on a larger one).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PHOTO_HASH_ALGORITHM } from '../../server/adapters/media/perceptual-hash.ts';
import { SIMILAR_PHOTO_MAX_DISTANCE } from '../../server/app/integrity/similar-media.ts';
import { photoEvaluationSet } from '../../test/fixtures/photo-variants.ts';
import { hashSet, otherShotsFlagged, qualityAt, TARGET, unhashed } from './photo-quality.bench.ts';

test('R-6.2c duplicate photos: recall ≥ 0.95 at precision ≥ 0.99 on resize, re-encode and light crop at the platform’s distance', async () => {
  const set = await photoEvaluationSet({ originals: 12, unrelated: 12, seed: 500 });
  const hashed = await hashSet(set, PHOTO_HASH_ALGORITHM);
  assert.equal(unhashed(hashed), 0);
  const rows = qualityAt(hashed, SIMILAR_PHOTO_MAX_DISTANCE);
  const byKind = Object.fromEntries(rows.map((r) => [r.kind, r]));
  for (const kind of ['resize', 'reencode', 'crop', 'target kinds'] as const) {
    const q = byKind[kind];
    assert.ok(q, kind);
    assert.ok(q.recall >= TARGET.recall, `${kind} recall ${q.recall}`);
    assert.ok(q.precision >= TARGET.precision, `${kind} precision ${q.precision}`);
  }
  // Brightness changes are duplicates too; other photos of the same scene are not flagged.
  assert.ok((byKind.brightness?.recall ?? 0) >= TARGET.recall);
  assert.equal(otherShotsFlagged(hashed, SIMILAR_PHOTO_MAX_DISTANCE), 0);
});
