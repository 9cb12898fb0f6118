/**
 * Words of a report as the text checks compare them, built on the place-name keys of units/names.ts: each word
 * has an accent form (`accentKey`: marks kept, tone mark moved to the end of the syllable, so "hoà" = "hòa",
 * NFC = NFD, case ignored) and a plain form (`searchKey`: no marks, đ → d).
 *
 * A field (title or description) is "written with diacritics" when a fair share of its words carry marks.
 * In such a field a bare word means what it says ("ban" is "ban", not "bán"), so words are compared by their
 * accent form; in a field written without diacritics every word is compared by its plain form, except terms
 * marked `accentedTextOnly` (data/integrity/README.md), which are ordinary words once stripped ("ngu" → "ngủ").
 */
import { accentKey, searchKey } from '../../units/names.ts';

export interface Token {
  /** accent form ("hòa" → "hoa" + tone at the end, NFD) */
  a: string;
  /** plain form ("hoa") */
  p: string;
  /** the field it came from (0 = title, 1 = description) */
  field: number;
  /** whether its field is written with diacritics */
  accented: boolean;
}

/** Share of words with marks above which a field counts as written with diacritics (Vietnamese: ~70 %). */
const ACCENTED_SHARE = 0.2;

/** The words of one text, in order, with both forms. */
export function words(text: string): { a: string; p: string }[] {
  const a = accentKey(text);
  if (a === '') return [];
  // Both keys split the text into the same words and join them with single spaces (names.ts), so they align.
  const as = a.split(' ');
  const ps = searchKey(text).split(' ');
  return as.map((w, i) => ({ a: w, p: ps[i] ?? '' }));
}

function hasLetter(w: { p: string }): boolean {
  return /\p{L}/u.test(w.p);
}

/** Whether the words are mostly written with diacritics. */
export function writtenWithDiacritics(ws: readonly { a: string; p: string }[]): boolean {
  const letters = ws.filter(hasLetter);
  if (letters.length === 0) return false;
  const marked = letters.filter((w) => w.a !== w.p).length;
  return marked / letters.length >= ACCENTED_SHARE;
}

/** The tokens of several fields in one sequence; a phrase never spans two fields. */
export function tokenise(fields: readonly string[]): Token[] {
  const out: Token[] = [];
  fields.forEach((text, field) => {
    const ws = words(text);
    const accented = writtenWithDiacritics(ws);
    for (const w of ws) out.push({ a: w.a, p: w.p, field, accented });
  });
  return out;
}

/** A term of a word list, compiled: "khuyến mãi" → its words in both forms. */
export interface CompiledTerm {
  /** as written in the list (shown to the officer as evidence) */
  term: string;
  words: { a: string; p: string }[];
  accentedTextOnly: boolean;
}

export function compileTerm(term: string, accentedTextOnly = false): CompiledTerm {
  return { term, words: words(term), accentedTextOnly };
}

function wordMatches(t: Token, w: { a: string; p: string }, accentedTextOnly: boolean): boolean {
  if (accentedTextOnly) {
    // Only where diacritics tell words apart: in a field written with them, or on a word that carries them.
    return t.a === w.a && (t.accented || t.a !== t.p);
  }
  return t.a === w.a || (!t.accented && t.p === w.p);
}

export interface TermMatch {
  term: CompiledTerm;
  start: number;
  /** exclusive */
  end: number;
}

/**
 * Finds every occurrence of the terms as whole words ("đm" never matches inside "đmx"; "kiện" matches the word
 * "kiện", so list "khởi kiện" rather than "kiện" when "sự kiện" must not count).
 */
export class TermIndex {
  private readonly byFirst = new Map<string, CompiledTerm[]>();

  constructor(terms: readonly CompiledTerm[]) {
    for (const t of terms) {
      const first = t.words[0];
      if (!first) continue;
      const list = this.byFirst.get(first.p) ?? [];
      list.push(t);
      this.byFirst.set(first.p, list);
    }
  }

  find(tokens: readonly Token[]): TermMatch[] {
    const out: TermMatch[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const candidates = this.byFirst.get(tokens[i]!.p);
      if (!candidates) continue;
      for (const term of candidates) {
        const n = term.words.length;
        if (i + n > tokens.length) continue;
        let ok = true;
        for (let k = 0; k < n && ok; k++) {
          const t = tokens[i + k]!;
          ok = t.field === tokens[i]!.field && wordMatches(t, term.words[k]!, term.accentedTextOnly);
        }
        if (ok) out.push({ term, start: i, end: i + n });
      }
    }
    return out;
  }
}
