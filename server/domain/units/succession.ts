/**
 * The merge mapping between structure versions: each link says that an old unit went into a unit of
 * the next structure, with its scope:
 * - `full`: the whole old unit went into that unit;
 * - `partial`: only part of it did (the old unit was split);
 * - `code_kept`: the code lived on in the next list (possibly renamed, possibly enlarged by neighbours) — the
 *   579 → 526 step of 2025-01-01, for which the sources give no finer mapping.
 * Links chain: a 579-era commune goes 2024 → 2025-01 (same code) → 2025-07.
 */
import type { UnitRef } from './units.ts';

export const SUCCESSION_SCOPES = ['full', 'partial', 'code_kept'] as const;
export type SuccessionScope = (typeof SUCCESSION_SCOPES)[number];

export interface Succession {
  from: UnitRef;
  to: UnitRef;
  scope: SuccessionScope;
}

// Weaker scopes win along a chain (a split anywhere makes the whole path partial); the stronger path wins
// when two paths reach the same unit.
const STRENGTH: Record<SuccessionScope, number> = { full: 2, code_kept: 1, partial: 0 };

const key = (r: UnitRef) => `${r.version}\u0000${r.code}`;

/**
 * The units of `targetVersion` that `start` went into, with the scope along the way, following `links` (which
 * may hold more than the chain of `start`). Empty when the mapping is unknown (e.g. the 53 communes abolished
 * on 2025-01-01, for which no source gives a successor).
 */
export function successorsIn(start: UnitRef, targetVersion: string, links: readonly Succession[]): { unit: UnitRef; scope: SuccessionScope }[] {
  const next = new Map<string, Succession[]>();
  for (const l of links) next.set(key(l.from), [...(next.get(key(l.from)) ?? []), l]);
  const found = new Map<string, { unit: UnitRef; scope: SuccessionScope }>();
  const visited = new Set<string>();
  const walk = (at: UnitRef, scope: SuccessionScope) => {
    const k = `${key(at)}\u0000${scope}`;
    if (visited.has(k)) return;
    visited.add(k);
    for (const l of next.get(key(at)) ?? []) {
      const s = STRENGTH[l.scope] < STRENGTH[scope] ? l.scope : scope;
      if (l.to.version === targetVersion) {
        const prev = found.get(key(l.to));
        if (!prev || STRENGTH[s] > STRENGTH[prev.scope]) found.set(key(l.to), { unit: l.to, scope: s });
      } else walk(l.to, s);
    }
  };
  if (start.version !== targetVersion) walk(start, 'full');
  return [...found.values()].sort((a, b) => a.unit.code.localeCompare(b.unit.code));
}

/**
 * Whether an address in an old unit can be routed to a new unit without asking: exactly one successor, not a
 * split. Otherwise a point-in-polygon test or the citizen's choice is needed.
 */
export function successionIsCertain(successors: readonly { scope: SuccessionScope }[]): boolean {
  return successors.length === 1 && successors[0]!.scope !== 'partial';
}
