/**
 * Ranking of unit-name matches: an exact name first, then names that start with the query, then names with a
 * word that starts with it, then any other substring. Within a tier a name that agrees with the diacritics the
 * user typed comes first ("Sơn Đồng" before "Sơn Đông" for the query "sơn đồng"), then the shorter name, then
 * alphabetical order. Matching ignores diacritics, tone-mark placement and Unicode form (names.ts).
 */
import { accentKey, hasDiacritics, searchKey } from './names.ts';

export type MatchKind = 'exact' | 'prefix' | 'substring';

export interface SearchCandidate {
  code: string;
  /** Short name, e.g. "Yên Hòa". */
  name: string;
  /** Full name with the unit type, e.g. "Phường Yên Hòa". */
  fullName: string;
}

export interface RankedMatch<T extends SearchCandidate> {
  unit: T;
  match: MatchKind;
}

const TIER_KIND: readonly MatchKind[] = ['exact', 'prefix', 'substring', 'substring'];

/** 0 exact, 1 prefix, 2 word start, 3 substring, null no match — over the short and the full name. */
function tier(key: string, names: readonly string[]): number | null {
  let best: number | null = null;
  for (const n of names) {
    const t = n === key ? 0 : n.startsWith(key) ? 1 : ` ${n}`.includes(` ${key}`) ? 2 : n.includes(key) ? 3 : null;
    if (t !== null && (best === null || t < best)) best = t;
  }
  return best;
}

export function rankMatches<T extends SearchCandidate>(query: string, candidates: readonly T[], limit: number): RankedMatch<T>[] {
  const key = searchKey(query);
  if (!key) return [];
  const accented = hasDiacritics(query) ? accentKey(query) : null;
  const collator = new Intl.Collator('vi');
  const scored: { unit: T; tier: number; accentMiss: number }[] = [];
  for (const unit of candidates) {
    const t = tier(key, [searchKey(unit.name), searchKey(unit.fullName)]);
    if (t === null) continue;
    const accentMiss = accented === null || [unit.name, unit.fullName].some((n) => accentKey(n).includes(accented)) ? 0 : 1;
    scored.push({ unit, tier: t, accentMiss });
  }
  scored.sort(
    (a, b) =>
      a.tier - b.tier ||
      a.accentMiss - b.accentMiss ||
      a.unit.name.length - b.unit.name.length ||
      collator.compare(a.unit.name, b.unit.name) ||
      a.unit.code.localeCompare(b.unit.code),
  );
  return scored.slice(0, limit).map((s) => ({ unit: s.unit, match: TIER_KIND[s.tier] ?? 'substring' }));
}
