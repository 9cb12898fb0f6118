/**
 * Scoring a text against a cue list (lists.ts): the additive model every text check shares.
 */
import type { CueList, Term } from './lists.ts';
import { compileTerm, TermIndex, type CompiledTerm, type TermMatch, type Token } from './tokens.ts';

/** A finding is produced from this confidence on. */
export const FLAG_AT = 0.5;

export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Confidence rounded for storage and display (two decimals, never exactly 0 or 1 for a word-list check). */
export function roundConfidence(c: number): number {
  return Math.min(0.99, Math.max(0.01, Math.round(c * 100) / 100));
}

function compile(terms: readonly Term[]): CompiledTerm[] {
  return terms.map((t) => (typeof t === 'string' ? compileTerm(t) : compileTerm(t.term, t.accentedTextOnly ?? false)));
}

export interface CompiledCues {
  bias: number;
  groups: { name: string; weight: number; max: number; index: TermIndex }[];
  except: TermIndex | null;
  dampen: { window: number; factor: number; index: TermIndex } | null;
}

const compiled = new WeakMap<CueList, CompiledCues>();

/** Compiled once per list object (the lists are loaded once and never mutated). */
export function compileCues(list: CueList): CompiledCues {
  let c = compiled.get(list);
  if (!c) {
    c = {
      bias: list.bias,
      groups: list.groups.map((g) => ({ name: g.name, weight: g.weight, max: g.max ?? 1, index: new TermIndex(compile(g.terms)) })),
      except: list.except?.length ? new TermIndex(compile(list.except)) : null,
      dampen: list.dampen ? { window: list.dampen.window, factor: list.dampen.factor, index: new TermIndex(compile(list.dampen.terms)) } : null,
    };
    compiled.set(list, c);
  }
  return c;
}

export interface GroupHit {
  group: string;
  /** the terms as listed, in the order found */
  terms: string[];
  /** terms found right after a dampening word ("nguy cơ", "không") */
  dampened: string[];
  contribution: number;
}

export interface CueScore {
  /** bias + contributions (+ extra signals added by the caller) */
  logit: number;
  hits: GroupHit[];
}

/** Scores the tokens: each group counts its different terms (dampened ones for `factor`), up to `max`. */
export function scoreCues(cues: CompiledCues, tokens: readonly Token[]): CueScore {
  const masked = new Uint8Array(tokens.length);
  if (cues.except) for (const m of cues.except.find(tokens)) masked.fill(1, m.start, m.end);
  const dampenEnds: TermMatch[] = cues.dampen ? cues.dampen.index.find(tokens) : [];
  const isDampened = (m: TermMatch): boolean =>
    cues.dampen !== null &&
    dampenEnds.some((d) => d.end <= m.start && m.start - d.end < cues.dampen!.window && tokens[d.start]!.field === tokens[m.start]!.field);

  let logit = cues.bias;
  const hits: GroupHit[] = [];
  // A stretch of words counts once: "mất nắp" and its listed variant "mat nap" both match "mat nap" in a text
  // without diacritics; "ngu" inside "đồ ngu". Groups are taken in their listed order, the longest match first.
  const taken = new Uint8Array(tokens.length);
  for (const g of cues.groups) {
    const full = new Set<string>();
    const weak = new Set<string>();
    const matches = g.index.find(tokens).sort((x, y) => x.start - y.start || y.end - x.end);
    for (const m of matches) {
      const span = (arr: Uint8Array) => arr.subarray(m.start, m.end).some((x) => x === 1);
      if (span(masked) || span(taken)) continue;
      taken.fill(1, m.start, m.end);
      (isDampened(m) ? weak : full).add(m.term.term);
    }
    for (const t of full) weak.delete(t);
    if (full.size === 0 && weak.size === 0) continue;
    // The strongest evidence first: full terms, then dampened ones, within the group's cap.
    const counted = [...[...full].map(() => 1), ...[...weak].map(() => cues.dampen?.factor ?? 1)].slice(0, g.max);
    const contribution = g.weight * counted.reduce((s, x) => s + x, 0);
    logit += contribution;
    hits.push({ group: g.name, terms: [...full], dampened: [...weak], contribution });
  }
  return { logit, hits };
}

/** Every term found in the hits that counted positively, for the evidence. */
export function positiveTerms(score: CueScore): string[] {
  return score.hits.filter((h) => h.contribution > 0).flatMap((h) => h.terms);
}
