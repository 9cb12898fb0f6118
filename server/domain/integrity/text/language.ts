/**
 * Not written in Vietnamese. Diacritics are not the test: many citizens type without them
 * ("den duong hong"), and that is Vietnamese. The test is whether the words are Vietnamese syllables —
 * (initial consonant) vowel group (final consonant), with only Vietnamese letters and marks — or Vietnamese
 * abbreviations and teencode (data/integrity/text-vietnamese.json). English words mostly are not ("street",
 * "broken", "please"); the few short ones that are ("the", "to", "on") are listed as foreign words. Text in
 * another script (Chinese, Korean, Russian …) is not Vietnamese when that script dominates.
 */
import type { VietnameseList } from './lists.ts';
import { words } from './tokens.ts';

const INITIAL = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?';
// Vowel groups in plain form (ă, â → a; ê → e; ô, ơ → o; ư → u), longest first.
const VOWELS = [
  'oai', 'oay', 'oao', 'oeo', 'uay', 'uoi', 'uou', 'uya', 'uye', 'uyu', 'ieu', 'yeu', 'uai', 'uao', 'ueu',
  'ai', 'ao', 'au', 'ay', 'eo', 'eu', 'ia', 'ie', 'iu', 'oa', 'oe', 'oi', 'oo', 'ua', 'ue', 'ui', 'uo', 'uu', 'uy', 'ya', 'ye',
  'a', 'e', 'i', 'o', 'u', 'y',
].join('|');
const FINAL = '(?:ch|ng|nh|[cmnpt])?';
const SYLLABLE = new RegExp(`^${INITIAL}(?:${VOWELS})${FINAL}$`);
// After NFD: grave, acute, circumflex, tilde, breve, hook above, horn, dot below — the only marks Vietnamese uses.
const VIETNAMESE_MARKS = /[\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323]/g;
const OTHER_MARKS = /[\u0300-\u036f]/;
// Letters that only Vietnamese (among Latin-script languages a report could be in) writes: đ, ơ/ư (horn),
// ă (breve), and the hook above and dot below tone marks.
const VIETNAMESE_ONLY = /[đ\u031b\u0306\u0309\u0323]/;

/** Whether a word (as `words()` gives it) is a Vietnamese syllable. */
export function isVietnameseSyllable(w: { a: string; p: string }): boolean {
  const letters = w.a.replace(VIETNAMESE_MARKS, '');
  if (OTHER_MARKS.test(letters) || !/^[a-zđ]+$/.test(letters)) return false;
  return SYLLABLE.test(w.p);
}

export interface LanguageVerdict {
  /** 0–1: the share of words that are Vietnamese (Latin-script text), or 0 for another script */
  vietnameseShare: number;
  /** the dominant script when it is not Latin ("Han", "Hangul", …) */
  script: string | null;
  /** a few of the words that are not Vietnamese */
  foreignWords: string[];
  /** whether there is enough text to judge */
  judged: boolean;
}

const SCRIPTS = ['Han', 'Hangul', 'Hiragana', 'Katakana', 'Cyrillic', 'Thai', 'Arabic', 'Khmer', 'Lao', 'Greek', 'Hebrew', 'Devanagari'] as const;
const SCRIPT_RE = new Map(SCRIPTS.map((s) => [s, new RegExp(`\\p{Script=${s}}`, 'gu')]));
/** Fewer Latin words than this: too little text to say (e.g. a title "Rác"). */
const MIN_WORDS = 4;

const vocab = new WeakMap<VietnameseList, { vi: Set<string>; foreign: Set<string> }>();
function vocabulary(list: VietnameseList) {
  let v = vocab.get(list);
  if (!v) {
    v = { vi: new Set(list.words.flatMap((x) => words(x).map((w) => w.a))), foreign: new Set(list.foreignWords.flatMap((x) => words(x).map((w) => w.p))) };
    vocab.set(list, v);
  }
  return v;
}

export function judgeLanguage(text: string, list: VietnameseList): LanguageVerdict {
  const latinLetters = (text.match(/\p{Script=Latin}/gu) ?? []).length;
  let script: string | null = null;
  let scriptLetters = 0;
  for (const [name, re] of SCRIPT_RE) {
    const n = (text.match(re) ?? []).length;
    if (n > scriptLetters) [script, scriptLetters] = [name, n];
  }
  if (script !== null && scriptLetters >= 4 && scriptLetters > latinLetters / 2) {
    return { vietnameseShare: 0, script, foreignWords: [], judged: true };
  }
  const { vi, foreign } = vocabulary(list);
  const ws = words(text).filter((w) => /^\p{L}+$/u.test(w.p) && /\p{Script=Latin}/u.test(w.p));
  if (ws.length < MIN_WORDS) return { vietnameseShare: 1, script: null, foreignWords: [], judged: false };
  let vietnamese = 0;
  const others: string[] = [];
  for (const w of ws) {
    const isVi = vi.has(w.a) || (isVietnameseSyllable(w) && (VIETNAMESE_ONLY.test(w.a) || !foreign.has(w.p)));
    if (isVi) vietnamese++;
    else if (others.length < 8 && !others.includes(w.p)) others.push(w.p);
  }
  return { vietnameseShare: vietnamese / ws.length, script: null, foreignWords: others, judged: true };
}

/** Below this share of Vietnamese words a text is flagged. */
export const VIETNAMESE_SHARE_MIN = 0.5;

export function notVietnameseConfidence(v: LanguageVerdict): number {
  if (!v.judged || v.vietnameseShare >= VIETNAMESE_SHARE_MIN) return 0;
  if (v.script) return 0.95;
  return Math.min(0.95, 0.5 + (VIETNAMESE_SHARE_MIN - v.vietnameseShare));
}
