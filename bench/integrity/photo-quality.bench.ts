/**
 * Duplicate-photo quality (issue 5 item 8, R-6.2c): recall and precision of "near duplicate = perceptual hashes
 * within Hamming distance d" on the generated photo set of test/fixtures/photo-variants.ts.
 *
 * Protocol: the store holds every original and every unrelated photo; each variant is a query whose one true
 * match is its original. For a kind of variant, recall = share of its variants within d of their original;
 * precision = true matches / all stored photos within d of its variants. The other shots of the same scenes
 * (viewpoint moved 25–35 %) are hard negatives reported apart: they are different photos, but of the same place.
 *
 * Target (issue 5): recall ≥ 0.95 at precision ≥ 0.99 on resize, re-encode and light crop, at the distance the
 * platform uses (SIMILAR_PHOTO_MAX_DISTANCE). Both hash algorithms are measured over a sweep of d: the choice of
 * pHash and of d rests on these figures (ADR 0006).
 *
 *   node --import tsx bench/integrity/photo-quality.bench.ts [--quick]
 */
import { pathToFileURL } from 'node:url';
import { perceptualHash, type PerceptualHashAlgorithm, PHOTO_HASH_ALGORITHM, PHOTO_HASH_VIEWS } from '../../server/adapters/media/perceptual-hash.ts';
import { SIMILAR_PHOTO_MAX_DISTANCE } from '../../server/app/integrity/similar-media.ts';
import { hammingDistance } from '../../server/domain/integrity/similarity/index.ts';
import { photoEvaluationSet, VARIANT_KINDS, type PhotoEvaluationSet, type VariantKind } from '../../test/fixtures/photo-variants.ts';

export const TARGET_KINDS: readonly VariantKind[] = ['resize', 'reencode', 'crop'];
export const TARGET = { recall: 0.95, precision: 0.99 };

export interface KindQuality {
  kind: VariantKind | 'target kinds';
  queries: number;
  truePositives: number;
  falsePositives: number;
  recall: number;
  precision: number;
}

export interface HashedSet {
  /**
   * Stored photos: the hashes of every view (PHOTO_HASH_VIEWS), as uploads store them; null when the photo got
   * no hash (flat or undecodable) — it is not in the store. Queries (variants, other shots): the whole frame's
   * hash, as a new upload is looked up; null matches nothing.
   */
  originals: (string[] | null)[];
  unrelated: (string[] | null)[];
  variants: { kind: VariantKind; original: number; hash: string | null; note: string }[];
  otherShots: { original: number; hash: string | null }[];
}

export async function hashSet(set: PhotoEvaluationSet, algorithm: PerceptualHashAlgorithm): Promise<HashedSet> {
  const hashOf = async (p: { bytes: Buffer }) => {
    const h = await perceptualHash(p.bytes, { algorithm });
    return h.ok ? h.hash : null;
  };
  const viewsOf = async (p: { bytes: Buffer }) => {
    const h = await perceptualHash(p.bytes, { algorithm });
    return h.ok ? h.views : null;
  };
  return {
    originals: await Promise.all(set.originals.map(viewsOf)),
    unrelated: await Promise.all(set.unrelated.map(viewsOf)),
    variants: await Promise.all(set.variants.map(async (v) => ({ kind: v.kind, original: v.original, note: v.note, hash: await hashOf(v) }))),
    otherShots: await Promise.all(set.otherShots.map(async (o) => ({ original: o.original, hash: await hashOf(o) }))),
  };
}

/** Photos of the set without a hash. */
export function unhashed(h: HashedSet): number {
  return [...h.originals, ...h.unrelated, ...h.variants.map((v) => v.hash), ...h.otherShots.map((o) => o.hash)].filter((x) => x === null).length;
}

/** Recall and precision per kind (and for the target kinds together) at distance `d`. */
export function qualityAt(h: HashedSet, d: number, kinds: readonly VariantKind[] = VARIANT_KINDS): KindQuality[] {
  const store = [...h.originals.map((views, i) => ({ views, original: i })), ...h.unrelated.map((views) => ({ views, original: -1 }))].filter(
    (s): s is { views: string[]; original: number } => s.views !== null,
  );
  const row = (kind: KindQuality['kind'], q: number, tp: number, fp: number): KindQuality => ({
    kind,
    queries: q,
    truePositives: tp,
    falsePositives: fp,
    recall: q ? tp / q : NaN,
    precision: tp + fp ? tp / (tp + fp) : 1,
  });
  const rows = kinds.map((kind) => {
    let q = 0;
    let tp = 0;
    let fp = 0;
    for (const v of h.variants) {
      if (v.kind !== kind) continue;
      q++;
      if (v.hash === null) continue;
      for (const s of store) {
        if (distanceToViews(v.hash, s.views) > d) continue;
        if (s.original === v.original) tp++;
        else fp++;
      }
    }
    return row(kind, q, tp, fp);
  });
  const t = rows.filter((r) => TARGET_KINDS.includes(r.kind as VariantKind));
  rows.push(row('target kinds', sum(t.map((r) => r.queries)), sum(t.map((r) => r.truePositives)), sum(t.map((r) => r.falsePositives))));
  return rows;
}

