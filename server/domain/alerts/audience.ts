/**
 * Who an alert reaches and the no-re-sending rule. Pure.
 *
 * An audience is a set of units of one structure version (the issuing unit's whole area, or some of its
 * communes). A resident is reached when their residence unit or one of its ancestors is in it — so the inbox is
 * computed from the alerts (a pull model) and publishing writes one row whatever the audience's size. Units are
 * named by keys `version/code`, because Hanoi's 2025 reform reused old codes for new units.
 */
import { estimatedJaccard, TEXT_MINHASH, textSignature } from '../integrity/similarity/index.ts';
import { successorsIn, type Succession } from '../units/succession.ts';
import type { Unit, UnitRef } from '../units/units.ts';
import { isHigherLevel, type IssuingLevel } from './alert.ts';

export const unitKey = (u: UnitRef) => `${u.version}/${u.code}`;

type UnitOf = (version: string, code: string) => Unit | undefined;

/** The unit and every ancestor of it, nearest first. */
export function selfAndAncestors(u: Unit, unitOf: UnitOf): Unit[] {
  const out: Unit[] = [];
  for (let at: Unit | undefined = u; at; at = at.parentCode ? unitOf(at.version, at.parentCode) : undefined) out.push(at);
  return out;
}

/**
 * The audience of an alert: the issuing agency's whole `area`, or the `requested` communes (codes in the area's
 * version), each of which must lie in the area. `outside` names the codes that are unknown or outside it.
 */
export function resolveAudience(area: readonly Unit[], requested: readonly string[] | null, unitOf: UnitOf): { ok: true; units: Unit[] } | { ok: false; outside: string[] } {
  if (!requested || requested.length === 0) return { ok: true, units: [...area] };
  const areaKeys = new Set(area.map(unitKey));
  const version = area[0]?.version;
  const units: Unit[] = [];
  const outside: string[] = [];
  for (const code of new Set(requested)) {
    const u = version === undefined ? undefined : unitOf(version, code);
    if (u && selfAndAncestors(u, unitOf).some((a) => areaKeys.has(unitKey(a)))) units.push(u);
    else outside.push(code);
  }
  return outside.length ? { ok: false, outside } : { ok: true, units };
}

/**
 * The keys an alert audience must share with a resident's for the alert to reach them: the residence unit and its
 * ancestors, in the residence's structure version and — through the merge mapping — in each later
 * version in `versions` (a 3-level residence is reached by alerts addressed to its 2-level successor).
 */
export function residentAudienceKeys(residence: UnitRef, versions: readonly string[], unitOf: UnitOf, successions: readonly Succession[]): string[] {
  const keys = new Set<string>();
  const add = (ref: UnitRef) => {
    const u = unitOf(ref.version, ref.code);
    if (u) for (const a of selfAndAncestors(u, unitOf)) keys.add(unitKey(a));
  };
  add(residence);
  for (const v of versions) if (v !== residence.version) for (const s of successorsIn(residence, v, successions)) add(s.unit);
  return [...keys];
}

/** Whether two audiences reach some resident in common: a unit of one lies in (or is) a unit of the other. */
export function audiencesOverlap(a: readonly Unit[], b: readonly Unit[], unitOf: UnitOf): boolean {
  const covers = (x: readonly Unit[], y: readonly Unit[]) => {
    const keys = new Set(x.map(unitKey));
    return y.some((u) => selfAndAncestors(u, unitOf).some((anc) => keys.has(unitKey(anc))));
  };
  return covers(a, b) || covers(b, a);
}

export interface EarlierAlert {
  id: string;
  code: string;
  level: IssuingLevel;
  title: string;
  body: string;
  audience: readonly Unit[];
  sentAt: Date;
  issuerName: string;
}

/**
 * the alert of a higher level, already sent to some of the same residents, whose content the
 * candidate repeats (estimated Jaccard similarity of title + body at least TEXT_MINHASH.threshold, the measure of
 * duplicate reports, ADR 0006) — the most similar; null when there is none. Texts too short to compare are
 * compared whole, after trimming and lower-casing.
 */
export function resentContent(
  candidate: { level: IssuingLevel; title: string; body: string; audience: readonly Unit[] },
  earlier: readonly EarlierAlert[],
  unitOf: UnitOf,
): { alert: EarlierAlert; similarity: number } | null {
  const mine = textSignature(candidate.title, candidate.body);
  const plain = (t: string, b: string) => `${t}\n${b}`.trim().toLowerCase().replace(/\s+/g, ' ');
  let best: { alert: EarlierAlert; similarity: number } | null = null;
  for (const e of earlier) {
    if (!isHigherLevel(e.level, candidate.level) || !audiencesOverlap(e.audience, candidate.audience, unitOf)) continue;
    const theirs = textSignature(e.title, e.body);
    const similarity = mine && theirs ? estimatedJaccard(mine.minhash, theirs.minhash) : plain(e.title, e.body) === plain(candidate.title, candidate.body) ? 1 : 0;
    if (similarity >= TEXT_MINHASH.threshold && (!best || similarity > best.similarity)) best = { alert: e, similarity };
  }
  return best;
}

/**
 * Every residence an audience reaches: the units of its structure version lying in (or being) an audience unit,
 * and the units of other versions whose successors are among them (the same rule as `residentAudienceKeys`,
 * read the other way — to find whom to push to).
 */
export function audienceResidences(audience: readonly Unit[], allUnits: readonly Unit[], successions: readonly Succession[], unitOf: UnitOf): UnitRef[] {
  const keys = new Set(audience.map(unitKey));
  const version = audience[0]?.version;
  const reached = allUnits.filter((u) => u.version === version && selfAndAncestors(u, unitOf).some((a) => keys.has(unitKey(a))));
  const reachedKeys = new Set(reached.map(unitKey));
  const former = version === undefined ? [] : allUnits.filter((u) => u.version !== version && successorsIn(u, version, successions).some((s) => reachedKeys.has(unitKey(s.unit))));
  return [...reached, ...former].map((u) => ({ version: u.version, code: u.code }));
}