/** Distance from a query hash to a stored photo: to the nearest of its views. */
export function distanceToViews(hash: string, views: readonly string[]): number {
  let best = 64;
  for (const v of views) best = Math.min(best, hammingDistance(hash, v));
  return best;
}

/** Share of other shots of the same scene (hard negatives) within d of their scene's original. */
export function otherShotsFlagged(h: HashedSet, d: number): number {
  const flagged = h.otherShots.filter((o) => {
    const original = h.originals[o.original];
    return o.hash !== null && original && distanceToViews(o.hash, original) <= d;
  }).length;
  return h.otherShots.length ? flagged / h.otherShots.length : 0;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const f3 = (x: number) => (Number.isNaN(x) ? '  —  ' : x.toFixed(3));

export async function run(opts: { quick: boolean }): Promise<{ name: string; lines: string[] }> {
  const originals = opts.quick ? 40 : 150;
  const unrelated = opts.quick ? 40 : 150;
  const started = performance.now();
  const set = await photoEvaluationSet({ originals, unrelated, seed: 1 });
  const lines: string[] = [
    `photo set: ${originals} originals × ${VARIANT_KINDS.length} variant kinds + ${unrelated} unrelated + ${originals} other shots (made in ${((performance.now() - started) / 1000).toFixed(0)} s)`,
    `store = originals + unrelated (${originals + unrelated}), each with its ${PHOTO_HASH_VIEWS.length} views; query = each variant, whole; precision over every stored photo within d`,
  ];
  const hashed = new Map<PerceptualHashAlgorithm, HashedSet>();
  for (const algorithm of ['phash', 'dhash'] as const) hashed.set(algorithm, await hashSet(set, algorithm));

  lines.push('', 'sweep — target kinds (resize, re-encode, light crop): recall / precision; other shots of the same scene flagged');
  lines.push('   d | pHash recall  prec   other | dHash recall  prec   other');
  for (const d of [2, 4, 6, 8, 10, 12, 14, 16]) {
    const cells = (['phash', 'dhash'] as const).map((a) => {
      const h = hashed.get(a) as HashedSet;
      const t = qualityAt(h, d).at(-1) as KindQuality;
      return `${f3(t.recall).padStart(12)} ${f3(t.precision)} ${f3(otherShotsFlagged(h, d))}`;
    });
    lines.push(`  ${String(d).padStart(2)} | ${cells.join(' | ')}`);
  }

  const d = SIMILAR_PHOTO_MAX_DISTANCE;
  const chosen = hashed.get(PHOTO_HASH_ALGORITHM) as HashedSet;
  lines.push('', `chosen: ${PHOTO_HASH_ALGORITHM}, near duplicate = distance ≤ ${d}`);
  lines.push('  kind            queries  recall  precision  (true / false matches)');
  for (const q of qualityAt(chosen, d)) {
    lines.push(`  ${q.kind.padEnd(14)} ${String(q.queries).padStart(8)}  ${f3(q.recall)}   ${f3(q.precision)}    (${q.truePositives} / ${q.falsePositives})`);
  }
  const t = qualityAt(chosen, d).at(-1) as KindQuality;
  const ok = t.recall >= TARGET.recall && t.precision >= TARGET.precision;
  lines.push(`  target (resize/re-encode/light crop): recall ≥ ${TARGET.recall} at precision ≥ ${TARGET.precision} → ${ok ? 'met' : 'NOT MET'}`);
  lines.push(`  other shots of the same scene within ${d}: ${f3(otherShotsFlagged(chosen, d))}; photos without a hash: ${unhashed(chosen)}`);
  const distances = (kind: VariantKind) =>
    chosen.variants
      .flatMap((v) => {
        const original = chosen.originals[v.original];
        return v.kind === kind && v.hash && original ? [distanceToViews(v.hash, original)] : [];
      })
      .sort((a, b) => a - b);
  let unrelatedMin = 64;
  for (const v of chosen.variants) {
    chosen.originals.forEach((o, i) => {
      if (v.hash && o && i !== v.original) unrelatedMin = Math.min(unrelatedMin, distanceToViews(v.hash, o));
    });
  }
  lines.push('  distance to own original, median / 95th pct / max: ' + VARIANT_KINDS.map((k) => {
    const ds = distances(k);
    return `${k} ${ds[Math.floor(ds.length / 2)]}/${ds[Math.floor(ds.length * 0.95)]}/${ds.at(-1)}`;
  }).join(', '));
  lines.push(`  smallest distance from a variant to another scene's original: ${unrelatedMin}`);
  return { name: 'Duplicate photos: perceptual hash quality (R-6.2c)', lines };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { name, lines } = await run({ quick: process.argv.includes('--quick') });
  console.log(`# ${name}`);
  for (const l of lines) console.log(l);
}
